// HTTP handlers of the daily close (日清) and the statistics: parse, call days.cpp and
// stats.cpp in one transaction, answer JSON or Excel.
#include <boost/json.hpp>

#include "core/calendar/calendar.hpp"
#include "core/export/xlsx.hpp"
#include "core/http/api_error.hpp"
#include "core/http/openapi.hpp"
#include "modules/mail/days.hpp"
#include "modules/mail/mail.hpp"
#include "modules/mail/route_support.hpp"

namespace jiguan::mail {
namespace json = boost::json;

namespace {

using xlsx::CellType;

// A day of the query or path as canonical 'YYYY-MM-DD' (422 naming `field` otherwise).
std::string checked_day(const std::string& raw, const char* field) {
  const auto date = calendar::parse_date(raw);
  if (!date) throw http::invalid(field, std::string(field) + " 应为有效日期（YYYY-MM-DD）");
  return calendar::format_date(*date);
}

// The day of /mail/days/{date}: a valid date, not after today (China time).
std::string path_day(const http::Context& ctx) {
  const auto day = checked_day(ctx.path_param("date"), "date");
  if (day > util::china_today()) throw http::invalid("date", day + " 尚未到来，不能日清");
  return day;
}

std::string query_day(const http::Context& ctx, const char* name, const std::string& fallback) {
  const auto raw = ctx.request.query_param(name).value_or("");
  return raw.empty() ? fallback : checked_day(raw, name);
}

const json::array& array_field(const json::object& body, const char* key) {
  static const json::array none;
  const auto* v = body.if_contains(key);
  if (!v || v->is_null()) return none;
  if (!v->is_array()) throw http::invalid(key, std::string(key) + " 应为数组");
  return v->as_array();
}

std::string trimmed(std::string_view s) {
  const auto first = s.find_first_not_of(" \t\r\n");
  return first == std::string_view::npos ? "" : std::string(s.substr(first, s.find_last_not_of(" \t\r\n") - first + 1));
}

// The body of POST /mail/days/{date}/close (days.hpp, CloseInput).
CloseInput close_input(const http::JsonBody& b) {
  const auto& body = b.object();
  CloseInput in;
  for (const auto& v : array_field(body, "present")) {
    if (!v.is_string() || trimmed(v.as_string()).empty()) throw http::invalid("present", "present 应为扫描到的标签编号或运单号");
    in.present.push_back(trimmed(v.as_string()));
  }
  if (const auto* counted = body.if_contains("counted"); counted && !counted->is_null()) {
    if (!counted->is_object()) throw http::invalid("counted", "counted 应为 {种类: 件数}");
    for (const auto& [kind, n] : counted->as_object()) {
      if (!is_batch_kind(kind)) throw http::invalid("counted", "只有平信（ordinary）和报刊（periodical）按件数清点");
      if (!n.is_int64() || n.as_int64() < 0) throw http::invalid("counted", "清点件数应为不小于 0 的整数");
      in.counted[std::string(kind)] = n.as_int64();
    }
  }
  for (const auto& v : array_field(body, "explanations")) {
    if (!v.is_object()) throw http::invalid("explanations", "每条说明应为 {item_id 或 kind, note}");
    const http::JsonBody e(v.as_object());
    Explanation x{e.optional_int("item_id"), e.optional_string("kind", 20).value_or(""), ""};
    if (!x.item_id && !is_batch_kind(x.kind) && x.kind != "confidential") {
      throw http::invalid("explanations", "说明须指明 item_id，或 kind（ordinary | periodical | confidential）");
    }
    const auto note = e.optional_string("note", 500);
    if (!note || trimmed(*note).empty()) throw http::invalid("explanations", "每处差异须写明原因（note）");
    x.note = trimmed(*note);
    in.explanations.push_back(std::move(x));
  }
  return in;
}

json::value day_schema() {
  return http::object_schema({{"day", "string"},
                              {"closed", "boolean"},
                              {"figures", "object"},
                              {"totals", "object"},
                              {"expected_on_hand", "array"},
                              {"closed_at", "string"},
                              {"closed_by", "integer"},
                              {"closed_by_name", "string"},
                              {"digest", "string"},
                              {"explanations", "array"}},
                             {"day", "closed", "figures", "totals", "expected_on_hand", "explanations"});
}

constexpr const char* kDayColumns = "d.day, d.figures, d.closed_at, d.closed_by, a.display_name, d.digest, d.explanations";

json::object closed_day_row(const db::Row& r) {
  return {{"day", r.text(0)},
          {"totals", json::parse(r.text(1)).at("totals")},
          {"closed_at", r.text(2)},
          {"closed_by", r.is_null(3) ? json::value(nullptr) : json::value(r.int64(3))},
          {"closed_by_name", r.is_null(4) ? json::value(nullptr) : json::value(r.text(4))},
          {"digest", r.text(5)},
          {"explained", json::parse(r.text(6)).as_array().size()}};
}

http::Response list_days(http::Context& ctx) {
  const auto lq = ctx.list_query({{"day", "d.day"}, {"closed_at", "d.closed_at"}}, "-day", "d.day");
  std::vector<db::Value> params{ctx.tenant_id(), lq.like_pattern()};
  std::string from =
      " FROM mail_days d LEFT JOIN accounts a ON a.tenant_id = d.tenant_id AND a.id = d.closed_by"
      " WHERE d.tenant_id = $1 AND d.day LIKE $2 ESCAPE '\\'";
  for (const auto& [name, op] : {std::pair{"from", ">="}, std::pair{"to", "<="}}) {
    const auto day = query_day(ctx, name, "");
    if (day.empty()) continue;
    params.emplace_back(day);
    from += std::string(" AND d.day ") + op + " $" + std::to_string(params.size());
  }
  return ctx.db().read([&](db::Tx& tx) {
    if (xlsx::wants_xlsx(ctx.request)) {
      return xlsx::export_list(
          tx, "日清记录",
          {{"日期", CellType::text, 12},
           {"期初", CellType::integer, 8},
           {"收到", CellType::integer, 8},
           {"签收", CellType::integer, 8},
           {"退回", CellType::integer, 8},
           {"转递", CellType::integer, 8},
           {"发出", CellType::integer, 8},
           {"期末", CellType::integer, 8},
           {"已说明差异", CellType::integer, 10},
           {"日清时间(UTC)", CellType::datetime, 18},
           {"日清人", CellType::text, 14},
           {"签名摘要(SHA-256)", CellType::text, 66}},
          kDayColumns, from, params, lq, [](const db::Row& row) {
            const auto day = closed_day_row(row);
            const auto& t = day.at("totals").as_object();
            std::vector<db::Value> cells{row[0]};
            for (const auto* key : {"start", "received", "delivered", "returned", "forwarded", "dispatched", "end"}) {
              cells.push_back(xlsx::json_cell(t, key));
            }
            cells.push_back(xlsx::json_cell(day, "explained"));
            cells.insert(cells.end(), {row[2], row[4], row[5]});
            return cells;
          });
    }
    return http::list_response(http::fetch_page(tx, kDayColumns, from, params, lq), closed_day_row);
  });
}

// The statistics as one sheet of three tables told apart by the first column.
http::Response stats_xlsx(const json::object& stats) {
  return xlsx::xlsx_response(
      "收发统计 " + std::string(stats.at("from").as_string()) + " 至 " + std::string(stats.at("to").as_string()),
      {{"分组", CellType::text, 12},
       {"名称", CellType::text, 28},
       {"件数", CellType::integer, 10},
       {"已签收", CellType::integer, 10},
       {"在收发室", CellType::integer, 10}},
      [&](const auto& row) {
        for (const auto* kind : kKinds) {
          row({std::string("按种类"), std::string(kind_label(kind)), xlsx::json_cell(stats.at("by_kind").as_object(), kind),
               db::Value(), db::Value()});
        }
        for (const auto& [key, label] : {std::pair{"in", "收件"}, std::pair{"out", "发件"}}) {
          row({std::string("按方向"), std::string(label), xlsx::json_cell(stats.at("by_direction").as_object(), key), db::Value(),
               db::Value()});
        }
        for (const auto& [key, label] :
             {std::pair{"delivered", "已签收"}, std::pair{"on_hand", "在收发室"}, std::pair{"returned", "已退回"},
              std::pair{"forwarded", "已转递"}, std::pair{"dispatched", "已发出"},
              std::pair{"avg_hours_to_delivery", "平均签收用时(小时)"}}) {
          row({std::string("合计"), std::string(label), xlsx::json_cell(stats, key), db::Value(), db::Value()});
        }
        for (const auto& v : stats.at("by_unit").as_array()) {
          const auto& o = v.as_object();
          row({std::string("收件单位"), xlsx::json_cell(o, "unit_name"), xlsx::json_cell(o, "received"),
               xlsx::json_cell(o, "delivered"), xlsx::json_cell(o, "on_hand")});
        }
        for (const auto& v : stats.at("by_month").as_array()) {
          const auto& o = v.as_object();
          row({std::string("按月收件"), xlsx::json_cell(o, "month"), xlsx::json_cell(o, "in"), db::Value(), db::Value()});
          row({std::string("按月发件"), xlsx::json_cell(o, "month"), xlsx::json_cell(o, "out"), db::Value(), db::Value()});
        }
      });
}

}  // namespace

void register_day_routes(http::Router& router) {
  const auto authenticated = http::Access::authenticated;

  router.add({"GET",
              "/api/v1/mail/days",
              authenticated,
              "mail.read",
              list_days,
              {"日清记录（已封账的日子；分页、按日期筛选、导出 Excel）", "mail",
               http::list_docs("按日期搜索（如 2026-03）", "day | closed_at",
                               {{"from", "string", "日期起（含，YYYY-MM-DD）"}, {"to", "string", "日期止（含，YYYY-MM-DD）"}}),
               nullptr,
               http::list_schema(http::object_schema({{"day", "string"},
                                                      {"totals", "object"},
                                                      {"closed_at", "string"},
                                                      {"closed_by", "integer"},
                                                      {"closed_by_name", "string"},
                                                      {"digest", "string"},
                                                      {"explained", "integer"}},
                                                     {"day", "totals", "closed_at", "digest"}))}});

  router.add({"GET",
              "/api/v1/mail/days/{date}",
              authenticated,
              "mail.read",
              [](http::Context& ctx) {
                const auto day = path_day(ctx);
                return ctx.db().read([&](db::Tx& tx) { return http::Response::json(day_json(tx, ctx.who(), day)); });
              },
              {"某日的日清：各种类期初、收到、签收、退回、转递、发出、期末（已封账为封账时的数字），及应在架的逐件登记邮件（扫描"
               "核对清单）",
               "mail",
               {},
               nullptr,
               day_schema()}});

  router.add({"POST",
              "/api/v1/mail/days/{date}/close",
              authenticated,
              "mail.close",
              [](http::Context& ctx) {
                const auto day = path_day(ctx);
                const auto input = close_input(ctx.json_body());
                return ctx.db().write([&](db::Tx& tx) {
                  return http::Response::json(close_day(tx, ctx.who(), audit::actor_of(ctx.who(), ctx.request), day, input));
                });
              },
              {"日清封账：核对在架邮件（present 扫描的编号、counted 平信报刊件数），每处差异须有说明（explanations），否则答 409 "
               "close_blocked 并列出差异；须按日期顺序（409 previous_day_open），已封账答 409 day_closed",
               "mail",
               {},
               http::object_schema({{"present", "array"}, {"counted", "object"}, {"explanations", "array"}}),
               day_schema()}});

  router.add({"GET",
              "/api/v1/mail/stats",
              authenticated,
              "mail.read",
              [](http::Context& ctx) {
                const auto year = util::china_today().substr(0, 4);
                const auto from = query_day(ctx, "from", year + "-01-01");
                const auto to = query_day(ctx, "to", year + "-12-31");
                if (to < from) throw http::invalid("to", "结束日期不能早于开始日期");
                const auto stats = ctx.db().read([&](db::Tx& tx) { return mail_stats(tx, ctx.who(), from, to); });
                return xlsx::wants_xlsx(ctx.request) ? stats_xlsx(stats) : http::Response::json(stats);
              },
              {"收发统计（按登记日；件数计，成批平信报刊按件数；机要件计入数字；?format=xlsx 导出）",
               "mail",
               http::stats_range_docs(),
               nullptr,
               http::object_schema({{"from", "string"},
                                    {"to", "string"},
                                    {"by_kind", "object"},
                                    {"by_direction", "object"},
                                    {"delivered", "integer"},
                                    {"on_hand", "integer"},
                                    {"returned", "integer"},
                                    {"forwarded", "integer"},
                                    {"dispatched", "integer"},
                                    {"avg_hours_to_delivery", "number"},
                                    {"by_unit", "array"},
                                    {"by_month", "array"}},
                                   {"from", "to", "by_kind", "by_direction", "delivered", "on_hand"})}});
}

}  // namespace jiguan::mail
