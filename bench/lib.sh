# Shared by the benchmark scripts (sourced): a free loopback port, starting the release
# server on a throw-away SQLite database and waiting for it, signing in, and one wrk run
# as a table row.

# demo_database NAME: a throw-away directory $work (removed on exit, with the server
# stopped) and in it the demo tenant's SQLite file $db, for a bench to add its rows to.
demo_database() {
  work=$(mktemp -d "/tmp/jiguan-bench-$1-XXXXXX")
  server=
  trap '[ -n "$server" ] && kill "$server" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT
  db="$work/$1.db"
  "$bin" demo-data --db "sqlite:$db" >/dev/null
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# start_server DB_FILE LOG: serves the demo tenant on $port; sets $server (the pid).
start_server() {
  "$bin" serve --listen "127.0.0.1:$port" --workers "${BENCH_WORKERS:-4}" --db "sqlite:$1" --static-dir web/dist --demo-data --quiet \
    >"$2" 2>&1 &
  server=$!
  for _ in $(seq 1 300); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && return 0; sleep 0.1; done
  echo "bench: the server did not start" >&2
  exit 1
}

# sign_in USERNAME: prints the session cookie of the demo account.
sign_in() {
  local cookie
  cookie=$(curl -fs -D - -o /dev/null -H 'Content-Type: application/json' -H 'X-Requested-With: jiguan' \
    -d "{\"username\":\"$1\",\"password\":\"Jiguan@2016\"}" "http://127.0.0.1:$port/api/v1/auth/login" |
    sed -nE 's/^[Ss]et-[Cc]ookie: (jiguan_session=[^;]+).*/\1/p')
  [ -n "$cookie" ] || { echo "bench: login as $1 failed" >&2; exit 1; }
  echo "$cookie"
}

# run NAME PATH [HEADER [WRK ARGS…]]: one wrk run as "name|path|req/s|p50|p99|non-2xx".
# WRK_SHAPE overrides "-t2 -c<connections> -d<duration>".
run() {
  local name=$1 path=$2 header=${3:-}
  shift $(($# < 3 ? $# : 3))
  local shape=${WRK_SHAPE:-"-t2 -c$connections -d$duration"}
  local out
  if [ -n "$header" ]; then
    out=$(wrk $shape --latency -H "$header" "$@" "http://127.0.0.1:$port$path")
  else
    out=$(wrk $shape --latency "$@" "http://127.0.0.1:$port$path")
  fi
  local rps p50 p99 non2xx
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  non2xx=$(awk '/Non-2xx/ {print $5}' <<<"$out")
  echo "$name|$path|$rps|$p50|$p99|${non2xx:-0}"
}

machine_line() {
  echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -r); $(wrk --version 2>&1 | head -n1 | cut -d' ' -f1-2); duration $duration, $connections connections"
}

# table BASELINE_ROW ROW…: a Markdown table of the rows with each one's ratio to the baseline.
table() {
  local h
  h=$(cut -d'|' -f3 <<<"$1")
  echo "| endpoint | requests/s | ratio to /healthz | p50 | p99 | non-2xx |"
  echo "|---|---:|---:|---:|---:|---:|"
  local row name path rps p50 p99 non2xx
  for row in "$@"; do
    IFS='|' read -r name path rps p50 p99 non2xx <<<"$row"
    echo "| \`$name $path\` | $rps | $(awk -v u="$rps" -v h="$h" 'BEGIN {printf "%.2f", u/h}') | $p50 | $p99 | $non2xx |"
  done
}

# latency_table ROW…: requests/s, p50 and p99 of each row (runs without a baseline ratio).
latency_table() {
  echo "| endpoint | requests/s | p50 | p99 |"
  echo "|---|---:|---:|---:|"
  local row name path rps p50 p99 non2xx
  for row in "$@"; do
    IFS='|' read -r name path rps p50 p99 non2xx <<<"$row"
    echo "| \`$name $path\` | $rps | $p50 | $p99 |"
  done
}
