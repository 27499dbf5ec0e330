// The audit trail: one row per state change, written by the caller inside the same
// transaction as the change, so a change and its record commit or vanish together.
//
// Rows form a hash chain per tenant: hash = SHA-256(prev_hash, id and every field), and
// audit_heads keeps the tenant's last link. verify() recomputes the chain and names the
// first row that does not match — an edited, deleted or reordered row, or a truncated end.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>

#include "core/auth/principal.hpp"
#include "core/db/db.hpp"
#include "core/http/message.hpp"

namespace jiguan::audit {

struct Actor {
  std::int64_t tenant_id = 0;
  std::optional<std::int64_t> account_id;
  std::string name;  // username, or "system" for commands and start-up jobs
  std::string request_id;
  std::string client_addr;
};

Actor actor_of(const auth::Principal& who, const http::Request& request);
Actor system_actor(std::int64_t tenant_id, std::string command);

struct Entry {
  std::string action;  // create | update | deactivate | login | login_failed …
  std::string entity;  // table-like name: "unit", "account"
  std::optional<std::int64_t> entity_id;
  boost::json::object diff;  // {"field":{"from":…,"to":…}} or the created record
};

void record(db::Tx& tx, const Actor& actor, const Entry& entry);

struct Verification {
  bool ok = true;
  std::int64_t checked = 0;
  std::optional<std::int64_t> first_bad_id;
};
Verification verify(db::Database& db, std::int64_t tenant_id);

// Chains rows written before the chain existed (hash ''), once, oldest first. Run after
// migrations; a no-op when every row is chained.
void chain_unchained_rows(db::Database& db);

// {"field":{"from":a,"to":b}} for every field whose value differs between two objects.
boost::json::object diff(const boost::json::object& before, const boost::json::object& after);

}  // namespace jiguan::audit
