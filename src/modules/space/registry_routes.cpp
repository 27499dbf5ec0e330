// HTTP handlers of the registry: buildings and floors, rooms with their live verdicts, the
// rooms' import, occupancy and the flags. Thin: parse the input, restrict rooms to the
// caller's data scope over their unit, call registry.cpp / occupancy.cpp inside one
// transaction, answer JSON or Excel.
#include <algorithm>
#include <boost/json.hpp>
#include <charconv>
#include <map>
#include <memory>
#include <set>

#include "core/access/scope.hpp"
#include "core/calendar/calendar.hpp"
#include "core/export/import.hpp"
#include "core/export/xlsx.hpp"
#include "core/http/api_error.hpp"
#include "core/http/openapi.hpp"
#include "core/util/time.hpp"
#include "modules/space/registry.hpp"
#include "modules/space/route_support.hpp"
#include "modules/space/space.hpp"

namespace jiguan::space {
namespace json = boost::json;

namespace {

using xlsx::CellType;

// ---- Documentation ---------------------------------------------------------------------

json::value building_schema() {
  return http::object_schema({{"id", "integer"},           {"code", "string"},         {"name", "string"},
                              {"address", "string"},       {"year_built", "integer"},  {"floors_above", "integer"},
                              {"floors_below", "integer"}, {"total_area", "integer"},  {"usable_area", "integer"},
                              {"public_listed", "boolean"}, {"notes", "string"},       {"rooms", "integer"},
                              {"room_area", "integer"},    {"floors", "array"},        {"created_at", "string"},
                              {"updated_at", "string"}},
                             {"id", "code", "name", "floors_above", "floors_below", "rooms"});
}

json::value building_input_schema(bool create) {
  auto fields = {std::pair{"code", "string"},          std::pair{"name", "string"},         std::pair{"address", "string"},
                 std::pair{"year_built", "integer"},    std::pair{"floors_above", "integer"}, std::pair{"floors_below", "integer"},
                 std::pair{"total_area", "integer"},    std::pair{"usable_area", "integer"},  std::pair{"public_listed", "boolean"},
                 std::pair{"notes", "string"}};
  return create ? http::object_schema(fields, {"code", "name", "floors_above"}) : http::object_schema(fields);
}

json::value floor_schema() {
  return http::object_schema({{"id", "integer"}, {"building_id", "integer"}, {"level", "integer"}, {"name", "string"},
                              {"rooms", "integer"}, {"room_area", "integer"}},
                             {"id", "building_id", "level", "name", "rooms"});
}

json::value room_schema() {
  return http::object_schema(
      {{"id", "integer"},          {"building_id", "integer"},  {"building_code", "string"},  {"building_name", "string"},
       {"floor_id", "integer"},    {"floor_level", "integer"},  {"floor_name", "string"},     {"number", "string"},
       {"name", "string"},         {"usable_area", "integer"},  {"use", "string"},            {"use_label", "string"},
       {"service_kind", "string"}, {"service_kind_label", "string"}, {"unit_id", "integer"}, {"unit_code", "string"},
       {"unit_name", "string"},    {"status", "string"},        {"status_label", "string"},   {"lent", "boolean"},
       {"notes", "string"},        {"grade", "string"},         {"colour", "string"},         {"entitlement", "integer"},
       {"excess_area", "integer"}, {"excess_permille", "integer"}, {"occupant_names", "array"}, {"created_at", "string"},
       {"updated_at", "string"}},
      {"id", "building_id", "floor_id", "number", "usable_area", "use", "status", "lent", "occupant_names"});
}

json::value room_detail_schema() {
  auto schema = room_schema();
  auto& props = schema.at("properties").as_object();
  for (const char* key : {"occupants", "history", "flags"}) props[key] = {{"type", "array"}};
  props["compliance"] = {{"type", "object"}};
  return schema;
}

json::value room_input_schema(bool create) {
  auto fields = {std::pair{"floor_id", "integer"},   std::pair{"number", "string"},     std::pair{"name", "string"},
                 std::pair{"usable_area", "integer"}, std::pair{"use", "string"},        std::pair{"service_kind", "string"},
                 std::pair{"unit_id", "integer"},     std::pair{"status", "string"},     std::pair{"notes", "string"}};
  return create ? http::object_schema(fields, {"floor_id", "number", "usable_area", "use"}) : http::object_schema(fields);
}

json::value occupancy_schema() {
  return http::object_schema(
      {{"id", "integer"},          {"room_id", "integer"},          {"room_number", "string"},      {"building_id", "integer"},
       {"building_name", "string"}, {"room_unit_id", "integer"},    {"room_unit_name", "string"},   {"person_id", "integer"},
       {"person_name", "string"},  {"rank", "string"},              {"rank_label", "string"},       {"person_unit_id", "integer"},
       {"person_unit_name", "string"}, {"person_active", "boolean"}, {"start_date", "string"},      {"end_date", "string"},
       {"current", "boolean"},     {"second_office", "boolean"},    {"multi_post_reason", "string"}, {"notes", "string"},
       {"created_at", "string"},   {"updated_at", "string"}},
      {"id", "room_id", "person_id", "start_date", "current", "second_office"});
}

json::value occupancy_change_schema() {
  return http::object_schema({{"occupancy", "object"}, {"room", "object"}}, {"occupancy", "room"});
}

json::value flag_schema() {
  return http::object_schema({{"kind", "string"},       {"room_id", "integer"},   {"building_name", "string"},
                              {"room_number", "string"}, {"unit_id", "integer"},  {"unit_name", "string"},
                              {"person_id", "integer"},  {"person_name", "string"}, {"occupancy_id", "integer"},
                              {"since", "string"},       {"due", "string"},       {"message", "string"}},
                             {"kind", "room_id", "since", "due", "message"});
}

// ---- Lists -----------------------------------------------------------------------------

// A list's workbook: each column a field of the item's JSON (an array of names → "甲、乙").
using Sheet = std::vector<std::pair<xlsx::Column, const char*>>;

std::vector<xlsx::Column> columns_of(const Sheet& sheet) {
  std::vector<xlsx::Column> columns;
  for (const auto& [column, key] : sheet) columns.push_back(column);
  return columns;
}

std::vector<db::Value> cells_of(const json::object& item, const Sheet& sheet) {
  std::vector<db::Value> cells;
  for (const auto& [column, key] : sheet) {
    if (const auto* names = item.if_contains(key); names && names->is_array()) {
      std::string joined;
      for (const auto& n : names->as_array()) joined += (joined.empty() ? "" : "、") + std::string(n.as_string());
      cells.emplace_back(joined);
    } else {
      cells.push_back(xlsx::json_cell(item, key));
    }
  }
  return cells;
}

// A list from SQL: one page as {items,total}, or every row as a workbook.
template <class ToJson>
http::Response answer_list(const http::Context& ctx, db::Tx& tx, const http::ListQuery& lq, const std::string& columns,
                           const std::string& from_where, const std::vector<db::Value>& params, ToJson to_json,
                           const std::string& filename, const Sheet& sheet) {
  if (xlsx::wants_xlsx(ctx.request)) {
    return xlsx::export_list(tx, filename, columns_of(sheet), columns, from_where, params, lq,
                             [&](const db::Row& row) { return cells_of(to_json(row), sheet); });
  }
  return http::list_response(http::fetch_page(tx, columns, from_where, params, lq), to_json);
}

// A list computed in memory (filtered and in order): one page, or all of it as a workbook.
http::Response answer_items(const http::Context& ctx, const http::ListQuery& lq, std::vector<json::object> items,
                            const std::string& filename, const Sheet& sheet) {
  if (xlsx::wants_xlsx(ctx.request)) {
    return xlsx::xlsx_response(filename, columns_of(sheet), [&](const auto& add_row) {
      for (const auto& item : items) add_row(cells_of(item, sheet));
    });
  }
  json::array page;
  const auto total = static_cast<std::int64_t>(items.size());
  for (auto i = std::min(lq.offset(), total); i < std::min(lq.offset() + lq.page_size, total); ++i) {
    page.push_back(std::move(items[static_cast<std::size_t>(i)]));
  }
  return http::Response::json(json::object{{"items", std::move(page)}, {"total", total}});
}

// ?name= as text ("" when absent), 422 unless it is one of `terms`.
std::string term_param(const http::Context& ctx, const char* name, const std::vector<Term>& terms, const std::string& what) {
  const auto value = ctx.request.query_param(name).value_or("");
  if (!value.empty() && label_of(terms, value).empty()) throw http::invalid(name, "未知的" + what + "：" + value);
  return value;
}

// `sql` with each '?' replaced by the parameter `v` appended to params.
void add_filter(std::string& where, std::vector<db::Value>& params, db::Value v, const std::string& sql) {
  params.push_back(std::move(v));
  const auto n = "$" + std::to_string(params.size());
  auto out = sql;
  for (auto at = out.find('?'); at != std::string::npos; at = out.find('?', at + n.size())) out.replace(at, 1, n);
  where += " AND " + out;
}

// ---- Scope -----------------------------------------------------------------------------

std::string rooms_in_scope(const http::Context& ctx, std::vector<db::Value>& params) {
  return access::scope_predicate(ctx.scope(), "r.unit_id", "", params);
}

// 404 unless the room exists in the tenant and in the caller's scope (indistinguishable).
void require_visible_room(const http::Context& ctx, db::Tx& tx, std::int64_t id) {
  std::vector<db::Value> params{ctx.tenant_id(), id};
  const auto scope = rooms_in_scope(ctx, params);
  if (tx.exec("SELECT 1 FROM space_rooms r WHERE r.tenant_id = $1 AND r.id = $2 AND " + scope, params).empty()) {
    throw http::not_found("房间");
  }
}

// Nobody places a room where they could not then see it.
void require_unit_in_scope(const http::Context& ctx, db::Tx& tx, const std::optional<std::int64_t>& unit_id) {
  if (!unit_id) return;
  std::vector<db::Value> params{ctx.tenant_id(), *unit_id};
  const auto scope = access::scope_predicate(ctx.scope(), "u.id", "", params);
  if (tx.exec("SELECT 1 FROM units u WHERE u.tenant_id = $1 AND u.id = $2 AND " + scope, params).empty()) {
    throw http::invalid("unit_id", "使用单位不存在或不在您的数据范围内");
  }
}

// Whether a flag's room unit lies in the caller's scope (flags are computed, not queried).
bool unit_visible(const access::Scope& scope, const std::optional<std::int64_t>& unit_id) {
  if (scope.kind == access::DataScope::all) return true;
  return unit_id && std::find(scope.unit_ids.begin(), scope.unit_ids.end(), *unit_id) != scope.unit_ids.end();
}

// ---- Input -----------------------------------------------------------------------------

std::optional<std::string> patch_text(const http::JsonBody& b, const char* key, std::size_t max) {
  return b.has(key) ? std::optional(b.optional_string(key, max).value_or("")) : std::nullopt;
}
std::optional<std::int64_t> patch_int(const http::JsonBody& b, const char* key) {
  return b.has(key) ? std::optional(b.required_int(key)) : std::nullopt;
}
std::optional<std::optional<std::int64_t>> patch_nullable_int(const http::JsonBody& b, const char* key) {
  return b.has(key) ? std::optional(b.optional_int(key)) : std::nullopt;
}

BuildingFields building_fields(const http::JsonBody& b) {
  return {b.required_string("code", 40),
          b.required_string("name", 200),
          b.optional_string("address", 400).value_or(""),
          b.optional_int("year_built"),
          b.required_int("floors_above"),
          b.optional_int("floors_below").value_or(0),
          b.optional_int("total_area"),
          b.optional_int("usable_area"),
          b.optional_bool("public_listed").value_or(true),
          b.optional_string("notes", 1000).value_or("")};
}

BuildingPatch building_patch(const http::JsonBody& b) {
  return {patch_text(b, "code", 40),
          patch_text(b, "name", 200),
          patch_text(b, "address", 400),
          patch_nullable_int(b, "year_built"),
          patch_int(b, "floors_above"),
          patch_int(b, "floors_below"),
          patch_nullable_int(b, "total_area"),
          patch_nullable_int(b, "usable_area"),
          b.has("public_listed") ? b.optional_bool("public_listed") : std::nullopt,
          patch_text(b, "notes", 1000)};
}

RoomFields room_fields(const http::JsonBody& b) {
  return {b.required_int("floor_id"),
          b.required_string("number", 40),
          b.optional_string("name", 200).value_or(""),
          b.required_int("usable_area"),
          b.required_string("use", 20),
          b.optional_string("service_kind", 20),
          b.optional_int("unit_id"),
          b.optional_string("status", 20).value_or("in_use"),
          b.optional_string("notes", 1000).value_or("")};
}

RoomPatch room_patch(const http::JsonBody& b) {
  return {patch_int(b, "floor_id"),
          patch_text(b, "number", 40),
          patch_text(b, "name", 200),
          patch_int(b, "usable_area"),
          patch_text(b, "use", 20),
          b.has("service_kind") ? std::optional(b.optional_string("service_kind", 20)) : std::nullopt,
          patch_nullable_int(b, "unit_id"),
          patch_text(b, "status", 20),
          patch_text(b, "notes", 1000)};
}

// ---- Buildings -------------------------------------------------------------------------

const Sheet kBuildingSheet = {{{"楼宇编号", CellType::text, 10}, "code"},
                              {{"楼宇名称", CellType::text, 24}, "name"},
                              {{"地址", CellType::text, 30}, "address"},
                              {{"建成年份", CellType::integer, 10}, "year_built"},
                              {{"地上层数", CellType::integer, 10}, "floors_above"},
                              {{"地下层数", CellType::integer, 10}, "floors_below"},
                              {{"建筑面积(m²)", CellType::area_centi_m2, 14}, "total_area"},
                              {{"使用面积(m²)", CellType::area_centi_m2, 14}, "usable_area"},
                              {{"房间数", CellType::integer, 8}, "rooms"},
                              {{"房间面积合计(m²)", CellType::area_centi_m2, 16}, "room_area"},
                              {{"公开", CellType::boolean, 6}, "public_listed"},
                              {{"备注", CellType::text, 24}, "notes"}};

http::Response list_buildings(http::Context& ctx) {
  const auto lq = ctx.list_query(
      {{"code", "b.code"}, {"name", "b.name"}, {"year_built", "b.year_built"}, {"created_at", "b.created_at"}}, "code", "b.id");
  const std::vector<db::Value> params{ctx.tenant_id(), lq.like_pattern()};
  const std::string where =
      " WHERE b.tenant_id = $1 AND (b.code LIKE $2 ESCAPE '\\' OR b.name LIKE $2 ESCAPE '\\' OR b.address LIKE $2 ESCAPE '\\')";
  return ctx.db().read([&](db::Tx& tx) {
    return answer_list(ctx, tx, lq, kBuildingColumns, kBuildingFrom + where, params, building_json, "楼宇", kBuildingSheet);
  });
}

http::Response building_response(const http::Context& ctx, db::Tx& tx, std::int64_t id, int status = 200) {
  const auto building = find_building(tx, ctx.tenant_id(), id);
  if (!building) throw http::not_found("楼宇");
  return http::Response::json(*building, status);
}

http::Response list_floors(http::Context& ctx) {
  const auto id = ctx.path_id("id", "楼宇");
  const auto lq = ctx.list_query({{"level", "f.level"}, {"name", "f.name"}}, "level", "f.id");
  const std::vector<db::Value> params{ctx.tenant_id(), id, lq.like_pattern()};
  const std::string where = " WHERE f.tenant_id = $1 AND f.building_id = $2 AND f.name LIKE $3 ESCAPE '\\'";
  return ctx.db().read([&](db::Tx& tx) {
    if (!find_building(tx, ctx.tenant_id(), id)) throw http::not_found("楼宇");
    return answer_list(ctx, tx, lq, kFloorColumns, kFloorFrom + where, params, floor_json, "楼层",
                       {{{"楼层", CellType::text, 8}, "name"},
                        {{"层号", CellType::integer, 8}, "level"},
                        {{"房间数", CellType::integer, 8}, "rooms"},
                        {{"房间面积合计(m²)", CellType::area_centi_m2, 16}, "room_area"}});
  });
}

// ---- Rooms -----------------------------------------------------------------------------

const Sheet kRoomSheet = {{{"楼宇", CellType::text, 20}, "building_name"},
                          {{"楼层", CellType::text, 6}, "floor_name"},
                          {{"门牌号", CellType::text, 8}, "number"},
                          {{"名称", CellType::text, 16}, "name"},
                          {{"使用面积(m²)", CellType::area_centi_m2, 12}, "usable_area"},
                          {{"用途", CellType::text, 10}, "use_label"},
                          {{"服务用房类别", CellType::text, 10}, "service_kind_label"},
                          {{"使用单位", CellType::text, 20}, "unit_name"},
                          {{"状态", CellType::text, 6}, "status_label"},
                          {{"使用人", CellType::text, 20}, "occupant_names"},
                          {{"核定面积(m²)", CellType::area_centi_m2, 12}, "entitlement"},
                          {{"超标面积(m²)", CellType::area_centi_m2, 12}, "excess_area"},
                          {{"核定结果", CellType::text, 14}, "grade"},
                          {{"备注", CellType::text, 24}, "notes"}};

// The room's registry fields with its live verdict (an office's; null for other rooms).
json::object room_item(json::object room, const std::map<std::int64_t, RoomCompliance>& verdicts) {
  const auto it = verdicts.find(room.at("id").as_int64());
  json::array names;
  if (it == verdicts.end()) {
    for (const char* key : {"grade", "colour", "entitlement", "excess_area", "excess_permille"}) room[key] = nullptr;
  } else {
    const auto& a = it->second.assessment;
    room["grade"] = grade_name(a.grade);
    room["colour"] = grade_colour(a.grade);
    room["entitlement"] = a.entitlement;
    room["excess_area"] = a.excess_area;
    room["excess_permille"] = a.excess_permille;
    for (const auto& s : a.shares) names.emplace_back(s.name);
  }
  room["occupant_names"] = std::move(names);
  return room;
}

std::map<std::int64_t, RoomCompliance> verdicts_of(db::Tx& tx, std::int64_t tenant_id, const RoomFilter& filter,
                                                   std::string_view day) {
  std::map<std::int64_t, RoomCompliance> out;
  for (auto& r : assess_rooms(tx, tenant_id, filter, day)) out.emplace(r.room_id, std::move(r));
  return out;
}

http::Response list_rooms(http::Context& ctx) {
  const auto lq = ctx.list_query({{"building", "b.code"},
                                  {"number", "r.number"},
                                  {"usable_area", "r.usable_area"},
                                  {"status", "r.status"},
                                  {"updated_at", "r.updated_at"}},
                                 "building", "b.code, f.level, r.number, r.id");
  const auto use = term_param(ctx, "use", kRoomUses, "用途");
  const auto status = term_param(ctx, "status", kRoomStatuses, "状态");
  const auto colour = ctx.request.query_param("colour").value_or("");
  if (!colour.empty() && colour != "green" && colour != "amber" && colour != "red" && colour != "grey") {
    throw http::invalid("colour", "colour 应为 green | amber | red | grey");
  }
  const auto building_id = ctx.query_int("building_id");
  std::vector<db::Value> params{ctx.tenant_id(), lq.like_pattern()};
  std::string where =
      " WHERE r.tenant_id = $1 AND (r.number LIKE $2 ESCAPE '\\' OR r.name LIKE $2 ESCAPE '\\' OR u.name LIKE $2 ESCAPE '\\')";
  if (building_id) add_filter(where, params, *building_id, "r.building_id = ?");
  if (const auto floor = ctx.query_int("floor_id")) add_filter(where, params, *floor, "r.floor_id = ?");
  if (const auto unit = ctx.query_int("unit_id")) add_filter(where, params, *unit, "r.unit_id = ?");
  if (!use.empty()) add_filter(where, params, use, "r.room_use = ?");
  if (!status.empty()) add_filter(where, params, status, "r.status = ?");
  where += " AND " + rooms_in_scope(ctx, params);
  return ctx.db().read([&](db::Tx& tx) {
    // The verdicts are computed, not stored: the colour filters and pages after them.
    const auto verdicts = verdicts_of(tx, ctx.tenant_id(), {std::nullopt, std::nullopt, building_id}, util::china_today());
    std::vector<json::object> items;
    for (const auto& row : tx.exec("SELECT " + kRoomColumns + kRoomFrom + where + " ORDER BY " + lq.order_by, params).rows) {
      auto item = room_item(room_json(row), verdicts);
      if (colour.empty() || (item.at("colour").is_string() && item.at("colour").as_string() == colour)) {
        items.push_back(std::move(item));
      }
    }
    return answer_items(ctx, lq, std::move(items), "房间", kRoomSheet);
  });
}

json::array occupancies_of_room(db::Tx& tx, std::int64_t tenant_id, std::int64_t room_id, bool current_only) {
  json::array out;
  for (const auto& row : tx.query("SELECT " + kOccupancyColumns + kOccupancyFrom +
                                      " WHERE o.tenant_id = $1 AND o.room_id = $2" +
                                      (current_only ? " AND o.end_date IS NULL" : "") + " ORDER BY o.start_date DESC, o.id DESC",
                                  tenant_id, room_id)
                             .rows) {
    out.push_back(occupancy_json(row));
  }
  return out;
}

// The room with its verdict, `compliance` (an office's, else null), current occupants,
// history (every occupancy, latest first) and flags.
http::Response room_response(const http::Context& ctx, db::Tx& tx, std::int64_t id, int status = 200) {
  const auto today = util::china_today();
  const auto verdicts = verdicts_of(tx, ctx.tenant_id(), {id, std::nullopt, std::nullopt}, today);
  auto room = room_item(*find_room(tx, ctx.tenant_id(), id), verdicts);
  room["compliance"] = verdicts.empty() ? json::value() : json::value(room_compliance_json(verdicts.begin()->second));
  room["occupants"] = occupancies_of_room(tx, ctx.tenant_id(), id, true);
  room["history"] = occupancies_of_room(tx, ctx.tenant_id(), id, false);
  json::array flags;
  for (const auto& f : compute_flags(tx, ctx.tenant_id(), today, id)) flags.push_back(flag_json(f));
  room["flags"] = std::move(flags);
  return http::Response::json(room, status);
}

// ---- Import ----------------------------------------------------------------------------

// The sheet's columns and the field each one fills (validation errors name the field).
const std::vector<import::FieldColumn> kImportFields = {{"楼宇编号", true, "building"},
                                                {"楼层", true, "floor_id"},
                                                {"门牌号", true, "number"},
                                                {"名称", false, "name"},
                                                {"使用面积(m²)", true, "usable_area"},
                                                {"用途", true, "use"},
                                                {"服务用房类别", false, "service_kind"},
                                                {"使用单位(编码或名称)", false, "unit_id"},
                                                {"状态", false, "status"},
                                                {"备注", false, "notes"}};


// A floor as people write it: its name ("3F", "B1"), or its level ("3", "-1", "3层").
std::optional<std::int64_t> find_floor(db::Tx& tx, std::int64_t tenant_id, std::int64_t building_id, std::string text) {
  for (const char* suffix : {"层", "F", "f"}) {
    if (text.ends_with(suffix) && text.size() > std::string(suffix).size()) text.resize(text.size() - std::string(suffix).size());
  }
  if (!text.empty() && (text[0] == 'b' || text[0] == 'B')) text = "-" + text.substr(1);
  std::int64_t level = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), level);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  const auto floor =
      tx.query("SELECT id FROM space_floors WHERE tenant_id = $1 AND building_id = $2 AND level = $3", tenant_id, building_id, level);
  return floor.empty() ? std::nullopt : floor.one().opt_int64(0);
}

