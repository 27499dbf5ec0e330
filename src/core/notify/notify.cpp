#include "core/notify/notify.hpp"

#include "core/http/api_error.hpp"
#include "core/util/time.hpp"

namespace jiguan::notify {
namespace json = boost::json;

const char* const kColumns = "n.id, n.kind, n.title, n.body, n.link, n.created_at, n.read_at";
const char* const kFrom = " FROM notifications n";

json::object notification_json(const db::Row& row) {
  return {{"id", row.int64(0)},
          {"kind", row.text(1)},
          {"title", row.text(2)},
          {"body", row.text(3)},
          {"link", row.text(4)},
          {"created_at", row.text(5)},
          {"read_at", row.is_null(6) ? json::value() : json::value(row.text(6))},
          {"read", !row.is_null(6)}};
}

std::int64_t send(db::Tx& tx, std::int64_t tenant_id, std::int64_t account_id, const Message& m) {
  return tx
      .query(
          "INSERT INTO notifications (tenant_id, account_id, kind, title, body, link, created_at) "
          "VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
          tenant_id, account_id, m.kind, m.title, m.body, m.link, util::now_utc())
      .one()
      .int64(0);
}

json::object mark_read(db::Tx& tx, const auth::Principal& who, const audit::Actor& actor, std::int64_t id) {
  const auto own = std::string("SELECT ") + kColumns + kFrom + " WHERE n.tenant_id = $1 AND n.account_id = $2 AND n.id = $3";
  if (tx.query(own, who.tenant_id, who.account_id, id).empty()) throw http::not_found("通知");
  const auto updated =
      tx.query("UPDATE notifications SET read_at = $4 WHERE tenant_id = $1 AND account_id = $2 AND id = $3 AND read_at IS NULL",
               who.tenant_id, who.account_id, id, util::now_utc());
  if (updated.affected > 0) audit::record(tx, actor, {"read", "notification", id, {}});
  return notification_json(tx.query(own, who.tenant_id, who.account_id, id).one());
}

std::int64_t mark_all_read(db::Tx& tx, const auth::Principal& who, const audit::Actor& actor) {
  const auto marked =
      tx.query("UPDATE notifications SET read_at = $3 WHERE tenant_id = $1 AND account_id = $2 AND read_at IS NULL",
               who.tenant_id, who.account_id, util::now_utc())
          .affected;
  if (marked > 0) audit::record(tx, actor, {"read_all", "notification", std::nullopt, {{"marked", marked}}});
  return marked;
}

}  // namespace jiguan::notify
