// HTTP handlers for the working-day calendar: parse and validate input, call the domain in
// calendar.cpp inside one transaction, answer JSON.
#include <boost/json.hpp>

#include "core/app/routes.hpp"
#include "core/calendar/calendar.hpp"
#include "core/http/api_error.hpp"

namespace jiguan::app {
namespace json = boost::json;

namespace {

// The years the API accepts, in paths and in query dates.
constexpr int kFirstYear = 1900, kLastYear = 2100;

// An object schema whose "days" property is an array of {date, off, name}.
json::value with_day_items(json::value schema) {
  schema.at("properties").at("days").as_object()["items"] =
      http::object_schema({{"date", "string"}, {"off", "boolean"}, {"name", "string"}}, {"date", "off", "name"});
  return schema;
}

json::value year_schema() {
  return with_day_items(http::object_schema(
      {{"year", "integer"}, {"days", "array"}, {"workdays", "integer"}, {"source", "string"}}, {"year", "days", "workdays", "source"}));
}

int path_year(const http::Context& ctx) {
  const auto year = ctx.path_id("year", "年份");
  if (year < kFirstYear || year > kLastYear) {
    throw http::invalid("year", "年份应在 " + std::to_string(kFirstYear) + " 到 " + std::to_string(kLastYear) + " 之间");
  }
  return static_cast<int>(year);
}

calendar::Date query_date(const http::Context& ctx, const std::string& name) {
  const auto raw = ctx.request.query_param(name);
  if (!raw || raw->empty()) throw http::ApiError(422, "missing_field", "缺少参数 " + name, name);
  const auto date = calendar::parse_date(*raw);
  if (!date || static_cast<int>(date->year()) < kFirstYear || static_cast<int>(date->year()) > kLastYear) {
    throw http::invalid(name, "参数 " + name + " 应为 1900 到 2100 年间的有效日期（YYYY-MM-DD）");
  }
  return *date;
}

http::Response year_response(const calendar::YearCalendar& y) {
  return http::Response::json({{"year", y.year}, {"days", calendar::days_json(y.days)}, {"workdays", y.workdays}, {"source", y.source}});
}

// {"days":[{"date","off","name"}]}; errors name the element's field, e.g. days[2].off.
std::vector<calendar::SpecialDay> parse_days(const http::JsonBody& body) {
  const auto* days = body.object().if_contains("days");
  if (!days || days->is_null()) throw http::ApiError(422, "missing_field", "缺少必填字段 days", "days");
  if (!days->is_array()) throw http::ApiError(422, "invalid_type", "字段 days 应为数组", "days");
  std::vector<calendar::SpecialDay> out;
  for (std::size_t i = 0; i < days->as_array().size(); ++i) {
    const auto& item = days->as_array()[i];
    const auto field = "days[" + std::to_string(i) + "]";
    if (!item.is_object()) throw http::ApiError(422, "invalid_type", "字段 " + field + " 应为对象", field);
    const http::JsonBody day(item.as_object());
    try {
      const auto date = calendar::parse_date(day.required_string("date", 10));
      if (!date) throw http::invalid("date", "日期应为有效日期（YYYY-MM-DD）");
      const auto off = day.optional_bool("off");
      if (!off) throw http::ApiError(422, "missing_field", "缺少必填字段 off", "off");
      out.push_back({*date, *off, day.required_string("name", 50)});
    } catch (const http::ApiError& e) {
      throw http::ApiError(e.status(), e.code(), field + "：" + e.what(), field + "." + e.field());
    }
  }
  return out;
}

}  // namespace

void register_calendar_routes(http::Router& router, Services&) {
  router.add({"GET", "/api/v1/calendar/{year}", http::Access::authenticated, "",
              [](http::Context& ctx) {
                const auto year = path_year(ctx);
                return ctx.db().read([&](db::Tx& tx) { return year_response(calendar::year_calendar(tx, ctx.tenant_id(), year)); });
              },
              {"一年的工作日历（法定节假日与调休上班日）", "calendar", {}, nullptr, year_schema()}});

  router.add({"GET", "/api/v1/calendar/workdays", http::Access::authenticated, "",
              [](http::Context& ctx) {
                const auto from = query_date(ctx, "from");
                const auto days = ctx.query_int("days");
                if (!days) throw http::ApiError(422, "missing_field", "缺少参数 days", "days");
                if (*days < 0 || *days > 3650) throw http::invalid("days", "参数 days 应在 0 到 3650 之间");
                const auto date = ctx.db().read(
                    [&](db::Tx& tx) { return calendar::load_calendar(tx, ctx.tenant_id()).add_workdays(from, static_cast<int>(*days)); });
                return http::Response::json(
                    {{"from", calendar::format_date(from)}, {"days", *days}, {"date", calendar::format_date(date)}});
              },
              {"从某日起第 N 个工作日（当日不计）", "calendar",
               {{"from", "string", "起始日期 YYYY-MM-DD"}, {"days", "integer", "工作日数，0 到 3650"}},
               nullptr, http::object_schema({{"from", "string"}, {"days", "integer"}, {"date", "string"}}, {"from", "days", "date"})}});

  router.add({"GET", "/api/v1/calendar/count", http::Access::authenticated, "",
              [](http::Context& ctx) {
                const auto from = query_date(ctx, "from");
                const auto to = query_date(ctx, "to");
                const auto n = ctx.db().read(
                    [&](db::Tx& tx) { return calendar::load_calendar(tx, ctx.tenant_id()).count_workdays(from, to); });
                return http::Response::json(
                    {{"from", calendar::format_date(from)}, {"to", calendar::format_date(to)}, {"workdays", n}});
              },
              {"两日之间的工作日数（from 之后、至 to 为止）", "calendar",
               {{"from", "string", "起始日期 YYYY-MM-DD（不计）"}, {"to", "string", "截止日期 YYYY-MM-DD（计入）"}},
               nullptr, http::object_schema({{"from", "string"}, {"to", "string"}, {"workdays", "integer"}}, {"from", "to", "workdays"})}});

  router.add({"PUT", "/api/v1/calendar/{year}", http::Access::authenticated, "calendar.manage",
              [](http::Context& ctx) {
                const auto year = path_year(ctx);
                auto days = parse_days(ctx.json_body());
                return ctx.db().write([&](db::Tx& tx) {
                  calendar::replace_tenant_days(tx, audit::actor_of(ctx.who(), ctx.request), year, std::move(days));
                  return year_response(calendar::year_calendar(tx, ctx.tenant_id(), year));
                });
              },
              {"替换本单位该年的自定义日历日（覆盖国务院安排）", "calendar", {},
               with_day_items(http::object_schema({{"days", "array"}}, {"days"})), year_schema()}});
}

}  // namespace jiguan::app
