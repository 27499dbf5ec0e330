#!/usr/bin/env bash
# HTTP throughput and latency of the release build on loopback, with wrk (64 connections,
# 2 threads): GET /healthz (the baseline, measured in the same run) and authenticated
# reads (session cookie → session lookup + SQLite): the units list, a page of the vehicle
# registry (20 vehicles, each checked against the standards), the reform's statistics
# (aggregates over the demo's 507 vehicles, 6 batches), and the meetings' free rooms for a
# 2-hour slot and a week's timeline (over the demo's year of bookings in 20 rooms). Prints a
# Markdown table and each endpoint's throughput as a ratio of the baseline.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${JIGUAN_BIN:-build/release/jiguan}
duration=${BENCH_DURATION:-10s}
connections=${BENCH_CONNECTIONS:-64}
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
work=$(mktemp -d /tmp/jiguan-bench-XXXXXX)
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null; rm -rf "$work"' EXIT

"$bin" serve --listen "127.0.0.1:$port" --workers "${BENCH_WORKERS:-4}" --db "sqlite:$work/bench.db" --static-dir web/dist --demo-data --quiet \
  >"$work/server.log" 2>&1 &
server=$!
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
cookie=$(curl -fs -D - -o /dev/null -H 'Content-Type: application/json' \
  -H 'X-Requested-With: jiguan' -d '{"username":"admin","password":"Jiguan@2016"}' "http://127.0.0.1:$port/api/v1/auth/login" |
  sed -nE 's/^[Ss]et-[Cc]ookie: (jiguan_session=[^;]+).*/\1/p')
[ -n "$cookie" ] || { echo "bench: login failed" >&2; exit 1; }

run() {  # name path [header]; WRK_SHAPE overrides "-t2 -c<connections> -d<duration>"
  local name=$1 path=$2 header=${3:-}
  local shape=${WRK_SHAPE:-"-t2 -c$connections -d$duration"}
  local out
  if [ -n "$header" ]; then
    out=$(wrk $shape --latency -H "$header" "http://127.0.0.1:$port$path")
  else
    out=$(wrk $shape --latency "http://127.0.0.1:$port$path")
  fi
  local rps p50 p99 non2xx
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  non2xx=$(awk '/Non-2xx/ {print $5}' <<<"$out")
  echo "$name|$path|$rps|$p50|$p99|${non2xx:-0}"
}

curl -fs -H "Cookie: $cookie" "http://127.0.0.1:$port/api/v1/units" >/dev/null  # warm the statement caches
healthz=$(run healthz /healthz)
rows=("$healthz")
meeting_paths=("/api/v1/meetings/rooms/available?from=2026-06-10T01:00:00Z&to=2026-06-10T03:00:00Z&attendees=20"
  "/api/v1/meetings/timeline?date=2026-06-08&days=7")
for path in /api/v1/units "/api/v1/vehicles?page_size=20" "/api/v1/vehicles/stats?campaign=1" "${meeting_paths[@]}"; do
  curl -fs -H "Cookie: $cookie" "http://127.0.0.1:$port$path" >/dev/null || { echo "bench: $path failed" >&2; exit 1; }
  rows+=("$(run api "$path" "Cookie: $cookie")")
done
# The time one request takes, without queueing: one connection, one request at a time.
single=("$(WRK_SHAPE="-t1 -c1 -d5s" run healthz /healthz)")
for path in "${meeting_paths[@]}"; do
  single+=("$(WRK_SHAPE="-t1 -c1 -d5s" run api "$path" "Cookie: $cookie")")
done

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -r); $(wrk --version 2>&1 | head -n1 | cut -d' ' -f1-2); duration $duration, $connections connections"
echo
h=$(cut -d'|' -f3 <<<"$healthz")
echo "| endpoint | requests/s | ratio to /healthz | p50 | p99 | non-2xx |"
echo "|---|---:|---:|---:|---:|---:|"
for row in "${rows[@]}"; do
  IFS='|' read -r name path rps p50 p99 non2xx <<<"$row"
  echo "| \`GET $path\` | $rps | $(awk -v u="$rps" -v h="$h" 'BEGIN {printf "%.2f", u/h}') | $p50 | $p99 | $non2xx |"
done
echo
echo "target: every API ratio ≥ 0.50, p99 < 10 ms"
echo
echo "One connection (wrk -t1 -c1 -d5s): the time a request takes"
echo
echo "| endpoint | requests/s | p50 | p99 |"
echo "|---|---:|---:|---:|"
for row in "${single[@]}"; do
  IFS='|' read -r name path rps p50 p99 non2xx <<<"$row"
  echo "| \`GET $path\` | $rps | $p50 | $p99 |"
done
echo
echo "target (meetings): p50 and p99 under 5 ms"
