// The audit trail: one row per state change, written by the caller inside the same
// transaction as the change, so a change and its record commit or vanish together.
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

// {"field":{"from":a,"to":b}} for every field whose value differs between two objects.
boost::json::object diff(const boost::json::object& before, const boost::json::object& after);

}  // namespace jiguan::audit