// The unit by its code, else by its name when only one unit has it.
std::optional<std::int64_t> find_unit(db::Tx& tx, std::int64_t tenant_id, const std::string& code_or_name) {
  for (const char* column : {"code", "name"}) {
    const auto found =
        tx.query(std::string("SELECT id FROM units WHERE tenant_id = $1 AND ") + column + " = $2", tenant_id, code_or_name);
    if (found.rows.size() == 1) return found.one().int64(0);
  }
  return std::nullopt;
}

import::ImportSpec<RoomFields> room_import_spec(http::Context& ctx) {
  import::ImportSpec<RoomFields> spec;
  spec.columns = import::columns_of(kImportFields);
  auto seen = std::make_shared<std::set<std::pair<std::int64_t, std::string>>>();  // building, number of the rows above
  spec.parse = [&ctx, seen](db::Tx& tx, const std::vector<std::string>& cells, int,
                            const auto& error) -> std::optional<RoomFields> {
    bool ok = true;
    const auto fail = [&](std::size_t column, const std::string& message) {
      error(kImportFields[column].header, message);
      ok = false;
    };
    const auto term = [&](std::size_t column, const std::vector<Term>& terms) -> std::optional<std::string> {
      if (cells[column].empty()) return std::nullopt;
      const auto code = code_of(terms, cells[column]);
      if (!code) fail(column, std::string(kImportFields[column].header) + "不正确：" + cells[column]);
      return code;
    };
    RoomFields f;
    const auto building = tx.query("SELECT id FROM space_buildings WHERE tenant_id = $1 AND code = $2", ctx.tenant_id(), cells[0]);
    if (building.empty()) {
      fail(0, "楼宇编号不存在：" + cells[0]);
    } else if (const auto floor = find_floor(tx, ctx.tenant_id(), building.one().int64(0), cells[1])) {
      f.floor_id = *floor;
    } else {
      fail(1, "该楼宇没有此楼层：" + cells[1]);
    }
    f.number = cells[2];
    f.name = cells[3];
    const auto area = parse_area(cells[4]);
    if (!area) fail(4, "使用面积应为以 m² 为单位的数，最多两位小数");
    f.usable_area = area.value_or(0);
    f.use = term(5, kRoomUses).value_or("");
    f.service_kind = term(6, kServiceKinds);
    if (!cells[7].empty()) {
      f.unit_id = find_unit(tx, ctx.tenant_id(), cells[7]);
      if (!f.unit_id) fail(7, "使用单位不存在（或名称不唯一，请写编码）：" + cells[7]);
    }
    f.status = term(8, kRoomStatuses).value_or("in_use");
    f.notes = cells[9];
    if (!ok) return std::nullopt;
    try {
      validate_room(tx, ctx.tenant_id(), f);
    } catch (const http::ApiError& e) {
      error(import::header_of(kImportFields, e.field(), kImportFields[2].header), e.what());
      return std::nullopt;
    }
    // Two rows of one sheet for the same room: the database cannot tell yet.
    if (!seen->insert({building.one().int64(0), f.number}).second) fail(2, "门牌号与表格中前面的行重复");
    return ok ? std::optional(f) : std::nullopt;
  };
  spec.insert = [actor = audit::actor_of(ctx.who(), ctx.request)](db::Tx& tx, const RoomFields& fields) {
    create_room(tx, actor, fields);
  };
  return spec;
}

