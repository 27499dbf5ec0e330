// HTTP handlers of the meetings module: rooms (list, detail, create, change, free rooms for a
// slot) and bookings (list, detail, book, cancel). Thin: parse the input, restrict bookings
// to the caller's data scope over the host unit, call rooms.cpp / bookings.cpp in one
// transaction, answer JSON or Excel.
#include <boost/json.hpp>

#include "core/access/scope.hpp"
#include "core/app/routes.hpp"
#include "core/export/xlsx.hpp"
#include "core/http/api_error.hpp"
#include "core/http/openapi.hpp"
#include "modules/meetings/meetings.hpp"
#include "modules/meetings/route_support.hpp"
#include "modules/meetings/series.hpp"

namespace jiguan::meetings {
namespace json = boost::json;

namespace {

using xlsx::CellType;

// ---- Documentation ---------------------------------------------------------------------

json::value room_schema() {
  return http::object_schema({{"id", "integer"},        {"building", "string"},        {"floor", "string"},
                              {"room_no", "string"},    {"name", "string"},            {"capacity", "integer"},
                              {"layout", "string"},     {"equipment", "array"},        {"bookable", "boolean"},
                              {"booking_roles", "array"}, {"needs_approval", "boolean"}, {"setup_minutes", "integer"},
                              {"cleanup_minutes", "integer"}, {"active", "boolean"},   {"notes", "string"},
                              {"part_ids", "array"},    {"created_at", "string"},      {"updated_at", "string"}},
                             {"id", "name", "capacity", "layout", "part_ids"});
}

json::value room_input_schema(bool create) {
  auto fields = {std::pair{"building", "string"},      std::pair{"floor", "string"},        std::pair{"room_no", "string"},
                 std::pair{"name", "string"},          std::pair{"capacity", "integer"},    std::pair{"layout", "string"},
                 std::pair{"equipment", "array"},      std::pair{"bookable", "boolean"},    std::pair{"booking_roles", "array"},
                 std::pair{"needs_approval", "boolean"}, std::pair{"setup_minutes", "integer"},
                 std::pair{"cleanup_minutes", "integer"}, std::pair{"active", "boolean"},   std::pair{"notes", "string"},
                 std::pair{"part_ids", "array"}};
  return create ? http::object_schema(fields, {"name", "capacity"}) : http::object_schema(fields);
}

// ---- Input -----------------------------------------------------------------------------

// A set of codes from a JSON array of strings.
std::set<std::string> code_list(const http::JsonBody& b, const char* key) {
  const auto& v = b.object().at(key);
  if (!v.is_array()) throw http::invalid(key, std::string(key) + " 应为字符串数组");
  std::set<std::string> codes;
  for (const auto& item : v.as_array()) {
    if (!item.is_string() || item.as_string().empty()) throw http::invalid(key, std::string(key) + " 应为字符串数组");
    codes.insert(std::string(item.as_string()));
  }
  return codes;
}

std::vector<std::int64_t> id_list(const http::JsonBody& b, const char* key) {
  const auto& v = b.object().at(key);
  if (v.is_null()) return {};
  if (!v.is_array()) throw http::invalid(key, std::string(key) + " 应为整数数组");
  std::vector<std::int64_t> ids;
  for (const auto& item : v.as_array()) {
    if (!item.is_int64()) throw http::invalid(key, std::string(key) + " 应为整数数组");
    ids.push_back(item.as_int64());
  }
  return ids;
}

// The body's fields over `f` (a room's current fields, or the defaults on create): what the
// body leaves out stays as it is.
RoomFields room_fields(const http::JsonBody& b, RoomFields f) {
  const auto text = [&](const char* key, std::string& field, std::size_t max) {
    if (b.has(key)) field = b.optional_string(key, max).value_or("");
  };
  const auto number = [&](const char* key, std::int64_t& field) {
    if (b.has(key)) field = b.required_int(key);
  };
  const auto flag = [&](const char* key, bool& field) {
    if (const auto v = b.optional_bool(key)) field = *v;
  };
  text("building", f.building, 100);
  text("floor", f.floor, 20);
  text("room_no", f.room_no, 20);
  text("name", f.name, 100);
  number("capacity", f.capacity);
  text("layout", f.layout, 20);
  if (b.has("equipment")) f.equipment = code_list(b, "equipment");
  flag("bookable", f.bookable);
  if (b.has("booking_roles")) f.booking_roles = code_list(b, "booking_roles");
  flag("needs_approval", f.needs_approval);
  number("setup_minutes", f.setup_minutes);
  number("cleanup_minutes", f.cleanup_minutes);
  flag("active", f.active);
  text("notes", f.notes, 1000);
  if (b.has("part_ids")) f.part_ids = id_list(b, "part_ids");
  return f;
}

// ---- Lists -----------------------------------------------------------------------------

const char* layout_label(const std::string& layout) {
  return layout == "boardroom" ? "会议桌式" : layout == "theatre" ? "剧院式" : layout == "classroom" ? "课桌式" : "U 形";
}

const char* status_label(const std::string& status) {
  return status == "pending" ? "待审批" : status == "confirmed" ? "已确认" : "已取消";
}

std::string joined(const json::value& codes) {
  std::string out;
  for (const auto& v : codes.as_array()) out += (out.empty() ? "" : "、") + std::string(v.as_string());
  return out;
}

http::Response list_rooms(http::Context& ctx) {
  const auto lq = ctx.list_query(
      {{"name", "r.name"}, {"capacity", "r.capacity"}, {"building", "r.building"}, {"created_at", "r.created_at"}}, "name", "r.id");
  const auto active = ctx.query_bool("active");
  std::vector<db::Value> params{ctx.tenant_id(), lq.like_pattern(), db::to_value(active ? std::optional(*active ? 1 : 0) : std::nullopt)};
  const std::string where =
      " WHERE r.tenant_id = $1 AND (r.name LIKE $2 ESCAPE '\\' OR r.building LIKE $2 ESCAPE '\\' OR r.room_no LIKE $2 ESCAPE '\\')"
      " AND (CAST($3 AS BIGINT) IS NULL OR r.active = $3)";
  return ctx.db().read([&](db::Tx& tx) {
    const auto combinations = load_combinations(tx, ctx.tenant_id());
    const auto to_json = [&](const db::Row& row) { return room_json(row, combinations); };
    if (xlsx::wants_xlsx(ctx.request)) {
      return xlsx::export_list(tx, "会议室",
                               {{"楼宇", CellType::text, 14},
                                {"楼层", CellType::text, 8},
                                {"房间号", CellType::text, 10},
                                {"名称", CellType::text, 20},
                                {"容纳人数", CellType::integer, 10},
                                {"布局", CellType::text, 10},
                                {"设备", CellType::text, 30},
                                {"可预订", CellType::text, 8},
                                {"需审批", CellType::text, 8},
                                {"准备(分钟)", CellType::integer, 10},
                                {"整理(分钟)", CellType::integer, 10},
                                {"启用", CellType::text, 8}},
                               kRoomColumns, kRoomFrom + where, params, lq, [&](const db::Row& row) {
                                 const auto r = to_json(row);
                                 const auto yes = [&](const char* key) { return std::string(r.at(key).as_bool() ? "是" : "否"); };
                                 return std::vector<db::Value>{row[1], row[2], row[3], row[4], row[5],
                                                               std::string(layout_label(row.text(6))), joined(r.at("equipment")),
                                                               yes("bookable"), yes("needs_approval"), row[11], row[12], yes("active")};
                               });
    }
    return http::list_response(http::fetch_page(tx, kRoomColumns, kRoomFrom + where, params, lq), to_json);
  });
}

http::Response list_bookings(http::Context& ctx) {
  const auto lq = ctx.list_query({{"start", "b.start_at"}, {"title", "b.title"}, {"created_at", "b.created_at"}}, "start", "b.id");
  const auto status = ctx.request.query_param("status").value_or("");
  if (!status.empty() && status != "pending" && status != "confirmed" && status != "cancelled") {
    throw http::invalid("status", "未知的预订状态：" + status);
  }
  std::vector<db::Value> params{ctx.tenant_id(),
                                lq.like_pattern(),
                                db::to_value(ctx.query_int("room_id")),
                                db::to_value(ctx.query_int("host_unit_id")),
                                status,
                                optional_query_utc(ctx, "from"),
                                optional_query_utc(ctx, "to"),
                                // mine=true: the caller's own bookings ("my bookings").
                                db::to_value(ctx.query_bool("mine").value_or(false) ? std::optional(ctx.who().account_id)
                                                                                    : std::nullopt)};
  std::string where =
      " WHERE b.tenant_id = $1 AND (b.title LIKE $2 ESCAPE '\\' OR b.chair LIKE $2 ESCAPE '\\' OR r.name LIKE $2 ESCAPE '\\')"
      " AND (CAST($3 AS BIGINT) IS NULL OR b.room_id = $3) AND (CAST($4 AS BIGINT) IS NULL OR b.host_unit_id = $4)"
      " AND ($5 = '' OR b.status = $5) AND ($6 = '' OR b.end_at > $6) AND ($7 = '' OR b.start_at < $7)"
      " AND (CAST($8 AS BIGINT) IS NULL OR b.booked_by = $8)";
  where += " AND " + booking_scope(ctx, params);
  return ctx.db().read([&](db::Tx& tx) {
    if (xlsx::wants_xlsx(ctx.request)) {
      return xlsx::export_list(tx, "会议预订",
                               {{"会议名称", CellType::text, 30},
                                {"会议室", CellType::text, 16},
                                {"主办单位", CellType::text, 20},
                                {"主持人", CellType::text, 10},
                                {"参会人数", CellType::integer, 10},
                                {"会议类型", CellType::text, 10},
                                {"开始(UTC)", CellType::datetime, 18},
                                {"结束(UTC)", CellType::datetime, 18},
                                {"状态", CellType::text, 8},
                                {"备注", CellType::text, 24}},
                               kBookingColumns, kBookingFrom + where, params, lq, [](const db::Row& row) {
                                 return std::vector<db::Value>{row[4],  row[2],  row[6], row[7], row[8], row[9], row[10],
                                                               row[11], std::string(status_label(row.text(16))), row[15]};
                               });
    }
    return http::list_response(http::fetch_page(tx, kBookingColumns, kBookingFrom + where, params, lq), booking_json);
  });
}

http::Response room_response(const http::Context& ctx, db::Tx& tx, std::int64_t id, int status = 200) {
  auto room = find_room(tx, ctx.tenant_id(), id);
  if (!room) throw http::not_found("会议室");
  return http::Response::json(std::move(*room), status);
}

}  // namespace

json::value booking_schema() {
  return http::object_schema({{"id", "integer"},          {"room_id", "integer"},       {"room_name", "string"},
                              {"series_id", "integer"},   {"title", "string"},          {"host_unit_id", "integer"},
                              {"host_unit_name", "string"}, {"chair", "string"},        {"attendees", "integer"},
                              {"meeting_type", "string"}, {"start", "string"},          {"end", "string"},
                              {"blocked_from", "string"}, {"blocked_to", "string"},     {"services", "object"},
                              {"notes", "string"},        {"status", "string"},         {"booked_by", "integer"},
                              {"cancel_reason", "string"}, {"cancelled_at", "string"},  {"created_at", "string"},
                              {"updated_at", "string"}, {"request_id", "integer"}, {"displaced_by", "integer"},
                              {"checked_in_at", "string"}, {"checked_in_by", "integer"}, {"released", "boolean"}},
                             {"id", "room_id", "title", "host_unit_id", "attendees", "start", "end", "status"});
}

json::value booking_input_schema() {
  return http::object_schema({{"room_id", "integer"},
                              {"title", "string"},
                              {"host_unit_id", "integer"},
                              {"chair", "string"},
                              {"attendees", "integer"},
                              {"start", "string"},
                              {"end", "string"},
                              {"meeting_type", "string"},
                              {"services", "object"},
                              {"notes", "string"},
                              {"displace", "object"}},
                             {"room_id", "title", "host_unit_id", "attendees", "start", "end"});
}

BookingFields booking_fields(const http::JsonBody& b) {
  BookingFields f{b.required_int("room_id"),
                  b.required_string("title", 200),
                  b.required_int("host_unit_id"),
                  b.optional_string("chair", 50).value_or(""),
                  b.required_int("attendees"),
                  b.required_string("start", 40),
                  b.required_string("end", 40),
                  b.optional_string("meeting_type", 20).value_or("regular"),
                  {},
                  b.optional_string("notes", 2000).value_or("")};
  if (b.has("services") && !b.object().at("services").is_null()) {
    if (!b.object().at("services").is_object()) throw http::invalid("services", "services 应为对象，如 {\"tea_water\":true}");
    f.services = b.object().at("services").as_object();
  }
  return f;
}

Instant query_instant(const http::Context& ctx, const char* name) {
  const auto t = parse_instant(ctx.request.query_param(name).value_or(""));
  if (!t) throw http::invalid(name, std::string(name) + " 应为带时区的 ISO-8601 时间，如 2026-03-02T09:00:00+08:00");
  return *t;
}

std::string optional_query_utc(const http::Context& ctx, const char* name) {
  return ctx.request.query_param(name).value_or("").empty() ? std::string() : to_utc_text(query_instant(ctx, name));
}

std::string booking_scope(const http::Context& ctx, std::vector<db::Value>& params) {
  return access::scope_predicate(ctx.scope(), "b.host_unit_id", "b.booked_by", params);
}

json::object visible_booking(const http::Context& ctx, db::Tx& tx, std::int64_t id) {
  std::vector<db::Value> params{ctx.tenant_id(), id};
  const auto scope = booking_scope(ctx, params);
  const auto result =
      tx.exec(std::string("SELECT ") + kBookingColumns + kBookingFrom + " WHERE b.tenant_id = $1 AND b.id = $2 AND " + scope, params);
  if (result.empty()) throw http::not_found("预订");
  return booking_json(result.one());
}

}  // namespace jiguan::meetings

