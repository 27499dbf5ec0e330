// HTTP handlers for the area standards and settings, the live compliance of offices and
// units, the statistics, the leaders' offices report and space requests: parse and validate
// input, call the domain (reports.cpp, requests.cpp, compliance.cpp) in one transaction,
// answer JSON or Excel. The judged lists are computed whole (a district has a few thousand
// rooms at most), then searched, sorted and paged in memory.
#include <algorithm>
#include <boost/json.hpp>
#include <climits>
#include <functional>

#include "core/access/scope.hpp"
#include "core/calendar/calendar.hpp"
#include "core/export/xlsx.hpp"
#include "core/http/api_error.hpp"
#include "core/http/openapi.hpp"
#include "core/util/time.hpp"
#include "modules/space/reports.hpp"
#include "modules/space/requests.hpp"
#include "modules/space/route_support.hpp"

namespace jiguan::space {
namespace json = boost::json;
using xlsx::CellType;

namespace {

constexpr auto authenticated = http::Access::authenticated;

// ---- Lists computed in memory --------------------------------------------------------------

bool json_less(const json::value& a, const json::value& b) {
  if (a.is_number() && b.is_number()) return a.to_number<double>() < b.to_number<double>();
  if (a.is_string() && b.is_string()) return a.get_string() < b.get_string();
  return a.is_null() && !b.is_null();
}

struct MemoryList {
  std::vector<std::string> sortable;  // fields of the items
  std::string default_sort;
  std::vector<const char*> search;  // ?q= matches any of these text fields
  std::string filename;
  std::vector<xlsx::Column> columns;
  std::function<std::vector<db::Value>(const json::object&)> cells;
};

// Answers like the SQL lists: ?q=, ?sort= (a field, '-' for descending), paging, ?format=xlsx.
http::Response memory_list(const http::Context& ctx, json::array items, const MemoryList& list) {
  std::vector<http::SortColumn> sortable;
  for (const auto& name : list.sortable) sortable.push_back({name, name});
  const auto lq = ctx.list_query(sortable, list.default_sort);
  // order_by is "<field> ASC|DESC, id ASC": the field chosen and its direction.
  const auto field = lq.order_by.substr(0, lq.order_by.find(' '));
  const bool descending = lq.order_by.compare(field.size(), 5, " DESC") == 0;
  std::vector<json::object> rows;
  for (auto& item : items) {
    auto& o = item.as_object();
    const bool found = lq.q.empty() || std::any_of(list.search.begin(), list.search.end(), [&](const char* key) {
                         return o.at(key).as_string().subview().find(lq.q) != std::string_view::npos;
                       });
    if (found) rows.push_back(std::move(o));
  }
  std::stable_sort(rows.begin(), rows.end(), [&](const json::object& a, const json::object& b) {
    return descending ? json_less(b.at(field), a.at(field)) : json_less(a.at(field), b.at(field));
  });
  if (xlsx::wants_xlsx(ctx.request)) {
    return xlsx::xlsx_response(list.filename, list.columns, [&](const auto& add_row) {
      for (const auto& row : rows) add_row(list.cells(row));
    });
  }
  json::array page;
  const auto begin = std::min<std::size_t>(static_cast<std::size_t>(lq.offset()), rows.size());
  const auto end = std::min<std::size_t>(begin + static_cast<std::size_t>(lq.page_size), rows.size());
  for (auto i = begin; i < end; ++i) page.push_back(std::move(rows[i]));
  return http::Response::json(json::object{{"items", std::move(page)}, {"total", static_cast<std::int64_t>(rows.size())}});
}

// ---- Query parameters ------------------------------------------------------------------------

// ?day= (YYYY-MM-DD), today in China when absent.
std::string day_param(const http::Context& ctx) {
  const auto day = ctx.request.query_param("day").value_or("");
  if (day.empty()) return util::china_today();
  if (!calendar::parse_date(day)) throw http::invalid("day", "日期应为 YYYY-MM-DD 格式的有效日期");
  return std::string(day);
}

// ?unit_id= (an id) or ?unit= (a code, else an id); 422 when no such unit.
std::optional<std::int64_t> unit_param(const http::Context& ctx, db::Tx& tx) {
  const auto id = ctx.query_int("unit_id");
  const auto text = std::string(ctx.request.query_param("unit").value_or(""));
  if (!id && text.empty()) return std::nullopt;
  const auto found =
      id ? tx.query("SELECT id FROM units WHERE tenant_id = $1 AND id = $2", ctx.tenant_id(), *id)
         : tx.query("SELECT id FROM units WHERE tenant_id = $1 AND (code = $2 OR CAST(id AS TEXT) = $2)"
                    " ORDER BY CASE WHEN code = $2 THEN 0 ELSE 1 END",
                    ctx.tenant_id(), text);
  if (found.empty()) throw http::invalid(id ? "unit_id" : "unit", "单位不存在");
  return found.rows.front().int64(0);
}

Picture picture_of(const http::Context& ctx, db::Tx& tx, const std::string& day) {
  const auto unit = unit_param(ctx, tx);
  return load_picture(tx, ctx.tenant_id(), ctx.scope(), {unit, ctx.query_int("building_id")}, day);
}

// ---- Items of the judged lists ---------------------------------------------------------------

std::string occupant_names(const Assessment& a) {
  std::string names;
  for (const auto& s : a.shares) names += (names.empty() ? "" : "、") + s.name;
  return names;
}

json::object room_item(const RoomCompliance& room) {
  auto o = room_compliance_json(room);
  o["occupant_names"] = occupant_names(room.assessment);
  o["verdict"] = verdict_label(room.assessment.grade);
  return o;
}

json::object unit_item(const UnitCompliance& unit) {
  auto o = unit_compliance_json(unit);
  o["verdict"] = verdict_label(unit.grade);
  return o;
}

// 125 (‰) as "12.5%".
std::string permille_text(const json::object& o, const char* key) {
  const auto v = o.at(key).as_int64();
  return std::to_string(v / 10) + "." + std::to_string(v % 10) + "%";
}

db::Value cell(const json::object& o, const char* key) { return xlsx::json_cell(o, key); }

const MemoryList kRoomList = {
    {"number", "building", "unit_name", "area", "entitlement", "excess_area", "excess_permille"},
    "building",
    {"number", "building", "unit_name", "occupant_names"},
    "办公室面积核定",
    {{"楼宇", CellType::text, 18},          {"楼层", CellType::text, 8},           {"门牌号", CellType::text, 10},
     {"单位", CellType::text, 24},          {"使用人", CellType::text, 28},        {"使用面积(m²)", CellType::area_centi_m2, 12},
     {"核定面积(m²)", CellType::area_centi_m2, 12}, {"超标面积(m²)", CellType::area_centi_m2, 12},
     {"超标比例", CellType::text, 10},      {"结论", CellType::text, 20},          {"依据", CellType::text, 60}},
    [](const json::object& o) {
      return std::vector<db::Value>{cell(o, "building"), cell(o, "floor"),       cell(o, "number"),
                                    cell(o, "unit_name"), cell(o, "occupant_names"), cell(o, "area"),
                                    cell(o, "entitlement"), cell(o, "excess_area"), permille_text(o, "excess_permille"),
                                    cell(o, "verdict"),  cell(o, "rule")};
    }};

const MemoryList kUnitList = {
    {"unit_code", "unit_name", "people", "office_area", "entitlement", "excess_area"},
    "unit_code",
    {"unit_code", "unit_name"},
    "单位办公用房核定",
    {{"单位编码", CellType::text, 10},       {"单位", CellType::text, 24},          {"人数", CellType::integer, 8},
     {"办公室数", CellType::integer, 10},    {"办公室面积(m²)", CellType::area_centi_m2, 14},
     {"核定面积(m²)", CellType::area_centi_m2, 14}, {"超标面积(m²)", CellType::area_centi_m2, 14},
     {"服务用房(m²)", CellType::area_centi_m2, 14}, {"空置办公室", CellType::integer, 10},
     {"超标办公室", CellType::integer, 10},  {"结论", CellType::text, 20}},
    [](const json::object& o) {
      return std::vector<db::Value>{cell(o, "unit_code"),    cell(o, "unit_name"),    cell(o, "people"),
                                    cell(o, "office_rooms"), cell(o, "office_area"),  cell(o, "entitlement"),
                                    cell(o, "excess_area"),  cell(o, "service_area"), cell(o, "vacant_rooms"),
                                    cell(o, "over_standard_rooms"), cell(o, "verdict")};
    }};

const MemoryList kLeaderList = {
    {"rank_order", "number", "area"},
    "rank_order",
    {"number", "occupant_names"},
    "领导干部办公用房情况",
    {{"楼宇", CellType::text, 18},   {"门牌号", CellType::text, 10},          {"使用人", CellType::text, 40},
     {"使用面积(m²)", CellType::area_centi_m2, 12}, {"核定面积(m²)", CellType::area_centi_m2, 12},
     {"结论", CellType::text, 20},   {"依据", CellType::text, 60}},
    [](const json::object& o) {
      return std::vector<db::Value>{cell(o, "building"), cell(o, "number"),  cell(o, "occupant_names"), cell(o, "area"),
                                    cell(o, "entitlement"), cell(o, "verdict"), cell(o, "rule")};
    }};

// ---- Standards and settings ------------------------------------------------------------------

StandardFields standard_fields(const http::JsonBody& body) {
  return {body.required_string("code", 20),         body.required_string("regulation", 500),
          body.required_string("level", 16),        body.required_string("rank", 32),
          body.required_string("grade_label", 20),  body.required_int("limit_area"),
          body.required_string("effective_from", 10), body.optional_string("effective_to", 10)};
}

StandardPatch standard_patch(const http::JsonBody& body) {
  StandardPatch p;
  if (body.has("code")) p.code = body.required_string("code", 20);
  if (body.has("regulation")) p.regulation = body.required_string("regulation", 500);
  if (body.has("level")) p.level = body.required_string("level", 16);
  if (body.has("rank")) p.rank = body.required_string("rank", 32);
  if (body.has("grade_label")) p.grade_label = body.required_string("grade_label", 20);
  if (body.has("limit_area")) p.limit_area = body.required_int("limit_area");
  if (body.has("effective_from")) p.effective_from = body.required_string("effective_from", 10);
  if (body.has("effective_to")) p.effective_to = body.optional_string("effective_to", 10);
  return p;
}

int percent(const http::JsonBody& body, const char* key) {
  return static_cast<int>(std::clamp<std::int64_t>(body.required_int(key), INT_MIN, INT_MAX));
}

http::Response list_standards(http::Context& ctx) {
  const auto lq = ctx.list_query({{"code", "s.code"}, {"level", "s.level"}, {"limit_area", "s.limit_area"},
                                  {"effective_from", "s.effective_from"}},
                                 "code", "s.id");
  const std::string where =
      " WHERE s.tenant_id = $1 AND (s.grade_label LIKE $2 ESCAPE '\\' OR s.regulation LIKE $2 ESCAPE '\\'"
      " OR s.code LIKE $2 ESCAPE '\\') AND ($3 = '' OR s.code = $3) AND ($4 = '' OR s.level = $4)";
  const std::vector<db::Value> params{ctx.tenant_id(), lq.like_pattern(),
                                      std::string(ctx.request.query_param("code").value_or("")),
                                      std::string(ctx.request.query_param("level").value_or(""))};
  return ctx.db().read([&](db::Tx& tx) {
    if (xlsx::wants_xlsx(ctx.request)) {
      return xlsx::export_list(tx, "办公用房面积标准",
                               {{"标准", CellType::text, 8},
                                {"级别", CellType::text, 10},
                                {"职级", CellType::text, 14},
                                {"标准称谓", CellType::text, 12},
                                {"限额(m²)", CellType::area_centi_m2, 10},
                                {"生效日期", CellType::date, 12},
                                {"失效日期", CellType::date, 12},
                                {"依据", CellType::text, 48}},
                               kStandardColumns, kStandardFrom + where, params, lq, [](const db::Row& row) {
                                 const auto s = standard_json(row);
                                 return std::vector<db::Value>{
                                     cell(s, "code"),        cell(s, "level"),          s.at("rank_label").is_null() ? cell(s, "rank") : cell(s, "rank_label"),
                                     cell(s, "grade_label"), cell(s, "limit_area"),     cell(s, "effective_from"),
                                     cell(s, "effective_to"), cell(s, "regulation")};
                               });
    }
    return http::list_response(http::fetch_page(tx, kStandardColumns, kStandardFrom + where, params, lq), standard_json);
  });
}

// ---- Space requests --------------------------------------------------------------------------

workflow::Caller caller_of(const http::Context& ctx) {
  return {ctx.who(), audit::actor_of(ctx.who(), ctx.request), util::now_instant()};
}

// Each change's errors name it: changes[i].field.
std::vector<RequestChange> request_changes(const http::JsonBody& body) {
  if (!body.has("changes")) throw http::ApiError(422, "missing_field", "缺少必填字段 changes", "changes");
  const auto& value = body.object().at("changes");
  if (!value.is_array()) throw http::invalid("changes", "changes 应为数组");
  std::vector<RequestChange> out;
  for (std::size_t i = 0; i < value.as_array().size(); ++i) {
    const auto at = "changes[" + std::to_string(i) + "]";
    const auto& item = value.as_array()[i];
    if (!item.is_object()) throw http::invalid(at, "每项调整应为对象");
    const http::JsonBody change(item.as_object());
    try {
      out.push_back({change.required_string("action", 16), change.optional_int("person_id"), change.optional_int("room_id"),
                     change.optional_int("occupancy_id"), change.optional_string("effective_date", 10)});
    } catch (const http::ApiError& e) {
      throw http::ApiError(e.status(), e.code(), e.what(), at + "." + e.field());
    }
  }
  return out;
}

http::Response request_response(http::Context& ctx, db::Tx& tx, std::int64_t id, int status = 200) {
  auto detail = space_request_detail(tx, caller_of(ctx), id);
  if (!detail) throw http::not_found("调配申请");
  return http::Response::json(*detail, status);
}

http::Response list_requests(http::Context& ctx) {
  const auto lq = ctx.list_query({{"created_at", "sr.created_at"}, {"state", "r.state"}, {"unit", "u.code"}}, "-created_at",
                                 "sr.request_id");
  std::vector<db::Value> params{ctx.tenant_id(), lq.like_pattern(), db::to_value(ctx.query_int("unit_id")),
                                std::string(ctx.request.query_param("state").value_or("")),
                                std::string(ctx.request.query_param("kind").value_or(""))};
  const auto where = " WHERE sr.tenant_id = $1 AND (sr.reason LIKE $2 ESCAPE '\\' OR u.name LIKE $2 ESCAPE '\\')"
                     " AND (CAST($3 AS BIGINT) IS NULL OR sr.unit_id = $3) AND ($4 = '' OR r.state = $4)"
                     " AND ($5 = '' OR sr.kind = $5) AND " +
                     workflow::visible_to(ctx.who(), params);
  return ctx.db().read([&](db::Tx& tx) {
    if (xlsx::wants_xlsx(ctx.request)) {
      return xlsx::export_list(tx, "办公用房调配申请",
                               {{"编号", CellType::integer, 8},
                                {"申请单位", CellType::text, 24},
                                {"类别", CellType::text, 10},
                                {"理由", CellType::text, 40},
                                {"状态", CellType::text, 10},
                                {"申请人", CellType::text, 16},
                                {"调整事项数", CellType::integer, 10},
                                {"提交时间", CellType::datetime, 18},
                                {"执行时间", CellType::datetime, 18}},
                               kSpaceRequestColumns, kSpaceRequestFrom + where, params, lq, [](const db::Row& row) {
                                 const auto r = space_request_json(row);
                                 return std::vector<db::Value>{cell(r, "id"),          cell(r, "unit_name"),   cell(r, "kind_label"),
                                                               cell(r, "reason"),      cell(r, "state_label"), cell(r, "applicant"),
                                                               cell(r, "change_count"), cell(r, "created_at"), cell(r, "applied_at")};
                               });
    }
    return http::list_response(http::fetch_page(tx, kSpaceRequestColumns, kSpaceRequestFrom + where, params, lq),
                               space_request_json);
  });
}

// ---- Schemas ---------------------------------------------------------------------------------

json::value standard_schema() {
  return http::object_schema({{"id", "integer"}, {"code", "string"}, {"regulation", "string"}, {"level", "string"},
                              {"rank", "string"}, {"rank_label", "string"}, {"grade_label", "string"},
                              {"limit_area", "integer"}, {"effective_from", "string"}, {"effective_to", "string"},
                              {"builtin", "boolean"}, {"created_at", "string"}, {"updated_at", "string"}},
                             {"id", "code", "level", "rank", "limit_area", "effective_from"});
}

json::value settings_schema() {
  return http::object_schema({{"level", "string"}, {"standard_code", "string"}, {"amber_from_pct", "integer"},
                              {"red_from_pct", "integer"}, {"in_force", "object"}},
                             {"level", "amber_from_pct", "red_from_pct"});
}

json::value room_schema() {
  return http::object_schema({{"room_id", "integer"}, {"building", "string"}, {"floor", "string"}, {"number", "string"},
                              {"unit_id", "integer"}, {"unit_name", "string"}, {"status", "string"}, {"area", "integer"},
                              {"entitlement", "integer"}, {"excess_area", "integer"}, {"excess_permille", "integer"},
                              {"grade", "string"}, {"colour", "string"}, {"verdict", "string"}, {"rule", "string"},
                              {"occupants", "array"}, {"occupant_names", "string"}},
                             {"room_id", "number", "area", "grade", "colour"});
}

json::value unit_schema() {
  return http::object_schema({{"unit_id", "integer"}, {"unit_code", "string"}, {"unit_name", "string"}, {"people", "integer"},
                              {"people_without_standard", "integer"}, {"office_rooms", "integer"}, {"office_area", "integer"},
                              {"entitlement", "integer"}, {"excess_area", "integer"}, {"service_area", "integer"},
                              {"service_area_per_person", "integer"}, {"vacant_rooms", "integer"},
                              {"over_standard_rooms", "integer"}, {"grade", "string"}, {"colour", "string"},
                              {"verdict", "string"}},
                             {"unit_id", "office_area", "entitlement", "grade"});
}

json::value leader_office_schema() {
  return http::object_schema({{"room_id", "integer"}, {"building", "string"}, {"floor", "string"}, {"number", "string"},
                              {"unit_name", "string"}, {"occupants", "array"}, {"occupant_names", "string"},
                              {"rank_order", "integer"}, {"area", "integer"}, {"entitlement", "integer"},
                              {"excess_area", "integer"}, {"grade", "string"}, {"colour", "string"}, {"verdict", "string"},
                              {"rule", "string"}},
                             {"room_id", "number", "area", "entitlement", "grade"});
}

json::value space_request_schema() {
  return http::object_schema({{"id", "integer"}, {"unit_id", "integer"}, {"unit_name", "string"}, {"kind", "string"},
                              {"kind_label", "string"}, {"reason", "string"}, {"state", "string"}, {"state_label", "string"},
                              {"title", "string"}, {"applicant", "string"}, {"change_count", "integer"},
                              {"applied_at", "string"}, {"created_at", "string"}, {"changes", "array"}, {"request", "object"}},
                             {"id", "unit_id", "kind", "state"});
}

const http::QueryParamDoc kDayDoc{"day", "string", "核定日期 YYYY-MM-DD（缺省为今天）"};
const http::QueryParamDoc kUnitIdDoc{"unit_id", "integer", "单位"};

}  // namespace

void register_compliance_routes(http::Router& router) {
  // ---- Standards ----
  router.add({"GET", "/api/v1/space/standards", authenticated, "space.read", list_standards,
              {"办公用房面积标准（按级别、职级的人均限额；分页、搜索、导出 Excel）", "space",
               http::list_docs("按标准代码、称谓或依据搜索", "code | level | limit_area | effective_from",
                               {{"code", "string", "标准代码（精确），如 2014"},
                                {"level", "string", "central | province | city | county | township"}}),
               nullptr, http::list_schema(standard_schema())}});

  router.add({"POST", "/api/v1/space/standards", authenticated, "space.standards",
              [](http::Context& ctx) {
                const auto fields = standard_fields(ctx.json_body());
                return ctx.db().write([&](db::Tx& tx) {
                  const auto id = create_standard(tx, audit::actor_of(ctx.who(), ctx.request), fields);
                  return http::Response::json(*find_standard(tx, ctx.tenant_id(), id), 201);
                });
              },
              {"新增面积标准的一行（某标准、级别、职级的限额）", "space", {},
               http::object_schema({{"code", "string"}, {"regulation", "string"}, {"level", "string"}, {"rank", "string"},
                                    {"grade_label", "string"}, {"limit_area", "integer"}, {"effective_from", "string"},
                                    {"effective_to", "string"}},
                                   {"code", "regulation", "level", "rank", "grade_label", "limit_area", "effective_from"}),
               standard_schema(), 201}});

  router.add({"PATCH", "/api/v1/space/standards/{id}", authenticated, "space.standards",
              [](http::Context& ctx) {
                const auto id = ctx.path_id("id", "面积标准");
                const auto patch = standard_patch(ctx.json_body());
                return ctx.db().write([&](db::Tx& tx) {
                  update_standard(tx, audit::actor_of(ctx.who(), ctx.request), id, patch);
                  return http::Response::json(*find_standard(tx, ctx.tenant_id(), id));
                });
              },
              {"修改面积标准的一行（只改提交的字段；effective_to 可置 null）", "space", {},
               http::object_schema({{"code", "string"}, {"regulation", "string"}, {"level", "string"}, {"rank", "string"},
                                    {"grade_label", "string"}, {"limit_area", "integer"}, {"effective_from", "string"},
                                    {"effective_to", "string"}}),
               standard_schema()}});

  // ---- Settings ----
  router.add({"GET", "/api/v1/space/settings", authenticated, "space.read",
              [](http::Context& ctx) {
                return ctx.db().read(
                    [&](db::Tx& tx) { return http::Response::json(settings_json(tx, ctx.tenant_id(), util::china_today())); });
              },
              {"本级办公用房核定设置（级别、适用标准、容差分档）与今天适用的标准", "space", {}, nullptr, settings_schema()}});

  router.add({"PUT", "/api/v1/space/settings", authenticated, "space.standards",
              [](http::Context& ctx) {
                const auto body = ctx.json_body();
                const Settings settings{body.required_string("level", 16), body.optional_string("standard_code", 20),
                                        percent(body, "amber_from_pct"), percent(body, "red_from_pct")};
                return ctx.db().write([&](db::Tx& tx) {
                  save_settings(tx, audit::actor_of(ctx.who(), ctx.request), settings);
                  return http::Response::json(settings_json(tx, ctx.tenant_id(), util::china_today()));
                });
              },
              {"修改核定设置（standard_code 为 null 时按日期适用现行标准；red_from_pct 须大于 amber_from_pct）", "space", {},
               http::object_schema({{"level", "string"}, {"standard_code", "string"}, {"amber_from_pct", "integer"},
                                    {"red_from_pct", "integer"}},
                                   {"level", "amber_from_pct", "red_from_pct"}),
               settings_schema()}});

  // ---- Compliance ----
  router.add({"GET", "/api/v1/space/compliance", authenticated, "space.read",
              [](http::Context& ctx) {
                const auto day = day_param(ctx);
                return ctx.db().read([&](db::Tx& tx) {
                  const auto picture = picture_of(ctx, tx, day);
                  auto settings = settings_json(tx, ctx.tenant_id(), day);
                  auto standard = settings.at("in_force");
                  json::array rooms, units;
                  for (const auto& r : picture.rooms) rooms.push_back(room_item(r));
                  for (const auto& u : picture.units) units.push_back(unit_item(u));
                  return http::Response::json({{"day", day},
                                               {"standard", std::move(standard)},
                                               {"settings", std::move(settings)},
                                               {"rooms", std::move(rooms)},
                                               {"units", std::move(units)},
                                               {"district", district_json(picture)}});
                });
              },
              {"办公用房核定：逐间办公室、逐个单位与全区汇总（按当日使用情况即时计算）", "space",
               {{"unit", "string", "单位（编码或 id）：只看该单位的办公室与核定"},
                kUnitIdDoc,
                {"building_id", "integer", "楼宇：只看该楼的办公室（单位汇总不受影响）"},
                kDayDoc},
               nullptr,
               http::object_schema({{"day", "string"}, {"standard", "object"}, {"settings", "object"}, {"rooms", "array"},
                                    {"units", "array"}, {"district", "object"}},
                                   {"day", "settings", "rooms", "units", "district"})}});

  router.add({"GET", "/api/v1/space/compliance/rooms", authenticated, "space.read",
              [](http::Context& ctx) {
                const auto day = day_param(ctx);
                const auto colour = std::string(ctx.request.query_param("colour").value_or(""));
                if (!colour.empty() && colour != "green" && colour != "amber" && colour != "red" && colour != "grey") {
                  throw http::invalid("colour", "colour 应为 green、amber、red 或 grey");
                }
                json::array items;
                ctx.db().read([&](db::Tx& tx) {
                  for (const auto& r : picture_of(ctx, tx, day).rooms) {
                    if (colour.empty() || grade_colour(r.assessment.grade) == colour) items.push_back(room_item(r));
                  }
                });
                return memory_list(ctx, std::move(items), kRoomList);
              },
              {"逐间办公室核定结果（分页、搜索、导出 Excel）", "space",
               http::list_docs("按门牌号、楼宇、单位或使用人搜索",
                               "building | number | unit_name | area | entitlement | excess_area | excess_permille",
                               {kUnitIdDoc,
                                {"building_id", "integer", "楼宇"},
                                {"colour", "string", "green | amber | red | grey"},
                                kDayDoc}),
               nullptr, http::list_schema(room_schema())}});

  router.add({"GET", "/api/v1/space/compliance/units", authenticated, "space.read",
              [](http::Context& ctx) {
                const auto day = day_param(ctx);
                json::array items;
                ctx.db().read([&](db::Tx& tx) {
                  for (const auto& u : picture_of(ctx, tx, day).units) items.push_back(unit_item(u));
                });
                return memory_list(ctx, std::move(items), kUnitList);
              },
              {"逐个单位办公室面积与核定面积（分页、搜索、导出 Excel）", "space",
               http::list_docs("按单位编码或名称搜索", "unit_code | unit_name | people | office_area | entitlement | excess_area",
                               {kUnitIdDoc, kDayDoc}),
               nullptr, http::list_schema(unit_schema())}});

  router.add({"GET", "/api/v1/space/stats", authenticated, "space.read",
              [](http::Context& ctx) {
                return ctx.db().read([&](db::Tx& tx) {
                  return http::Response::json(stats_json(load_picture(tx, ctx.tenant_id(), ctx.scope(), {}, util::china_today())));
                });
              },
              {"办公用房统计（楼宇、房间、面积、超标办公室、超标单位、空置办公室）", "space", {}, nullptr,
               http::object_schema({{"buildings", "integer"}, {"rooms", "integer"}, {"office_rooms", "integer"},
                                    {"usable_area", "integer"}, {"office_area", "integer"}, {"over_standard_rooms", "integer"},
                                    {"units_over_entitlement", "integer"}, {"vacant_rooms", "integer"}},
                                   {"buildings", "rooms", "office_rooms", "usable_area", "office_area", "over_standard_rooms",
                                    "units_over_entitlement", "vacant_rooms"})}});

  router.add({"GET", "/api/v1/space/reports/leaders", authenticated, "space.read",
              [](http::Context& ctx) {
                const auto day = day_param(ctx);
                json::array items;
                ctx.db().read([&](db::Tx& tx) {
                  auto unit = unit_param(ctx, tx);
                  if (!unit && ctx.who().unit_id) unit = department_of(tx, ctx.tenant_id(), *ctx.who().unit_id);
                  if (!unit) throw http::invalid("unit_id", "请指定单位");
                  items = leader_offices(tx, ctx.tenant_id(), *unit, day);
                });
                return memory_list(ctx, std::move(items), kLeaderList);
              },
              {"领导干部办公用房情况（某单位领导所在的每间办公室：使用人、面积、核定面积、结论；导出 Excel）", "space",
               http::list_docs("按门牌号或使用人搜索", "rank_order | number | area",
                               {{"unit_id", "integer", "单位（缺省为本人所在单位；科室则为其上级单位）"}, kDayDoc}),
               nullptr, http::list_schema(leader_office_schema())}});

  // ---- Space requests ----
  router.add({"POST", "/api/v1/space/requests", authenticated, "requests.submit",
              [](http::Context& ctx) {
                const auto body = ctx.json_body();
                const SpaceRequestFields fields{body.required_int("unit_id"), body.required_string("kind", 16),
                                                body.required_string("reason", 1000), request_changes(body)};
                return ctx.db().write([&](db::Tx& tx) {
                  std::vector<db::Value> params{ctx.tenant_id(), fields.unit_id};
                  const auto scope = access::scope_predicate(ctx.scope(), "u.id", "", params);
                  if (tx.exec("SELECT 1 FROM units u WHERE u.tenant_id = $1 AND u.id = $2 AND " + scope, params).empty()) {
                    throw http::invalid("unit_id", "单位不存在或不在您的数据范围内");
                  }
                  const auto id = submit_space_request(tx, caller_of(ctx), fields);
                  return request_response(ctx, tx, id, 201);
                });
              },
              {"提交办公用房调配申请（增加、减少或调整用房，附调整事项；经审批后自动执行）", "space", {},
               http::object_schema({{"unit_id", "integer"}, {"kind", "string"}, {"reason", "string"}, {"changes", "array"}},
                                   {"unit_id", "kind", "reason", "changes"}),
               space_request_schema(), 201}});

  router.add({"GET", "/api/v1/space/requests", authenticated, "space.read", list_requests,
              {"办公用房调配申请列表（分页、搜索、导出 Excel）", "space",
               http::list_docs("按理由或单位名称搜索", "created_at | state | unit",
                               {kUnitIdDoc,
                                {"state", "string", "submitted | approved | rejected | withdrawn"},
                                {"kind", "string", "more | less | different"}}),
               nullptr, http::list_schema(space_request_schema())}});

  router.add({"GET", "/api/v1/space/requests/{id}", authenticated, "space.read",
              [](http::Context& ctx) {
                const auto id = ctx.path_id("id", "调配申请");
                return ctx.db().read([&](db::Tx& tx) { return request_response(ctx, tx, id); });
              },
              {"调配申请详情（调整事项、审批记录与可执行的操作）", "space", {}, nullptr, space_request_schema()}});
}

}  // namespace jiguan::space
