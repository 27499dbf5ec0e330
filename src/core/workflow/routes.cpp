// HTTP handlers for requests, approvals and time limits: parse and validate input, call the
// domain in workflow.cpp inside one transaction, answer JSON. Which actions a caller may take
// on a request is decided by the request's type (workflow.hpp), not by these routes.
#include <boost/json.hpp>
#include <chrono>

#include "core/app/routes.hpp"
#include "core/export/xlsx.hpp"
#include "core/http/api_error.hpp"
#include "core/util/time.hpp"
#include "core/workflow/workflow.hpp"

namespace jiguan::app {
namespace json = boost::json;

namespace {

workflow::Caller caller_of(const http::Context& ctx) {
  return {ctx.who(), audit::actor_of(ctx.who(), ctx.request), util::now_instant()};
}

std::optional<bool> query_bool(const http::Context& ctx, std::string_view name) {
  auto raw = ctx.request.query_param(name);
  if (!raw || raw->empty()) return std::nullopt;
  if (*raw == "true" || *raw == "1") return true;
  if (*raw == "false" || *raw == "0") return false;
  throw http::invalid(std::string(name), "参数 " + std::string(name) + " 应为 true 或 false");
}

// Requests due first; those without a due instant last on both databases (which would
// otherwise disagree on where NULL sorts).
const std::string kDueOrder = "COALESCE(r.due_at, '9999-12-31T00:00:00Z')";

json::value request_schema() {
  return http::object_schema({{"id", "integer"}, {"type", "string"}, {"type_name", "string"}, {"title", "string"},
                              {"body", "string"}, {"state", "string"}, {"state_label", "string"}, {"state_kind", "string"},
                              {"applicant", "object"}, {"applicant_unit", "object"}, {"first_contact", "object"},
                              {"handler", "object"}, {"step_started_at", "string"}, {"time_limit", "object"},
                              {"due_at", "string"}, {"paused_seconds", "integer"}, {"closed_at", "string"},
                              {"rating", "integer"}, {"rating_comment", "string"}, {"flags", "object"},
                              {"created_at", "string"}, {"updated_at", "string"}},
                             {"id", "type", "title", "state", "applicant", "flags"});
}

json::value request_detail_schema() {
  auto schema = request_schema();
  auto& properties = schema.as_object()["properties"].as_object();
  properties["history"] = {{"type", "array"}};
  properties["allowed_actions"] = {{"type", "array"}, {"items", {{"type", "string"}}}};
  return schema;
}

http::Response detail_response(db::Tx& tx, const workflow::Caller& caller, std::int64_t id, int status = 200) {
  auto detail = workflow::request_detail(tx, caller, id);
  if (!detail) throw http::not_found("申请");
  return http::Response::json(*detail, status);
}

// A person field of a request's JSON ({"id","name"} or null) as one Excel cell.
db::Value name_of(const json::value& person) {
  return person.is_object() ? db::Value(std::string(person.at("name").as_string())) : db::Value(nullptr);
}

// One page of requests matching `where` (on r, after the tenant), with their flags; or, with
// ?format=xlsx, all of them as a sheet.
http::Response request_page(http::Context& ctx, db::Tx& tx, const workflow::Caller& caller, const std::string& where,
                            std::vector<db::Value> params, const http::ListQuery& lq) {
  const workflow::RequestView view(tx, ctx.tenant_id(), caller.now);
  if (xlsx::wants_xlsx(ctx.request)) {
    using xlsx::CellType;
    return xlsx::export_list(
        tx, "申请列表",
        {{"编号", CellType::integer, 8}, {"类型", CellType::text, 16}, {"标题", CellType::text, 30}, {"状态", CellType::text, 10},
         {"申请人", CellType::text, 12}, {"申请单位", CellType::text, 20}, {"首问负责人", CellType::text, 12},
         {"经办人", CellType::text, 12}, {"办结期限", CellType::datetime, 18}, {"超期", CellType::boolean, 8},
         {"提交时间", CellType::datetime, 18}},
        workflow::kRequestColumns, workflow::kRequestFrom + where, std::move(params), lq, [&](const db::Row& row) {
          const auto r = view.json(row);
          return std::vector<db::Value>{r.at("id").as_int64(),        std::string(r.at("type_name").as_string()),
                                        std::string(r.at("title").as_string()), std::string(r.at("state_label").as_string()),
                                        name_of(r.at("applicant")),   name_of(r.at("applicant_unit")),
                                        name_of(r.at("first_contact")), name_of(r.at("handler")),
                                        r.at("due_at").is_null() ? db::Value(nullptr) : db::Value(std::string(r.at("due_at").as_string())),
                                        std::int64_t{r.at("flags").at("overdue").as_bool() ? 1 : 0},
                                        std::string(r.at("created_at").as_string())};
        });
  }
  auto page = http::fetch_page(tx, workflow::kRequestColumns, workflow::kRequestFrom + where, std::move(params), lq);
  return http::list_response(page, [&](const db::Row& row) { return view.json(row); });
}

}  // namespace

void register_workflow_routes(http::Router& router, Services& services) {
  // The permissions that request types check in the domain, so roles may be granted them.
  for (auto& permission : workflow::request_type_permissions()) services.permission_catalogue.push_back(permission);

  router.add({"GET", "/api/v1/workflow/types", http::Access::authenticated, "",
              [](http::Context& ctx) {
                return ctx.db().read([&](db::Tx& tx) {
                  return http::Response::json({{"items", workflow::type_catalogue(tx, ctx.tenant_id())}});
                });
              },
              {"申请类型：状态、流转与现行时限", "workflow", {}, nullptr, http::object_schema({{"items", "array"}}, {"items"})}});

  router.add({"PUT", "/api/v1/workflow/types/{code}/limits", http::Access::authenticated, "workflow.manage",
              [](http::Context& ctx) {
                const auto code = ctx.path_param("code");
                const auto body = ctx.json_body();
                const auto state = body.required_string("state", 64);
                const auto value = body.required_int("value");
                const auto unit = workflow::parse_limit_unit(body.required_string("unit", 16));
                if (!unit) throw http::invalid("unit", "unit 应为 workdays 或 workhours");
                const auto caller = caller_of(ctx);
                return ctx.db().write([&](db::Tx& tx) {
                  const auto recomputed = workflow::set_type_limit(tx, caller, code, state, value, *unit);
                  return http::Response::json({{"type", code},
                                               {"state", state},
                                               {"limit", {{"value", value}, {"unit", workflow::limit_unit_name(*unit)}}},
                                               {"recomputed", recomputed}});
                });
              },
              {"修改某申请类型某状态的时限（重算该状态下未办结申请的到期时间）", "workflow", {},
               http::object_schema({{"state", "string"}, {"value", "integer"}, {"unit", "string"}}, {"state", "value", "unit"}),
               http::object_schema({{"type", "string"}, {"state", "string"}, {"limit", "object"}, {"recomputed", "integer"}})}});

  router.add({"POST", "/api/v1/requests", http::Access::authenticated, "requests.submit",
              [](http::Context& ctx) {
                const auto body = ctx.json_body();
                workflow::NewRequest request{body.required_string("type", 64), body.required_string("title", 200),
                                             body.optional_string("body", 5000).value_or("")};
                const auto caller = caller_of(ctx);
                return ctx.db().write([&](db::Tx& tx) {
                  const auto id = workflow::submit_request(tx, caller, request);
                  return detail_response(tx, caller, id, 201);
                });
              },
              {"提交申请", "workflow", {},
               http::object_schema({{"type", "string"}, {"title", "string"}, {"body", "string"}}, {"type", "title"}),
               request_detail_schema(), 201}});

  router.add({"GET", "/api/v1/requests", http::Access::authenticated, "",
              [](http::Context& ctx) {
                const auto lq = ctx.list_query(
                    {{"created_at", "r.created_at"}, {"due_at", kDueOrder}, {"state", "r.state"}, {"id", "r.id"}},
                    "-created_at", "r.id");
                const auto type = ctx.request.query_param("type").value_or("");
                const auto state = ctx.request.query_param("state").value_or("");
                const auto overdue = query_bool(ctx, "overdue");
                const auto mine = query_bool(ctx, "mine").value_or(false);
                const auto caller = caller_of(ctx);
                std::vector<db::Value> params{ctx.tenant_id(), lq.like_pattern(), type, state};
                std::string where =
                    " WHERE r.tenant_id = $1 AND (r.title LIKE $2 ESCAPE '\\' OR r.body LIKE $2 ESCAPE '\\')"
                    " AND ($3 = '' OR r.type = $3) AND ($4 = '' OR r.state = $4) AND " +
                    workflow::visible_to(ctx.who(), params);
                if (overdue) where += std::string(*overdue ? " AND " : " AND NOT ") + workflow::overdue_at(caller.now, params);
                if (mine) {
                  params.emplace_back(ctx.who().account_id);
                  const auto me = "$" + std::to_string(params.size());
                  where += " AND (r.applicant_account_id = " + me + " OR r.current_handler_account_id = " + me +
                           " OR r.first_contact_account_id = " + me + ")";
                }
                return ctx.db().read([&](db::Tx& tx) { return request_page(ctx, tx, caller, where, std::move(params), lq); });
              },
              {"申请列表（按数据范围；分页、搜索、筛选）", "workflow",
               {{"q", "string", "按标题或内容搜索"},
                {"type", "string", "申请类型代码"},
                {"state", "string", "状态代码"},
                {"overdue", "boolean", "true：只看已超时；false：只看未超时"},
                {"mine", "boolean", "true：只看我申请、我经办或我首问负责的"},
                {"page", "integer", "页码，从 1 开始"},
                {"page_size", "integer", "每页条数，最多 200"},
                {"sort", "string", "created_at | due_at | state | id，前加 - 为倒序；默认 -created_at"}},
               nullptr, http::list_schema(request_schema())}});

  router.add({"GET", "/api/v1/requests/{id}", http::Access::authenticated, "",
              [](http::Context& ctx) {
                const auto id = ctx.path_id("id", "申请");
                const auto caller = caller_of(ctx);
                return ctx.db().read([&](db::Tx& tx) { return detail_response(tx, caller, id); });
              },
              {"申请详情（含办理记录、首问负责人、经办人、到期时间与标记）", "workflow", {}, nullptr, request_detail_schema()}});

  // Taking part in requests at all needs requests.submit (every role that applies, handles or
  // approves holds it; read-only roles do not); which action is allowed is then the
  // transition's to decide.
  router.add({"POST", "/api/v1/requests/{id}/actions", http::Access::authenticated, "requests.submit",
              [](http::Context& ctx) {
                const auto id = ctx.path_id("id", "申请");
                const auto body = ctx.json_body();
                workflow::ActionInput input{body.optional_string("action", 32).value_or(""),
                                            body.optional_string("comment", 2000).value_or(""), body.optional_int("to_account_id")};
                const auto caller = caller_of(ctx);
                return ctx.db().write([&](db::Tx& tx) {
                  workflow::perform_action(tx, caller, id, input);
                  return detail_response(tx, caller, id);
                });
              },
              {"办理申请：take | approve | reject | return_to_applicant | resume | hand_over | comment | withdraw | "
               "resolve | close（是否可执行由申请类型与当前状态决定）",
               "workflow", {},
               http::object_schema({{"action", "string"}, {"comment", "string"}, {"to_account_id", "integer"}}, {"action"}),
               request_detail_schema()}});

  router.add({"POST", "/api/v1/requests/{id}/rating", http::Access::authenticated, "requests.submit",
              [](http::Context& ctx) {
                const auto id = ctx.path_id("id", "申请");
                const auto body = ctx.json_body();
                const auto score = body.optional_int("score");
                const auto comment = body.optional_string("comment", 500).value_or("");
                const auto caller = caller_of(ctx);
                return ctx.db().write([&](db::Tx& tx) {
                  workflow::rate_request(tx, caller, id, score, comment);
                  return detail_response(tx, caller, id);
                });
              },
              {"申请人评价（关闭后一次，1–5 分）", "workflow", {},
               http::object_schema({{"score", "integer"}, {"comment", "string"}}, {"score"}), request_detail_schema()}});

  router.add({"GET", "/api/v1/inbox", http::Access::authenticated, "",
              [](http::Context& ctx) {
                const auto lq = ctx.list_query({{"due_at", kDueOrder}, {"created_at", "r.created_at"}}, "due_at", "r.id");
                const auto caller = caller_of(ctx);
                std::vector<db::Value> params{ctx.tenant_id()};
                const std::string where = " WHERE r.tenant_id = $1 AND " + workflow::visible_to(ctx.who(), params) + " AND " +
                                          workflow::waiting_for(ctx.who(), params);
                return ctx.db().read([&](db::Tx& tx) { return request_page(ctx, tx, caller, where, std::move(params), lq); });
              },
              {"待我办理：我经办的、无人受理且我有权办理的、等我补充或确认的申请，先到期的在前", "workflow",
               {{"page", "integer", "页码，从 1 开始"},
                {"page_size", "integer", "每页条数，最多 200"},
                {"sort", "string", "due_at | created_at，前加 - 为倒序；默认 due_at"}},
               nullptr, http::list_schema(request_schema())}});
}

}  // namespace jiguan::app
