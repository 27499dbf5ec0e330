// HTTP handlers of meetings operations: check-in, the release of no-shows, the check-in
// settings, and service tasks (list, done, assign). Approval has no route of its own: it runs
// through /api/v1/requests/{id}/actions (approval.cpp); displacement is a field of
// POST /meetings/bookings (displace_reason below).
#include <boost/json.hpp>

#include "core/app/routes.hpp"
#include "core/export/xlsx.hpp"
#include "core/http/api_error.hpp"
#include "core/http/openapi.hpp"
#include "modules/meetings/operations.hpp"
#include "modules/meetings/route_support.hpp"

namespace jiguan::meetings {
namespace json = boost::json;

namespace {

using xlsx::CellType;

json::value task_schema() {
  return http::object_schema({{"id", "integer"},           {"booking_id", "integer"},  {"kind", "string"},
                              {"title", "string"},         {"starts_at", "string"},    {"due_at", "string"},
                              {"assignee_account_id", "integer"}, {"assignee_name", "string"}, {"status", "string"},
                              {"done_at", "string"},       {"done_by", "integer"},     {"created_at", "string"},
                              {"updated_at", "string"},    {"booking_title", "string"}, {"room_name", "string"},
                              {"booking_start", "string"}, {"booking_end", "string"}},
                             {"id", "booking_id", "kind", "title", "due_at", "status"});
}

json::value settings_schema() {
  return http::object_schema({{"release_after_minutes", "integer"}, {"check_in_opens_minutes", "integer"}},
                             {"release_after_minutes", "check_in_opens_minutes"});
}

const char* task_kind_label(const std::string& kind) { return kind == "setup" ? "布置" : kind == "serve" ? "会中服务" : "整理"; }
const char* task_status_label(const std::string& status) {
  return status == "open" ? "待办" : status == "done" ? "已完成" : "已取消";
}

http::Response list_tasks(http::Context& ctx) {
  const auto lq = ctx.list_query({{"due", "t.due_at"}, {"created_at", "t.created_at"}}, "due", "t.id");
  const auto status = ctx.request.query_param("status").value_or("");
  if (!status.empty() && status != "open" && status != "done" && status != "cancelled") {
    throw http::invalid("status", "未知的任务状态：" + status + "（应为 open、done 或 cancelled）");
  }
  std::vector<db::Value> params{ctx.tenant_id(), lq.like_pattern(), status, optional_query_utc(ctx, "from"),
                                optional_query_utc(ctx, "to"),
                                ctx.query_bool("mine").value_or(false) ? 1 : 0, ctx.who().account_id};
  std::string where =
      std::string(kTaskFrom) +
      " WHERE t.tenant_id = $1 AND (t.title LIKE $2 ESCAPE '\\' OR b.title LIKE $2 ESCAPE '\\' OR r.name LIKE $2 ESCAPE '\\')"
      " AND ($3 = '' OR t.status = $3) AND ($4 = '' OR t.due_at >= $4) AND ($5 = '' OR t.due_at < $5)"
      " AND ($6 = 0 OR t.assignee_account_id IS NULL OR t.assignee_account_id = $7)";
  where += " AND " + booking_scope(ctx, params);
  return ctx.db().read([&](db::Tx& tx) {
    if (xlsx::wants_xlsx(ctx.request)) {
      return xlsx::export_list(tx, "会议服务任务",
                               {{"任务", CellType::text, 40},
                                {"类别", CellType::text, 10},
                                {"会议", CellType::text, 30},
                                {"会议室", CellType::text, 16},
                                {"会议开始(UTC)", CellType::datetime, 18},
                                {"截止(UTC)", CellType::datetime, 18},
                                {"负责人", CellType::text, 12},
                                {"状态", CellType::text, 8}},
                               kTaskColumns, where, params, lq, [](const db::Row& row) {
                                 return std::vector<db::Value>{row[3],  std::string(task_kind_label(row.text(2))), row[13], row[14],
                                                               row[15], row[5], row[7], std::string(task_status_label(row.text(8)))};
                               });
    }
    return http::list_response(http::fetch_page(tx, kTaskColumns, where, params, lq), task_json);
  });
}

// A task whose booking the caller may see (404 otherwise, like a missing one).
json::object visible_task(http::Context& ctx, db::Tx& tx, std::int64_t id) {
  auto task = find_task(tx, ctx.tenant_id(), id);
  if (!task) throw http::not_found("服务任务");
  visible_booking(ctx, tx, task->at("booking_id").as_int64());
  return std::move(*task);
}

}  // namespace

std::optional<std::string> displace_reason(const http::JsonBody& body) {
  if (!body.has("displace") || body.object().at("displace").is_null()) return std::nullopt;
  const auto& displace = body.object().at("displace");
  const auto* reason = displace.is_object() ? displace.as_object().if_contains("reason") : nullptr;
  if (!reason || !reason->is_string() || reason->as_string().size() > 500) {
    throw http::invalid("displace", "displace 应为 {\"reason\":\"调整原因\"}（原因必填，至多 500 字）");
  }
  return std::string(reason->as_string());
}

void register_ops_routes(http::Router& router) {
  const auto read = "meetings.read", book = "meetings.book", manage = "meetings.manage", serve = "meetings.serve";
  const auto authenticated = http::Access::authenticated;

  router.add({"POST", "/api/v1/meetings/bookings/{id}/check-in", authenticated, book,
              [](http::Context& ctx) {
                const auto id = ctx.path_id("id", "预订");
                return ctx.db().write([&](db::Tx& tx) {
                  visible_booking(ctx, tx, id);
                  check_in(tx, audit::actor_of(ctx.who(), ctx.request), id, now_instant());
                  return http::Response::json(visible_booking(ctx, tx, id));
                });
              },
              {"会议签到（已确认的预订，开始前 check_in_opens_minutes 分钟起至结束；否则 409 check_in_closed 等）", "meetings", {},
               nullptr, booking_schema()}});

  router.add({"POST", "/api/v1/meetings/bookings/release-no-shows", authenticated, manage,
              [](http::Context& ctx) {
                return ctx.db().write([&](db::Tx& tx) {
                  json::array released;
                  for (const auto id : release_no_shows(tx, audit::actor_of(ctx.who(), ctx.request), now_instant())) {
                    released.push_back(id);
                  }
                  return http::Response::json(json::object{{"released", std::move(released)}});
                });
              },
              {"释放未按时签到的预订（开始 release_after_minutes 分钟后仍未签到且未结束的已确认预订）", "meetings", {}, nullptr,
               http::object_schema({{"released", "array"}}, {"released"})}});

  router.add({"GET", "/api/v1/meetings/settings", authenticated, read,
              [](http::Context& ctx) {
                return ctx.db().read(
                    [&](db::Tx& tx) { return http::Response::json(settings_json(load_settings(tx, ctx.tenant_id()))); });
              },
              {"签到与释放设置", "meetings", {}, nullptr, settings_schema()}});

  router.add({"PUT", "/api/v1/meetings/settings", authenticated, manage,
              [](http::Context& ctx) {
                const auto body = ctx.json_body();
                return ctx.db().write([&](db::Tx& tx) {
                  auto settings = load_settings(tx, ctx.tenant_id());
                  settings.release_after_minutes = body.optional_int("release_after_minutes").value_or(settings.release_after_minutes);
                  settings.check_in_opens_minutes =
                      body.optional_int("check_in_opens_minutes").value_or(settings.check_in_opens_minutes);
                  save_settings(tx, audit::actor_of(ctx.who(), ctx.request), settings);
                  return http::Response::json(settings_json(settings));
                });
              },
              {"修改签到与释放设置（release_after_minutes 为 0 时不自动释放）", "meetings", {}, settings_schema(),
               settings_schema()}});

  router.add({"GET", "/api/v1/meetings/tasks", authenticated, read, list_tasks,
              {"会议服务任务（数据范围内预订的任务；分页、搜索、导出 Excel）", "meetings",
               http::list_docs("按任务、会议名称或会议室搜索", "due | created_at",
                               {{"mine", "boolean", "true：指派给我的和未指派的"},
                                {"status", "string", "open | done | cancelled"},
                                {"from", "string", "截止不早于此时刻（ISO-8601，带时区）"},
                                {"to", "string", "截止早于此时刻（ISO-8601，带时区）"}}),
               nullptr, http::list_schema(task_schema())}});

  router.add({"POST", "/api/v1/meetings/tasks/{id}/done", authenticated, serve,
              [](http::Context& ctx) {
                const auto id = ctx.path_id("id", "服务任务");
                return ctx.db().write([&](db::Tx& tx) {
                  visible_task(ctx, tx, id);
                  complete_task(tx, audit::actor_of(ctx.who(), ctx.request), id);
                  return http::Response::json(visible_task(ctx, tx, id));
                });
              },
              {"完成服务任务（只有待办的任务可以完成，否则 409 task_not_open）", "meetings", {}, nullptr, task_schema()}});

  router.add({"POST", "/api/v1/meetings/tasks/{id}/assign", authenticated, manage,
              [](http::Context& ctx) {
                const auto id = ctx.path_id("id", "服务任务");
                const auto body = ctx.json_body();
                if (!body.has("account_id")) throw http::invalid("account_id", "请指定 account_id（null 表示取消指派）");
                const auto account = body.optional_int("account_id");
                return ctx.db().write([&](db::Tx& tx) {
                  visible_task(ctx, tx, id);
                  assign_task(tx, audit::actor_of(ctx.who(), ctx.request), id, account);
                  return http::Response::json(visible_task(ctx, tx, id));
                });
              },
              {"指派服务任务（account_id 为 null 时取消指派）", "meetings", {},
               http::object_schema({{"account_id", "integer"}}, {"account_id"}), task_schema()}});
}

}  // namespace jiguan::meetings
