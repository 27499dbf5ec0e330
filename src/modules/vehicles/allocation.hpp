// Allocation of retained vehicles to sectors (口): the seed's "区级保留的57辆机要通信应急用车
// 以口为单位分配到区级15个口内，并明确口内车辆牵头管理单位". Each allocation records the sector's
// lead unit of the day and a half-open period [effective_from, effective_to); the open one
// (effective_to NULL) is current and vehicles.sector_id mirrors it. Domain rules only.
//
// Rules: only in-service vehicles of category 机要通信用车 (confidential) or 应急保障用车
// (emergency); the sector is an active unit of kind sector; a new allocation starts after
// the current one started (which it closes) and not before an earlier one ended; dates are
// valid days not after today (UTC+8).
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>

#include "core/audit/audit.hpp"
#include "core/db/db.hpp"

namespace jiguan::vehicles {

bool allocatable_category(const std::string& category);
// Whether the vehicle has a current (open) allocation.
bool has_open_allocation(db::Tx& tx, std::int64_t tenant_id, std::int64_t vehicle_id);

struct AllocationFields {
  std::int64_t sector_id = 0;
  std::string effective_from;
  std::string reason;  // 0–200 characters
};
// Returns the new allocation's id. 404 when the vehicle is not in the tenant.
std::int64_t allocate(db::Tx& tx, const audit::Actor& actor, std::int64_t vehicle_id, const AllocationFields& fields);
// Ends the current allocation on effective_to (after it started); 409 no_allocation without one.
void end_allocation(db::Tx& tx, const audit::Actor& actor, std::int64_t vehicle_id, const std::string& effective_to,
                    const std::string& reason);

// SELECT list for allocation_json(): the allocation (alias a), its vehicle (v), sector (s)
// and recorded lead unit (l).
inline const std::string kAllocationColumns =
    "a.id, a.vehicle_id, v.plate, v.category, a.sector_id, s.name, a.lead_unit_id, l.name, a.effective_from, a.effective_to, "
    "a.reason, v.brand_model";
inline const std::string kAllocationFrom =
    " FROM vehicle_sector_allocations a JOIN vehicles v ON v.tenant_id = a.tenant_id AND v.id = a.vehicle_id"
    " JOIN units s ON s.tenant_id = a.tenant_id AND s.id = a.sector_id"
    " LEFT JOIN units l ON l.tenant_id = a.tenant_id AND l.id = a.lead_unit_id";
boost::json::object allocation_json(const db::Row& row);

// The by-sector table's sectors (alias s, with the current lead unit l): active sectors
// and any sector that still holds a current allocation.
inline const std::string kSectorTableColumns = "s.id, s.name, s.lead_unit_id, l.name, s.sort_order";
inline const std::string kSectorTableFrom =
    " FROM units s LEFT JOIN units l ON l.tenant_id = s.tenant_id AND l.id = s.lead_unit_id"
    " WHERE s.tenant_id = $1 AND s.kind = 'sector' AND (s.active = 1 OR EXISTS (SELECT 1 FROM vehicle_sector_allocations a"
    " WHERE a.tenant_id = s.tenant_id AND a.sector_id = s.id AND a.effective_to IS NULL))";

}  // namespace jiguan::vehicles
