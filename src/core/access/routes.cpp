// HTTP handlers for roles and the permission catalogue; the rules are in roles.cpp.
#include <boost/json.hpp>

#include "core/access/roles.hpp"
#include "core/app/routes.hpp"
#include "core/export/xlsx.hpp"
#include "core/http/api_error.hpp"

namespace jiguan::app {
namespace json = boost::json;

namespace {

json::value role_schema() {
  return http::object_schema({{"id", "integer"}, {"code", "string"}, {"name", "string"}, {"permissions", "array"},
                              {"data_scope", "string"}, {"builtin", "boolean"}, {"created_at", "string"}, {"updated_at", "string"}},
                             {"id", "code", "name", "permissions", "data_scope", "builtin"});
}

std::optional<std::vector<std::string>> permissions_of(const http::JsonBody& body) {
  if (!body.has("permissions")) return std::nullopt;
  const auto& v = body.object().at("permissions");
  if (!v.is_array()) throw http::ApiError(422, "invalid_type", "字段 permissions 应为字符串数组", "permissions");
  std::vector<std::string> out;
  for (const auto& p : v.as_array()) {
    if (!p.is_string()) throw http::ApiError(422, "invalid_type", "字段 permissions 应为字符串数组", "permissions");
    out.emplace_back(p.as_string());
  }
  return out;
}

std::optional<access::DataScope> scope_of(const http::JsonBody& body) {
  auto text = body.optional_string("data_scope", 32);
  if (!text) return std::nullopt;
  auto scope = access::parse_scope(*text);
  if (!scope) throw http::invalid("data_scope", "数据范围应为 all、unit_and_below、unit 或 self");
  return scope;
}

http::Response role_response(http::Context& ctx, db::Tx& tx, std::int64_t id, int status = 200) {
  auto r = tx.query(std::string("SELECT ") + access::kRoleColumns + " FROM roles WHERE tenant_id = $1 AND id = $2", ctx.tenant_id(), id);
  if (r.empty()) throw http::not_found("角色");
  return http::Response::json(access::role_json(r.rows[0]), status);
}

}  // namespace

void register_access_routes(http::Router& router, Services& services) {
  router.add({"GET", "/api/v1/permissions", http::Access::authenticated, "roles.read",
              [&services](http::Context& ctx) {
                if (xlsx::wants_xlsx(ctx.request)) {
                  using xlsx::CellType;
                  return xlsx::xlsx_response("权限目录", {{"权限", CellType::text, 24}, {"模块", CellType::text, 14}, {"动作", CellType::text, 12}},
                                             [&](const auto& add_row) {
                                               for (const auto& p : services.permission_catalogue) {
                                                 add_row({p, p.substr(0, p.find('.')), p.substr(p.find('.') + 1)});
                                               }
                                             });
                }
                json::array items;
                for (const auto& p : services.permission_catalogue) {
                  items.push_back({{"code", p}, {"module", p.substr(0, p.find('.'))}, {"action", p.substr(p.find('.') + 1)}});
                }
                return http::Response::json({{"items", std::move(items)}, {"total", services.permission_catalogue.size()}});
              },
              {"权限目录（由各模块的接口声明）", "access", {}, nullptr,
               http::list_schema(http::object_schema({{"code", "string"}, {"module", "string"}, {"action", "string"}}))}});

  router.add({"GET", "/api/v1/roles", http::Access::authenticated, "roles.read",
              [](http::Context& ctx) {
                const auto lq = ctx.list_query({{"code", "code"}, {"name", "name"}, {"created_at", "created_at"}}, "code");
                const std::string from_where =
                    " FROM roles WHERE tenant_id = $1 AND (code LIKE $2 ESCAPE '\\' OR name LIKE $2 ESCAPE '\\')";
                return ctx.db().read([&](db::Tx& tx) {
                  if (xlsx::wants_xlsx(ctx.request)) {
                    using xlsx::CellType;
                    return xlsx::export_list(
                        tx, "角色列表",
                        {{"代码", CellType::text, 16}, {"名称", CellType::text, 20}, {"数据范围", CellType::text, 16},
                         {"内置", CellType::boolean, 8}, {"权限", CellType::text, 60}},
                        access::kRoleColumns, from_where, {ctx.tenant_id(), lq.like_pattern()}, lq, [](const db::Row& row) {
                          return std::vector<db::Value>{row[1], row[2], row[4], row[5], row[3]};
                        });
                  }
                  auto page = http::fetch_page(tx, access::kRoleColumns, from_where, {ctx.tenant_id(), lq.like_pattern()}, lq);
                  return http::list_response(page, access::role_json);
                });
              },
              {"角色列表", "access",
               {{"q", "string", "按代码或名称搜索"}, {"page", "integer", "页码"}, {"page_size", "integer", "每页条数，最多 200"},
                {"sort", "string", "code | name | created_at"}},
               nullptr, http::list_schema(role_schema())}});

  router.add({"GET", "/api/v1/roles/{id}", http::Access::authenticated, "roles.read",
              [](http::Context& ctx) {
                const auto id = ctx.path_id("id", "角色");
                return ctx.db().read([&](db::Tx& tx) { return role_response(ctx, tx, id); });
              },
              {"角色详情", "access", {}, nullptr, role_schema()}});

  router.add({"POST", "/api/v1/roles", http::Access::authenticated, "roles.manage",
              [&services](http::Context& ctx) {
                const auto body = ctx.json_body();
                access::RoleSpec role{body.required_string("code", 32), body.required_string("name", 50),
                                      permissions_of(body).value_or(std::vector<std::string>{}),
                                      scope_of(body).value_or(access::DataScope::self)};
                return ctx.db().write([&](db::Tx& tx) {
                  const auto id = access::create_role(tx, audit::actor_of(ctx.who(), ctx.request), role, services.permission_catalogue);
                  return role_response(ctx, tx, id, 201);
                });
              },
              {"新建角色", "access", {},
               http::object_schema({{"code", "string"}, {"name", "string"}, {"permissions", "array"}, {"data_scope", "string"}},
                                   {"code", "name"}),
               role_schema(), 201}});

  router.add({"PATCH", "/api/v1/roles/{id}", http::Access::authenticated, "roles.manage",
              [&services](http::Context& ctx) {
                const auto id = ctx.path_id("id", "角色");
                const auto body = ctx.json_body();
                const auto name = body.has("name") ? std::optional(body.required_string("name", 50)) : std::nullopt;
                const auto permissions = permissions_of(body);
                const auto scope = scope_of(body);
                return ctx.db().write([&](db::Tx& tx) {
                  if (!access::update_role(tx, audit::actor_of(ctx.who(), ctx.request), id, name, permissions, scope,
                                           services.permission_catalogue)) {
                    throw http::not_found("角色");
                  }
                  return role_response(ctx, tx, id);
                });
              },
              {"修改角色的名称、权限或数据范围", "access", {},
               http::object_schema({{"name", "string"}, {"permissions", "array"}, {"data_scope", "string"}}), role_schema()}});
}

}  // namespace jiguan::app
