#include "modules/space/reports.hpp"

#include <algorithm>
#include <array>
#include <map>

#include "core/calendar/calendar.hpp"
#include "core/http/api_error.hpp"
#include "core/people/people.hpp"
#include "core/util/time.hpp"
#include "modules/space/registry.hpp"

namespace jiguan::space {
namespace json = boost::json;

// ---- Standards and settings --------------------------------------------------------------

const char* const kStandardColumns =
    "s.id, s.code, s.regulation, s.level, s.rank, d.label, s.grade_label, s.limit_area, s.effective_from, s.effective_to,"
    " s.builtin, s.created_at, s.updated_at";
const char* const kStandardFrom =
    " FROM space_standards s LEFT JOIN dictionary_items d ON d.tenant_id = s.tenant_id AND d.dictionary_code = 'rank'"
    " AND d.value = s.rank";

namespace {

constexpr std::array<std::string_view, 5> kLevels = {"central", "province", "city", "county", "township"};
constexpr std::int64_t kMaxLimitArea = 100'000;  // 1000 m²: far above any row of the national tables
constexpr int kMaxPct = 1000;

json::value nullable_text(const db::Row& row, std::size_t i) {
  return row.is_null(i) ? json::value(nullptr) : json::value(row.text(i));
}

void check_level(const std::string& level) {
  if (std::find(kLevels.begin(), kLevels.end(), level) == kLevels.end()) {
    throw http::invalid("level", "级别应为 central、province、city、county 或 township");
  }
}

void check_day(const std::string& field, const std::string& day) {
  if (!calendar::parse_date(day)) throw http::invalid(field, "日期应为 YYYY-MM-DD 格式的有效日期");
}

void check_standard(db::Tx& tx, std::int64_t tenant_id, std::int64_t id, const StandardFields& f) {
  check_text("code", f.code, 1, 20, "标准代码");
  check_text("regulation", f.regulation, 1, 500, "依据");
  check_level(f.level);
  if (people::active_item_value(tx, tenant_id, people::kRankDictionary, f.rank) != f.rank) {
    throw http::invalid("rank", "职级不存在或已停用：" + f.rank);
  }
  check_text("grade_label", f.grade_label, 1, 20, "标准中的职级称谓");
  if (f.limit_area <= 0 || f.limit_area > kMaxLimitArea) {
    throw http::invalid("limit_area", "面积限额应大于 0 且不超过 1000 m²（单位 0.01 m²）");
  }
  check_day("effective_from", f.effective_from);
  if (f.effective_to) {
    check_day("effective_to", *f.effective_to);
    if (*f.effective_to < f.effective_from) throw http::invalid("effective_to", "失效日期不能早于生效日期");
  }
  if (!tx.query("SELECT 1 FROM space_standards WHERE tenant_id = $1 AND code = $2 AND level = $3 AND rank = $4 AND id <> $5",
                tenant_id, f.code, f.level, f.rank, id)
           .empty()) {
    throw http::ApiError(409, "duplicate_standard", "标准 " + f.code + " 在该级别已有此职级的限额", "rank");
  }
}

std::string text_of(const json::object& o, const char* key) { return std::string(o.at(key).as_string()); }

}  // namespace

json::object standard_json(const db::Row& r) {
  return {{"id", r.int64(0)},
          {"code", r.text(1)},
          {"regulation", r.text(2)},
          {"level", r.text(3)},
          {"rank", r.text(4)},
          {"rank_label", nullable_text(r, 5)},
          {"grade_label", r.text(6)},
          {"limit_area", r.int64(7)},
          {"effective_from", r.text(8)},
          {"effective_to", nullable_text(r, 9)},
          {"builtin", r.int64(10) == 1},
          {"created_at", r.text(11)},
          {"updated_at", r.text(12)}};
}

std::optional<json::object> find_standard(db::Tx& tx, std::int64_t tenant_id, std::int64_t id) {
  const auto rows = tx.query(std::string("SELECT ") + kStandardColumns + kStandardFrom + " WHERE s.tenant_id = $1 AND s.id = $2",
                             tenant_id, id);
  if (rows.empty()) return std::nullopt;
  return standard_json(rows.one());
}

std::int64_t create_standard(db::Tx& tx, const audit::Actor& actor, const StandardFields& f) {
  check_standard(tx, actor.tenant_id, 0, f);
  const auto now = util::now_utc();
  const auto id = tx.query("INSERT INTO space_standards (tenant_id, code, regulation, level, rank, grade_label, limit_area,"
                           " effective_from, effective_to, builtin, created_at, updated_at)"
                           " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 0, $10, $10) RETURNING id",
                           actor.tenant_id, f.code, f.regulation, f.level, f.rank, f.grade_label, f.limit_area, f.effective_from,
                           f.effective_to, now)
                      .one()
                      .int64(0);
  audit::record(tx, actor, {"create", "space_standard", id, *find_standard(tx, actor.tenant_id, id)});
  return id;
}

void update_standard(db::Tx& tx, const audit::Actor& actor, std::int64_t id, const StandardPatch& p) {
  const auto before = find_standard(tx, actor.tenant_id, id);
  if (!before) throw http::not_found("面积标准");
  const auto& b = *before;
  const StandardFields current{text_of(b, "code"),
                               text_of(b, "regulation"),
                               text_of(b, "level"),
                               text_of(b, "rank"),
                               text_of(b, "grade_label"),
                               b.at("limit_area").as_int64(),
                               text_of(b, "effective_from"),
                               b.at("effective_to").is_null() ? std::nullopt : std::optional(text_of(b, "effective_to"))};
  const StandardFields f{p.code.value_or(current.code),
                         p.regulation.value_or(current.regulation),
                         p.level.value_or(current.level),
                         p.rank.value_or(current.rank),
                         p.grade_label.value_or(current.grade_label),
                         p.limit_area.value_or(current.limit_area),
                         p.effective_from.value_or(current.effective_from),
                         p.effective_to.value_or(current.effective_to)};
  check_standard(tx, actor.tenant_id, id, f);
  if (f == current) return;  // nothing to write or record
  tx.query("UPDATE space_standards SET code = $3, regulation = $4, level = $5, rank = $6, grade_label = $7, limit_area = $8,"
           " effective_from = $9, effective_to = $10, updated_at = $11 WHERE tenant_id = $1 AND id = $2",
           actor.tenant_id, id, f.code, f.regulation, f.level, f.rank, f.grade_label, f.limit_area, f.effective_from,
           f.effective_to, util::now_utc());
  audit::record(tx, actor, {"update", "space_standard", id, audit::diff(b, *find_standard(tx, actor.tenant_id, id))});
}

json::object settings_json(db::Tx& tx, std::int64_t tenant_id, std::string_view day) {
  const auto s = load_settings(tx, tenant_id);
  const auto standards = load_standards(tx, tenant_id);
  json::value in_force = nullptr;
  if (const auto code = standard_in_force(standards, s, day)) {
    const auto it = std::find_if(standards.begin(), standards.end(), [&](const auto& r) { return r.code == *code; });
    in_force = json::object{{"code", *code}, {"regulation", it == standards.end() ? "" : it->regulation}};
  }
  return {{"level", s.level},
          {"standard_code", s.standard_code ? json::value(*s.standard_code) : json::value(nullptr)},
          {"amber_from_pct", s.amber_from_pct},
          {"red_from_pct", s.red_from_pct},
          {"in_force", std::move(in_force)}};
}

void save_settings(db::Tx& tx, const audit::Actor& actor, const Settings& s) {
  check_level(s.level);
  if (s.amber_from_pct < 0 || s.amber_from_pct >= kMaxPct) {
    throw http::invalid("amber_from_pct", "黄色起点应在 0 到 999 之间（百分比）");
  }
  if (s.red_from_pct <= s.amber_from_pct || s.red_from_pct > kMaxPct) {
    throw http::invalid("red_from_pct", "红色起点应大于黄色起点且不超过 1000（百分比）");
  }
  if (s.standard_code && tx.query("SELECT 1 FROM space_standards WHERE tenant_id = $1 AND code = $2 AND level = $3 LIMIT 1",
                                  actor.tenant_id, *s.standard_code, s.level)
                             .empty()) {
    throw http::invalid("standard_code", "标准 " + *s.standard_code + " 在该级别没有面积限额");
  }
  const auto today = util::china_today();
  const auto before = settings_json(tx, actor.tenant_id, today);
  const auto now = util::now_utc();
  // The row exists for every tenant (ensure_builtin_data); insert it all the same if not.
  if (tx.query("UPDATE space_settings SET level = $2, standard_code = $3, amber_from_pct = $4, red_from_pct = $5,"
               " updated_at = $6 WHERE tenant_id = $1",
               actor.tenant_id, s.level, s.standard_code, s.amber_from_pct, s.red_from_pct, now)
          .affected == 0) {
    tx.query("INSERT INTO space_settings (tenant_id, level, standard_code, amber_from_pct, red_from_pct, updated_at)"
             " VALUES ($1, $2, $3, $4, $5, $6)",
             actor.tenant_id, s.level, s.standard_code, s.amber_from_pct, s.red_from_pct, now);
  }
  audit::record(tx, actor, {"update", "space_settings", std::nullopt, audit::diff(before, settings_json(tx, actor.tenant_id, today))});
}

// ---- The live picture --------------------------------------------------------------------

namespace {

bool unit_in_scope(const access::Scope& scope, const std::optional<std::int64_t>& unit_id) {
  if (scope.kind == access::DataScope::all) return true;
  if (scope.kind == access::DataScope::self || !unit_id) return false;
  return std::find(scope.unit_ids.begin(), scope.unit_ids.end(), *unit_id) != scope.unit_ids.end();
}

struct Tally {
  std::int64_t office_area = 0, entitlement = 0, green = 0, amber = 0, red = 0, grey = 0, over_standard_rooms = 0,
               vacant_rooms = 0, units_over_entitlement = 0;
};

Tally tally(const Picture& p) {
  Tally t;
  for (const auto& room : p.rooms) {
    const auto& a = room.assessment;
    t.office_area += a.area;
    const auto colour = grade_colour(a.grade);
    ++(colour == "green" ? t.green : colour == "amber" ? t.amber : colour == "red" ? t.red : t.grey);
    if (a.excess_area > 0) ++t.over_standard_rooms;
    if (a.grade == Grade::vacant || room.status == "vacant") ++t.vacant_rooms;
  }
  for (const auto& u : p.units) {
    t.entitlement += u.entitlement;
    if (u.office_area > u.entitlement) ++t.units_over_entitlement;
  }
  return t;
}

}  // namespace

Picture load_picture(db::Tx& tx, std::int64_t tenant_id, const access::Scope& scope, const PictureFilter& filter,
                     std::string_view day) {
  Picture p;
  p.day = std::string(day);
  for (auto& room : assess_rooms(tx, tenant_id, {std::nullopt, filter.unit_id, filter.building_id}, day)) {
    if (unit_in_scope(scope, room.unit_id)) p.rooms.push_back(std::move(room));
  }
  for (auto& unit : assess_units(tx, tenant_id, filter.unit_id, day)) {
    if (unit_in_scope(scope, unit.unit_id)) p.units.push_back(std::move(unit));
  }
  const auto unit = db::to_value(filter.unit_id), building = db::to_value(filter.building_id);
  for (const auto& r : tx.query("SELECT r.unit_id, COUNT(*), SUM(r.usable_area) FROM space_rooms r WHERE r.tenant_id = $1"
                                " AND (CAST($2 AS BIGINT) IS NULL OR r.unit_id = $2)"
                                " AND (CAST($3 AS BIGINT) IS NULL OR r.building_id = $3) GROUP BY r.unit_id",
                                tenant_id, unit, building)
                           .rows) {
    if (!unit_in_scope(scope, r.opt_int64(0))) continue;
    p.all_rooms += r.int64(1);
    p.usable_area += r.int64(2);
  }
  p.buildings = tx.query("SELECT COUNT(*) FROM space_buildings WHERE tenant_id = $1 AND (CAST($2 AS BIGINT) IS NULL OR id = $2)",
                         tenant_id, building)
                    .one()
                    .int64(0);
  return p;
}

json::object district_json(const Picture& p) {
  const auto t = tally(p);
  return {{"rooms", p.all_rooms},
          {"office_rooms", static_cast<std::int64_t>(p.rooms.size())},
          {"office_area", t.office_area},
          {"entitlement", t.entitlement},
          {"green", t.green},
          {"amber", t.amber},
          {"red", t.red},
          {"grey", t.grey},
          {"over_standard_rooms", t.over_standard_rooms},
          {"units_over_entitlement", t.units_over_entitlement}};
}

json::object stats_json(const Picture& p) {
  const auto t = tally(p);
  return {{"buildings", p.buildings},
          {"rooms", p.all_rooms},
          {"office_rooms", static_cast<std::int64_t>(p.rooms.size())},
          {"usable_area", p.usable_area},
          {"office_area", t.office_area},
          {"over_standard_rooms", t.over_standard_rooms},
          {"units_over_entitlement", t.units_over_entitlement},
          {"vacant_rooms", t.vacant_rooms}};
}

// ---- The leaders' offices ----------------------------------------------------------------

std::optional<int> leader_rank_order(std::string_view rank) {
  static constexpr std::array<std::string_view, 8> kLeaderRanks = {
      "province_chief", "province_deputy", "bureau_chief", "bureau_deputy",
      "county_chief",   "county_deputy",   "section_chief", "section_deputy"};
  const auto it = std::find(kLeaderRanks.begin(), kLeaderRanks.end(), rank);
  if (it == kLeaderRanks.end()) return std::nullopt;
  return static_cast<int>(it - kLeaderRanks.begin());
}

std::string_view verdict_label(Grade grade) {
  switch (grade) {
    case Grade::compliant: return "符合标准";
    case Grade::within_tolerance: return "超标（容差内，可暂保留）";
    case Grade::amber: return "超标（结合调整整改）";
    case Grade::red: return "超标（须整改）";
    case Grade::vacant: return "空置";
    case Grade::unknown: return "无法核定";
  }
  return "无法核定";
}

std::int64_t department_of(db::Tx& tx, std::int64_t tenant_id, std::int64_t unit_id) {
  const auto rows = tx.query("SELECT kind, parent_id FROM units WHERE tenant_id = $1 AND id = $2", tenant_id, unit_id);
  if (rows.empty() || rows.one().text(0) != "section" || rows.one().is_null(1)) return unit_id;
  return rows.one().int64(1);
}

json::array leader_offices(db::Tx& tx, std::int64_t tenant_id, std::int64_t unit_id, std::string_view day) {
  struct Person {
    std::string post, rank, rank_label;
    std::optional<std::int64_t> unit_id;
  };
  std::map<std::int64_t, Person> people;
  for (const auto& r : tx.query("SELECT p.id, p.post, p.rank, COALESCE(d.label, p.rank), p.unit_id FROM people p"
                                " LEFT JOIN dictionary_items d ON d.tenant_id = p.tenant_id AND d.dictionary_code = 'rank'"
                                " AND d.value = p.rank WHERE p.tenant_id = $1",
                                tenant_id)
                           .rows) {
    people[r.int64(0)] = {r.text(1), r.text(2), r.text(3), r.opt_int64(4)};
  }
  std::vector<std::pair<int, json::object>> offices;  // (highest leader's rank order, office)
  for (const auto& room : assess_rooms(tx, tenant_id, {}, day)) {
    std::optional<int> highest;
    json::array occupants;
    std::string names;
    for (const auto& share : room.assessment.shares) {
      const auto& person = people[share.person_id];
      const auto order = leader_rank_order(person.rank);
      if (order && person.unit_id == unit_id && (!highest || *order < *highest)) highest = order;
      occupants.push_back(json::object{{"person_id", share.person_id},
                                       {"name", share.name},
                                       {"post", person.post},
                                       {"rank", person.rank},
                                       {"rank_label", person.rank_label},
                                       {"standard_area", share.limit_area ? json::value(*share.limit_area) : json::value(nullptr)},
                                       {"share_area", share.share_area}});
      names += (names.empty() ? "" : "、") + share.name + (person.post.empty() ? "" : "（" + person.post + "）");
    }
    if (!highest) continue;
    const auto& a = room.assessment;
    offices.emplace_back(*highest, json::object{{"room_id", room.room_id},
                                                {"building", room.building_name},
                                                {"floor", room.floor_name},
                                                {"number", room.number},
                                                {"unit_name", room.unit_name},
                                                {"occupants", std::move(occupants)},
                                                {"occupant_names", names},
                                                {"rank_order", *highest},
                                                {"area", a.area},
                                                {"entitlement", a.entitlement},
                                                {"excess_area", a.excess_area},
                                                {"grade", grade_name(a.grade)},
                                                {"colour", grade_colour(a.grade)},
                                                {"verdict", verdict_label(a.grade)},
                                                {"rule", a.rule}});
  }
  // Rooms come in building, floor and number order; keep it among leaders of one rank.
  std::stable_sort(offices.begin(), offices.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
  json::array out;
  for (auto& [order, office] : offices) out.push_back(std::move(office));
  return out;
}

}  // namespace jiguan::space
