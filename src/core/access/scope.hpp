// Data scopes: which records of a tenant a request may see, decided once per request from
// the caller's role (in the dispatcher) and applied to every query on a scoped table
// through scope_predicate(), the one place that turns a scope into SQL.
//
//   all             every record of the tenant
//   unit_and_below  records owned by the caller's unit or any unit under it
//   unit            records owned by the caller's unit
//   self            records the caller created / is the subject of
//
// An out-of-scope record is indistinguishable from a missing one: handlers answer 404.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/db/db.hpp"

namespace jiguan::access {

enum class DataScope { all, unit_and_below, unit, self };

std::string_view scope_name(DataScope scope);  // "all" | "unit_and_below" | "unit" | "self"
std::optional<DataScope> parse_scope(std::string_view name);

struct Scope {
  DataScope kind = DataScope::self;
  std::vector<std::int64_t> unit_ids;  // resolved units for unit / unit_and_below
  std::int64_t account_id = 0;         // the caller, for self
};

// A SQL boolean expression restricting rows to the scope, e.g. "(p.unit_id IN ($4,$5))".
// unit_column is the row's owning unit; owner_column the account that owns the row (may be
// empty when the table has none: then `self` sees nothing). Parameters are appended to
// params and numbered after the ones already there.
std::string scope_predicate(const Scope& scope, std::string_view unit_column, std::string_view owner_column,
                            std::vector<db::Value>& params);

// The scope of kind `kind` for an account of unit `unit_id` (unit_and_below: the unit and
// every unit under it, by the unit tree).
Scope resolve_scope(db::Tx& tx, std::int64_t tenant_id, DataScope kind, std::optional<std::int64_t> unit_id,
                    std::int64_t account_id);

}  // namespace jiguan::access