// ---- Occupancy -------------------------------------------------------------------------

const Sheet kOccupancySheet = {{{"楼宇", CellType::text, 20}, "building_name"},
                               {{"门牌号", CellType::text, 8}, "room_number"},
                               {{"使用人", CellType::text, 10}, "person_name"},
                               {{"职级", CellType::text, 10}, "rank_label"},
                               {{"所在单位", CellType::text, 20}, "person_unit_name"},
                               {{"开始日期", CellType::date, 12}, "start_date"},
                               {{"结束日期", CellType::date, 12}, "end_date"},
                               {{"第二办公室", CellType::boolean, 8}, "second_office"},
                               {{"多处任职原因", CellType::text, 24}, "multi_post_reason"},
                               {{"备注", CellType::text, 24}, "notes"}};

http::Response list_occupancies(http::Context& ctx) {
  const auto lq = ctx.list_query({{"start_date", "o.start_date"}, {"end_date", "o.end_date"}, {"person", "p.name"},
                                  {"room", "r.number"}},
                                 "-start_date", "o.id");
  std::vector<db::Value> params{ctx.tenant_id(), lq.like_pattern()};
  std::string where =
      " WHERE o.tenant_id = $1 AND (p.name LIKE $2 ESCAPE '\\' OR r.number LIKE $2 ESCAPE '\\' OR b.name LIKE $2 ESCAPE '\\')";
  if (const auto room = ctx.query_int("room_id")) add_filter(where, params, *room, "o.room_id = ?");
  if (const auto person = ctx.query_int("person_id")) add_filter(where, params, *person, "o.person_id = ?");
  if (const auto unit = ctx.query_int("unit_id")) add_filter(where, params, *unit, "p.unit_id = ?");
  if (const auto current = ctx.query_bool("current")) where += *current ? " AND o.end_date IS NULL" : " AND o.end_date IS NOT NULL";
  // Visible: the room's unit or the person's unit lies in the caller's scope.
  const auto by_room = rooms_in_scope(ctx, params);
  where += " AND (" + by_room + " OR " + access::scope_predicate(ctx.scope(), "p.unit_id", "", params) + ")";
  return ctx.db().read([&](db::Tx& tx) {
    return answer_list(ctx, tx, lq, kOccupancyColumns, kOccupancyFrom + where, params, occupancy_json, "办公室使用记录",
                       kOccupancySheet);
  });
}

