// Accounts: who may sign in, with which built-in role, for which unit.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/audit/audit.hpp"
#include "core/db/db.hpp"

namespace jiguan::auth {

struct NewAccount {
  std::string username;  // 3–32 of [A-Za-z0-9_.-]
  std::string display_name;
  std::string role;
  std::optional<std::int64_t> unit_id;
  std::string password;
};

// Validates (ApiError 422 naming the field, 409 for a taken username), hashes the password
// outside any transaction, then inserts the account and its audit row in one transaction.
std::int64_t create_account(db::Database& db, const audit::Actor& actor, const NewAccount& account);

inline constexpr const char* kAccountColumns =
    "id, username, display_name, role, unit_id, active, locked_until, created_at, updated_at";
boost::json::object account_json(const db::Row& row);  // row selected with kAccountColumns

}  // namespace jiguan::auth
