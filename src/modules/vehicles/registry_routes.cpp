// HTTP handlers of the fleet registry: vehicles (list, detail, create, change, status
// action, timeline, import), configuration standards, unit quotas and the fleet report.
// Thin: parse the input, restrict vehicles to the caller's data scope over the owning unit,
// call registry.cpp / standards.cpp inside one transaction, answer JSON or Excel.
#include <boost/json.hpp>
#include <charconv>
#include <memory>
#include <set>

#include "core/access/scope.hpp"
#include "core/export/import.hpp"
#include "core/export/xlsx.hpp"
#include "core/http/api_error.hpp"
#include "core/http/openapi.hpp"
#include "core/people/people.hpp"
#include "modules/vehicles/builtins.hpp"
#include "modules/vehicles/events.hpp"
#include "modules/vehicles/fields.hpp"
#include "modules/vehicles/registry.hpp"
#include "modules/vehicles/route_support.hpp"
#include "modules/vehicles/routes.hpp"

namespace jiguan::vehicles {
namespace json = boost::json;

namespace {

using xlsx::CellType;

// ---- Documentation ---------------------------------------------------------------------

json::value vehicle_schema() {
  return http::object_schema({{"id", "integer"},
                              {"plate", "string"},
                              {"brand_model", "string"},
                              {"category", "string"},
                              {"category_label", "string"},
                              {"energy_type", "string"},
                              {"displacement_ml", "integer"},
                              {"seats", "integer"},
                              {"vin", "string"},
                              {"engine_no", "string"},
                              {"purchase_date", "string"},
                              {"purchase_price_fen", "integer"},
                              {"funding_source", "string"},
                              {"funding_source_label", "string"},
                              {"owner_unit_id", "integer"},
                              {"owner_unit_name", "string"},
                              {"sector_id", "integer"},
                              {"sector_name", "string"},
                              {"status", "string"},
                              {"status_label", "string"},
                              {"odometer_km", "integer"},
                              {"notes", "string"},
                              {"created_at", "string"},
                              {"updated_at", "string"},
                              {"standard", "object"}},
                             {"id", "plate", "category", "status", "owner_unit_id", "standard"});
}

json::value vehicle_input_schema(bool create) {
  auto fields = {std::pair{"plate", "string"},
                 std::pair{"brand_model", "string"},
                 std::pair{"category", "string"},
                 std::pair{"energy_type", "string"},
                 std::pair{"displacement_ml", "integer"},
                 std::pair{"seats", "integer"},
                 std::pair{"vin", "string"},
                 std::pair{"engine_no", "string"},
                 std::pair{"purchase_date", "string"},
                 std::pair{"purchase_price_fen", "integer"},
                 std::pair{"funding_source", "string"},
                 std::pair{"owner_unit_id", "integer"},
                 std::pair{"odometer_km", "integer"},
                 std::pair{"notes", "string"}};
  return create ? http::object_schema(fields, {"plate", "brand_model", "category", "seats", "purchase_date", "purchase_price_fen",
                                               "funding_source", "owner_unit_id"})
                : http::object_schema(fields);
}

json::value event_schema() {
  return http::object_schema({{"id", "integer"},
                              {"at", "string"},
                              {"happened_on", "string"},
                              {"actor", "object"},
                              {"action", "string"},
                              {"from_status", "string"},
                              {"to_status", "string"},
                              {"reason", "string"},
                              {"details", "object"}},
                             {"id", "at", "action"});
}

json::value standard_schema() {
  return http::object_schema({{"id", "integer"},
                              {"category", "string"},
                              {"category_label", "string"},
                              {"energy_type", "string"},
                              {"max_displacement_ml", "integer"},
                              {"max_price_fen", "integer"},
                              {"effective_from", "string"},
                              {"effective_to", "string"},
                              {"regulation", "string"},
                              {"builtin", "boolean"}},
                             {"id", "category", "effective_from", "regulation"});
}

json::value standard_input_schema(bool create) {
  auto fields = {
      std::pair{"category", "string"},       std::pair{"energy_type", "string"},    std::pair{"max_displacement_ml", "integer"},
      std::pair{"max_price_fen", "integer"}, std::pair{"effective_from", "string"}, std::pair{"effective_to", "string"},
      std::pair{"regulation", "string"}};
  return create ? http::object_schema(fields, {"category", "effective_from", "regulation"}) : http::object_schema(fields);
}

json::value quota_schema() {
  return http::object_schema({{"unit_id", "integer"},
                              {"unit_code", "string"},
                              {"unit_name", "string"},
                              {"quota", "integer"},
                              {"held", "integer"},
                              {"over", "boolean"}},
                             {"unit_id", "held", "over"});
}

json::value report_schema() {
  json::value schema = http::list_schema(http::object_schema({{"unit_id", "integer"},
                                                              {"unit_code", "string"},
                                                              {"unit_name", "string"},
                                                              {"total", "integer"},
                                                              {"by_category", "object"},
                                                              {"by_status", "object"},
                                                              {"quota", "integer"},
                                                              {"over_quota", "boolean"}},
                                                             {"unit_id", "total", "by_category", "by_status", "over_quota"}));
  schema.at("properties").as_object()["totals"] = {{"type", "object"}};
  return schema;
}

// ---- Scope -----------------------------------------------------------------------------


// Nobody places a vehicle where they could not then see it.
void require_owner_in_scope(const http::Context& ctx, db::Tx& tx, std::int64_t unit_id) {
  if (!unit_in_scope(ctx, tx, unit_id)) throw http::invalid("owner_unit_id", "所属单位不存在或不在您的数据范围内");
}

http::Response vehicle_response(const http::Context& ctx, db::Tx& tx, std::int64_t id, int status = 200) {
  return http::Response::json(*find_vehicle(tx, ctx.tenant_id(), id), status);
}

// ---- Input -----------------------------------------------------------------------------

// A patch's fields: absent → nullopt; present → checked like on create (text_or_empty
// takes "" and null as empty; the nullable ones keep null to clear the field).
std::optional<std::string> patch_text(const http::JsonBody& b, const char* key, std::size_t max) {
  return b.has(key) ? std::optional(b.required_string(key, max)) : std::nullopt;
}
std::optional<std::string> patch_text_or_empty(const http::JsonBody& b, const char* key, std::size_t max) {
  return b.has(key) ? std::optional(b.optional_string(key, max).value_or("")) : std::nullopt;
}
std::optional<std::int64_t> patch_int(const http::JsonBody& b, const char* key) {
  return b.has(key) ? std::optional(b.required_int(key)) : std::nullopt;
}
std::optional<std::optional<std::string>> patch_nullable_text(const http::JsonBody& b, const char* key, std::size_t max) {
  return b.has(key) ? std::optional(b.optional_string(key, max)) : std::nullopt;
}
std::optional<std::optional<std::int64_t>> patch_nullable_int(const http::JsonBody& b, const char* key) {
  return b.has(key) ? std::optional(b.optional_int(key)) : std::nullopt;
}

VehicleFields vehicle_fields(const http::JsonBody& b) {
  return {b.required_string("plate", 20),
          b.required_string("brand_model", 100),
          b.required_string("category", 32),
          b.optional_string("energy_type", 20).value_or("fuel"),
          b.optional_int("displacement_ml").value_or(0),
          b.required_int("seats"),
          b.optional_string("vin", 40).value_or(""),
          b.optional_string("engine_no", 60).value_or(""),
          b.required_string("purchase_date", 10),
          b.required_int("purchase_price_fen"),
          b.required_string("funding_source", 32),
          b.required_int("owner_unit_id"),
          b.optional_int("odometer_km").value_or(0),
          b.optional_string("notes", 1000).value_or("")};
}

VehiclePatch vehicle_patch(const http::JsonBody& b) {
  if (b.has("status")) throw http::invalid("status", "车辆状态不能直接修改，请使用状态变更操作");
  return {patch_text(b, "plate", 20),         patch_text(b, "brand_model", 100),       patch_text(b, "category", 32),
          patch_text(b, "energy_type", 20),   patch_int(b, "displacement_ml"),         patch_int(b, "seats"),
          patch_text_or_empty(b, "vin", 40),  patch_text_or_empty(b, "engine_no", 60), patch_text(b, "purchase_date", 10),
          patch_int(b, "purchase_price_fen"), patch_text(b, "funding_source", 32),     patch_int(b, "owner_unit_id"),
          patch_int(b, "odometer_km"),        patch_text_or_empty(b, "notes", 1000)};
}

StandardFields standard_fields(const http::JsonBody& b) {
  return {b.required_string("category", 32),   b.optional_string("energy_type", 20),    b.optional_int("max_displacement_ml"),
          b.optional_int("max_price_fen"),     b.required_string("effective_from", 10), b.optional_string("effective_to", 10),
          b.required_string("regulation", 500)};
}

StandardPatch standard_patch(const http::JsonBody& b) {
  return {patch_text(b, "category", 32),
          patch_nullable_text(b, "energy_type", 20),
          patch_nullable_int(b, "max_displacement_ml"),
          patch_nullable_int(b, "max_price_fen"),
          patch_text(b, "effective_from", 10),
          patch_nullable_text(b, "effective_to", 10),
          patch_text(b, "regulation", 500)};
}

// ---- Vehicles list ---------------------------------------------------------------------

std::string standard_result_label(const json::object& vehicle) {
  const auto& result = vehicle.at("standard").at("result");
  return result == "over" ? "超标" : result == "ok" ? "符合" : "无适用标准";
}

// The export shows what the page shows, with labels for codes.
const std::vector<xlsx::Column> kVehicleSheet = {{"车牌号", CellType::text, 12},        {"品牌型号", CellType::text, 20},
                                                 {"车辆类别", CellType::text, 16},      {"能源类型", CellType::text, 8},
                                                 {"排量(毫升)", CellType::integer, 10}, {"座位数", CellType::integer, 8},
                                                 {"车架号", CellType::text, 20},        {"发动机号", CellType::text, 14},
                                                 {"购置日期", CellType::date, 12},      {"购置价格(元)", CellType::money_fen, 14},
                                                 {"资金来源", CellType::text, 12},      {"所属单位", CellType::text, 24},
                                                 {"归属口", CellType::text, 14},        {"状态", CellType::text, 10},
                                                 {"里程(公里)", CellType::integer, 10}, {"配备标准", CellType::text, 10},
                                                 {"备注", CellType::text, 24}};

std::vector<db::Value> vehicle_cells(const json::object& v) {
  const auto cell = [&](const char* key) { return xlsx::json_cell(v, key); };
  const auto label_or_code = [&](const char* label, const char* code) {
    return v.at(label).is_null() ? cell(code) : cell(label);
  };
  return {cell("plate"),
          cell("brand_model"),
          label_or_code("category_label", "category"),
          energy_label(v.at("energy_type").as_string()),
          cell("displacement_ml"),
          cell("seats"),
          cell("vin"),
          cell("engine_no"),
          cell("purchase_date"),
          cell("purchase_price_fen"),
          label_or_code("funding_source_label", "funding_source"),
          cell("owner_unit_name"),
          cell("sector_name"),
          cell("status_label"),
          cell("odometer_km"),
          standard_result_label(v),
          cell("notes")};
}

// "%q%" for plates and VINs, which are stored in capitals.
std::string upper_pattern(std::string pattern) {
  for (auto& ch : pattern) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  return pattern;
}

http::Response list_vehicles(http::Context& ctx) {
  const auto lq = ctx.list_query({{"plate", "v.plate"},
                                  {"purchase_date", "v.purchase_date"},
                                  {"purchase_price_fen", "v.purchase_price_fen"},
                                  {"status", "v.status"},
                                  {"created_at", "v.created_at"}},
                                 "plate", "v.id");
  const auto status = ctx.request.query_param("status").value_or("");
  if (!status.empty() && !is_known_status(status)) throw http::invalid("status", "未知的车辆状态：" + status);
  const auto over = ctx.query_bool("over_standard");
  std::vector<db::Value> params{ctx.tenant_id(),
                                lq.like_pattern(),
                                upper_pattern(lq.like_pattern()),
                                db::to_value(ctx.query_int("unit_id")),
                                ctx.request.query_param("category").value_or(""),
                                status,
                                db::to_value(ctx.query_int("sector_id"))};
  std::string where =
      " WHERE v.tenant_id = $1 AND (v.plate LIKE $3 ESCAPE '\\' OR v.brand_model LIKE $2 ESCAPE '\\' OR v.vin LIKE $3 ESCAPE "
      "'\\')"
      " AND (CAST($4 AS BIGINT) IS NULL OR v.owner_unit_id = $4) AND ($5 = '' OR v.category = $5) AND ($6 = '' OR v.status = $6)"
      " AND (CAST($7 AS BIGINT) IS NULL OR v.sector_id = $7)";
  if (over) where += (*over ? " AND " : " AND NOT ") + over_standard_sql("v");
  where += " AND " + access::scope_predicate(ctx.scope(), "v.owner_unit_id", "", params);
  return ctx.db().read([&](db::Tx& tx) {
    const auto standards = load_standards(tx, ctx.tenant_id());  // once for the whole page
    const auto to_json = [&](const db::Row& row) { return vehicle_json(row, standards); };
    if (xlsx::wants_xlsx(ctx.request)) {
      return xlsx::export_list(tx, "车辆台账", kVehicleSheet, kVehicleColumns, kVehicleFrom + where, params, lq,
                               [&](const db::Row& row) { return vehicle_cells(to_json(row)); });
    }
    // The filters and sorts touch only the vehicle itself: count and page it before the lookups.
    return http::list_response(
        http::fetch_page_with_lookups(tx, kVehicleColumns, "v", kVehicleTable + where, kVehicleLookups, params, lq), to_json);
  });
}

// ---- Timeline --------------------------------------------------------------------------

// The timeline's actions in words, for the export (others show their code).
std::string action_label(const std::string& action) {
  static const std::map<std::string, std::string> labels = {
      {"register", "登记"}, {"update", "修改"},    {"status", "状态变更"},   {"decide", "车改决定"},
      {"seal", "封存"},     {"hand_over", "移交"}, {"appraise", "鉴定评估"}, {"scrap", "报废"},
      {"lot", "上拍"},      {"sell", "拍卖成交"},  {"unsold", "流拍"},       {"allocate", "分配到口"}};
  const auto it = labels.find(action);
  return it == labels.end() ? action : it->second;
}

http::Response list_events(http::Context& ctx) {
  const auto id = ctx.path_id("id", "车辆");
  const auto lq = ctx.list_query({{"at", "e.id"}}, "at", "e.id");
  const std::vector<db::Value> params{ctx.tenant_id(), id, lq.like_pattern()};
  const std::string where =
      " WHERE e.tenant_id = $1 AND e.vehicle_id = $2 AND (e.action LIKE $3 ESCAPE '\\' OR e.reason LIKE $3 ESCAPE '\\')";
  return ctx.db().read([&](db::Tx& tx) {
    require_visible_vehicle(ctx, tx, id);
    if (xlsx::wants_xlsx(ctx.request)) {
      return xlsx::export_list(tx, "车辆履历",
                               {{"时间", CellType::datetime, 18},
                                {"发生日期", CellType::date, 12},
                                {"操作人", CellType::text, 12},
                                {"事项", CellType::text, 12},
                                {"原状态", CellType::text, 10},
                                {"新状态", CellType::text, 10},
                                {"原因", CellType::text, 30},
                                {"详情", CellType::text, 40}},
                               kEventColumns, kEventFrom + where, params, lq, [](const db::Row& row) {
                                 const auto status = [&](std::size_t i) {
                                   return row.is_null(i) ? db::Value() : std::string(status_label(row.text(i)));
                                 };
                                 return std::vector<db::Value>{row[1],    row[2],    row[4], action_label(row.text(5)),
                                                               status(6), status(7), row[8], row[9]};
                               });
    }
    return http::list_response(http::fetch_page(tx, kEventColumns, kEventFrom + where, params, lq), event_json);
  });
}

// ---- Import ----------------------------------------------------------------------------

// The sheet's columns and the field each one fills (validation errors name the field).
const std::vector<import::FieldColumn> kImportFields = {{"车牌号", true, "plate"},
                                                {"品牌型号", true, "brand_model"},
                                                {"车辆类别", true, "category"},
                                                {"排量(毫升)", false, "displacement_ml"},
                                                {"座位数", true, "seats"},
                                                {"车架号", false, "vin"},
                                                {"发动机号", false, "engine_no"},
                                                {"购置日期", true, "purchase_date"},
                                                {"购置价格(元)", true, "purchase_price_fen"},
                                                {"资金来源", true, "funding_source"},
                                                {"所属单位编码", true, "owner_unit_id"},
                                                {"能源类型", false, "energy_type"},
                                                {"里程(公里)", false, "odometer_km"},
                                                {"备注", false, "notes"}};


std::optional<std::int64_t> parse_count(const std::string& text) {
  if (text.empty()) return 0;  // an empty optional number
  std::int64_t v = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return v;
}

import::ImportSpec<VehicleFields> vehicle_import_spec(http::Context& ctx){import::ImportSpec<VehicleFields> spec;
spec.columns = import::columns_of(kImportFields);
auto seen = std::make_shared<std::set<std::string>>();  // plates and VINs of the rows above
spec.parse = [&ctx, seen](db::Tx& tx, const std::vector<std::string>& cells, int,
                          const auto& error) -> std::optional<VehicleFields> {
  bool ok = true;
  const auto fail = [&](std::size_t column, const std::string& message) {
    error(kImportFields[column].header, message);
    ok = false;
  };
  const auto count = [&](std::size_t column) {
    const auto v = parse_count(cells[column]);
    if (!v) fail(column, std::string(kImportFields[column].header) + "应为整数");
    return v.value_or(0);
  };
  // Dictionary values may be written as their label (一般公务用车) or value (general).
  const auto item = [&](std::size_t column, const char* dictionary) {
    const auto v = people::active_item_value(tx, ctx.tenant_id(), dictionary, cells[column]);
    if (!v) fail(column, std::string(kImportFields[column].header) + "不存在或已停用：" + cells[column]);
    return v.value_or("");
  };
  VehicleFields f{cells[0], cells[1], item(2, kCategoryDictionary), "fuel", count(3), count(4), cells[5], cells[6]};
  const auto day = parse_sheet_day(cells[7]);
  if (!day) fail(7, "购置日期应为 YYYY-MM-DD 格式的日期");
  f.purchase_date = day.value_or("");
  const auto fen = parse_yuan(cells[8]);
  if (!fen) fail(8, "购置价格应为以元为单位的金额，最多两位小数");
  f.purchase_price_fen = fen.value_or(0);
  f.funding_source = item(9, kFundingDictionary);
  const auto unit = tx.query("SELECT id FROM units WHERE tenant_id = $1 AND code = $2", ctx.tenant_id(), cells[10]);
  if (unit.empty() || !unit_in_scope(ctx, tx, unit.one().int64(0))) {
    fail(10, "所属单位编码不存在或不在您的数据范围内：" + cells[10]);
  } else {
    f.owner_unit_id = unit.one().int64(0);
  }
  const auto& energy = cells[11];
  if (energy == "新能源" || energy == "new_energy") {
    f.energy_type = "new_energy";
  } else if (!energy.empty() && energy != "燃油" && energy != "fuel") {
    fail(11, "能源类型应为 燃油 或 新能源");
  }
  f.odometer_km = count(12);
  f.notes = cells[13];
  if (!ok) return std::nullopt;
  try {
    f = validate_vehicle(tx, ctx.tenant_id(), f);
  } catch (const http::ApiError& e) {
    error(import::header_of(kImportFields, e.field(), kImportFields[0].header), e.what());
    return std::nullopt;
  }
  // Two rows of one sheet for the same vehicle: the database cannot tell yet.
  for (const auto& [column, key] : {std::pair{0, "plate:" + f.plate}, std::pair{5, f.vin.empty() ? "" : "vin:" + f.vin}}) {
    if (!key.empty() && !seen->insert(key).second)
      fail(column, std::string(kImportFields[column].header) + "与表格中前面的行重复");
  }
  return ok ? std::optional(f) : std::nullopt;
};
spec.insert = [actor = audit::actor_of(ctx.who(), ctx.request)](db::Tx& tx, const VehicleFields& fields) {
  create_vehicle(tx, actor, fields, "批量导入");
};
return spec;
}  // namespace

// ---- Standards, quotas -----------------------------------------------------------------

http::Response list_standards(http::Context& ctx) {
  const auto lq = ctx.list_query({{"category", "st.category"}, {"effective_from", "st.effective_from"}}, "category", "st.id");
  const auto in_force_on = ctx.request.query_param("in_force_on").value_or("");
  if (!in_force_on.empty()) check_day("in_force_on", in_force_on);
  const std::vector<db::Value> params{ctx.tenant_id(), lq.like_pattern(), ctx.request.query_param("category").value_or(""),
                                      in_force_on};
  const std::string where =
      " WHERE st.tenant_id = $1 AND (st.regulation LIKE $2 ESCAPE '\\' OR c.label LIKE $2 ESCAPE '\\') AND ($3 = '' OR "
      "st.category = $3)"
      " AND ($4 = '' OR (st.effective_from <= $4 AND (st.effective_to IS NULL OR st.effective_to >= $4)))";
  return ctx.db().read([&](db::Tx& tx) {
    if (xlsx::wants_xlsx(ctx.request)) {
      return xlsx::export_list(
          tx, "配备标准",
          {{"车辆类别", CellType::text, 16},
           {"能源类型", CellType::text, 8},
           {"排量上限(毫升)", CellType::integer, 12},
           {"价格上限(元)", CellType::money_fen, 14},
           {"生效日期", CellType::date, 12},
           {"失效日期", CellType::date, 12},
           {"依据", CellType::text, 60},
           {"内置", CellType::boolean, 6}},
          kStandardColumns, kStandardFrom + where, params, lq, [](const db::Row& row) {
            const auto s = standard_json(row);
            const auto cell = [&](const char* key) { return xlsx::json_cell(s, key); };
            return std::vector<db::Value>{
                s.at("category_label").is_null() ? cell("category") : cell("category_label"),
                s.at("energy_type").is_null() ? std::string("不限") : energy_label(s.at("energy_type").as_string()),
                cell("max_displacement_ml"),
                cell("max_price_fen"),
                cell("effective_from"),
                cell("effective_to"),
                cell("regulation"),
                cell("builtin")};
          });
    }
    return http::list_response(http::fetch_page(tx, kStandardColumns, kStandardFrom + where, params, lq), standard_json);
  });
}

http::Response list_quotas(http::Context& ctx) {
  const auto lq =
      ctx.list_query({{"code", "u.code"}, {"name", "u.name"}, {"quota", "q.quota"}, {"held", kHeldSql}}, "code", "u.id");
  const auto over = ctx.query_bool("over");
  std::vector<db::Value> params{ctx.tenant_id(), lq.like_pattern()};
  // Units with a quota or with vehicles held; over: held beyond a quota that is set.
  std::string where =
      " WHERE u.tenant_id = $1 AND (u.code LIKE $2 ESCAPE '\\' OR u.name LIKE $2 ESCAPE '\\')"
      " AND (q.quota IS NOT NULL OR " +
      kHeldSql + " > 0)";
  if (over) where += std::string(*over ? " AND " : " AND NOT ") + "(q.quota IS NOT NULL AND " + kHeldSql + " > q.quota)";
  where += " AND " + access::scope_predicate(ctx.scope(), "u.id", "", params);
  return ctx.db().read([&](db::Tx& tx) {
    if (xlsx::wants_xlsx(ctx.request)) {
      return xlsx::export_list(tx, "车辆编制",
                               {{"单位编码", CellType::text, 12},
                                {"单位名称", CellType::text, 24},
                                {"编制数", CellType::integer, 10},
                                {"实有车辆", CellType::integer, 10},
                                {"超编", CellType::boolean, 8}},
                               kQuotaColumns, kQuotaFrom + where, params, lq, [](const db::Row& row) {
                                 const auto q = quota_json(row);
                                 std::vector<db::Value> cells;
                                 for (const char* key : {"unit_code", "unit_name", "quota", "held", "over"}) {
                                   cells.push_back(xlsx::json_cell(q, key));
                                 }
                                 return cells;
                               });
    }
    return http::list_response(http::fetch_page(tx, kQuotaColumns, kQuotaFrom + where, params, lq), quota_json);
  });
}

// ---- Fleet report ----------------------------------------------------------------------

using Categories = std::vector<std::pair<std::string, std::string>>;  // value, label

Categories category_items(db::Tx& tx, std::int64_t tenant_id) {
  Categories out;
  for (const auto& row : tx.query("SELECT value, label FROM dictionary_items WHERE tenant_id = $1 AND dictionary_code = $2 "
                                  "ORDER BY sort_order, id",
                                  tenant_id, kCategoryDictionary)
                             .rows) {
    out.emplace_back(row.text(0), row.text(1));
  }
  return out;
}

std::int64_t count_of(const std::map<std::string, std::int64_t>& counts, std::string_view key) {
  const auto it = counts.find(std::string(key));
  return it == counts.end() ? 0 : it->second;
}

// The counts of every category and every status, zeros included, so that columns line up.
json::object counts_json(const ReportRow& r, const Categories& categories) {
  json::object by_category, by_status;
  for (const auto& [value, label] : categories) by_category[value] = count_of(r.by_category, value);
  for (const auto status : all_statuses()) by_status[status] = count_of(r.by_status, status);
  return {{"total", r.total},
          {"by_category", std::move(by_category)},
          {"by_status", std::move(by_status)},
          {"quota", r.quota ? json::value(*r.quota) : json::value()}};
}

ReportRow sum_rows(const std::vector<ReportRow>& rows) {
  ReportRow sum;
  for (const auto& r : rows) {
    sum.total += r.total;
    for (const auto& [k, n] : r.by_category) sum.by_category[k] += n;
    for (const auto& [k, n] : r.by_status) sum.by_status[k] += n;
    if (r.quota) sum.quota = sum.quota.value_or(0) + *r.quota;
  }
  return sum;
}

http::Response report_xlsx(const std::vector<ReportRow>& rows, const Categories& categories) {
  std::vector<xlsx::Column> columns = {
      {"单位编码", CellType::text, 12}, {"单位名称", CellType::text, 24}, {"车辆合计", CellType::integer, 10}};
  for (const auto& [value, label] : categories) columns.push_back({label, CellType::integer, 10});
  for (const auto status : all_statuses()) columns.push_back({std::string(status_label(status)), CellType::integer, 10});
  columns.push_back({"编制数", CellType::integer, 10});
  columns.push_back({"超编", CellType::boolean, 8});
  const auto cells = [&](const ReportRow& r, std::vector<db::Value> out) {
    out.emplace_back(r.total);
    for (const auto& [value, label] : categories) out.emplace_back(count_of(r.by_category, value));
    for (const auto status : all_statuses()) out.emplace_back(count_of(r.by_status, status));
    out.push_back(db::to_value(r.quota));
    out.push_back(db::to_value(r.over_quota()));
    return out;
  };
  return xlsx::xlsx_response("车辆统计", columns, [&](const auto& add_row) {
    for (const auto& r : rows) add_row(cells(r, {r.unit_code, r.unit_name}));
    auto totals = cells(sum_rows(rows), {std::string("合计"), nullptr});
    totals.back() = nullptr;  // 超编 is a unit's, not the sum's
    add_row(totals);
  });
}

http::Response fleet_report_response(http::Context& ctx) {
  const std::string count_sql = "(SELECT COUNT(*) FROM vehicles rv WHERE rv.tenant_id = u.tenant_id AND rv.owner_unit_id = u.id)";
  const auto lq = ctx.list_query({{"code", "u.code"}, {"name", "u.name"}, {"total", count_sql}}, "code", "u.id");
  std::vector<db::Value> params{ctx.tenant_id(), lq.like_pattern()};
  const std::string from_where = kQuotaFrom +
                                 " WHERE u.tenant_id = $1 AND (u.code LIKE $2 ESCAPE '\\' OR u.name LIKE $2 ESCAPE '\\')"
                                 " AND " +
                                 count_sql + " > 0 AND " + access::scope_predicate(ctx.scope(), "u.id", "", params);
  return ctx.db().read([&](db::Tx& tx) {
    const auto rows = fleet_report(tx, ctx.tenant_id(), from_where, params, lq.order_by);
    const auto categories = category_items(tx, ctx.tenant_id());
    if (xlsx::wants_xlsx(ctx.request)) return report_xlsx(rows, categories);
    json::array items;
    const auto first = std::min<std::size_t>(rows.size(), static_cast<std::size_t>(lq.offset()));
    const auto last = std::min<std::size_t>(rows.size(), first + static_cast<std::size_t>(lq.page_size));
    for (auto i = first; i < last; ++i) {
      auto item = counts_json(rows[i], categories);
      item["unit_id"] = rows[i].unit_id;
      item["unit_code"] = rows[i].unit_code;
      item["unit_name"] = rows[i].unit_name;
      item["over_quota"] = rows[i].over_quota();
      items.push_back(std::move(item));
    }
    return http::Response::json(json::object{{"items", std::move(items)},
                                             {"total", static_cast<std::int64_t>(rows.size())},
                                             {"totals", counts_json(sum_rows(rows), categories)}});
  });
}

}  // namespace jiguan::vehicles

void register_registry_routes(http::Router& router, app::Services&) {
  const auto read = "vehicles.read", write = "vehicles.write", manage = "vehicles.manage";
  const auto authenticated = http::Access::authenticated;

  // ---- Vehicles ----
  router.add({"GET",
              "/api/v1/vehicles",
              authenticated,
              read,
              list_vehicles,
              {"车辆台账（分页、搜索、筛选、导出 Excel）", "vehicles",
               http::list_docs("按车牌号、品牌型号或车架号搜索", "plate | purchase_date | purchase_price_fen | status | created_at", {{"unit_id", "integer", "所属单位"}, {"category", "string", "车辆类别（字典 vehicle_category 的值）"}, {"status", "string", "状态"}, {"sector_id", "integer", "归属口"}, {"over_standard", "boolean", "true：只看超标车辆；false：只看不超标的"}}),
               nullptr, http::list_schema(vehicle_schema())}});

  router.add({"POST",
              "/api/v1/vehicles",
              authenticated,
              write,
              [](http::Context& ctx) {
                const auto fields = vehicle_fields(ctx.json_body());
                return ctx.db().write([&](db::Tx& tx) {
                  require_owner_in_scope(ctx, tx, fields.owner_unit_id);
                  const auto id = create_vehicle(tx, audit::actor_of(ctx.who(), ctx.request), fields);
                  return vehicle_response(ctx, tx, id, 201);
                });
              },
              {"登记车辆（状态为在用，履历记“登记”）", "vehicles", {}, vehicle_input_schema(true), vehicle_schema(), 201}});

  router.add({"GET",
              "/api/v1/vehicles/import/template",
              authenticated,
              write,
              [](http::Context&) { return import::template_response("车辆导入模板", import::columns_of(kImportFields)); },
              {"车辆导入模板（Excel）", "vehicles", {}, nullptr, nullptr}});

  router.add({"POST",
              "/api/v1/vehicles/import",
              authenticated,
              write,
              [](http::Context& ctx) {
                const auto table = import::read_table(ctx.request.body);
                return import::import_response(import::run_import(ctx.db(), table, vehicle_import_spec(ctx)));
              },
              {"批量导入车辆（请求体为 .xlsx 或 .csv 文件；有错误时一行也不导入）",
               "vehicles",
               {},
               nullptr,
               http::object_schema({{"imported", "integer"}}, {"imported"})}});

  router.add({"GET",
              "/api/v1/vehicles/report",
              authenticated,
              read,
              fleet_report_response,
              {"车辆统计：按单位、类别和状态（含合计，可导出 Excel）", "vehicles",
               http::list_docs("按单位编码或名称搜索", "code | name | total"),
               nullptr, report_schema()}});

  router.add({"GET",
              "/api/v1/vehicles/{id}",
              authenticated,
              read,
              [](http::Context& ctx) {
                const auto id = ctx.path_id("id", "车辆");
                return ctx.db().read([&](db::Tx& tx) {
                  require_visible_vehicle(ctx, tx, id);
                  return vehicle_response(ctx, tx, id);
                });
              },
              {"车辆详情（含配备标准核对）", "vehicles", {}, nullptr, vehicle_schema()}});

  router.add(
      {"PATCH",
       "/api/v1/vehicles/{id}",
       authenticated,
       write,
       [](http::Context& ctx) {
         const auto id = ctx.path_id("id", "车辆");
         return ctx.db().write([&](db::Tx& tx) {
           // Visibility before validation: a 422 would reveal that an out-of-scope vehicle exists.
           require_visible_vehicle(ctx, tx, id);
           const auto patch = vehicle_patch(ctx.json_body());
           if (patch.owner_unit_id) require_owner_in_scope(ctx, tx, *patch.owner_unit_id);
           update_vehicle(tx, audit::actor_of(ctx.who(), ctx.request), id, patch);
           return vehicle_response(ctx, tx, id);
         });
       },
       {"修改车辆信息（只改提交的字段；状态须通过状态变更）", "vehicles", {}, vehicle_input_schema(false), vehicle_schema()}});

  router.add({"GET",
              "/api/v1/vehicles/{id}/events",
              authenticated,
              read,
              list_events,
              {"车辆履历（从早到晚）", "vehicles",
               http::list_docs("按事项或原因搜索", "at"), nullptr,
               http::list_schema(event_schema())}});

  router.add(
      {"POST",
       "/api/v1/vehicles/{id}/status",
       authenticated,
       write,
       [](http::Context& ctx) {
         const auto id = ctx.path_id("id", "车辆");
         return ctx.db().write([&](db::Tx& tx) {
           require_visible_vehicle(ctx, tx, id);
           const auto body = ctx.json_body();
           const StatusChange change{body.required_string("to_status", 32), body.required_string("reason", 200),
                                     body.optional_string("happened_on", 10).value_or(local_today())};
           change_status(tx, audit::actor_of(ctx.who(), ctx.request), id, change);
           return vehicle_response(ctx, tx, id);
         });
       },
       {"车改以外的状态变更：调拨、报废、封存、启封（须写明原因）",
        "vehicles",
        {},
        http::object_schema({{"to_status", "string"}, {"reason", "string"}, {"happened_on", "string"}}, {"to_status", "reason"}),
        vehicle_schema()}});

  // ---- Standards ----
  router.add({"GET",
              "/api/v1/vehicle-standards",
              authenticated,
              read,
              list_standards,
              {"公务用车配备标准", "vehicles",
               http::list_docs("按依据或类别搜索", "category | effective_from", {{"category", "string", "车辆类别"}, {"in_force_on", "string", "只看在该购置日期适用的标准（YYYY-MM-DD）"}}),
               nullptr, http::list_schema(standard_schema())}});

  router.add({"POST",
              "/api/v1/vehicle-standards",
              authenticated,
              manage,
              [](http::Context& ctx) {
                const auto fields = standard_fields(ctx.json_body());
                return ctx.db().write([&](db::Tx& tx) {
                  const auto id = create_standard(tx, audit::actor_of(ctx.who(), ctx.request), fields);
                  return http::Response::json(*find_standard(tx, ctx.tenant_id(), id), 201);
                });
              },
              {"新增配备标准", "vehicles", {}, standard_input_schema(true), standard_schema(), 201}});

  router.add(
      {"PATCH",
       "/api/v1/vehicle-standards/{id}",
       authenticated,
       manage,
       [](http::Context& ctx) {
         const auto id = ctx.path_id("id", "配备标准");
         const auto patch = standard_patch(ctx.json_body());
         return ctx.db().write([&](db::Tx& tx) {
           if (!update_standard(tx, audit::actor_of(ctx.who(), ctx.request), id, patch)) throw http::not_found("配备标准");
           return http::Response::json(*find_standard(tx, ctx.tenant_id(), id));
         });
       },
       {"修改配备标准（只改提交的字段；null 清除可空字段）", "vehicles", {}, standard_input_schema(false), standard_schema()}});

  // ---- Quotas ----
  router.add({"GET",
              "/api/v1/vehicle-quotas",
              authenticated,
              read,
              list_quotas,
              {"各单位车辆编制与实有车辆（在用、封存）", "vehicles",
               http::list_docs("按单位编码或名称搜索", "code | name | quota | held", {{"over", "boolean", "true：只看超编单位"}}),
               nullptr, http::list_schema(quota_schema())}});

  router.add({"PUT",
              "/api/v1/vehicle-quotas/{unit_id}",
              authenticated,
              manage,
              [](http::Context& ctx) {
                const auto unit_id = ctx.path_id("unit_id", "单位");
                return ctx.db().write([&](db::Tx& tx) {
                  if (!unit_in_scope(ctx, tx, unit_id)) throw http::not_found("单位");
                  const auto quota = ctx.json_body().required_int("quota");
                  set_quota(tx, audit::actor_of(ctx.who(), ctx.request), unit_id, quota);
                  return http::Response::json(
                      quota_json(tx.query("SELECT " + kQuotaColumns + kQuotaFrom + " WHERE u.tenant_id = $1 AND u.id = $2",
                                          ctx.tenant_id(), unit_id)
                                     .one()));
                });
              },
              {"设置单位的车辆编制数", "vehicles", {}, http::object_schema({{"quota", "integer"}}, {"quota"}), quota_schema()}});
}

}  // namespace jiguan::vehicles
