// Roles = permissions + a data scope. Permissions are named "<module>.<action>" and are
// declared by the routes that need them (Route::permission), so the catalogue grows with
// every module. A role lists permission codes or patterns: "*" (all), "org.*" (a module),
// "*.read" (an action in every module).
//
// Every tenant has the built-in roles (builtin_roles()); administrators may add roles and
// change any role's permissions and scope. A built-in role cannot be removed.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/access/scope.hpp"
#include "core/audit/audit.hpp"
#include "core/db/db.hpp"

namespace jiguan::access {

struct RoleSpec {
  std::string code;
  std::string name;
  std::vector<std::string> permissions;
  DataScope scope = DataScope::self;
};

const std::vector<RoleSpec>& builtin_roles();

bool pattern_grants(std::string_view pattern, std::string_view permission);
bool permissions_grant(const std::vector<std::string>& patterns, std::string_view permission);

// Inserts the built-in roles a tenant lacks (new tenants, and tenants older than roles), and
// on an upgrade adds to each built-in role the permissions this version ships that the one
// before did not (roles.shipped_permissions); permissions an administrator removed that the
// last version already shipped stay removed.
void ensure_builtin_roles(db::Tx& tx, std::int64_t tenant_id);

// The role's permissions and scope, or nullopt when the tenant has no such role.
std::optional<RoleSpec> find_role(db::Tx& tx, std::int64_t tenant_id, const std::string& code);

inline constexpr const char* kRoleColumns = "id, code, name, permissions, data_scope, builtin, created_at, updated_at";
boost::json::object role_json(const db::Row& row);

// Validates (422 naming the field: code pattern, known scope, every permission a known
// code or a pattern that matches at least one) and writes with an audit row.
std::int64_t create_role(db::Tx& tx, const audit::Actor& actor, const RoleSpec& role, const std::vector<std::string>& catalogue);
bool update_role(db::Tx& tx, const audit::Actor& actor, std::int64_t id, const std::optional<std::string>& name,
                 const std::optional<std::vector<std::string>>& permissions, const std::optional<DataScope>& scope,
                 const std::vector<std::string>& catalogue);

}  // namespace jiguan::access
