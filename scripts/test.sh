#!/usr/bin/env bash
# Everything `make test` runs: C++ unit and API tests under ASan+UBSan on SQLite and on a
# throw-away PostgreSQL 15 cluster, then the browser tests (Playwright on Debian's
# chromium) against the real server. Prints counts per suite; exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
export CCACHE_DIR="${CCACHE_DIR:-$root/.ccache}"
jobs=$(nproc)

step() { printf '\n==> %s\n' "$*"; }
declare -a summary=()
failed=0

step "build (preset asan)"
cmake --preset asan >/dev/null || exit 1
cmake --build --preset asan -j "$jobs" || exit 1

step "web app build"
(cd web && npm run --silent build) || exit 1

pg_dir=$(mktemp -d /tmp/jiguan-pg-XXXXXX)
cleanup() { scripts/pg-test-cluster.sh stop "$pg_dir" >/dev/null 2>&1 || rm -rf "$pg_dir"; }
trap cleanup EXIT
pg_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
step "PostgreSQL test cluster on 127.0.0.1:$pg_port"
JIGUAN_TEST_PG=$(scripts/pg-test-cluster.sh start "$pg_dir" "$pg_port" | tail -n 1) || exit 1
export JIGUAN_TEST_PG

run_ctest() {  # label
  local label=$1 log
  log=$(mktemp)
  step "C++ tests on $label"
  (cd build/asan && ctest -L "^$label\$" -j "$jobs" --output-on-failure --timeout 180) 2>&1 | tee "$log" | grep -vE '^ +(Start|[0-9]+/[0-9]+ Test)' 
  local line total fails
  line=$(grep -E 'tests passed, [0-9]+ tests failed out of' "$log" | tail -n 1)
  total=$(sed -E 's/.*out of ([0-9]+).*/\1/' <<<"$line")
  fails=$(sed -E 's/.* ([0-9]+) tests failed.*/\1/' <<<"$line")
  if [ -z "$line" ]; then total=0; fails=1; fi
  summary+=("$(printf '%-22s %4d passed, %d failed' "C++ ($label)" $((total - fails)) "$fails")")
  [ "$fails" = 0 ] || failed=1
  rm -f "$log"
}
run_ctest sqlite
run_ctest postgresql

step "browser tests (Playwright, chromium)"
log=$(mktemp)
(cd web && JIGUAN_BIN="$root/build/asan/jiguan" npx playwright test) 2>&1 | tee "$log"
e2e_passed=$(grep -oE '[0-9]+ passed' "$log" | tail -n 1 | grep -oE '[0-9]+' || echo 0)
e2e_failed=$(grep -oE '[0-9]+ failed' "$log" | tail -n 1 | grep -oE '[0-9]+' || echo 0)
[ -n "$e2e_failed" ] || e2e_failed=0
if [ "${PIPESTATUS[0]:-0}" != 0 ] || [ "$e2e_passed" = 0 ]; then failed=1; [ "$e2e_failed" = 0 ] && e2e_failed=1; fi
summary+=("$(printf '%-22s %4d passed, %d failed' "browser (chromium)" "$e2e_passed" "$e2e_failed")")
rm -f "$log"

step "summary"
passed_total=0; failed_total=0
for line in "${summary[@]}"; do
  echo "  $line"
  p=$(grep -oE '[0-9]+ passed' <<<"$line" | grep -oE '[0-9]+'); f=$(grep -oE '[0-9]+ failed' <<<"$line" | grep -oE '[0-9]+')
  passed_total=$((passed_total + p)); failed_total=$((failed_total + f))
done
echo "total: $passed_total passed, $failed_total failed"
exit $failed