// {occupancy, room: the room's verdict on `day`}: what a change answers, so a page can
// recolour the room at once.
http::Response occupancy_change(const http::Context& ctx, db::Tx& tx, std::int64_t occupancy_id, const std::string& day,
                                int status) {
  auto occupancy = *find_occupancy(tx, ctx.tenant_id(), occupancy_id);
  const auto rooms = assess_rooms(tx, ctx.tenant_id(), {occupancy.at("room_id").as_int64(), std::nullopt, std::nullopt}, day);
  const auto room = rooms.empty() ? json::value() : json::value(room_compliance_json(rooms.front()));  // null: not an office
  return http::Response::json(json::object{{"occupancy", std::move(occupancy)}, {"room", room}}, status);
}

// ---- Flags -----------------------------------------------------------------------------

const std::vector<std::string> kFlagKinds = {"left_unit", "second_office_overdue", "lent_room", "occupied_non_office"};

http::Response list_flags(http::Context& ctx) {
  const auto lq = ctx.list_query({{"due", "due"}, {"since", "since"}, {"kind", "kind"}}, "due");
  const auto kind = ctx.request.query_param("kind").value_or("");
  if (!kind.empty() && std::find(kFlagKinds.begin(), kFlagKinds.end(), kind) == kFlagKinds.end()) {
    throw http::invalid("kind", "kind 应为 left_unit | second_office_overdue | lent_room | occupied_non_office");
  }
  const auto unit_id = ctx.query_int("unit_id");
  auto sort = ctx.request.query_param("sort").value_or("due");
  const bool descending = sort.starts_with("-");
  if (sort.empty() || descending) sort = sort.empty() ? "due" : sort.substr(1);
  return ctx.db().read([&](db::Tx& tx) {
    std::vector<json::object> items;
    for (const auto& f : compute_flags(tx, ctx.tenant_id(), util::china_today())) {
      const auto matches = lq.q.empty() || (f.building_name + " " + f.room_number + " " + f.person_name + " " + f.unit_name)
                                                   .find(lq.q) != std::string::npos;
      if ((kind.empty() || f.kind == kind) && (!unit_id || f.unit_id == unit_id) && matches && unit_visible(ctx.scope(), f.unit_id)) {
        items.push_back(flag_json(f));
      }
    }
    std::stable_sort(items.begin(), items.end(), [&](const json::object& a, const json::object& b) {
      return descending ? b.at(sort).as_string() < a.at(sort).as_string() : a.at(sort).as_string() < b.at(sort).as_string();
    });
    return answer_items(ctx, lq, std::move(items), "办公用房问题",
                        {{{"问题", CellType::text, 16}, "kind"},
                         {{"楼宇", CellType::text, 20}, "building_name"},
                         {{"门牌号", CellType::text, 8}, "room_number"},
                         {{"使用单位", CellType::text, 20}, "unit_name"},
                         {{"使用人", CellType::text, 10}, "person_name"},
                         {{"起始日期", CellType::date, 12}, "since"},
                         {{"应处理日期", CellType::date, 12}, "due"},
                         {{"说明", CellType::text, 60}, "message"}});
  });
}

}  // namespace

