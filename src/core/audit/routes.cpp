// The audit trail, read-only: search it and verify its hash chain.
#include <boost/json.hpp>

#include "core/app/routes.hpp"
#include "core/audit/audit.hpp"
#include "core/export/xlsx.hpp"
#include "core/http/api_error.hpp"

namespace jiguan::app {
namespace json = boost::json;

namespace {

constexpr const char* kAuditColumns =
    "id, at, actor_account_id, actor, action, entity, entity_id, diff, request_id, client_addr, hash";

json::object audit_json(const db::Row& row) {
  return {{"id", row.int64(0)},
          {"at", row.text(1)},
          {"actor_account_id", row.is_null(2) ? json::value() : json::value(row.int64(2))},
          {"actor", row.text(3)},
          {"action", row.text(4)},
          {"entity", row.text(5)},
          {"entity_id", row.is_null(6) ? json::value() : json::value(row.int64(6))},
          {"diff", json::parse(row.text(7))},
          {"request_id", row.text(8)},
          {"client_addr", row.text(9)},
          {"hash", row.text(10)}};
}

// Accepts a date ("2026-11-28", the whole day) or a full UTC time for from/to.
std::string time_bound(const http::Context& ctx, const char* name, bool upper) {
  auto raw = ctx.request.query_param(name).value_or("");
  if (raw.empty()) return upper ? "9999" : "";
  const bool is_date = raw.size() == 10 && raw[4] == '-' && raw[7] == '-';
  const bool is_time = raw.size() == 20 && raw[10] == 'T' && raw.back() == 'Z';
  if (!is_date && !is_time) throw http::invalid(name, std::string("参数 ") + name + " 应为日期（2026-11-28）或 UTC 时间");
  return is_date && upper ? raw + "T23:59:59Z" : raw;
}

}  // namespace

void register_audit_routes(http::Router& router, Services&) {
  router.add({"GET", "/api/v1/audit", http::Access::authenticated, "audit.view",
              [](http::Context& ctx) {
                const auto lq = ctx.list_query({{"id", "id"}, {"at", "at"}, {"actor", "actor"}, {"entity", "entity"}}, "-id");
                const auto entity = ctx.request.query_param("entity").value_or("");
                const auto action = ctx.request.query_param("action").value_or("");
                const auto actor = ctx.request.query_param("actor").value_or("");
                const auto entity_id = ctx.query_int("entity_id");
                const std::string from_where =
                    " FROM audit_log WHERE tenant_id = $1 AND ($2 = '' OR entity = $2) AND ($3 = '' OR action = $3)"
                    " AND ($4 = '' OR actor = $4) AND (CAST($5 AS BIGINT) IS NULL OR entity_id = $5)"
                    " AND at >= $6 AND at <= $7 AND (diff LIKE $8 ESCAPE '\\' OR entity LIKE $8 ESCAPE '\\')";
                const std::vector<db::Value> params{ctx.tenant_id(), entity, action, actor, db::to_value(entity_id),
                                                    time_bound(ctx, "from", false), time_bound(ctx, "to", true), lq.like_pattern()};
                return ctx.db().read([&](db::Tx& tx) {
                  if (xlsx::wants_xlsx(ctx.request)) {
                    using xlsx::CellType;
                    return xlsx::export_list(
                        tx, "审计日志",
                        {{"编号", CellType::integer, 8}, {"时间", CellType::datetime, 18}, {"操作人", CellType::text, 14},
                         {"动作", CellType::text, 12}, {"对象", CellType::text, 12}, {"对象编号", CellType::integer, 10},
                         {"变更内容", CellType::text, 60}, {"请求编号", CellType::text, 20}, {"客户端地址", CellType::text, 16},
                         {"哈希", CellType::text, 30}},
                        kAuditColumns, from_where, params, lq, [](const db::Row& row) {
                          return std::vector<db::Value>{row[0], row[1], row[3], row[4], row[5], row[6], row[7], row[8], row[9], row[10]};
                        });
                  }
                  auto page = http::fetch_page(tx, kAuditColumns, from_where, params, lq);
                  return http::list_response(page, audit_json);
                });
              },
              {"审计日志（最新在前）", "audit",
               {{"entity", "string", "对象类型，如 unit、account、role"},
                {"entity_id", "integer", "对象编号"},
                {"actor", "string", "操作人用户名"},
                {"action", "string", "动作，如 create、update、login_failed、denied"},
                {"from", "string", "起始日期或 UTC 时间"},
                {"to", "string", "截止日期或 UTC 时间"},
                {"q", "string", "在变更内容中搜索"},
                {"page", "integer", "页码"},
                {"page_size", "integer", "每页条数，最多 200"},
                {"sort", "string", "id | at | actor | entity，前加 - 为倒序"}},
               nullptr, http::list_schema(json::object{{"type", "object"}})}});

  router.add({"GET", "/api/v1/audit/verify", http::Access::authenticated, "audit.view",
              [](http::Context& ctx) {
                const auto v = audit::verify(ctx.db(), ctx.tenant_id());
                json::object out{{"ok", v.ok}, {"checked", v.checked}};
                if (v.first_bad_id) out["first_bad_id"] = *v.first_bad_id;
                return http::Response::json(out);
              },
              {"校验审计日志的哈希链", "audit", {}, nullptr,
               http::object_schema({{"ok", "boolean"}, {"checked", "integer"}, {"first_bad_id", "integer"}}, {"ok", "checked"})}});
}

}  // namespace jiguan::app