namespace jiguan::app {

void register_meeting_routes(http::Router& router, Services&) {
  using namespace meetings;
  const auto read = "meetings.read", book = "meetings.book", manage = "meetings.manage";
  const auto authenticated = http::Access::authenticated;

  // ---- Rooms ----
  router.add({"GET", "/api/v1/meetings/rooms", authenticated, read, list_rooms,
              {"会议室列表（分页、搜索、导出 Excel）", "meetings",
               http::list_docs("按名称、楼宇或房间号搜索", "name | capacity | building | created_at",
                               {{"active", "boolean", "true：只看启用的；false：只看停用的"}}),
               nullptr, http::list_schema(room_schema())}});

  router.add({"POST", "/api/v1/meetings/rooms", authenticated, manage,
              [](http::Context& ctx) {
                const auto fields = room_fields(ctx.json_body(), {});
                return ctx.db().write([&](db::Tx& tx) {
                  const auto id = create_room(tx, audit::actor_of(ctx.who(), ctx.request), fields);
                  return room_response(ctx, tx, id, 201);
                });
              },
              {"新建会议室（part_ids 给出组合会议室的组成部分）", "meetings", {}, room_input_schema(true), room_schema(), 201}});

  router.add({"GET", "/api/v1/meetings/rooms/available", authenticated, read,
              [](http::Context& ctx) {
                const auto from = query_instant(ctx, "from");
                const auto to = query_instant(ctx, "to");
                if (to <= from) throw http::invalid("to", "结束时间应晚于开始时间");
                const auto attendees = ctx.query_int("attendees").value_or(1);
                if (attendees < 1) throw http::invalid("attendees", "参会人数应为正整数");
                return ctx.db().read([&](db::Tx& tx) {
                  return http::Response::json(json::object{{"items", available_rooms(tx, ctx.who(), from, to, attendees)}});
                });
              },
              {"某时段空闲且容纳得下的会议室（含准备和整理时间；容量最小的在前）", "meetings",
               {{"from", "string", "开始时间（ISO-8601，带时区）"},
                {"to", "string", "结束时间（ISO-8601，带时区）"},
                {"attendees", "integer", "参会人数（默认 1）"}},
               nullptr, http::object_schema({{"items", "array"}}, {"items"})}});

  router.add({"GET", "/api/v1/meetings/rooms/{id}", authenticated, read,
              [](http::Context& ctx) {
                const auto id = ctx.path_id("id", "会议室");
                return ctx.db().read([&](db::Tx& tx) { return room_response(ctx, tx, id); });
              },
              {"会议室详情", "meetings", {}, nullptr, room_schema()}});

  router.add({"PATCH", "/api/v1/meetings/rooms/{id}", authenticated, manage,
              [](http::Context& ctx) {
                const auto id = ctx.path_id("id", "会议室");
                const auto body = ctx.json_body();
                return ctx.db().write([&](db::Tx& tx) {
                  const auto current = find_room_fields(tx, ctx.tenant_id(), id);
                  if (!current) throw http::not_found("会议室");
                  update_room(tx, audit::actor_of(ctx.who(), ctx.request), id, room_fields(body, *current));
                  return room_response(ctx, tx, id);
                });
              },
              {"修改会议室（只改给出的字段；part_ids 整体替换）", "meetings", {}, room_input_schema(false), room_schema()}});

  // ---- Bookings ----
  router.add({"GET", "/api/v1/meetings/bookings", authenticated, read, list_bookings,
              {"会议预订列表（数据范围内主办单位的预订；分页、搜索、导出 Excel）", "meetings",
               http::list_docs("按会议名称、主持人或会议室搜索", "start | title | created_at",
                               {{"room_id", "integer", "会议室"},
                                {"host_unit_id", "integer", "主办单位"},
                                {"status", "string", "pending | confirmed | cancelled"},
                                {"from", "string", "结束晚于此时刻（ISO-8601，带时区）"},
                                {"to", "string", "开始早于此时刻（ISO-8601，带时区）"},
                                {"mine", "boolean", "true：只看我预订的"}}),
               nullptr, http::list_schema(booking_schema())}});

  router.add({"POST", "/api/v1/meetings/bookings", authenticated, book,
              [](http::Context& ctx) {
                const auto body = ctx.json_body();
                const auto fields = booking_fields(body);
                const auto displace = displace_reason(body);
                return ctx.db().write([&](db::Tx& tx) {
                  const auto id = create_booking(tx, ctx.who(), audit::actor_of(ctx.who(), ctx.request), fields, displace);
                  return http::Response::json(visible_booking(ctx, tx, id), 201);
                });
              },
              {"预订会议室（时段冲突答 409 conflict，附冲突预订 booking_id 和可选会议室 suggestions；优先会议可带 displace "
               "{reason} 调整冲突的预订）", "meetings", {},
               booking_input_schema(), booking_schema(), 201}});

  router.add({"GET", "/api/v1/meetings/bookings/{id}", authenticated, read,
              [](http::Context& ctx) {
                const auto id = ctx.path_id("id", "预订");
                return ctx.db().read([&](db::Tx& tx) { return http::Response::json(visible_booking(ctx, tx, id)); });
              },
              {"预订详情", "meetings", {}, nullptr, booking_schema()}});

  router.add({"POST", "/api/v1/meetings/bookings/{id}/cancel", authenticated, book,
              [](http::Context& ctx) {
                const auto id = ctx.path_id("id", "预订");
                const auto body = ctx.json_body();
                return ctx.db().write([&](db::Tx& tx) {
                  visible_booking(ctx, tx, id);
                  cancel_with_scope(tx, audit::actor_of(ctx.who(), ctx.request), id, body.required_string("reason", 500),
                                    body.optional_string("scope", 20).value_or("one"));
                  return http::Response::json(visible_booking(ctx, tx, id));
                });
              },
              {"取消预订（须说明原因），释放该时段；系列的场次可用 scope：one 本次 | following 此次及以后 | all 全部未开始的",
               "meetings", {}, http::object_schema({{"reason", "string"}, {"scope", "string"}}, {"reason"}), booking_schema()}});

  register_series_routes(router);
  register_views_routes(router);
  register_ops_routes(router);
}

}  // namespace jiguan::app
