// HTTP handlers of the views: the timeline of all rooms, a room's month calendar, the feed
// token and the iCalendar feeds (public routes authenticated by that token: calendar
// programs cannot sign in), and the statistics (JSON or Excel).
#include <boost/json.hpp>

#include "core/calendar/calendar.hpp"
#include "core/export/xlsx.hpp"
#include "core/http/api_error.hpp"
#include "core/http/openapi.hpp"
#include "modules/meetings/recurrence.hpp"
#include "modules/meetings/route_support.hpp"
#include "modules/meetings/views.hpp"

namespace jiguan::meetings {
namespace json = boost::json;
using namespace std::chrono;

namespace {

constexpr int kMaxTimelineDays = 7;
constexpr years kMaxStatsRange{3};

// Today in Beijing.
Date local_today() { return to_local(floor<seconds>(system_clock::now())).date; }

// A YYYY-MM-DD query parameter; `fallback` when absent, 422 naming it when malformed.
Date query_date(const http::Context& ctx, const char* name, Date fallback) {
  const auto raw = ctx.request.query_param(name).value_or("");
  if (raw.empty()) return fallback;
  const auto date = calendar::parse_date(raw);
  if (!date) throw http::invalid(name, std::string(name) + " 应为有效日期（YYYY-MM-DD）");
  return *date;
}

constexpr const char* kFeedPathRoom = "/api/v1/meetings/rooms/{id}/feed.ics";
constexpr const char* kFeedPathMine = "/api/v1/meetings/my/feed.ics";

// The answer of GET /feeds and POST /feeds/reset: the URLs carry the token only in the
// answer that issued it (only its hash is kept).
http::Response feeds_response(const std::string& hint, const std::optional<std::string>& token = std::nullopt) {
  const auto url = [&](const std::string& path) { return token ? json::value(path + "?token=" + *token) : json::value(); };
  return http::Response::json({{"token_hint", hint},
                               {"token", token ? json::value(*token) : json::value()},
                               {"room_url_template", url(kFeedPathRoom)},
                               {"my_url", url(kFeedPathMine)}});
}

json::value feeds_schema() {
  return http::object_schema(
      {{"token_hint", "string"}, {"token", "string"}, {"room_url_template", "string"}, {"my_url", "string"}}, {"token_hint"});
}

// The owner of the request's ?token=, else 401 (a calendar program shows it as a failed
// subscription).
FeedOwner feed_owner_of(const http::Context& ctx, db::Tx& tx) {
  const auto owner = feed_owner(tx, ctx.request.query_param("token").value_or(""));
  if (!owner) throw http::ApiError(401, "invalid_feed_token", "订阅链接无效或已重置，请登录系统重新获取订阅链接");
  return *owner;
}

http::Response ics(std::string body) {
  http::Response r;
  r.content_type = "text/calendar; charset=utf-8";
  r.body = std::move(body);
  return r;
}

http::Response stats_xlsx(const json::object& stats) {
  using xlsx::CellType;
  return xlsx::xlsx_response(
      "会议统计 " + std::string(stats.at("from").as_string()) + " 至 " + std::string(stats.at("to").as_string()),
      {{"分组", CellType::text, 10},
       {"名称", CellType::text, 28},
       {"会议场次", CellType::integer, 10},
       {"时长(小时)", CellType::integer, 12},
       {"参会人次", CellType::integer, 10},
       {"利用率(%)", CellType::integer, 10}},
      [&](const auto& row) {
        // Three tables in one sheet, told apart by the first column.
        const auto block = [&](const char* group, const char* list, const char* name) {
          for (const auto& v : stats.at(list).as_array()) {
            const auto& o = v.as_object();
            row({std::string(group), xlsx::json_cell(o, name), xlsx::json_cell(o, "meetings"), xlsx::json_cell(o, "hours"),
                 xlsx::json_cell(o, "attendees"),
                 o.contains("utilisation_pct") ? xlsx::json_cell(o, "utilisation_pct") : db::Value()});
          }
        };
        block("会议室", "by_room", "room_name");
        block("主办单位", "by_unit", "unit_name");
        block("会议类型", "by_type", "label");
      });
}

}  // namespace

void register_views_routes(http::Router& router) {
  const auto read = "meetings.read";
  const auto authenticated = http::Access::authenticated;

  router.add({"GET",
              "/api/v1/meetings/timeline",
              authenticated,
              read,
              [](http::Context& ctx) {
                const auto first = query_date(ctx, "date", local_today());
                const auto days_count = ctx.query_int("days").value_or(1);
                if (days_count < 1 || days_count > kMaxTimelineDays) throw http::invalid("days", "days 应为 1 至 7 天");
                return ctx.db().read([&](db::Tx& tx) {
                  return http::Response::json(timeline(tx, ctx.tenant_id(), first, static_cast<int>(days_count)));
                });
              },
              {"会议室时间轴：某日起 1–7 天所有会议室（行）及其有效预订",
               "meetings",
               {{"date", "string", "起始日（北京时间，YYYY-MM-DD；默认今天）"}, {"days", "integer", "天数 1–7（默认 1）"}},
               nullptr,
               http::object_schema({{"from", "string"}, {"to", "string"}, {"rooms", "array"}, {"bookings", "array"}},
                                   {"from", "to", "rooms", "bookings"})}});

  router.add({"GET",
              "/api/v1/meetings/rooms/{id}/calendar",
              authenticated,
              read,
              [](http::Context& ctx) {
                const auto id = ctx.path_id("id", "会议室");
                const auto raw = ctx.request.query_param("month").value_or("");
                const auto first = raw.size() == 7 ? calendar::parse_date(raw + "-01") : std::nullopt;
                if (!raw.empty() && !first) throw http::invalid("month", "month 应为年月（YYYY-MM）");
                const auto month = first ? first->year() / first->month() : local_today().year() / local_today().month();
                return ctx.db().read([&](db::Tx& tx) {
                  auto cal = room_calendar(tx, ctx.tenant_id(), id, month);
                  if (!cal) throw http::not_found("会议室");
                  return http::Response::json(std::move(*cal));
                });
              },
              {"会议室月历：每天是否工作日、节假日名称及当天预订（含组合会议室）",
               "meetings",
               {{"month", "string", "年月 YYYY-MM（默认本月）"}},
               nullptr,
               http::object_schema({{"room", "object"}, {"month", "string"}, {"days", "array"}}, {"room", "month", "days"})}});

  router.add({"GET",
              "/api/v1/meetings/feeds",
              authenticated,
              read,
              [](http::Context& ctx) {
                const auto hint =
                    ctx.db().read([&](db::Tx& tx) { return feed_token_hint(tx, ctx.tenant_id(), ctx.who().account_id); });
                if (hint) return feeds_response(*hint);
                return ctx.db().write([&](db::Tx& tx) {
                  // A concurrent first call may have issued one meanwhile: keep it.
                  if (const auto again = feed_token_hint(tx, ctx.tenant_id(), ctx.who().account_id)) {
                    return feeds_response(*again);
                  }
                  const auto token = issue_feed_token(tx, audit::actor_of(ctx.who(), ctx.request));
                  return feeds_response(feed_token_hint(token), token);
                });
              },
              {"我的日历订阅：首次调用生成订阅令牌并返回订阅地址（令牌只显示这一次）", "meetings", {}, nullptr, feeds_schema()}});

  // meetings.book: read-only roles (auditor, leader) change nothing, not even their own token.
  router.add({"POST",
              "/api/v1/meetings/feeds/reset",
              authenticated,
              "meetings.book",
              [](http::Context& ctx) {
                return ctx.db().write([&](db::Tx& tx) {
                  const auto token = issue_feed_token(tx, audit::actor_of(ctx.who(), ctx.request));
                  return feeds_response(feed_token_hint(token), token);
                });
              },
              {"重置日历订阅令牌（旧订阅地址随即失效）", "meetings", {}, nullptr, feeds_schema()}});

  router.add({"GET",
              kFeedPathRoom,
              http::Access::open,
              "",
              [](http::Context& ctx) {
                const auto id = ctx.path_id("id", "会议室");
                return ctx.db().read([&](db::Tx& tx) {
                  const auto owner = feed_owner_of(ctx, tx);
                  auto body = room_feed(tx, owner, id);
                  if (!body) throw http::not_found("会议室");
                  return ics(std::move(*body));
                });
              },
              {"会议室的 iCalendar 订阅（?token=订阅令牌；近 30 天至未来一年的有效预订）",
               "meetings",
               {{"token", "string", "订阅令牌（GET /api/v1/meetings/feeds）"}},
               nullptr,
               nullptr}});

  router.add(
      {"GET",
       kFeedPathMine,
       http::Access::open,
       "",
       [](http::Context& ctx) { return ctx.db().read([&](db::Tx& tx) { return ics(my_feed(tx, feed_owner_of(ctx, tx))); }); },
       {"我预订的会议的 iCalendar 订阅（?token=订阅令牌）",
        "meetings",
        {{"token", "string", "订阅令牌（GET /api/v1/meetings/feeds）"}},
        nullptr,
        nullptr}});

  router.add({"GET",
              "/api/v1/meetings/stats",
              authenticated,
              read,
              [](http::Context& ctx) {
                const auto today = local_today();
                const auto from = query_date(ctx, "from", today.year() / January / 1);
                const auto to = query_date(ctx, "to", today.year() / December / 31);
                if (to < from) throw http::invalid("to", "结束日期不能早于开始日期");
                if (Date{from.year() + kMaxStatsRange, from.month(), from.day()} <= to) {
                  throw http::invalid("to", "统计区间不能超过 3 年");
                }
                const auto stats =
                    ctx.db().read([&](db::Tx& tx) { return meeting_stats(tx, ctx.tenant_id(), ctx.scope(), from, to); });
                return xlsx::wants_xlsx(ctx.request) ? stats_xlsx(stats) : http::Response::json(stats);
              },
              {"会议统计（已确认的会议，按开始日计；数据范围内主办单位；?format=xlsx 导出）",
               "meetings",
               http::stats_range_docs(),
               nullptr,
               http::object_schema({{"from", "string"},
                                    {"to", "string"},
                                    {"meetings", "integer"},
                                    {"hours", "number"},
                                    {"attendees", "integer"},
                                    {"working_hours", "number"},
                                    {"by_room", "array"},
                                    {"by_unit", "array"},
                                    {"by_type", "array"}},
                                   {"meetings", "hours", "attendees", "by_room", "by_unit", "by_type"})}});
}

}  // namespace jiguan::meetings
