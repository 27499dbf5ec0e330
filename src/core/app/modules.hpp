// What every business module contributes beyond its routes: built-in data each tenant needs
// (roles, dictionaries, standards) and its part of the demo tenant. modules.cpp lists them.
#pragma once

#include <cstdint>

#include "core/db/db.hpp"

namespace jiguan::app {

// Inserts every built-in row a tenant needs where missing (idempotent, not audited).
void ensure_tenant_builtins(db::Tx& tx, std::int64_t tenant_id);
void ensure_builtins_for_all_tenants(db::Database& db);

// The modules' demo data for the demo tenant, after the core demo (units, people,
// accounts) exists. Idempotent.
void load_module_demo_data(db::Database& db, std::int64_t tenant_id);

}  // namespace jiguan::app
