#!/usr/bin/env bash
# The mail room at scale (issue 6): registering one item through the API, and finding an
# item by tracking number among 1,000,000 (SQLite, release build, loopback, wrk).
# The demo tenant is loaded, then 1,000,000 delivered registered letters over ten years are
# added straight into the database file (BM000000001CN … BM001000000CN), then:
#   - GET /healthz, the baseline, in the same run;
#   - GET /api/v1/mail/lookup?code=<random tracking number> (what a scanner does);
#   - GET /api/v1/mail/items?tracking_no=<random> (the ledger's exact search: count + page);
#   - POST /api/v1/mail/items registering a new letter (one writer: SQLite's single write
#     connection), at 1 connection and at 8.
# Prints Markdown tables; target: lookups p99 under 5 ms.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
bin=${JIGUAN_BIN:-build/release/jiguan}
duration=${BENCH_DURATION:-10s}
connections=${BENCH_CONNECTIONS:-64}
items=${BENCH_MAIL_ITEMS:-1000000}
port=$(free_port)
demo_database mail
started=$(date +%s.%N)
sqlite3 "$db" >/dev/null <<SQL
PRAGMA journal_mode = WAL;
CREATE TEMP TABLE bench_units AS
  SELECT ROW_NUMBER() OVER (ORDER BY u.id) - 1 AS k, u.tenant_id, u.id
  FROM units u JOIN tenants t ON t.id = u.tenant_id WHERE t.code = 'luozhuang';
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $items)
INSERT INTO mail_items (tenant_id, kind, direction, tracking_no, item_count, sender, addressee_unit_id, received_at,
                        received_on, status, closed_at, closed_on, receiver_name, signature_method, created_at, updated_at)
SELECT u.tenant_id, 'registered', 'in', printf('BM%09dCN', i), 1, '临沂市财政局', u.id,
       date('2016-01-01', '+' || (i % 3650) || ' days') || 'T01:00:00Z', date('2016-01-01', '+' || (i % 3650) || ' days'),
       'delivered', date('2016-01-01', '+' || (i % 3650) || ' days') || 'T06:00:00Z',
       date('2016-01-01', '+' || (i % 3650) || ' days'), '收件人', 'pin', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'
FROM n JOIN bench_units u ON u.k = i % (SELECT COUNT(*) FROM bench_units);
COMMIT;
ANALYZE;
SQL
generated=$(awk -v s="$started" -v e="$(date +%s.%N)" 'BEGIN {printf "%.1f", e - s}')
total=$(sqlite3 "$db" "SELECT COUNT(*) FROM mail_items")
unit=$(sqlite3 "$db" "SELECT u.id FROM units u JOIN tenants t ON t.id = u.tenant_id WHERE t.code = 'luozhuang' ORDER BY u.id LIMIT 1 OFFSET 5")

start_server "$db" "$work/server.log"
cookie=$(sign_in shoufa)
lookup="/api/v1/mail/lookup?code=BM%09dCN"
ledger="/api/v1/mail/items?tracking_no=BM%09dCN"
for path in "$lookup" "$ledger"; do
  curl -fs -H "Cookie: $cookie" "http://127.0.0.1:$port$(printf "$path" 4242)" | grep -q BM000004242CN ||
    { echo "bench: $path did not find BM000004242CN" >&2; exit 1; }
done

healthz=$(run GET /healthz)
rows=("$healthz")
rows+=("$(BENCH_PATH="$lookup" run GET "/api/v1/mail/lookup?code=<random>" "Cookie: $cookie" -s bench/mail-lookup.lua)")
rows+=("$(BENCH_PATH="$ledger" run GET "/api/v1/mail/items?tracking_no=<random>" "Cookie: $cookie" -s bench/mail-lookup.lua)")
rows+=("$(BENCH_UNIT=$unit WRK_SHAPE="-t2 -c8 -d$duration" run POST /api/v1/mail/items "Cookie: $cookie" -s bench/mail-register.lua)")
single=("$(WRK_SHAPE="-t1 -c1 -d5s" run GET /healthz)")
single+=("$(BENCH_PATH="$lookup" WRK_SHAPE="-t1 -c1 -d5s" run GET "/api/v1/mail/lookup?code=<random>" "Cookie: $cookie" -s bench/mail-lookup.lua)")
single+=("$(BENCH_PATH="$ledger" WRK_SHAPE="-t1 -c1 -d5s" run GET "/api/v1/mail/items?tracking_no=<random>" "Cookie: $cookie" -s bench/mail-lookup.lua)")
single+=("$(BENCH_UNIT=$unit WRK_SHAPE="-t1 -c1 -d5s" run POST /api/v1/mail/items "Cookie: $cookie" -s bench/mail-register.lua)")

machine_line
echo "mail_items: $total rows ($items generated in ${generated} s with sqlite3)"
echo
table "${rows[@]}"
echo
echo "(POST at 8 connections: every registration is a write on SQLite's one writer connection)"
echo
echo "One connection (wrk -t1 -c1 -d5s): the time a request takes"
echo
latency_table "${single[@]}"
echo
echo "target: lookups by tracking number p99 under 5 ms over $items items"
