// HTTP handlers for units: parse and validate input, call the domain in units.cpp inside
// one transaction, answer JSON.
#include <boost/json.hpp>

#include "core/app/routes.hpp"
#include "core/http/api_error.hpp"
#include "core/org/units.hpp"
#include "core/org/units_excel.hpp"

namespace jiguan::app {
namespace json = boost::json;

namespace {

json::value unit_schema() {
  return http::object_schema({{"id", "integer"}, {"code", "string"}, {"name", "string"}, {"kind", "string"},
                              {"parent_id", "integer"}, {"parent_name", "string"}, {"sort_order", "integer"},
                              {"active", "boolean"}, {"created_at", "string"}, {"updated_at", "string"}},
                             {"id", "code", "name", "kind", "sort_order", "active"});
}

json::value unit_input_schema(bool all_required) {
  auto fields = {std::pair{"code", "string"}, std::pair{"name", "string"}, std::pair{"kind", "string"},
                 std::pair{"parent_id", "integer"}, std::pair{"sort_order", "integer"}};
  return all_required ? http::object_schema(fields, {"code", "name", "kind"}) : http::object_schema(fields);
}

http::Response unit_response(http::Context& ctx, db::Tx& tx, std::int64_t id, int status = 200) {
  return http::Response::json(*org::find_unit(tx, ctx.tenant_id(), id), status);
}

http::Handler set_active_handler(bool active) {
  return [active](http::Context& ctx) {
    const auto id = ctx.path_id("id", "单位");
    return ctx.db().write([&](db::Tx& tx) {
      if (!org::set_unit_active(tx, audit::actor_of(ctx.who(), ctx.request), id, active)) throw http::not_found("单位");
      return unit_response(ctx, tx, id);
    });
  };
}

}  // namespace

void register_org_routes(http::Router& router, Services&) {
  router.add({"GET", "/api/v1/units", http::Access::authenticated, "org.read",
              [](http::Context& ctx) {
                const auto lq = ctx.list_query({{"sort_order", "u.sort_order"}, {"code", "u.code"}, {"name", "u.name"},
                                                {"kind", "u.kind"}, {"created_at", "u.created_at"}, {"id", "u.id"}},
                                               "code", "u.id");
                const auto kind = ctx.request.query_param("kind").value_or("");
                const auto parent = ctx.query_int("parent_id");
                const auto active = ctx.query_bool("active");
                // Optional filters as "($n IS NULL OR …)" keep one statement text, so it is
                // prepared once and cached.
                const std::string where =
                    " WHERE u.tenant_id = $1 AND (u.code LIKE $2 ESCAPE '\\' OR u.name LIKE $2 ESCAPE '\\')"
                    " AND ($3 = '' OR u.kind = $3) AND (CAST($4 AS BIGINT) IS NULL OR u.parent_id = $4)"
                    " AND (CAST($5 AS BIGINT) IS NULL OR u.active = $5)";
                std::vector<db::Value> params{ctx.tenant_id(), lq.like_pattern(), kind, db::to_value(parent), db::to_value(active)};
                return ctx.db().read([&](db::Tx& tx) {
                  if (xlsx::wants_xlsx(ctx.request)) {
                    return xlsx::export_list(tx, org::kUnitsSheet, org::unit_export_columns(), org::kUnitColumns,
                                             org::kUnitFrom + where, params, lq, org::unit_export_row);
                  }
                  auto page = http::fetch_page(tx, org::kUnitColumns, org::kUnitFrom + where, params, lq);
                  return http::list_response(page, org::unit_json);
                });
              },
              {"单位列表（分页、搜索、筛选）", "org",
               {{"q", "string", "按代码或名称搜索"},
                {"kind", "string", "bureau | section | department | sector"},
                {"parent_id", "integer", "上级单位"},
                {"active", "boolean", "是否启用"},
                {"page", "integer", "页码，从 1 开始"},
                {"page_size", "integer", "每页条数，最多 200"},
                {"sort", "string", "sort_order | code | name | kind | created_at | id，前加 - 为倒序"},
                {"format", "string", "xlsx: 导出 Excel（全部符合条件的单位，不分页）"}},
               nullptr, http::list_schema(unit_schema())}});

  router.add({"POST", "/api/v1/units/import", http::Access::authenticated, "org.write",
              [](http::Context& ctx) {
                const auto table = import::read_table(ctx.request.body);
                return import::import_response(
                    import::run_import(ctx.db(), table, org::unit_import_spec(audit::actor_of(ctx.who(), ctx.request))));
              },
              {"导入单位（请求体为 .xlsx 或 UTF-8 CSV 文件；全部通过校验才导入，否则一条不导入）", "org", {}, nullptr,
               http::object_schema({{"imported", "integer"}}, {"imported"})}});

  router.add({"GET", "/api/v1/units/import/template", http::Access::authenticated, "org.write",
              [](http::Context&) { return import::template_response(org::kUnitsTemplate, org::unit_import_columns()); },
              {"单位导入模板（.xlsx，只有表头）", "org", {}, nullptr, nullptr}});

  router.add({"GET", "/api/v1/units/tree", http::Access::authenticated, "org.read",
              [](http::Context& ctx) {
                return ctx.db().read(
                    [&](db::Tx& tx) { return http::Response::json({{"items", org::unit_tree(tx, ctx.tenant_id())}}); });
              },
              {"单位树", "org", {}, nullptr, http::object_schema({{"items", "array"}}, {"items"})}});

  router.add({"GET", "/api/v1/units/{id}", http::Access::authenticated, "org.read",
              [](http::Context& ctx) {
                const auto id = ctx.path_id("id", "单位");
                return ctx.db().read([&](db::Tx& tx) {
                  auto unit = org::find_unit(tx, ctx.tenant_id(), id);
                  if (!unit) throw http::not_found("单位");
                  return http::Response::json(*unit);
                });
              },
              {"单位详情", "org", {}, nullptr, unit_schema()}});

  router.add({"POST", "/api/v1/units", http::Access::authenticated, "org.write",
              [](http::Context& ctx) {
                const auto body = ctx.json_body();
                org::UnitFields fields{body.required_string("code", 32), body.required_string("name", 100),
                                       body.required_string("kind", 20), body.optional_int("parent_id"),
                                       body.optional_int("sort_order").value_or(0)};
                return ctx.db().write([&](db::Tx& tx) {
                  const auto id = org::create_unit(tx, audit::actor_of(ctx.who(), ctx.request), fields);
                  return unit_response(ctx, tx, id, 201);
                });
              },
              {"新建单位", "org", {}, unit_input_schema(true), unit_schema(), 201}});

  router.add({"PATCH", "/api/v1/units/{id}", http::Access::authenticated, "org.write",
              [](http::Context& ctx) {
                const auto id = ctx.path_id("id", "单位");
                const auto body = ctx.json_body();
                org::UnitPatch patch;
                if (body.has("code")) patch.code = body.required_string("code", 32);
                if (body.has("name")) patch.name = body.required_string("name", 100);
                if (body.has("kind")) patch.kind = body.required_string("kind", 20);
                if (body.has("parent_id")) patch.parent_id = body.optional_int("parent_id");
                if (body.has("sort_order")) patch.sort_order = body.required_int("sort_order");
                return ctx.db().write([&](db::Tx& tx) {
                  if (!org::update_unit(tx, audit::actor_of(ctx.who(), ctx.request), id, patch)) throw http::not_found("单位");
                  return unit_response(ctx, tx, id);
                });
              },
              {"修改单位（只改提交的字段）", "org", {}, unit_input_schema(false), unit_schema()}});

  router.add({"POST", "/api/v1/units/{id}/deactivate", http::Access::authenticated, "org.write", set_active_handler(false),
              {"停用单位", "org", {}, nullptr, unit_schema()}});
  router.add({"POST", "/api/v1/units/{id}/activate", http::Access::authenticated, "org.write", set_active_handler(true),
              {"启用单位", "org", {}, nullptr, unit_schema()}});
}

}  // namespace jiguan::app
