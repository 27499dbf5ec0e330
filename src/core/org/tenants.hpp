// Tenants: one bureau's installation each. Created by commands (demo-data, user create).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/db/db.hpp"

namespace jiguan::org {

struct Tenant {
  std::int64_t id = 0;
  std::string code;
  std::string name;
};

std::optional<Tenant> find_tenant(db::Tx& tx, const std::string& code);
// The tenant named by code; with an empty code, the only tenant there is. Throws ApiError
// 422 (field "tenant") when it cannot be decided.
Tenant resolve_tenant(db::Tx& tx, const std::string& code);
// Creates the tenant when missing; returns it either way.
Tenant ensure_tenant(db::Database& db, const std::string& code, const std::string& name);

}  // namespace jiguan::org
