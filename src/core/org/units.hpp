// Units (单位) as a tree: the bureau, its sections (科室), the district's departments, and the
// sectors (口) that group them. Domain rules only; no HTTP here.
//
// Rules: code unique per tenant (1–32 of [A-Za-z0-9_-]); name 1–100 characters; kind one
// of unit_kinds(); the parent exists in the same tenant and is never the unit itself or
// one of its descendants; a unit with active children cannot be deactivated.
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/audit/audit.hpp"
#include "core/db/db.hpp"

namespace jiguan::org {

const std::vector<std::string>& unit_kinds();  // bureau, section, department, sector

// The code and name rules of create_unit and update_unit; each throws ApiError naming the
// field. Imports check every row with them before writing any.
void check_unit_code(const std::string& code);
void check_unit_name(const std::string& name);

struct UnitFields {
  std::string code;
  std::string name;
  std::string kind;
  std::optional<std::int64_t> parent_id;
  std::int64_t sort_order = 0;
};

// A partial update: only the fields present change. parent_id holds nullopt inside to move
// the unit to the top level.
struct UnitPatch {
  std::optional<std::string> code;
  std::optional<std::string> name;
  std::optional<std::string> kind;
  std::optional<std::optional<std::int64_t>> parent_id;
  std::optional<std::int64_t> sort_order;
};

// SELECT list for unit_json(): the unit (alias u) and its parent's name (alias p).
inline const std::string kUnitColumns =
    "u.id, u.code, u.name, u.kind, u.parent_id, p.name, u.sort_order, u.active, u.created_at, u.updated_at";
inline const std::string kUnitFrom = " FROM units u LEFT JOIN units p ON p.tenant_id = u.tenant_id AND p.id = u.parent_id";
inline const std::string kUnitSelect = "SELECT " + kUnitColumns + kUnitFrom;
boost::json::object unit_json(const db::Row& row);

std::optional<boost::json::object> find_unit(db::Tx& tx, std::int64_t tenant_id, std::int64_t id);
std::int64_t create_unit(db::Tx& tx, const audit::Actor& actor, const UnitFields& fields);
// Returns false when no such unit exists in the tenant.
bool update_unit(db::Tx& tx, const audit::Actor& actor, std::int64_t id, const UnitPatch& patch);
bool set_unit_active(db::Tx& tx, const audit::Actor& actor, std::int64_t id, bool active);
// All units of the tenant as nested {…, children:[…]} objects, ordered by sort_order, id.
boost::json::array unit_tree(db::Tx& tx, std::int64_t tenant_id);

}  // namespace jiguan::org
