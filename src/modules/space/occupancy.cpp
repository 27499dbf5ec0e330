// Who occupies which office: assigning and ending occupancies with one audit row each, and
// the flags computed from the registry. The rules are in registry.hpp.
#include <algorithm>
#include <boost/json.hpp>
#include <tuple>

#include "core/calendar/calendar.hpp"
#include "core/http/api_error.hpp"
#include "core/util/time.hpp"
#include "modules/space/registry.hpp"
#include "modules/space/space.hpp"

namespace jiguan::space {
namespace json = boost::json;

const std::string kOccupancyColumns =
    "o.id, o.room_id, r.number, r.building_id, b.name, r.unit_id, ru.name, o.person_id, p.name, p.rank, rk.label, p.unit_id,"
    " pu.name, p.active, o.start_date, o.end_date, o.second_office, o.multi_post_reason, o.notes, o.created_at, o.updated_at";
const std::string kOccupancyFrom =
    " FROM space_occupancies o JOIN space_rooms r ON r.tenant_id = o.tenant_id AND r.id = o.room_id"
    " JOIN space_buildings b ON b.tenant_id = r.tenant_id AND b.id = r.building_id"
    " LEFT JOIN units ru ON ru.tenant_id = r.tenant_id AND ru.id = r.unit_id"
    " JOIN people p ON p.tenant_id = o.tenant_id AND p.id = o.person_id"
    " JOIN units pu ON pu.tenant_id = p.tenant_id AND pu.id = p.unit_id"
    " LEFT JOIN dictionary_items rk ON rk.tenant_id = p.tenant_id AND rk.dictionary_code = 'rank' AND rk.value = p.rank";

namespace {

constexpr const char* kOpenInRoom = "SELECT COUNT(*) FROM space_occupancies WHERE tenant_id = $1 AND room_id = $2 AND end_date IS NULL";

// The room's status after its occupants changed, when the rules move it (else nullopt).
std::optional<std::string> next_status(const std::string& status, std::int64_t open_occupancies) {
  if (open_occupancies > 0 && (status == "vacant" || status == "reserved")) return "in_use";
  if (open_occupancies == 0 && status == "in_use") return "vacant";
  return std::nullopt;
}

// Applies next_status() to the room; answers the audit trail's {"room_status":{from,to}} part.
json::object settle_room_status(db::Tx& tx, std::int64_t tenant_id, std::int64_t room_id) {
  const auto status = tx.query("SELECT status FROM space_rooms WHERE tenant_id = $1 AND id = $2", tenant_id, room_id).one().text(0);
  const auto next = next_status(status, tx.query(kOpenInRoom, tenant_id, room_id).one().int64(0));
  if (!next) return {};
  tx.query("UPDATE space_rooms SET status = $3, updated_at = $4 WHERE tenant_id = $1 AND id = $2", tenant_id, room_id, *next,
           util::now_utc());
  return {{"room_status", {{"from", status}, {"to", *next}}}};
}

// The second office must be smaller: the person's part of it (its area shared evenly by its
// open occupancies) below the part of the first. Compared exactly: a2/n2 < a1/n1.
void check_second_smaller(db::Tx& tx, std::int64_t tenant_id, std::int64_t first_room, std::int64_t second_room) {
  const auto part = [&](std::int64_t room) {
    const auto area = tx.query("SELECT usable_area FROM space_rooms WHERE tenant_id = $1 AND id = $2", tenant_id, room).one().int64(0);
    return std::pair{area, tx.query(kOpenInRoom, tenant_id, room).one().int64(0)};
  };
  const auto [a1, n1] = part(first_room);
  const auto [a2, n2] = part(second_room);
  if (a2 * n1 >= a1 * n2) {
    throw http::ApiError(409, "second_office_not_smaller",
                         "第二办公室人均 " + area_text(a2 / n2) + " m² 不小于主办公室人均 " + area_text(a1 / n1) +
                             " m²（《党政机关办公用房管理办法》第十九条：可另有一处较小的办公用房）",
                         "room_id");
  }
}

}  // namespace

json::object occupancy_json(const db::Row& row) {
  return {{"id", row.int64(0)},
          {"room_id", row.int64(1)},
          {"room_number", row.text(2)},
          {"building_id", row.int64(3)},
          {"building_name", row.text(4)},
          {"room_unit_id", row.is_null(5) ? json::value() : json::value(row.int64(5))},
          {"room_unit_name", row.is_null(6) ? json::value() : json::value(row.text(6))},
          {"person_id", row.int64(7)},
          {"person_name", row.text(8)},
          {"rank", row.text(9)},
          {"rank_label", row.is_null(10) ? json::value() : json::value(row.text(10))},
          {"person_unit_id", row.int64(11)},
          {"person_unit_name", row.text(12)},
          {"person_active", row.int64(13) == 1},
          {"start_date", row.text(14)},
          {"end_date", row.is_null(15) ? json::value() : json::value(row.text(15))},
          {"current", row.is_null(15)},
          {"second_office", row.int64(16) == 1},
          {"multi_post_reason", row.text(17)},
          {"notes", row.text(18)},
          {"created_at", row.text(19)},
          {"updated_at", row.text(20)}};
}

std::optional<json::object> find_occupancy(db::Tx& tx, std::int64_t tenant_id, std::int64_t id) {
  const auto found =
      tx.query("SELECT " + kOccupancyColumns + kOccupancyFrom + " WHERE o.tenant_id = $1 AND o.id = $2", tenant_id, id);
  if (found.empty()) return std::nullopt;
  return occupancy_json(found.one());
}

std::int64_t assign_occupant(db::Tx& tx, const audit::Actor& actor, const OccupancyFields& f) {
  const auto tenant = actor.tenant_id;
  const auto room = tx.query("SELECT room_use FROM space_rooms WHERE tenant_id = $1 AND id = $2", tenant, f.room_id);
  if (room.empty()) throw http::not_found("房间");
  const auto person = tx.query("SELECT active FROM people WHERE tenant_id = $1 AND id = $2", tenant, f.person_id);
  if (person.empty()) throw http::not_found("人员");
  if (room.one().text(0) != "office") {
    throw http::ApiError(409, "not_an_office", "只有办公用房可以分配使用人", "room_id");
  }
  if (person.one().int64(0) != 1) throw http::invalid("person_id", "该人员已停用（调离或退休），不能分配办公室");
  check_past_day("start_date", f.start_date);
  if (f.second_office) check_text("multi_post_reason", f.multi_post_reason, 1, 200, "多处任职的原因");
  else check_text("multi_post_reason", f.multi_post_reason, 0, 200, "多处任职的原因");
  check_text("notes", f.notes, 0, 500, "备注");

  std::optional<std::int64_t> first_room;
  for (const auto& o : tx.query("SELECT room_id, second_office FROM space_occupancies WHERE tenant_id = $1 AND person_id = $2"
                                " AND end_date IS NULL",
                                tenant, f.person_id)
                           .rows) {
    if (o.int64(0) == f.room_id) throw http::ApiError(409, "already_in_room", "该人员已在此房间办公", "person_id");
    const bool second = o.int64(1) == 1;
    if (second == f.second_office) {
      throw http::ApiError(409, "already_has_office",
                           second ? "该人员已有第二办公室" : "该人员已有办公室；在其他单位兼职的，可登记为第二办公室并写明原因",
                           "person_id");
    }
    if (!second) first_room = o.int64(0);
  }
  if (f.second_office && !first_room) throw http::invalid("second_office", "该人员还没有主办公室，不能登记第二办公室");

  const auto id = tx.query(
                        "INSERT INTO space_occupancies (tenant_id, room_id, person_id, start_date, second_office,"
                        " multi_post_reason, notes, created_by, created_at, updated_at)"
                        " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) RETURNING id",
                        tenant, f.room_id, f.person_id, f.start_date, f.second_office, f.multi_post_reason, f.notes,
                        actor.account_id, util::now_utc())
                      .one()
                      .int64(0);
  if (first_room) check_second_smaller(tx, tenant, *first_room, f.room_id);  // a throw rolls the insert back
  auto record = *find_occupancy(tx, tenant, id);
  record.erase("updated_at");
  for (auto& [key, value] : settle_room_status(tx, tenant, f.room_id)) record[key] = value;
  audit::record(tx, actor, {"create", "space_occupancy", id, record});
  return id;
}

void end_occupancy(db::Tx& tx, const audit::Actor& actor, std::int64_t occupancy_id, const std::string& end_date) {
  const auto tenant = actor.tenant_id;
  const auto found = tx.query("SELECT room_id, start_date, end_date FROM space_occupancies WHERE tenant_id = $1 AND id = $2",
                              tenant, occupancy_id);
  if (found.empty()) throw http::not_found("使用记录");
  const auto& o = found.one();
  if (!o.is_null(2)) throw http::ApiError(409, "already_ended", "该使用记录已于 " + o.text(2) + " 结束");
  check_past_day("end_date", end_date);
  if (end_date < o.text(1)) throw http::invalid("end_date", "结束日期不能早于开始日期 " + o.text(1));
  tx.query("UPDATE space_occupancies SET end_date = $3, updated_at = $4 WHERE tenant_id = $1 AND id = $2", tenant, occupancy_id,
           end_date, util::now_utc());
  json::object changes{{"end_date", {{"from", nullptr}, {"to", end_date}}}};
  for (auto& [key, value] : settle_room_status(tx, tenant, o.int64(0))) changes[key] = value;
  audit::record(tx, actor, {"end", "space_occupancy", occupancy_id, changes});
}

// ---- Flags -----------------------------------------------------------------------------

std::string plus_months(std::string_view day, int months) {
  using namespace std::chrono;
  const auto d = calendar::parse_date(day);
  if (!d) return std::string(day);
  const auto ym = year_month{d->year(), d->month()} + std::chrono::months{months};
  const auto last = year_month_day_last{ym.year(), month_day_last{ym.month()}};
  return calendar::format_date(year_month_day{ym.year(), ym.month(), std::min(d->day(), last.day())});
}

namespace {

// One kind of flag: its rows (each `SELECT kFlagRoom, occupancy id, person id, person name,
// since <from and where>` over rooms r, with $1 the tenant and $2 the room or NULL), how
// since reads (a day, or a time whose China day counts), the months the rule allows, and
// the message.
struct FlagRule {
  const char* kind;
  std::string select;
  bool since_is_time;
  int months;
  std::string (*message)(const Flag&);
};

const std::string kFlagRoom = "SELECT r.id, b.name, r.number, r.unit_id, u.name, ";
const std::string kFlagFrom =
    " FROM space_rooms r JOIN space_buildings b ON b.tenant_id = r.tenant_id AND b.id = r.building_id"
    " LEFT JOIN units u ON u.tenant_id = r.tenant_id AND u.id = r.unit_id";
const std::string kFlagOccupied =
    kFlagFrom +
    " JOIN space_occupancies o ON o.tenant_id = r.tenant_id AND o.room_id = r.id AND o.end_date IS NULL"
    " JOIN people p ON p.tenant_id = o.tenant_id AND p.id = o.person_id";
const std::string kFlagWhere = " WHERE r.tenant_id = $1 AND (CAST($2 AS BIGINT) IS NULL OR r.id = $2)";

std::string place(const Flag& f) { return f.building_name + " " + f.room_number; }

const std::vector<FlagRule>& flag_rules() {
  static const std::vector<FlagRule> rules = {
      {"left_unit", kFlagRoom + "o.id, p.id, p.name, p.updated_at" + kFlagOccupied + kFlagWhere + " AND p.active = 0", true, 1,
       [](const Flag& f) {
         return f.person_name + " 已于 " + f.since + " 调离或退休，其办公室 " + place(f) + " 应在 1 个月内（" + f.due +
                " 前）收回（《党政机关办公用房管理办法》第十九条）";
       }},
      {"second_office_overdue",
       kFlagRoom + "o.id, p.id, p.name, (SELECT MAX(pp.end_date) FROM person_posts pp WHERE pp.tenant_id = p.tenant_id"
                   " AND pp.person_id = p.id AND pp.is_primary = 0)" +
           kFlagOccupied + kFlagWhere +
           " AND o.second_office = 1 AND NOT EXISTS (SELECT 1 FROM person_posts pp WHERE pp.tenant_id = p.tenant_id"
           " AND pp.person_id = p.id AND pp.is_primary = 0 AND pp.end_date IS NULL)",
       false, 2,
       [](const Flag& f) {
         return f.person_name + " 的兼职已于 " + f.since + " 结束，第二办公室 " + place(f) + " 应在 2 个月内（" + f.due +
                " 前）腾退（《党政机关办公用房管理办法》第十九条）";
       }},
      {"lent_room", kFlagRoom + "CAST(NULL AS BIGINT), CAST(NULL AS BIGINT), '', r.updated_at" + kFlagFrom + kFlagWhere +
                        " AND r.status = 'lent'",
       true, 0,
       [](const Flag& f) { return place(f) + " 已出借，应立即收回（《机关事务管理条例》第二十三条：不得出借办公用房）"; }},
      {"occupied_non_office", kFlagRoom + "o.id, p.id, p.name, o.start_date" + kFlagOccupied + kFlagWhere +
                                  " AND r.room_use <> 'office'",
       false, 0,
       [](const Flag& f) {
         return place(f) + " 不是办公室，却登记 " + f.person_name +
                " 在此办公，应予纠正（《机关事务管理条例》第二十三条：不得擅自改变用途）";
       }},
  };
  return rules;
}

}  // namespace

std::vector<Flag> compute_flags(db::Tx& tx, std::int64_t tenant_id, std::string_view today, std::optional<std::int64_t> room_id) {
  std::vector<Flag> flags;
  for (const auto& rule : flag_rules()) {
    for (const auto& row : tx.query(rule.select, tenant_id, room_id).rows) {
      if (row.is_null(8)) continue;  // no day to count from (no other post has ended yet)
      Flag f{rule.kind, row.int64(0), row.text(1), row.text(2), row.opt_int64(3), row.opt_text(4).value_or(""),
             row.opt_int64(6), row.text(7), row.opt_int64(5)};
      const auto instant = rule.since_is_time ? util::parse_instant(row.text(8)) : std::nullopt;
      f.since = instant ? util::china_date(*instant) : row.text(8).substr(0, 10);
      f.due = plus_months(f.since, rule.months);
      // The rule's months are allowed in full: flagged from the day after the due day.
      if (rule.months > 0 && f.due >= today) continue;
      f.message = rule.message(f);
      flags.push_back(std::move(f));
    }
  }
  std::stable_sort(flags.begin(), flags.end(), [](const Flag& a, const Flag& b) {
    return std::tie(a.due, a.building_name, a.room_number) < std::tie(b.due, b.building_name, b.room_number);
  });
  return flags;
}

json::object flag_json(const Flag& f) {
  const auto opt = [](const std::optional<std::int64_t>& v) { return v ? json::value(*v) : json::value(); };
  return {{"kind", f.kind},
          {"room_id", f.room_id},
          {"building_name", f.building_name},
          {"room_number", f.room_number},
          {"unit_id", opt(f.unit_id)},
          {"unit_name", f.unit_name},
          {"person_id", opt(f.person_id)},
          {"person_name", f.person_id ? json::value(f.person_name) : json::value()},
          {"occupancy_id", opt(f.occupancy_id)},
          {"since", f.since},
          {"due", f.due},
          {"message", f.message}};
}

}  // namespace jiguan::space
