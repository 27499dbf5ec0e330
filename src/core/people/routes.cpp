// HTTP handlers for people, their posts, sectors and dictionaries: parse and validate input,
// restrict people to the caller's data scope, call the domain in people.cpp inside one
// transaction, answer JSON (or Excel).
#include <boost/json.hpp>
#include <chrono>

#include "core/access/scope.hpp"
#include "core/app/routes.hpp"
#include "core/calendar/calendar.hpp"
#include "core/export/import.hpp"
#include "core/export/xlsx.hpp"
#include "core/http/api_error.hpp"
#include "core/people/people.hpp"

namespace jiguan::app {
namespace json = boost::json;

namespace {

json::value person_schema() {
  return http::object_schema({{"id", "integer"}, {"name", "string"}, {"gender", "string"}, {"unit_id", "integer"},
                              {"unit_code", "string"}, {"unit_name", "string"}, {"rank", "string"}, {"rank_label", "string"},
                              {"post", "string"}, {"phone", "string"}, {"active", "boolean"}, {"created_at", "string"},
                              {"updated_at", "string"}, {"posts", "array"}},
                             {"id", "name", "unit_id", "rank", "active"});
}

json::value person_input_schema(bool all_required) {
  auto fields = {std::pair{"name", "string"}, std::pair{"gender", "string"}, std::pair{"unit_id", "integer"},
                 std::pair{"rank", "string"}, std::pair{"post", "string"}, std::pair{"phone", "string"}};
  return all_required ? http::object_schema(fields, {"name", "unit_id", "rank"}) : http::object_schema(fields);
}

json::value sector_schema() {
  return http::object_schema({{"id", "integer"}, {"code", "string"}, {"name", "string"}, {"sort_order", "integer"},
                              {"active", "boolean"}, {"lead_unit_id", "integer"}, {"lead_unit_code", "string"},
                              {"lead_unit_name", "string"}, {"department_count", "integer"}},
                             {"id", "code", "name", "department_count"});
}

json::value dictionary_schema() {
  return http::object_schema({{"id", "integer"}, {"code", "string"}, {"name", "string"}, {"builtin", "boolean"},
                              {"item_count", "integer"}, {"items", "array"}, {"total", "integer"}},
                             {"id", "code", "name", "builtin"});
}

json::value item_input_schema(bool create) {
  return create ? http::object_schema({{"value", "string"}, {"label", "string"}, {"sort_order", "integer"}}, {"value", "label"})
                : http::object_schema({{"label", "string"}, {"sort_order", "integer"}, {"active", "boolean"}});
}

const std::vector<http::QueryParamDoc> kPagingDocs = {{"page", "integer", "页码，从 1 开始"},
                                                      {"page_size", "integer", "每页条数，最多 200"}};

// The people the caller may see, as SQL over `people p` whose statement has the tenant as
// $1: its data scope over the owning unit, plus its own person (an account linked to a
// person may always read it, whatever its scope).
std::string people_in_scope(const http::Context& ctx, std::vector<db::Value>& params) {
  const auto by_unit = access::scope_predicate(ctx.scope(), "p.unit_id", "", params);
  params.emplace_back(ctx.who().account_id);
  return "(" + by_unit + " OR p.id = (SELECT a.person_id FROM accounts a WHERE a.tenant_id = $1 AND a.id = $" +
         std::to_string(params.size()) + "))";
}

// 404 unless the person exists in this tenant and in the caller's scope (indistinguishable).
void require_visible_person(const http::Context& ctx, db::Tx& tx, std::int64_t id) {
  std::vector<db::Value> params{ctx.tenant_id(), id};
  const auto scope = people_in_scope(ctx, params);
  if (tx.exec("SELECT 1 FROM people p WHERE p.tenant_id = $1 AND p.id = $2 AND " + scope, params).empty()) {
    throw http::not_found("人员");
  }
}

// Whether the caller's scope covers a unit, so that nobody places people where they could
// not then see them.
bool unit_in_scope(const http::Context& ctx, db::Tx& tx, std::int64_t unit_id) {
  std::vector<db::Value> params{ctx.tenant_id(), unit_id};
  const auto scope = access::scope_predicate(ctx.scope(), "u.id", "", params);
  return !tx.exec("SELECT 1 FROM units u WHERE u.tenant_id = $1 AND u.id = $2 AND " + scope, params).empty();
}

void require_unit_in_scope(const http::Context& ctx, db::Tx& tx, std::int64_t unit_id) {
  if (!unit_in_scope(ctx, tx, unit_id)) throw http::invalid("unit_id", "单位不存在或不在您的数据范围内");
}

http::Response person_response(http::Context& ctx, db::Tx& tx, std::int64_t id, int status = 200) {
  return http::Response::json(*people::find_person(tx, ctx.tenant_id(), id), status);
}

// Today on the bureau's clock (UTC+8), for a post ended without a date.
std::string local_today() {
  using namespace std::chrono;
  return calendar::format_date(calendar::Date{floor<days>(system_clock::now() + hours(8))});
}

// ---- Import ----------------------------------------------------------------------------

const std::vector<import::ImportColumn> kImportColumns = {
    {"姓名", true}, {"单位编码", true}, {"职级", true}, {"职务", false}, {"电话", false}};

// The sheet column a validation error of the domain belongs to.
std::string import_column_of(const std::string& field) {
  if (field == "unit_id") return "单位编码";
  if (field == "rank") return "职级";
  if (field == "post") return "职务";
  if (field == "phone") return "电话";
  return "姓名";
}

import::ImportSpec<people::PersonFields> person_import_spec(http::Context& ctx) {
  import::ImportSpec<people::PersonFields> spec;
  spec.columns = kImportColumns;
  spec.parse = [&ctx](db::Tx& tx, const std::vector<std::string>& cells, int,
                      const auto& error) -> std::optional<people::PersonFields> {
    const auto& [name, unit_code, rank_text, post, phone] = std::tie(cells[0], cells[1], cells[2], cells[3], cells[4]);
    auto unit = tx.query("SELECT id FROM units WHERE tenant_id = $1 AND code = $2", ctx.tenant_id(), unit_code);
    const bool unit_ok = !unit.empty() && unit_in_scope(ctx, tx, unit.one().int64(0));
    if (!unit_ok) error("单位编码", "单位编码不存在：" + unit_code);
    // The rank may be written as its label (科员) or its value (staff_member).
    const auto rank = people::active_item_value(tx, ctx.tenant_id(), people::kRankDictionary, rank_text);
    if (!rank) error("职级", "职级不存在或已停用：" + rank_text);
    if (!unit_ok || !rank) return std::nullopt;
    people::PersonFields fields{name, std::nullopt, unit.one().int64(0), *rank, post, phone};
    try {
      people::validate_person(tx, ctx.tenant_id(), fields);
    } catch (const http::ApiError& e) {
      error(import_column_of(e.field()), e.what());
      return std::nullopt;
    }
    return fields;
  };
  spec.insert = [actor = audit::actor_of(ctx.who(), ctx.request)](db::Tx& tx, const people::PersonFields& fields) {
    people::create_person(tx, actor, fields);
  };
  return spec;
}

// ---- Handlers --------------------------------------------------------------------------

http::Response list_people(http::Context& ctx) {
  const auto lq = ctx.list_query({{"name", "p.name"}, {"unit", "u.code"}, {"rank", "r.sort_order"}, {"created_at", "p.created_at"}},
                                 "name", "p.id");
  const auto unit = ctx.query_int("unit_id");
  const auto rank = ctx.request.query_param("rank").value_or("");
  const auto active = ctx.query_bool("active");
  std::vector<db::Value> params{ctx.tenant_id(), lq.like_pattern(), db::to_value(unit), rank, db::to_value(active)};
  const std::string where =
      " WHERE p.tenant_id = $1 AND (p.name LIKE $2 ESCAPE '\\' OR p.post LIKE $2 ESCAPE '\\' OR p.phone LIKE $2 ESCAPE '\\')"
      " AND (CAST($3 AS BIGINT) IS NULL OR p.unit_id = $3) AND ($4 = '' OR p.rank = $4)"
      " AND (CAST($5 AS BIGINT) IS NULL OR p.active = $5) AND " +
      people_in_scope(ctx, params);
  if (xlsx::wants_xlsx(ctx.request)) {
    return ctx.db().read([&](db::Tx& tx) {
      return xlsx::export_list(tx, "人员名单",
                               {{"姓名", xlsx::CellType::text, 12},
                                {"单位", xlsx::CellType::text, 28},
                                {"职级", xlsx::CellType::text, 14},
                                {"职务", xlsx::CellType::text, 16},
                                {"电话", xlsx::CellType::text, 16},
                                {"状态", xlsx::CellType::text, 8}},
                               people::kPersonColumns, people::kPersonFrom + where, params, lq, [](const db::Row& row) {
                                 return std::vector<db::Value>{row[1], row[5], row.is_null(7) ? row[6] : row[7], row[8], row[9],
                                                               std::string(row.int64(10) ? "在职" : "已停用")};
                               });
    });
  }
  return ctx.db().read([&](db::Tx& tx) {
    auto page = http::fetch_page(tx, people::kPersonColumns, people::kPersonFrom + where, params, lq);
    return http::list_response(page, people::person_json);
  });
}

people::PersonFields person_fields(const http::JsonBody& body) {
  return {body.required_string("name", 50),     body.optional_string("gender", 10), body.required_int("unit_id"),
          body.required_string("rank", 32),     body.optional_string("post", 50).value_or(""),
          body.optional_string("phone", 20).value_or("")};
}

people::PersonPatch person_patch(const http::JsonBody& body) {
  people::PersonPatch patch;
  if (body.has("name")) patch.name = body.required_string("name", 50);
  if (body.has("gender")) patch.gender = body.optional_string("gender", 10);
  if (body.has("unit_id")) patch.unit_id = body.required_int("unit_id");
  if (body.has("rank")) patch.rank = body.required_string("rank", 32);
  if (body.has("post")) patch.post = body.optional_string("post", 50).value_or("");
  if (body.has("phone")) patch.phone = body.optional_string("phone", 20).value_or("");
  return patch;
}

// A change to one person's posts: the person must be visible, then the domain acts.
http::Handler post_change_handler(
    std::function<void(http::Context&, db::Tx&, const audit::Actor&, std::int64_t person_id, std::int64_t post_id)> change) {
  return [change = std::move(change)](http::Context& ctx) {
    const auto id = ctx.path_id("id", "人员");
    const auto post_id = ctx.path_id("post_id", "职务");
    return ctx.db().write([&](db::Tx& tx) {
      require_visible_person(ctx, tx, id);
      change(ctx, tx, audit::actor_of(ctx.who(), ctx.request), id, post_id);
      return person_response(ctx, tx, id);
    });
  };
}

}  // namespace

void register_people_routes(http::Router& router, Services&) {
  // ---- People ----
  auto list_docs = kPagingDocs;
  list_docs.insert(list_docs.end(), {{"q", "string", "按姓名、职务或电话搜索"},
                                     {"unit_id", "integer", "所属单位"},
                                     {"rank", "string", "职级（字典 rank 的值）"},
                                     {"active", "boolean", "是否在职"},
                                     {"sort", "string", "name | unit | rank | created_at，前加 - 为倒序"},
                                     {"format", "string", "xlsx：导出全部符合条件的人员为 Excel"}});
  router.add({"GET", "/api/v1/people", http::Access::authenticated, "people.read", list_people,
              {"人员列表（分页、搜索、筛选、导出 Excel）", "people", list_docs, nullptr, http::list_schema(person_schema())}});

  router.add({"GET", "/api/v1/people/import/template", http::Access::authenticated, "people.write",
              [](http::Context&) { return import::template_response("人员导入模板", kImportColumns); },
              {"人员导入模板（Excel）", "people", {}, nullptr, nullptr}});

  router.add({"POST", "/api/v1/people/import", http::Access::authenticated, "people.write",
              [](http::Context& ctx) {
                const auto table = import::read_table(ctx.request.body);
                return import::import_response(import::run_import(ctx.db(), table, person_import_spec(ctx)));
              },
              {"批量导入人员（请求体为 .xlsx 或 .csv 文件；有错误时一行也不导入）", "people", {}, nullptr,
               http::object_schema({{"imported", "integer"}}, {"imported"})}});

  router.add({"GET", "/api/v1/people/{id}", http::Access::authenticated, "people.read",
              [](http::Context& ctx) {
                const auto id = ctx.path_id("id", "人员");
                return ctx.db().read([&](db::Tx& tx) {
                  require_visible_person(ctx, tx, id);
                  return person_response(ctx, tx, id);
                });
              },
              {"人员详情（含全部职务）", "people", {}, nullptr, person_schema()}});

  router.add({"POST", "/api/v1/people", http::Access::authenticated, "people.write",
              [](http::Context& ctx) {
                const auto fields = person_fields(ctx.json_body());
                return ctx.db().write([&](db::Tx& tx) {
                  require_unit_in_scope(ctx, tx, fields.unit_id);
                  const auto id = people::create_person(tx, audit::actor_of(ctx.who(), ctx.request), fields);
                  return person_response(ctx, tx, id, 201);
                });
              },
              {"新建人员（同时建立其主职务）", "people", {}, person_input_schema(true), person_schema(), 201}});

  router.add({"PATCH", "/api/v1/people/{id}", http::Access::authenticated, "people.write",
              [](http::Context& ctx) {
                const auto id = ctx.path_id("id", "人员");
                return ctx.db().write([&](db::Tx& tx) {
                  // Visibility before validation: a 422 would reveal that an out-of-scope person exists.
                  require_visible_person(ctx, tx, id);
                  const auto patch = person_patch(ctx.json_body());
                  if (patch.unit_id) require_unit_in_scope(ctx, tx, *patch.unit_id);
                  people::update_person(tx, audit::actor_of(ctx.who(), ctx.request), id, patch);
                  return person_response(ctx, tx, id);
                });
              },
              {"修改人员（只改提交的字段；主职务随之更新）", "people", {}, person_input_schema(false), person_schema()}});

  router.add({"POST", "/api/v1/people/{id}/deactivate", http::Access::authenticated, "people.write",
              [](http::Context& ctx) {
                const auto id = ctx.path_id("id", "人员");
                return ctx.db().write([&](db::Tx& tx) {
                  require_visible_person(ctx, tx, id);
                  people::deactivate_person(tx, audit::actor_of(ctx.who(), ctx.request), id);
                  return person_response(ctx, tx, id);
                });
              },
              {"停用人员（调离、退休）", "people", {}, nullptr, person_schema()}});

  // ---- Posts ----
  router.add({"POST", "/api/v1/people/{id}/posts", http::Access::authenticated, "people.write",
              [](http::Context& ctx) {
                const auto id = ctx.path_id("id", "人员");
                return ctx.db().write([&](db::Tx& tx) {
                  require_visible_person(ctx, tx, id);  // before validation, as in PATCH
                  const auto body = ctx.json_body();
                  people::PostFields fields{body.required_int("unit_id"), body.required_string("post", 50),
                                            body.optional_string("rank", 32), body.optional_string("start_date", 10)};
                  people::add_post(tx, audit::actor_of(ctx.who(), ctx.request), id, fields);
                  return person_response(ctx, tx, id, 201);
                });
              },
              {"为人员增加职务（可在其他单位兼职）", "people", {},
               http::object_schema({{"unit_id", "integer"}, {"post", "string"}, {"rank", "string"}, {"start_date", "string"}},
                                   {"unit_id", "post"}),
               person_schema(), 201}});

  router.add({"POST", "/api/v1/people/{id}/posts/{post_id}/activate", http::Access::authenticated, "people.write",
              post_change_handler([](http::Context&, db::Tx& tx, const audit::Actor& actor, std::int64_t id, std::int64_t post_id) {
                people::activate_post(tx, actor, id, post_id);
              }),
              {"切换人员的当前职务", "people", {}, nullptr, person_schema()}});

  router.add({"POST", "/api/v1/people/{id}/posts/{post_id}/end", http::Access::authenticated, "people.write",
              post_change_handler([](http::Context& ctx, db::Tx& tx, const audit::Actor& actor, std::int64_t id, std::int64_t post_id) {
                const auto end_date = ctx.request.body.empty() ? std::nullopt : ctx.json_body().optional_string("end_date", 10);
                people::end_post(tx, actor, id, post_id, end_date.value_or(local_today()));
              }),
              {"结束人员的兼任职务（end_date 缺省为今天）", "people", {},
               http::object_schema({{"end_date", "string"}}), person_schema()}});

  // ---- Sectors ----
  router.add({"GET", "/api/v1/sectors", http::Access::authenticated, "org.read",
              [](http::Context& ctx) {
                const auto lq = ctx.list_query({{"sort_order", "s.sort_order"}, {"code", "s.code"}, {"name", "s.name"}},
                                               "sort_order", "s.id");
                const std::string where =
                    " WHERE s.tenant_id = $1 AND s.kind = 'sector' AND (s.code LIKE $2 ESCAPE '\\' OR s.name LIKE $2 ESCAPE '\\')";
                return ctx.db().read([&](db::Tx& tx) {
                  if (xlsx::wants_xlsx(ctx.request)) {
                    using xlsx::CellType;
                    return xlsx::export_list(tx, "口列表",
                                             {{"编码", CellType::text, 10}, {"名称", CellType::text, 16},
                                              {"牵头单位", CellType::text, 28}, {"部门数", CellType::integer, 10}},
                                             people::kSectorColumns, people::kSectorFrom + where,
                                             {ctx.tenant_id(), lq.like_pattern()}, lq, [](const db::Row& row) {
                                               const auto s = people::sector_json(row);
                                               return std::vector<db::Value>{xlsx::json_cell(s, "code"), xlsx::json_cell(s, "name"),
                                                                             xlsx::json_cell(s, "lead_unit_name"),
                                                                             xlsx::json_cell(s, "department_count")};
                                             });
                  }
                  auto page = http::fetch_page(tx, people::kSectorColumns, people::kSectorFrom + where,
                                               {ctx.tenant_id(), lq.like_pattern()}, lq);
                  return http::list_response(page, people::sector_json);
                });
              },
              {"口列表（牵头单位、部门数）", "org",
               [] {
                 auto docs = kPagingDocs;
                 docs.insert(docs.end(), {{"q", "string", "按代码或名称搜索"},
                                          {"sort", "string", "sort_order | code | name，前加 - 为倒序"}});
                 return docs;
               }(),
               nullptr, http::list_schema(sector_schema())}});

  router.add({"PUT", "/api/v1/sectors/{id}/lead", http::Access::authenticated, "org.write",
              [](http::Context& ctx) {
                const auto id = ctx.path_id("id", "口");
                const auto body = ctx.json_body();
                if (!body.has("lead_unit_id")) throw http::ApiError(422, "missing_field", "缺少必填字段 lead_unit_id", "lead_unit_id");
                const auto lead = body.optional_int("lead_unit_id");
                return ctx.db().write([&](db::Tx& tx) {
                  if (!people::set_sector_lead(tx, audit::actor_of(ctx.who(), ctx.request), id, lead)) throw http::not_found("口");
                  return http::Response::json(*people::find_sector(tx, ctx.tenant_id(), id));
                });
              },
              {"设置口的牵头单位（null 为清除）", "org", {}, http::object_schema({{"lead_unit_id", "integer"}}, {"lead_unit_id"}),
               sector_schema()}});

  // ---- Dictionaries ----
  router.add({"GET", "/api/v1/dictionaries", http::Access::authenticated, "dictionaries.read",
              [](http::Context& ctx) {
                const auto lq = ctx.list_query({{"code", "d.code"}, {"name", "d.name"}}, "code", "d.id");
                const std::string where = " WHERE d.tenant_id = $1 AND (d.code LIKE $2 ESCAPE '\\' OR d.name LIKE $2 ESCAPE '\\')";
                return ctx.db().read([&](db::Tx& tx) {
                  if (xlsx::wants_xlsx(ctx.request)) {
                    using xlsx::CellType;
                    return xlsx::export_list(tx, "字典列表",
                                             {{"代码", CellType::text, 14}, {"名称", CellType::text, 16},
                                              {"内置", CellType::boolean, 8}, {"条目数", CellType::integer, 10}},
                                             people::kDictionaryColumns, people::kDictionaryFrom + where,
                                             {ctx.tenant_id(), lq.like_pattern()}, lq, [](const db::Row& row) {
                                               const auto d = people::dictionary_json(row);
                                               return std::vector<db::Value>{xlsx::json_cell(d, "code"), xlsx::json_cell(d, "name"),
                                                                             xlsx::json_cell(d, "builtin"),
                                                                             xlsx::json_cell(d, "item_count")};
                                             });
                  }
                  auto page = http::fetch_page(tx, people::kDictionaryColumns, people::kDictionaryFrom + where,
                                               {ctx.tenant_id(), lq.like_pattern()}, lq);
                  return http::list_response(page, people::dictionary_json);
                });
              },
              {"字典列表", "dictionaries",
               [] {
                 auto docs = kPagingDocs;
                 docs.insert(docs.end(), {{"q", "string", "按代码或名称搜索"}, {"sort", "string", "code | name，前加 - 为倒序"}});
                 return docs;
               }(),
               nullptr, http::list_schema(dictionary_schema())}});

  router.add({"GET", "/api/v1/dictionaries/{code}", http::Access::authenticated, "dictionaries.read",
              [](http::Context& ctx) {
                const auto code = ctx.path_param("code");
                return ctx.db().read([&](db::Tx& tx) {
                  auto dictionary = people::find_dictionary(tx, ctx.tenant_id(), code);
                  if (!dictionary) throw http::not_found("字典");
                  return http::Response::json(*dictionary);
                });
              },
              {"字典及其全部字典项", "dictionaries", {}, nullptr, dictionary_schema()}});

  router.add({"POST", "/api/v1/dictionaries/{code}/items", http::Access::authenticated, "dictionaries.manage",
              [](http::Context& ctx) {
                const auto code = ctx.path_param("code");
                const auto body = ctx.json_body();
                people::ItemFields fields{body.required_string("value", 32), body.required_string("label", 50),
                                          body.optional_int("sort_order").value_or(0)};
                return ctx.db().write([&](db::Tx& tx) {
                  people::add_dictionary_item(tx, audit::actor_of(ctx.who(), ctx.request), code, fields);
                  return http::Response::json(*people::find_dictionary(tx, ctx.tenant_id(), code), 201);
                });
              },
              {"新增字典项（内置字典也可扩充）", "dictionaries", {}, item_input_schema(true), dictionary_schema(), 201}});

  router.add({"PATCH", "/api/v1/dictionaries/{code}/items/{id}", http::Access::authenticated, "dictionaries.manage",
              [](http::Context& ctx) {
                const auto code = ctx.path_param("code");
                const auto id = ctx.path_id("id", "字典项");
                const auto body = ctx.json_body();
                people::ItemPatch patch;
                if (body.has("label")) patch.label = body.required_string("label", 50);
                if (body.has("sort_order")) patch.sort_order = body.required_int("sort_order");
                if (body.has("active")) {
                  patch.active = body.optional_bool("active");
                  if (!patch.active) throw http::ApiError(422, "invalid_type", "字段 active 应为布尔值", "active");
                }
                return ctx.db().write([&](db::Tx& tx) {
                  people::update_dictionary_item(tx, audit::actor_of(ctx.who(), ctx.request), code, id, patch);
                  return http::Response::json(*people::find_dictionary(tx, ctx.tenant_id(), code));
                });
              },
              {"修改字典项（名称、排序、停用；值不可改）", "dictionaries", {}, item_input_schema(false), dictionary_schema()}});
}

}  // namespace jiguan::app
