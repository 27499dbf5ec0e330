#include "core/access/scope.hpp"

namespace jiguan::access {

std::string_view scope_name(DataScope scope) {
  switch (scope) {
    case DataScope::all: return "all";
    case DataScope::unit_and_below: return "unit_and_below";
    case DataScope::unit: return "unit";
    case DataScope::self: return "self";
  }
  return "self";
}

std::optional<DataScope> parse_scope(std::string_view name) {
  for (auto s : {DataScope::all, DataScope::unit_and_below, DataScope::unit, DataScope::self}) {
    if (scope_name(s) == name) return s;
  }
  return std::nullopt;
}

std::string scope_predicate(const Scope& scope, std::string_view unit_column, std::string_view owner_column,
                            std::vector<db::Value>& params) {
  switch (scope.kind) {
    case DataScope::all:
      return "(1 = 1)";
    case DataScope::unit_and_below:
    case DataScope::unit: {
      if (scope.unit_ids.empty() || unit_column.empty()) return "(1 = 0)";
      std::string sql = "(" + std::string(unit_column) + " IN (";
      for (std::size_t i = 0; i < scope.unit_ids.size(); ++i) {
        params.emplace_back(scope.unit_ids[i]);
        sql += (i ? ", $" : "$") + std::to_string(params.size());
      }
      return sql + "))";
    }
    case DataScope::self:
      if (owner_column.empty()) return "(1 = 0)";
      params.emplace_back(scope.account_id);
      return "(" + std::string(owner_column) + " = $" + std::to_string(params.size()) + ")";
  }
  return "(1 = 0)";
}

Scope resolve_scope(db::Tx& tx, std::int64_t tenant_id, DataScope kind, std::optional<std::int64_t> unit_id,
                    std::int64_t account_id) {
  Scope scope{kind, {}, account_id};
  if (!unit_id || kind == DataScope::all || kind == DataScope::self) return scope;
  if (kind == DataScope::unit) {
    scope.unit_ids.push_back(*unit_id);
    return scope;
  }
  auto rows = tx.query(
      "WITH RECURSIVE below (id) AS (SELECT CAST($2 AS BIGINT) UNION "
      "SELECT u.id FROM units u JOIN below b ON u.parent_id = b.id WHERE u.tenant_id = $1) "
      "SELECT id FROM below ORDER BY id",
      tenant_id, *unit_id);
  for (const auto& row : rows.rows) scope.unit_ids.push_back(row.int64(0));
  return scope;
}

}  // namespace jiguan::access