void register_registry_routes(http::Router& router) {
  const auto read = "space.read", manage = "space.manage";
  const auto authenticated = http::Access::authenticated;
  const auto actor = [](const http::Context& ctx) { return audit::actor_of(ctx.who(), ctx.request); };

  // ---- Buildings and floors ----
  router.add({"GET", "/api/v1/space/buildings", authenticated, read, list_buildings,
              {"楼宇列表（分页、搜索、导出 Excel）", "space",
               http::list_docs("按楼宇编号、名称或地址搜索", "code | name | year_built | created_at"), nullptr,
               http::list_schema(building_schema())}});

  router.add({"POST", "/api/v1/space/buildings", authenticated, manage,
              [actor](http::Context& ctx) {
                const auto fields = building_fields(ctx.json_body());
                return ctx.db().write([&](db::Tx& tx) {
                  return building_response(ctx, tx, create_building(tx, actor(ctx), fields), 201);
                });
              },
              {"登记楼宇（同时建立各楼层：1F…nF、B1…Bn）", "space", {}, building_input_schema(true), building_schema(), 201}});

  router.add({"GET", "/api/v1/space/buildings/{id}", authenticated, read,
              [](http::Context& ctx) {
                const auto id = ctx.path_id("id", "楼宇");
                return ctx.db().read([&](db::Tx& tx) { return building_response(ctx, tx, id); });
              },
              {"楼宇详情（含各楼层及其房间数）", "space", {}, nullptr, building_schema()}});

  router.add({"PATCH", "/api/v1/space/buildings/{id}", authenticated, manage,
              [actor](http::Context& ctx) {
                const auto id = ctx.path_id("id", "楼宇");
                const auto patch = building_patch(ctx.json_body());
                return ctx.db().write([&](db::Tx& tx) {
                  if (!update_building(tx, actor(ctx), id, patch)) throw http::not_found("楼宇");
                  return building_response(ctx, tx, id);
                });
              },
              {"修改楼宇（只改提交的字段；层数变化时增减楼层，有房间的楼层不能删除）", "space", {},
               building_input_schema(false), building_schema()}});

  router.add({"GET", "/api/v1/space/buildings/{id}/floors", authenticated, read, list_floors,
              {"楼宇的楼层（含房间数与面积）", "space", http::list_docs("按楼层名称搜索", "level | name"), nullptr,
               http::list_schema(floor_schema())}});

  // ---- Rooms ----
  router.add({"GET", "/api/v1/space/rooms", authenticated, read, list_rooms,
              {"房间列表（含办公室的实时核定结果；分页、搜索、筛选、导出 Excel）", "space",
               http::list_docs("按门牌号、房间名称或使用单位搜索", "building | number | usable_area | status | updated_at",
                               {{"building_id", "integer", "楼宇"},
                                {"floor_id", "integer", "楼层"},
                                {"unit_id", "integer", "使用单位"},
                                {"use", "string", "用途：office | service | equipment | ancillary"},
                                {"status", "string", "状态：in_use | vacant | reserved | lent"},
                                {"colour", "string", "核定颜色：green | amber | red | grey（只含办公室）"}}),
               nullptr, http::list_schema(room_schema())}});

  router.add({"POST", "/api/v1/space/rooms", authenticated, manage,
              [actor](http::Context& ctx) {
                const auto fields = room_fields(ctx.json_body());
                return ctx.db().write([&](db::Tx& tx) {
                  require_unit_in_scope(ctx, tx, fields.unit_id);
                  return room_response(ctx, tx, create_room(tx, actor(ctx), fields), 201);
                });
              },
              {"登记房间", "space", {}, room_input_schema(true), room_detail_schema(), 201}});

  router.add({"GET", "/api/v1/space/rooms/import/template", authenticated, manage,
              [](http::Context&) { return import::template_response("房间导入模板", import::columns_of(kImportFields)); },
              {"房间导入模板（Excel）", "space", {}, nullptr, nullptr}});

  router.add({"POST", "/api/v1/space/rooms/import", authenticated, manage,
              [](http::Context& ctx) {
                const auto table = import::read_table(ctx.request.body);
                return import::import_response(import::run_import(ctx.db(), table, room_import_spec(ctx)));
              },
              {"批量导入房间（请求体为 .xlsx 或 .csv 文件；有错误时一行也不导入）", "space", {}, nullptr,
               http::object_schema({{"imported", "integer"}}, {"imported"})}});

  router.add({"GET", "/api/v1/space/rooms/{id}", authenticated, read,
              [](http::Context& ctx) {
                const auto id = ctx.path_id("id", "房间");
                return ctx.db().read([&](db::Tx& tx) {
                  require_visible_room(ctx, tx, id);
                  return room_response(ctx, tx, id);
                });
              },
              {"房间详情（含核定结果、现使用人、使用历史和问题提示）", "space", {}, nullptr, room_detail_schema()}});

  router.add({"PATCH", "/api/v1/space/rooms/{id}", authenticated, manage,
              [actor](http::Context& ctx) {
                const auto id = ctx.path_id("id", "房间");
                return ctx.db().write([&](db::Tx& tx) {
                  require_visible_room(ctx, tx, id);
                  const auto patch = room_patch(ctx.json_body());
                  if (patch.unit_id) require_unit_in_scope(ctx, tx, *patch.unit_id);
                  update_room(tx, actor(ctx), id, patch);
                  return room_response(ctx, tx, id);
                });
              },
              {"修改房间（只改提交的字段；有使用人的房间不能改为非办公用途）", "space", {}, room_input_schema(false),
               room_detail_schema()}});

  // ---- Occupancy ----
  router.add({"GET", "/api/v1/space/occupancies", authenticated, read, list_occupancies,
              {"办公室使用记录（含历史；分页、搜索、筛选、导出 Excel）", "space",
               http::list_docs("按使用人、门牌号或楼宇搜索", "start_date | end_date | person | room",
                               {{"room_id", "integer", "房间"},
                                {"person_id", "integer", "人员"},
                                {"unit_id", "integer", "使用人所在单位"},
                                {"current", "boolean", "true：只看现使用；false：只看已结束"}}),
               nullptr, http::list_schema(occupancy_schema())}});

  router.add({"POST", "/api/v1/space/occupancies", authenticated, manage,
              [actor](http::Context& ctx) {
                const auto b = ctx.json_body();
                const OccupancyFields fields{b.required_int("room_id"),
                                             b.required_int("person_id"),
                                             b.optional_string("start_date", 10).value_or(util::china_today()),
                                             b.optional_bool("second_office").value_or(false),
                                             b.optional_string("multi_post_reason", 400).value_or(""),
                                             b.optional_string("notes", 1000).value_or("")};
                return ctx.db().write([&](db::Tx& tx) {
                  require_visible_room(ctx, tx, fields.room_id);
                  const auto id = assign_occupant(tx, actor(ctx), fields);
                  return occupancy_change(ctx, tx, id, util::china_today(), 201);
                });
              },
              {"分配办公室（第二办公室须写明多处任职原因且面积较小）；答复含房间的最新核定结果", "space", {},
               http::object_schema({{"room_id", "integer"},
                                    {"person_id", "integer"},
                                    {"start_date", "string"},
                                    {"second_office", "boolean"},
                                    {"multi_post_reason", "string"},
                                    {"notes", "string"}},
                                   {"room_id", "person_id"}),
               occupancy_change_schema(), 201}});

  router.add({"POST", "/api/v1/space/occupancies/{id}/end", authenticated, manage,
              [actor](http::Context& ctx) {
                const auto id = ctx.path_id("id", "使用记录");
                const auto end_date = ctx.json_body().optional_string("end_date", 10).value_or(util::china_today());
                return ctx.db().write([&](db::Tx& tx) {
                  const auto occupancy = find_occupancy(tx, ctx.tenant_id(), id);
                  if (!occupancy) throw http::not_found("使用记录");
                  require_visible_room(ctx, tx, occupancy->at("room_id").as_int64());
                  end_occupancy(tx, actor(ctx), id, end_date);
                  return occupancy_change(ctx, tx, id, util::china_today(), 200);
                });
              },
              {"结束使用（腾退）；答复含房间此后的核定结果", "space", {},
               http::object_schema({{"end_date", "string"}}), occupancy_change_schema()}});

  // ---- Flags ----
  router.add({"GET", "/api/v1/space/flags", authenticated, read, list_flags,
              {"办公用房问题提示：离岗未腾退、第二办公室逾期、出借、非办公室有使用人（实时计算）", "space",
               http::list_docs("按楼宇、门牌号、使用人或单位搜索", "due | since | kind",
                               {{"kind", "string", "left_unit | second_office_overdue | lent_room | occupied_non_office"},
                                {"unit_id", "integer", "房间的使用单位"}}),
               nullptr, http::list_schema(flag_schema())}});
}

}  // namespace jiguan::space
