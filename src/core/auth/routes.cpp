// HTTP handlers for signing in and out and for accounts; the logic is in sessions.cpp and
// accounts.cpp.
#include <boost/json.hpp>

#include "core/app/routes.hpp"
#include "core/audit/audit.hpp"
#include "core/auth/accounts.hpp"
#include "core/export/xlsx.hpp"
#include "core/http/api_error.hpp"

namespace jiguan::app {
namespace json = boost::json;

namespace {

json::object user_json(const auth::Principal& p) {
  json::array permissions;
  for (const auto& permission : p.permissions) permissions.emplace_back(permission);
  return {{"id", p.account_id},
          {"permissions", std::move(permissions)},
          {"data_scope", access::scope_name(p.scope.kind)},
          {"username", p.username},
          {"display_name", p.display_name},
          {"role", p.role},
          {"unit_id", p.unit_id ? json::value(*p.unit_id) : json::value()},
          {"tenant", {{"code", p.tenant_code}, {"name", p.tenant_name}}}};
}

json::value user_schema() {
  return http::object_schema({{"user", "object"}}, {"user"});
}

json::value account_schema() {
  return http::object_schema({{"id", "integer"}, {"username", "string"}, {"display_name", "string"}, {"role", "string"},
                              {"unit_id", "integer"}, {"active", "boolean"}, {"locked_until", "string"},
                              {"created_at", "string"}, {"updated_at", "string"}},
                             {"id", "username", "display_name", "role", "active"});
}

}  // namespace

void register_auth_routes(http::Router& router, Services& services) {
  auto& sessions = services.sessions;
  router.add({"POST", "/api/v1/auth/login", http::Access::open, "",
              [&sessions](http::Context& ctx) {
                const auto body = ctx.json_body();
                const auto username = body.required_string("username", 64);
                const auto password = body.required_string("password", 128);
                const auto tenant = body.optional_string("tenant", 64).value_or("");
                auto result = sessions.login(tenant, username, password, ctx.request);
                return http::Response::json({{"user", user_json(result.principal)}})
                    .with_header("Set-Cookie", sessions.session_cookie(result.token));
              },
              {"登录：校验用户名和密码，设置会话 Cookie", "auth", {},
               http::object_schema({{"username", "string"}, {"password", "string"}, {"tenant", "string"}}, {"username", "password"}),
               user_schema()}});

  router.add({"POST", "/api/v1/auth/logout", http::Access::authenticated, "",
              [&sessions](http::Context& ctx) {
                sessions.logout(ctx.who(), ctx.request);
                return http::Response::no_content().with_header("Set-Cookie", sessions.expired_cookie());
              },
              {"退出登录", "auth", {}, nullptr, nullptr, 204}});

  router.add({"GET", "/api/v1/auth/me", http::Access::authenticated, "",
              [](http::Context& ctx) { return http::Response::json({{"user", user_json(ctx.who())}}); },
              {"当前登录用户", "auth", {}, nullptr, user_schema()}});

  router.add({"GET", "/api/v1/accounts", http::Access::authenticated, "accounts.manage",
              [](http::Context& ctx) {
                const auto lq = ctx.list_query({{"username", "username"}, {"display_name", "display_name"},
                                                {"role", "role"}, {"created_at", "created_at"}},
                                               "username");
                const std::string from_where =
                    " FROM accounts WHERE tenant_id = $1 AND (username LIKE $2 ESCAPE '\\' OR display_name LIKE $2 ESCAPE '\\')";
                return ctx.db().read([&](db::Tx& tx) {
                  if (xlsx::wants_xlsx(ctx.request)) {
                    using xlsx::CellType;
                    return xlsx::export_list(
                        tx, "账户列表",
                        {{"用户名", CellType::text, 16}, {"姓名", CellType::text, 24}, {"角色", CellType::text, 12},
                         {"状态", CellType::text, 8}, {"锁定至", CellType::datetime, 18}, {"创建时间", CellType::datetime, 18}},
                        auth::kAccountColumns, from_where, {ctx.tenant_id(), lq.like_pattern()}, lq, [](const db::Row& row) {
                          return std::vector<db::Value>{row[1], row[2], row[3], std::string(row.int64(5) ? "启用" : "停用"), row[6], row[7]};
                        });
                  }
                  auto page = http::fetch_page(tx, auth::kAccountColumns, from_where, {ctx.tenant_id(), lq.like_pattern()}, lq);
                  return http::list_response(page, auth::account_json);
                });
              },
              {"账户列表", "auth",
               {{"q", "string", "按用户名或姓名搜索"}, {"page", "integer", "页码，从 1 开始"}, {"page_size", "integer", "每页条数，最多 200"},
                {"sort", "string", "排序字段，前加 - 为倒序"}},
               nullptr, http::list_schema(account_schema())}});

  router.add({"POST", "/api/v1/accounts", http::Access::authenticated, "accounts.manage",
              [](http::Context& ctx) {
                const auto body = ctx.json_body();
                auth::NewAccount account{body.required_string("username", 32), body.required_string("display_name", 50),
                                         body.required_string("role", 32), body.optional_int("unit_id"),
                                         body.required_string("password", 128)};
                const auto id = auth::create_account(ctx.db(), audit::actor_of(ctx.who(), ctx.request), account);
                return ctx.db().read([&](db::Tx& tx) {
                  auto row = tx.query(std::string("SELECT ") + auth::kAccountColumns + " FROM accounts WHERE tenant_id = $1 AND id = $2",
                                      ctx.tenant_id(), id);
                  return http::Response::json(auth::account_json(row.one()), 201);
                });
              },
              {"新建账户", "auth", {},
               http::object_schema({{"username", "string"}, {"display_name", "string"}, {"role", "string"},
                                    {"unit_id", "integer"}, {"password", "string"}},
                                   {"username", "display_name", "role", "password"}),
               account_schema(), 201}});
}

}  // namespace jiguan::app
