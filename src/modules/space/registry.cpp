// Buildings, floors and rooms: validation, create and update with one audit row each, JSON,
// the import's cells. The rules are in registry.hpp.
#include "modules/space/registry.hpp"

#include <algorithm>
#include <boost/json.hpp>

#include "core/calendar/calendar.hpp"
#include "core/http/api_error.hpp"
#include "core/util/text.hpp"
#include "core/util/time.hpp"

namespace jiguan::space {
namespace json = boost::json;

const std::string kBuildingColumns =
    "b.id, b.code, b.name, b.address, b.year_built, b.floors_above, b.floors_below, b.total_area, b.usable_area,"
    " b.public_listed, b.notes, b.created_at, b.updated_at,"
    " (SELECT COUNT(*) FROM space_rooms r WHERE r.tenant_id = b.tenant_id AND r.building_id = b.id),"
    " (SELECT COALESCE(SUM(r.usable_area), 0) FROM space_rooms r WHERE r.tenant_id = b.tenant_id AND r.building_id = b.id)";
const std::string kBuildingFrom = " FROM space_buildings b";

const std::string kFloorColumns =
    "f.id, f.building_id, f.level, f.name,"
    " (SELECT COUNT(*) FROM space_rooms r WHERE r.tenant_id = f.tenant_id AND r.floor_id = f.id),"
    " (SELECT COALESCE(SUM(r.usable_area), 0) FROM space_rooms r WHERE r.tenant_id = f.tenant_id AND r.floor_id = f.id)";
const std::string kFloorFrom = " FROM space_floors f";

const std::string kRoomColumns =
    "r.id, r.building_id, b.code, b.name, r.floor_id, f.level, f.name, r.number, r.name, r.usable_area, r.room_use,"
    " r.service_kind, r.unit_id, u.code, u.name, r.status, r.notes, r.created_at, r.updated_at";
const std::string kRoomFrom =
    " FROM space_rooms r JOIN space_buildings b ON b.tenant_id = r.tenant_id AND b.id = r.building_id"
    " JOIN space_floors f ON f.tenant_id = r.tenant_id AND f.id = r.floor_id"
    " LEFT JOIN units u ON u.tenant_id = r.tenant_id AND u.id = r.unit_id";

const std::vector<Term> kRoomUses = {
    {"office", "办公用房"}, {"service", "服务用房"}, {"equipment", "设备用房"}, {"ancillary", "附属用房"}};
const std::vector<Term> kServiceKinds = {
    {"meeting", "会议室"}, {"archive", "档案室"}, {"reception", "接待室"}, {"mail", "收发室"}, {"other", "其他"}};
const std::vector<Term> kRoomStatuses = {{"in_use", "在用"}, {"vacant", "空置"}, {"reserved", "预留"}, {"lent", "出借"}};

namespace {

json::value nullable_text(const db::Row& row, std::size_t i) { return row.is_null(i) ? json::value() : json::value(row.text(i)); }
json::value nullable_int(const db::Row& row, std::size_t i) { return row.is_null(i) ? json::value() : json::value(row.int64(i)); }

void check_range(const std::string& field, std::int64_t value, std::int64_t min, std::int64_t max, const std::string& what) {
  if (value < min || value > max) {
    throw http::invalid(field, what + "应在 " + std::to_string(min) + " 到 " + std::to_string(max) + " 之间");
  }
}

// One of `terms`, else 422 listing them.
void check_term(const std::vector<Term>& terms, const std::string& field, const std::string& value, const std::string& what) {
  if (!label_of(terms, value).empty()) return;
  std::string codes;
  for (const auto& t : terms) codes += (codes.empty() ? "" : " | ") + std::string(t.code);
  throw http::invalid(field, what + "应为 " + codes);
}

// What the audit trail keeps of a record: not bookkeeping.
json::object record_of(json::object record) {
  record.erase("updated_at");
  return record;
}

// ---- Buildings -------------------------------------------------------------------------

constexpr std::int64_t kMaxArea = 10'000'000'00;  // 10 million m², in hundredths

void check_building(db::Tx& tx, std::int64_t tenant_id, const BuildingFields& f, std::int64_t self_id) {
  if (f.code.empty() || f.code.size() > 20 || !std::all_of(f.code.begin(), f.code.end(), [](unsigned char c) {
        return std::isalnum(c) || c == '-';
      })) {
    throw http::invalid("code", "楼宇编号应为 1 到 20 个字母、数字或 -");
  }
  if (!tx.query("SELECT 1 FROM space_buildings WHERE tenant_id = $1 AND code = $2 AND id <> $3", tenant_id, f.code, self_id)
           .empty()) {
    throw http::ApiError(409, "duplicate_code", "楼宇编号已存在：" + f.code, "code");
  }
  check_text("name", f.name, 1, 100, "楼宇名称");
  check_text("address", f.address, 0, 200, "地址");
  if (f.year_built) check_range("year_built", *f.year_built, 1900, std::stoll(util::china_today().substr(0, 4)), "建成年份");
  check_range("floors_above", f.floors_above, 1, 200, "地上层数");
  check_range("floors_below", f.floors_below, 0, 10, "地下层数");
  if (f.total_area) check_range("total_area", *f.total_area, 0, kMaxArea, "建筑面积（0.01 m²）");
  if (f.usable_area) check_range("usable_area", *f.usable_area, 0, kMaxArea, "使用面积（0.01 m²）");
  check_text("notes", f.notes, 0, 500, "备注");
}

// Makes the building's floors 1F … floors_above and B1 … B(floors_below): adds the missing
// ones, removes the others unless they hold rooms (409 floor_in_use).
void sync_floors(db::Tx& tx, std::int64_t tenant_id, std::int64_t building_id, std::int64_t above, std::int64_t below) {
  const auto used = tx.query(
      "SELECT f.name FROM space_floors f WHERE f.tenant_id = $1 AND f.building_id = $2 AND (f.level > $3 OR f.level < $4)"
      " AND EXISTS (SELECT 1 FROM space_rooms r WHERE r.tenant_id = f.tenant_id AND r.floor_id = f.id) ORDER BY f.level",
      tenant_id, building_id, above, -below);
  if (!used.empty()) {
    throw http::ApiError(409, "floor_in_use", "楼层 " + used.rows[0].text(0) + " 还有房间，不能减少楼层",
                         used.rows[0].text(0).starts_with("B") ? "floors_below" : "floors_above");
  }
  tx.query("DELETE FROM space_floors WHERE tenant_id = $1 AND building_id = $2 AND (level > $3 OR level < $4)", tenant_id,
           building_id, above, -below);
  const auto now = util::now_utc();
  for (std::int64_t level = -below; level <= above; ++level) {
    if (level == 0) continue;
    tx.query(
        "INSERT INTO space_floors (tenant_id, building_id, level, name, created_at) VALUES ($1, $2, $3, $4, $5)"
        " ON CONFLICT (tenant_id, building_id, level) DO NOTHING",
        tenant_id, building_id, level, floor_name(level), now);
  }
}

BuildingFields building_fields_of(const json::object& b) {
  const auto opt = [&](const char* key) {
    return b.at(key).is_null() ? std::nullopt : std::optional<std::int64_t>(b.at(key).as_int64());
  };
  const auto text = [&](const char* key) { return std::string(b.at(key).as_string()); };
  return {text("code"),
          text("name"),
          text("address"),
          opt("year_built"),
          b.at("floors_above").as_int64(),
          b.at("floors_below").as_int64(),
          opt("total_area"),
          opt("usable_area"),
          b.at("public_listed").as_bool(),
          text("notes")};
}

// ---- Rooms -----------------------------------------------------------------------------

// Checks `f` as a room of the tenant (self_id: the room itself, on update); answers the
// building of its floor.
std::int64_t check_room(db::Tx& tx, std::int64_t tenant_id, const RoomFields& f, std::int64_t self_id) {
  const auto floor = tx.query("SELECT building_id FROM space_floors WHERE tenant_id = $1 AND id = $2", tenant_id, f.floor_id);
  if (floor.empty()) throw http::invalid("floor_id", "楼层不存在");
  const auto building_id = floor.one().int64(0);
  check_text("number", f.number, 1, 20, "门牌号");
  if (!tx.query("SELECT 1 FROM space_rooms WHERE tenant_id = $1 AND building_id = $2 AND number = $3 AND id <> $4", tenant_id,
                building_id, f.number, self_id)
           .empty()) {
    throw http::ApiError(409, "duplicate_number", "本楼已有门牌号为 " + f.number + " 的房间", "number");
  }
  check_text("name", f.name, 0, 100, "房间名称");
  check_range("usable_area", f.usable_area, 1, kMaxArea / 100, "使用面积（0.01 m²）");
  check_term(kRoomUses, "use", f.use, "用途");
  if (f.use == "service") {
    if (!f.service_kind) throw http::invalid("service_kind", "服务用房应注明类别");
    check_term(kServiceKinds, "service_kind", *f.service_kind, "服务用房类别");
  } else if (f.service_kind) {
    throw http::invalid("service_kind", "只有服务用房有类别");
  }
  if (f.unit_id && tx.query("SELECT 1 FROM units WHERE tenant_id = $1 AND id = $2", tenant_id, *f.unit_id).empty()) {
    throw http::invalid("unit_id", "使用单位不存在");
  }
  check_term(kRoomStatuses, "status", f.status, "状态");
  check_text("notes", f.notes, 0, 500, "备注");
  return building_id;
}

RoomFields room_fields_of(const json::object& r) {
  const auto text = [&](const char* key) { return std::string(r.at(key).as_string()); };
  return {r.at("floor_id").as_int64(),
          text("number"),
          text("name"),
          r.at("usable_area").as_int64(),
          text("use"),
          r.at("service_kind").is_null() ? std::nullopt : std::optional(text("service_kind")),
          r.at("unit_id").is_null() ? std::nullopt : std::optional(r.at("unit_id").as_int64()),
          text("status"),
          text("notes")};
}

template <class T>
T patched(const std::optional<T>& change, const T& current) {
  return change ? *change : current;
}

}  // namespace

// ---- Field checks ----------------------------------------------------------------------

void check_text(const std::string& field, const std::string& value, std::size_t min, std::size_t max, const std::string& what) {
  const auto n = util::utf8_length(value);
  if (n < min || n > max) {
    throw http::invalid(field, what + "应为 " + std::to_string(min) + " 到 " + std::to_string(max) + " 个字符");
  }
}

void check_past_day(const std::string& field, const std::string& day) {
  if (!calendar::parse_date(day)) throw http::invalid(field, "日期应为 YYYY-MM-DD 格式的有效日期");
  if (day > util::china_today()) throw http::invalid(field, "日期不能晚于今天");
}

// ---- Terms -----------------------------------------------------------------------------

std::string label_of(const std::vector<Term>& terms, std::string_view code) {
  for (const auto& t : terms) {
    if (code == t.code) return t.label;
  }
  return "";
}

std::optional<std::string> code_of(const std::vector<Term>& terms, std::string_view code_or_label) {
  for (const auto& t : terms) {
    if (code_or_label == t.code || code_or_label == t.label) return t.code;
  }
  return std::nullopt;
}

// ---- Buildings and floors --------------------------------------------------------------

std::string floor_name(std::int64_t level) { return level < 0 ? "B" + std::to_string(-level) : std::to_string(level) + "F"; }

json::object building_json(const db::Row& row) {
  return {{"id", row.int64(0)},
          {"code", row.text(1)},
          {"name", row.text(2)},
          {"address", row.text(3)},
          {"year_built", nullable_int(row, 4)},
          {"floors_above", row.int64(5)},
          {"floors_below", row.int64(6)},
          {"total_area", nullable_int(row, 7)},
          {"usable_area", nullable_int(row, 8)},
          {"public_listed", row.int64(9) == 1},
          {"notes", row.text(10)},
          {"created_at", row.text(11)},
          {"updated_at", row.text(12)},
          {"rooms", row.int64(13)},
          {"room_area", row.int64(14)}};
}

json::object floor_json(const db::Row& row) {
  return {{"id", row.int64(0)},   {"building_id", row.int64(1)}, {"level", row.int64(2)},
          {"name", row.text(3)}, {"rooms", row.int64(4)},       {"room_area", row.int64(5)}};
}

std::optional<json::object> find_building(db::Tx& tx, std::int64_t tenant_id, std::int64_t id) {
  const auto found =
      tx.query("SELECT " + kBuildingColumns + kBuildingFrom + " WHERE b.tenant_id = $1 AND b.id = $2", tenant_id, id);
  if (found.empty()) return std::nullopt;
  auto building = building_json(found.one());
  json::array floors;
  for (const auto& row :
       tx.query("SELECT " + kFloorColumns + kFloorFrom + " WHERE f.tenant_id = $1 AND f.building_id = $2 ORDER BY f.level",
                tenant_id, id)
           .rows) {
    floors.push_back(floor_json(row));
  }
  building["floors"] = std::move(floors);
  return building;
}

std::int64_t create_building(db::Tx& tx, const audit::Actor& actor, const BuildingFields& f) {
  check_building(tx, actor.tenant_id, f, 0);
  const auto id = tx.query(
                        "INSERT INTO space_buildings (tenant_id, code, name, address, year_built, floors_above, floors_below,"
                        " total_area, usable_area, public_listed, notes, created_at, updated_at)"
                        " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12) RETURNING id",
                        actor.tenant_id, f.code, f.name, f.address, f.year_built, f.floors_above, f.floors_below,
                        f.total_area, f.usable_area, f.public_listed, f.notes, util::now_utc())
                      .one()
                      .int64(0);
  sync_floors(tx, actor.tenant_id, id, f.floors_above, f.floors_below);
  auto record = record_of(*find_building(tx, actor.tenant_id, id));
  record.erase("floors");  // they follow from floors_above and floors_below
  audit::record(tx, actor, {"create", "space_building", id, record});
  return id;
}

bool update_building(db::Tx& tx, const audit::Actor& actor, std::int64_t id, const BuildingPatch& p) {
  auto before = find_building(tx, actor.tenant_id, id);
  if (!before) return false;
  before->erase("floors");
  const auto b = building_fields_of(*before);
  const BuildingFields f{patched(p.code, b.code),
                         patched(p.name, b.name),
                         patched(p.address, b.address),
                         patched(p.year_built, b.year_built),
                         patched(p.floors_above, b.floors_above),
                         patched(p.floors_below, b.floors_below),
                         patched(p.total_area, b.total_area),
                         patched(p.usable_area, b.usable_area),
                         patched(p.public_listed, b.public_listed),
                         patched(p.notes, b.notes)};
  check_building(tx, actor.tenant_id, f, id);
  sync_floors(tx, actor.tenant_id, id, f.floors_above, f.floors_below);
  tx.query(
      "UPDATE space_buildings SET code = $3, name = $4, address = $5, year_built = $6, floors_above = $7, floors_below = $8,"
      " total_area = $9, usable_area = $10, public_listed = $11, notes = $12, updated_at = $13 WHERE tenant_id = $1 AND id = $2",
      actor.tenant_id, id, f.code, f.name, f.address, f.year_built, f.floors_above, f.floors_below, f.total_area, f.usable_area,
      f.public_listed, f.notes, util::now_utc());
  auto after = find_building(tx, actor.tenant_id, id);
  after->erase("floors");
  const auto changes = audit::diff(record_of(*before), record_of(*after));
  if (!changes.empty()) audit::record(tx, actor, {"update", "space_building", id, changes});
  return true;
}

// ---- Rooms -----------------------------------------------------------------------------

json::object room_json(const db::Row& row) {
  const auto use = row.text(10);
  const auto status = row.text(15);
  return {{"id", row.int64(0)},
          {"building_id", row.int64(1)},
          {"building_code", row.text(2)},
          {"building_name", row.text(3)},
          {"floor_id", row.int64(4)},
          {"floor_level", row.int64(5)},
          {"floor_name", row.text(6)},
          {"number", row.text(7)},
          {"name", row.text(8)},
          {"usable_area", row.int64(9)},
          {"use", use},
          {"use_label", label_of(kRoomUses, use)},
          {"service_kind", nullable_text(row, 11)},
          {"service_kind_label", row.is_null(11) ? json::value() : json::value(label_of(kServiceKinds, row.text(11)))},
          {"unit_id", nullable_int(row, 12)},
          {"unit_code", nullable_text(row, 13)},
          {"unit_name", nullable_text(row, 14)},
          {"status", status},
          {"status_label", label_of(kRoomStatuses, status)},
          {"lent", status == "lent"},
          {"notes", row.text(16)},
          {"created_at", row.text(17)},
          {"updated_at", row.text(18)}};
}

std::optional<json::object> find_room(db::Tx& tx, std::int64_t tenant_id, std::int64_t id) {
  const auto found = tx.query("SELECT " + kRoomColumns + kRoomFrom + " WHERE r.tenant_id = $1 AND r.id = $2", tenant_id, id);
  if (found.empty()) return std::nullopt;
  return room_json(found.one());
}

void validate_room(db::Tx& tx, std::int64_t tenant_id, const RoomFields& fields) { check_room(tx, tenant_id, fields, 0); }

std::int64_t create_room(db::Tx& tx, const audit::Actor& actor, const RoomFields& f) {
  const auto building_id = check_room(tx, actor.tenant_id, f, 0);
  const auto id = tx.query(
                        "INSERT INTO space_rooms (tenant_id, building_id, floor_id, number, name, usable_area, room_use,"
                        " service_kind, unit_id, status, notes, created_at, updated_at)"
                        " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12) RETURNING id",
                        actor.tenant_id, building_id, f.floor_id, f.number, f.name, f.usable_area, f.use, f.service_kind,
                        f.unit_id, f.status, f.notes, util::now_utc())
                      .one()
                      .int64(0);
  audit::record(tx, actor, {"create", "space_room", id, record_of(*find_room(tx, actor.tenant_id, id))});
  return id;
}

bool update_room(db::Tx& tx, const audit::Actor& actor, std::int64_t id, const RoomPatch& p) {
  const auto before = find_room(tx, actor.tenant_id, id);
  if (!before) return false;
  const auto b = room_fields_of(*before);
  RoomFields f{patched(p.floor_id, b.floor_id), patched(p.number, b.number),   patched(p.name, b.name),
               patched(p.usable_area, b.usable_area), patched(p.use, b.use), patched(p.service_kind, b.service_kind),
               patched(p.unit_id, b.unit_id),   patched(p.status, b.status),   patched(p.notes, b.notes)};
  if (f.use != "service" && !p.service_kind) f.service_kind.reset();  // a room leaving service leaves its kind
  const auto building_id = check_room(tx, actor.tenant_id, f, id);
  const bool occupied =
      !tx.query("SELECT 1 FROM space_occupancies WHERE tenant_id = $1 AND room_id = $2 AND end_date IS NULL", actor.tenant_id, id)
           .empty();
  if (occupied && f.use != "office") {
    throw http::ApiError(409, "occupied", "房间还有使用人，请先结束其使用后再改变用途", "use");
  }
  if (occupied && f.status == "vacant") {
    throw http::ApiError(409, "occupied", "房间还有使用人，不能标为空置", "status");
  }
  tx.query(
      "UPDATE space_rooms SET building_id = $3, floor_id = $4, number = $5, name = $6, usable_area = $7, room_use = $8,"
      " service_kind = $9, unit_id = $10, status = $11, notes = $12, updated_at = $13 WHERE tenant_id = $1 AND id = $2",
      actor.tenant_id, id, building_id, f.floor_id, f.number, f.name, f.usable_area, f.use, f.service_kind, f.unit_id, f.status,
      f.notes, util::now_utc());
  const auto changes = audit::diff(record_of(*before), record_of(*find_room(tx, actor.tenant_id, id)));
  if (!changes.empty()) audit::record(tx, actor, {"update", "space_room", id, changes});
  return true;
}

std::optional<std::int64_t> parse_area(std::string_view text) {
  const auto dot = text.find('.');
  const auto whole = text.substr(0, dot);
  const auto fraction = dot == std::string_view::npos ? std::string_view() : text.substr(dot + 1);
  const auto digits = [](std::string_view s) { return s.find_first_not_of("0123456789") == std::string_view::npos; };
  if (whole.empty() || whole.size() > 9 || !digits(whole) || !digits(fraction)) return std::nullopt;
  if (fraction.size() > 2 && fraction.find_first_not_of('0', 2) != std::string_view::npos) return std::nullopt;
  std::int64_t hundredths = 0;
  for (char c : whole) hundredths = hundredths * 10 + (c - '0');
  for (std::size_t i = 0; i < 2; ++i) hundredths = hundredths * 10 + (i < fraction.size() ? fraction[i] - '0' : 0);
  return hundredths;
}

}  // namespace jiguan::space
