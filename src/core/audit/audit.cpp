#include "core/audit/audit.hpp"

#include <boost/json/serialize.hpp>

#include "core/util/time.hpp"

namespace jiguan::audit {

Actor actor_of(const auth::Principal& who, const http::Request& request) {
  return {who.tenant_id, who.account_id, who.username, request.request_id, request.client_addr};
}

Actor system_actor(std::int64_t tenant_id, std::string command) {
  return {tenant_id, std::nullopt, "system", std::move(command), "local"};
}

void record(db::Tx& tx, const Actor& actor, const Entry& entry) {
  tx.query(
      "INSERT INTO audit_log (tenant_id, at, actor_account_id, actor, action, entity, entity_id, diff, request_id, client_addr) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
      actor.tenant_id, util::now_utc(), actor.account_id, actor.name, entry.action, entry.entity, entry.entity_id,
      boost::json::serialize(entry.diff), actor.request_id, actor.client_addr);
}

boost::json::object diff(const boost::json::object& before, const boost::json::object& after) {
  boost::json::object out;
  for (const auto& [key, value] : after) {
    auto it = before.find(key);
    if (it == before.end() || it->value() != value) {
      out[key] = {{"from", it == before.end() ? boost::json::value() : it->value()}, {"to", value}};
    }
  }
  return out;
}

}  // namespace jiguan::audit
