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
source bench/lib.sh
bin=${JIGUAN_BIN:-build/release/jiguan}
duration=${BENCH_DURATION:-10s}
connections=${BENCH_CONNECTIONS:-64}
port=$(free_port)
work=$(mktemp -d /tmp/jiguan-bench-XXXXXX)
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null; rm -rf "$work"' EXIT

start_server "$work/bench.db" "$work/server.log"
cookie=$(sign_in admin)

curl -fs -H "Cookie: $cookie" "http://127.0.0.1:$port/api/v1/units" >/dev/null  # warm the statement caches
healthz=$(run GET /healthz)
rows=("$healthz")
meeting_paths=("/api/v1/meetings/rooms/available?from=2026-06-10T01:00:00Z&to=2026-06-10T03:00:00Z&attendees=20"
  "/api/v1/meetings/timeline?date=2026-06-08&days=7")
for path in /api/v1/units "/api/v1/vehicles?page_size=20" "/api/v1/vehicles/stats?campaign=1" "${meeting_paths[@]}"; do
  curl -fs -H "Cookie: $cookie" "http://127.0.0.1:$port$path" >/dev/null || { echo "bench: $path failed" >&2; exit 1; }
  rows+=("$(run GET "$path" "Cookie: $cookie")")
done
# The time one request takes, without queueing: one connection, one request at a time.
single=("$(WRK_SHAPE="-t1 -c1 -d5s" run GET /healthz)")
for path in "${meeting_paths[@]}"; do
  single+=("$(WRK_SHAPE="-t1 -c1 -d5s" run GET "$path" "Cookie: $cookie")")
done

machine_line
echo
table "${rows[@]}"
echo
echo "target: every API ratio ≥ 0.50, p99 < 10 ms"
echo
echo "One connection (wrk -t1 -c1 -d5s): the time a request takes"
echo
latency_table "${single[@]}"
echo
echo "target (meetings): p50 and p99 under 5 ms"
