#!/usr/bin/env bash
# Office space at scale (issue 7): the live compliance is computed from the rows on every
# request (so an occupancy change shows at once); this measures what that costs (SQLite,
# release build, loopback, wrk). The demo tenant is loaded (236 rooms), then a building of
# 5,000 offices with two occupants each (a 副科 and a 科员; 10,000 people) is added straight
# into the database file, then:
#   - GET /healthz, the baseline, in the same run;
#   - GET /api/v1/space/stats (every room and unit judged);
#   - GET /api/v1/space/compliance/rooms?page_size=50 (every room judged, one page answered);
#   - GET /api/v1/space/rooms?building_id=<bench>&page_size=50 (the registry list with verdicts);
#   - GET /api/v1/space/rooms/<id> (one room: detail, verdict, occupants, history).
# Prints Markdown tables.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
bin=${JIGUAN_BIN:-build/release/jiguan}
duration=${BENCH_DURATION:-10s}
connections=${BENCH_CONNECTIONS:-8}
floors=${BENCH_SPACE_FLOORS:-50}  # 100 offices per floor
port=$(free_port)
demo_database space
started=$(date +%s.%N)
sqlite3 "$db" >/dev/null <<SQL
PRAGMA journal_mode = WAL;
CREATE TEMP TABLE bench_units AS
  SELECT ROW_NUMBER() OVER (ORDER BY u.id) - 1 AS k, u.tenant_id, u.id
  FROM units u JOIN tenants t ON t.id = u.tenant_id WHERE t.code = 'luozhuang' AND u.kind = 'department';
BEGIN;
INSERT INTO space_buildings (tenant_id, code, name, year_built, floors_above, created_at, updated_at)
  SELECT id, 'BENCH', '基准测试楼', 2010, $floors, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z' FROM tenants WHERE code = 'luozhuang';
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $floors)
INSERT INTO space_floors (tenant_id, building_id, level, name, created_at)
  SELECT b.tenant_id, b.id, i, i || 'F', '2026-01-01T00:00:00Z' FROM n JOIN space_buildings b ON b.code = 'BENCH';
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < $floors * 100 - 1)
INSERT INTO space_rooms (tenant_id, building_id, floor_id, number, usable_area, room_use, unit_id, status, created_at, updated_at)
  SELECT b.tenant_id, b.id, f.id, printf('%d%02d', i / 100 + 1, i % 100), 1500 + (i * 37) % 1500, 'office', u.id, 'in_use',
         '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'
  FROM n JOIN space_buildings b ON b.code = 'BENCH'
  JOIN space_floors f ON f.building_id = b.id AND f.level = i / 100 + 1
  JOIN bench_units u ON u.k = i % (SELECT COUNT(*) FROM bench_units);
INSERT INTO people (tenant_id, name, unit_id, rank, post, created_at, updated_at)
  SELECT r.tenant_id, '测试' || r.id || '-' || j.j, r.unit_id, CASE j.j WHEN 1 THEN 'section_deputy' ELSE 'staff_member' END,
         '科员', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'
  FROM space_rooms r JOIN (SELECT 1 AS j UNION ALL SELECT 2) j
  WHERE r.building_id = (SELECT id FROM space_buildings WHERE code = 'BENCH');
INSERT INTO space_occupancies (tenant_id, room_id, person_id, start_date, created_at, updated_at)
  SELECT p.tenant_id, CAST(substr(p.name, 3, instr(p.name, '-') - 3) AS INTEGER), p.id, '2015-01-01',
         '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'
  FROM people p WHERE p.name LIKE '测试%-%';
COMMIT;
ANALYZE;
SQL
generated=$(awk -v s="$started" -v e="$(date +%s.%N)" 'BEGIN {printf "%.1f", e - s}')
rooms=$(sqlite3 "$db" "SELECT COUNT(*) FROM space_rooms")
occupancies=$(sqlite3 "$db" "SELECT COUNT(*) FROM space_occupancies WHERE end_date IS NULL")
building=$(sqlite3 "$db" "SELECT id FROM space_buildings WHERE code = 'BENCH'")
room=$(sqlite3 "$db" "SELECT id FROM space_rooms WHERE building_id = $building ORDER BY id LIMIT 1 OFFSET $((floors * 50))")

start_server "$db" "$work/server.log"
cookie=$(sign_in fangguan)
curl -fs -H "Cookie: $cookie" "http://127.0.0.1:$port/api/v1/space/stats" | grep -q "\"rooms\":$rooms" ||
  { echo "bench: /space/stats does not count $rooms rooms" >&2; exit 1; }

paths=("/api/v1/space/stats" "/api/v1/space/compliance/rooms?page_size=50"
       "/api/v1/space/rooms?building_id=$building&page_size=50" "/api/v1/space/rooms/$room")
rows=("$(run GET /healthz)")
single=("$(WRK_SHAPE="-t1 -c1 -d5s" run GET /healthz)")
for path in "${paths[@]}"; do
  rows+=("$(run GET "$path" "Cookie: $cookie")")
  single+=("$(WRK_SHAPE="-t1 -c1 -d5s" run GET "$path" "Cookie: $cookie")")
done

machine_line
echo "space: $rooms rooms, $occupancies current occupancies ($((floors * 100)) offices and their people generated in ${generated} s with sqlite3)"
echo
table "${rows[@]}"
echo
echo "One connection (wrk -t1 -c1 -d5s): the time a request takes"
echo
latency_table "${single[@]}"
