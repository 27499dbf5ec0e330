// HTTP handlers for the caller's own notifications: list (with the unread count), mark one
// read, mark all read. Any signed-in account lists its own; marking read needs
// notifications.write (every built-in role but the read-only auditor).
#include <boost/json.hpp>

#include "core/app/routes.hpp"
#include "core/export/xlsx.hpp"
#include "core/http/api_error.hpp"
#include "core/notify/notify.hpp"

namespace jiguan::app {
namespace json = boost::json;

namespace {

json::value notification_schema() {
  return http::object_schema({{"id", "integer"}, {"kind", "string"}, {"title", "string"}, {"body", "string"},
                              {"link", "string"}, {"created_at", "string"}, {"read_at", "string"}, {"read", "boolean"}},
                             {"id", "kind", "title", "created_at", "read"});
}

http::Response list_notifications(http::Context& ctx) {
  const auto lq = ctx.list_query({{"created_at", "n.created_at"}}, "-created_at", "n.id");
  const auto unread_only = ctx.query_bool("unread").value_or(false);
  std::vector<db::Value> params{ctx.tenant_id(), ctx.who().account_id, lq.like_pattern(), unread_only ? 1 : 0};
  const std::string where =
      std::string(notify::kFrom) +
      " WHERE n.tenant_id = $1 AND n.account_id = $2 AND (n.title LIKE $3 ESCAPE '\\' OR n.body LIKE $3 ESCAPE '\\')"
      " AND ($4 = 0 OR n.read_at IS NULL)";
  return ctx.db().read([&](db::Tx& tx) {
    if (xlsx::wants_xlsx(ctx.request)) {
      using xlsx::CellType;
      return xlsx::export_list(tx, "通知",
                               {{"时间", CellType::datetime, 18},
                                {"标题", CellType::text, 30},
                                {"内容", CellType::text, 60},
                                {"已读", CellType::boolean, 8}},
                               notify::kColumns, where, params, lq, [](const db::Row& row) {
                                 return std::vector<db::Value>{row[5], row[2], row[3], std::int64_t(row.is_null(6) ? 0 : 1)};
                               });
    }
    const auto page = http::fetch_page(tx, notify::kColumns, where, params, lq);
    json::array items;
    for (const auto& row : page.rows) items.push_back(notify::notification_json(row));
    const auto unread = tx.query("SELECT COUNT(*) FROM notifications WHERE tenant_id = $1 AND account_id = $2 AND read_at IS NULL",
                                 ctx.tenant_id(), ctx.who().account_id)
                            .one()
                            .int64(0);
    return http::Response::json(json::object{{"items", std::move(items)}, {"total", page.total}, {"unread", unread}});
  });
}

}  // namespace

void register_notification_routes(http::Router& router, Services&) {
  const auto authenticated = http::Access::authenticated;
  // Reading needs no permission (each sees only their own); marking read is a write, which
  // the read-only auditor role does not have.
  const auto mark = "notifications.write";
  auto list_schema = http::list_schema(notification_schema());
  list_schema.as_object()["properties"].as_object()["unread"] = {{"type", "integer"}};

  router.add({"GET", "/api/v1/notifications", authenticated, "", list_notifications,
              {"我的通知（分页、搜索、导出 Excel；unread 为未读总数）", "notifications",
               http::list_docs("按标题或内容搜索", "created_at（默认 -created_at，最新在前）",
                               {{"unread", "boolean", "true：只看未读"}}),
               nullptr, list_schema}});

  router.add({"POST", "/api/v1/notifications/{id}/read", authenticated, mark,
              [](http::Context& ctx) {
                const auto id = ctx.path_id("id", "通知");
                return ctx.db().write([&](db::Tx& tx) {
                  return http::Response::json(notify::mark_read(tx, ctx.who(), audit::actor_of(ctx.who(), ctx.request), id));
                });
              },
              {"标为已读（只能是自己的通知，否则 404）", "notifications", {}, nullptr, notification_schema()}});

  router.add({"POST", "/api/v1/notifications/read-all", authenticated, mark,
              [](http::Context& ctx) {
                return ctx.db().write([&](db::Tx& tx) {
                  const auto marked = notify::mark_all_read(tx, ctx.who(), audit::actor_of(ctx.who(), ctx.request));
                  return http::Response::json(json::object{{"marked", marked}});
                });
              },
              {"全部标为已读", "notifications", {}, nullptr, http::object_schema({{"marked", "integer"}}, {"marked"})}});
}

}  // namespace jiguan::app
