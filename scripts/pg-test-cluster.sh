#!/usr/bin/env bash
# A throw-away PostgreSQL 15 cluster for tests: trust auth, no fsync, listening on
# 127.0.0.1 only, everything (data, socket, log) inside DIR.
#   pg-test-cluster.sh start DIR PORT   prints postgresql://postgres@127.0.0.1:PORT/postgres
#                                       (only that, on stdout); a running cluster is reused
#   pg-test-cluster.sh stop DIR         stops it and removes DIR
set -euo pipefail

bin=/usr/lib/postgresql/15/bin
usage() { echo "usage: $0 start DIR PORT | stop DIR" >&2; exit 2; }

# initdb refuses to run as root: the cluster belongs to the postgres user then.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

running() { [ -f "$1/data/PG_VERSION" ] && as_owner "$bin/pg_ctl" -D "$1/data" status >/dev/null 2>&1; }

start() {
  local dir=$1 port=$2
  local url="postgresql://postgres@127.0.0.1:$port/postgres"
  if running "$dir"; then echo "$url"; return; fi
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  if [ "$(id -u)" -eq 0 ]; then chown postgres: "$dir"; fi
  if ! as_owner test -w "$dir"; then
    echo "pg-test-cluster: $dir is not reachable by the cluster's user; use a directory under /tmp" >&2
    exit 1
  fi
  if [ ! -f "$dir/data/PG_VERSION" ]; then
    as_owner "$bin/initdb" -D "$dir/data" --auth=trust -E UTF8 --locale=C.UTF-8 -U postgres >"$dir/initdb.log" 2>&1 ||
      { cat "$dir/initdb.log" >&2; exit 1; }
  fi
  as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    start >/dev/null ||
    { tail -n 20 "$dir/server.log" >&2; exit 1; }
  echo "$url"
}

stop() {
  local dir=$1
  [ -e "$dir" ] || return 0
  # Refuse to delete anything that is not a cluster made by this script.
  if [ ! -f "$dir/data/PG_VERSION" ]; then
    echo "pg-test-cluster: $dir holds no cluster (no data/PG_VERSION); not removing it" >&2
    exit 1
  fi
  if running "$dir"; then as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null; fi
  rm -rf "$dir"
}

case "${1:-}" in
  start) [ $# -eq 3 ] || usage; start "$2" "$3" ;;
  stop) [ $# -eq 2 ] || usage; stop "$2" ;;
  *) usage ;;
esac
