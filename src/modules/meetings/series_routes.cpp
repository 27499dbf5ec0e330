// HTTP handlers of recurring series: preview, create, list (Excel), detail, turning a booking
// into a series, editing a booking with a scope (one | following | all). Thin: parse the
// input, check the caller's data scope, call series.cpp in one transaction.
#include <boost/json.hpp>

#include "core/access/scope.hpp"
#include "core/export/xlsx.hpp"
#include "core/http/api_error.hpp"
#include "core/http/openapi.hpp"
#include "modules/meetings/route_support.hpp"
#include "modules/meetings/series.hpp"

namespace jiguan::meetings {
namespace json = boost::json;

namespace {

using xlsx::CellType;

// ---- Documentation ---------------------------------------------------------------------

json::value series_schema() {
  return http::object_schema({{"id", "integer"},         {"room_id", "integer"},     {"room_name", "string"},
                              {"title", "string"},       {"host_unit_id", "integer"}, {"host_unit_name", "string"},
                              {"chair", "string"},       {"attendees", "integer"},   {"meeting_type", "string"},
                              {"services", "object"},    {"notes", "string"},        {"start_time", "string"},
                              {"end_time", "string"},    {"first_date", "string"},   {"recurrence", "object"},
                              {"created_by", "integer"}, {"created_at", "string"},   {"updated_at", "string"},
                              {"occurrences", "array"}},
                             {"id", "room_id", "title", "host_unit_id", "start_time", "end_time", "first_date", "recurrence"});
}

json::value series_input_schema() {
  return http::object_schema({{"room_id", "integer"},
                              {"title", "string"},
                              {"host_unit_id", "integer"},
                              {"chair", "string"},
                              {"attendees", "integer"},
                              {"first_start", "string"},
                              {"first_end", "string"},
                              {"meeting_type", "string"},
                              {"services", "object"},
                              {"notes", "string"},
                              {"recurrence", "object"},
                              {"skip_conflicts", "boolean"}},
                             {"room_id", "title", "host_unit_id", "attendees", "first_start", "first_end", "recurrence"});
}

// ---- Input -----------------------------------------------------------------------------

// {"freq","weekdays"?,"until"?|"count"?,"skip_holidays"?} with errors naming recurrence.<key>;
// the first date is set by the caller.
Rule recurrence_of(const http::JsonBody& body) {
  if (!body.has("recurrence") || !body.object().at("recurrence").is_object()) {
    throw http::invalid("recurrence", "recurrence 应为对象，如 {\"freq\":\"weekly\",\"weekdays\":[1,3],\"count\":10}");
  }
  const auto& r = body.object().at("recurrence").as_object();
  const auto field = [&](const char* key) { return r.if_contains(key) && !r.at(key).is_null() ? &r.at(key) : nullptr; };
  Rule rule;
  const auto* freq = field("freq");
  if (!freq || !freq->is_string()) throw http::invalid("recurrence.freq", "重复频率应为 daily、weekly 或 monthly");
  rule.freq = std::string(freq->as_string());
  if (const auto* weekdays = field("weekdays")) {
    if (!weekdays->is_array()) throw http::invalid("recurrence.weekdays", "weekdays 应为 1–7 的整数数组");
    for (const auto& d : weekdays->as_array()) {
      if (!d.is_int64() || d.as_int64() < 1 || d.as_int64() > 7) {
        throw http::invalid("recurrence.weekdays", "星期应为 1（周一）至 7（周日）");
      }
      rule.weekdays.insert(static_cast<unsigned>(d.as_int64()));
    }
  }
  if (const auto* until = field("until")) {
    const auto date = until->is_string() ? calendar::parse_date(until->as_string()) : std::nullopt;
    if (!date) throw http::invalid("recurrence.until", "截止日期应为 YYYY-MM-DD");
    rule.until = *date;
  }
  if (const auto* count = field("count")) {
    if (!count->is_int64()) throw http::invalid("recurrence.count", "重复次数应为整数");
    rule.count = static_cast<int>(std::clamp<std::int64_t>(count->as_int64(), -1, kMaxOccurrences + 1));
  }
  if (const auto* skip = field("skip_holidays")) {
    if (!skip->is_bool()) throw http::invalid("recurrence.skip_holidays", "skip_holidays 应为 true 或 false");
    rule.skip_holidays = skip->as_bool();
  }
  return rule;
}

// A series body: the booking fields with first_start/first_end for start/end, and the rule.
SeriesFields series_body(const http::JsonBody& body) {
  auto object = body.object();
  object["start"] = body.required_string("first_start", 40);
  object["end"] = body.required_string("first_end", 40);
  return series_from_first(booking_fields(http::JsonBody(std::move(object))), recurrence_of(body));
}

bool skip_conflicts(const http::JsonBody& body) { return body.optional_bool("skip_conflicts").value_or(false); }

BookingChanges changes_of(const http::JsonBody& b) {
  BookingChanges c{b.optional_int("room_id"),
                   b.optional_string("title", 200),
                   b.optional_string("chair", 50),
                   b.optional_int("attendees"),
                   b.optional_string("meeting_type", 20),
                   std::nullopt,
                   b.optional_string("notes", 2000),
                   b.optional_string("start", 40),
                   b.optional_string("end", 40),
                   std::nullopt};
  if (b.has("services") && !b.object().at("services").is_null()) {
    if (!b.object().at("services").is_object()) throw http::invalid("services", "services 应为对象，如 {\"tea_water\":true}");
    c.services = b.object().at("services").as_object();
  }
  if (b.has("recurrence")) c.recurrence = recurrence_of(b);
  return c;
}

// ---- Output ----------------------------------------------------------------------------

std::string series_scope(const http::Context& ctx, std::vector<db::Value>& params) {
  return access::scope_predicate(ctx.scope(), "s.host_unit_id", "s.created_by", params);
}

// The series with its occurrences when the caller may see it (its host unit in the data
// scope), else 404.
json::object visible_series(const http::Context& ctx, db::Tx& tx, std::int64_t id) {
  std::vector<db::Value> params{ctx.tenant_id(), id};
  const auto scope = series_scope(ctx, params);
  if (tx.exec("SELECT 1 FROM meeting_series s WHERE s.tenant_id = $1 AND s.id = $2 AND " + scope, params).empty()) {
    throw http::not_found("会议系列");
  }
  return *find_series(tx, ctx.tenant_id(), id);
}

std::string rule_label(const json::object& recurrence) {
  const auto freq = recurrence.at("freq").as_string();
  std::string out = freq == "daily" ? "每天" : freq == "monthly" ? "每月" : "每周";
  constexpr const char* kDays[] = {"", "一", "二", "三", "四", "五", "六", "日"};
  for (const auto& d : recurrence.at("weekdays").as_array()) out += kDays[d.as_int64()];
  if (recurrence.at("skip_holidays").as_bool()) out += "（跳过节假日）";
  return out;
}

http::Response list_series(http::Context& ctx) {
  const auto lq = ctx.list_query({{"first_date", "s.first_date"}, {"title", "s.title"}, {"created_at", "s.created_at"}},
                                 "first_date", "s.id");
  std::vector<db::Value> params{ctx.tenant_id(), lq.like_pattern(), db::to_value(ctx.query_int("room_id"))};
  std::string where =
      " WHERE s.tenant_id = $1 AND (s.title LIKE $2 ESCAPE '\\' OR s.chair LIKE $2 ESCAPE '\\' OR r.name LIKE $2 ESCAPE '\\')"
      " AND (CAST($3 AS BIGINT) IS NULL OR s.room_id = $3)";
  where += " AND " + series_scope(ctx, params);
  return ctx.db().read([&](db::Tx& tx) {
    if (xlsx::wants_xlsx(ctx.request)) {
      return xlsx::export_list(tx, "会议系列",
                               {{"会议名称", CellType::text, 30},
                                {"会议室", CellType::text, 16},
                                {"主办单位", CellType::text, 20},
                                {"主持人", CellType::text, 10},
                                {"参会人数", CellType::integer, 10},
                                {"时间(北京)", CellType::text, 14},
                                {"重复", CellType::text, 20},
                                {"首次日期", CellType::date, 12},
                                {"截止日期", CellType::date, 12},
                                {"次数", CellType::integer, 8}},
                               kSeriesColumns, kSeriesFrom + where, params, lq, [](const db::Row& row) {
                                 const auto s = series_json(row);
                                 return std::vector<db::Value>{row[3], row[2], row[5], row[6], row[7],
                                                               row.text(11) + "–" + row.text(12),
                                                               rule_label(s.at("recurrence").as_object()), row[15], row[16],
                                                               row[17]};
                               });
    }
    return http::list_response(http::fetch_page(tx, kSeriesColumns, kSeriesFrom + where, params, lq), series_json);
  });
}

}  // namespace

void register_series_routes(http::Router& router) {
  const auto read = "meetings.read", book = "meetings.book";
  const auto authenticated = http::Access::authenticated;

  router.add({"POST", "/api/v1/meetings/series/preview", authenticated, book,
              [](http::Context& ctx) {
                const auto fields = series_body(ctx.json_body());
                return ctx.db().read([&](db::Tx& tx) { return http::Response::json(preview_series(tx, ctx.who(), fields)); });
              },
              {"预览系列的每次日期及冲突（不保存）", "meetings", {}, series_input_schema(),
               http::object_schema({{"occurrences", "array"}, {"skipped", "array"}, {"conflicts", "integer"}},
                                   {"occurrences", "skipped", "conflicts"})}});

  router.add({"POST", "/api/v1/meetings/series", authenticated, book,
              [](http::Context& ctx) {
                const auto body = ctx.json_body();
                const auto fields = series_body(body);
                return ctx.db().write([&](db::Tx& tx) {
                  const auto id = create_series(tx, ctx.who(), audit::actor_of(ctx.who(), ctx.request), fields, skip_conflicts(body));
                  return http::Response::json(visible_series(ctx, tx, id), 201);
                });
              },
              {"新建重复预订系列（有日期冲突答 409 series_conflict 并逐次列出；skip_conflicts 跳过冲突日期）", "meetings", {},
               series_input_schema(), series_schema(), 201}});

  router.add({"GET", "/api/v1/meetings/series", authenticated, read, list_series,
              {"重复预订系列列表（数据范围内主办单位的；分页、搜索、导出 Excel）", "meetings",
               http::list_docs("按会议名称、主持人或会议室搜索", "first_date | title | created_at",
                               {{"room_id", "integer", "会议室"}}),
               nullptr, http::list_schema(series_schema())}});

  router.add({"GET", "/api/v1/meetings/series/{id}", authenticated, read,
              [](http::Context& ctx) {
                const auto id = ctx.path_id("id", "会议系列");
                return ctx.db().read([&](db::Tx& tx) { return http::Response::json(visible_series(ctx, tx, id)); });
              },
              {"系列详情（含全部场次，已取消的也在内，按日期排序）", "meetings", {}, nullptr, series_schema()}});

  router.add({"PATCH", "/api/v1/meetings/bookings/{id}", authenticated, book,
              [](http::Context& ctx) {
                const auto id = ctx.path_id("id", "预订");
                const auto body = ctx.json_body();
                const auto scope = body.optional_string("scope", 20).value_or("one");
                const auto changes = changes_of(body);
                return ctx.db().write([&](db::Tx& tx) {
                  visible_booking(ctx, tx, id);
                  const auto series = edit_booking(tx, ctx.who(), audit::actor_of(ctx.who(), ctx.request), id, scope, changes);
                  return http::Response::json(series ? visible_series(ctx, tx, *series) : visible_booking(ctx, tx, id));
                });
              },
              {"修改预订（scope：one 仅本次 | following 此次及以后 | all 全部未开始的场次；后两者答系列）", "meetings", {},
               http::object_schema({{"scope", "string"},       {"room_id", "integer"},    {"title", "string"},
                                    {"chair", "string"},       {"attendees", "integer"},  {"meeting_type", "string"},
                                    {"services", "object"},    {"notes", "string"},       {"start", "string"},
                                    {"end", "string"},         {"recurrence", "object"}}),
               booking_schema()}});

  router.add({"POST", "/api/v1/meetings/bookings/{id}/repeat", authenticated, book,
              [](http::Context& ctx) {
                const auto id = ctx.path_id("id", "预订");
                const auto body = ctx.json_body();
                const auto rule = recurrence_of(body);
                return ctx.db().write([&](db::Tx& tx) {
                  visible_booking(ctx, tx, id);
                  const auto series =
                      repeat_booking(tx, ctx.who(), audit::actor_of(ctx.who(), ctx.request), id, rule, skip_conflicts(body));
                  return http::Response::json(visible_series(ctx, tx, series), 201);
                });
              },
              {"把单次预订变为重复系列（该预订为首次）", "meetings", {},
               http::object_schema({{"recurrence", "object"}, {"skip_conflicts", "boolean"}}, {"recurrence"}), series_schema(),
               201}});
}

}  // namespace jiguan::meetings
