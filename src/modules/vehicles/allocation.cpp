#include "modules/vehicles/allocation.hpp"

#include <boost/json.hpp>

#include "core/http/api_error.hpp"
#include "core/util/time.hpp"
#include "modules/vehicles/events.hpp"
#include "modules/vehicles/reform.hpp"

namespace jiguan::vehicles {
namespace json = boost::json;

namespace {

struct OpenAllocation {
  std::int64_t id = 0;
  std::int64_t sector_id = 0;
  std::string effective_from;
};

std::optional<OpenAllocation> open_allocation(db::Tx& tx, std::int64_t tenant_id, std::int64_t vehicle_id) {
  auto r = tx.query(
      "SELECT id, sector_id, effective_from FROM vehicle_sector_allocations "
      "WHERE tenant_id = $1 AND vehicle_id = $2 AND effective_to IS NULL",
      tenant_id, vehicle_id);
  if (r.empty()) return std::nullopt;
  return OpenAllocation{r.one().int64(0), r.one().int64(1), r.one().text(2)};
}

}  // namespace

bool allocatable_category(const std::string& category) { return category == "confidential" || category == "emergency"; }

bool has_open_allocation(db::Tx& tx, std::int64_t tenant_id, std::int64_t vehicle_id) {
  return open_allocation(tx, tenant_id, vehicle_id).has_value();
}

json::object allocation_json(const db::Row& row) {
  return {{"id", row.int64(0)},
          {"vehicle_id", row.int64(1)},
          {"plate", row.text(2)},
          {"category", row.text(3)},
          {"sector_id", row.int64(4)},
          {"sector_name", row.text(5)},
          {"lead_unit_id", nullable_int(row, 6)},
          {"lead_unit_name", nullable_text(row, 7)},
          {"effective_from", row.text(8)},
          {"effective_to", nullable_text(row, 9)},
          {"reason", row.text(10)},
          {"brand_model", row.text(11)}};
}

std::int64_t allocate(db::Tx& tx, const audit::Actor& actor, std::int64_t vehicle_id, const AllocationFields& f) {
  auto vehicle = tx.query("SELECT status, category FROM vehicles WHERE tenant_id = $1 AND id = $2", actor.tenant_id, vehicle_id);
  if (vehicle.empty()) throw http::not_found("车辆");
  if (vehicle.one().text(0) != "in_service") throw http::ApiError(409, "not_in_service", "只有在用的车辆才能分配到口");
  if (!allocatable_category(vehicle.one().text(1))) {
    throw http::invalid("vehicle_id", "只有机要通信用车和应急保障用车分配到口");
  }
  auto sector =
      tx.query("SELECT name, lead_unit_id FROM units WHERE tenant_id = $1 AND id = $2 AND kind = 'sector' AND active = 1",
               actor.tenant_id, f.sector_id);
  if (sector.empty()) throw http::invalid("sector_id", "口不存在或已停用");
  check_past_day("effective_from", f.effective_from);
  check_chars("reason", f.reason, 0, 200, "原因");
  const auto current = open_allocation(tx, actor.tenant_id, vehicle_id);
  if (current && current->sector_id == f.sector_id) throw http::conflict("车辆已分配到该口", "sector_id");
  // Half-open periods that never overlap: after the current one's start, and not before an
  // earlier one's end.
  if (current && f.effective_from <= current->effective_from) {
    throw http::invalid("effective_from", "生效日期应晚于当前分配的生效日期（" + current->effective_from + "）");
  }
  const auto last_end =
      tx.query("SELECT MAX(effective_to) FROM vehicle_sector_allocations WHERE tenant_id = $1 AND vehicle_id = $2",
               actor.tenant_id, vehicle_id)
          .one()
          .opt_text(0);
  if (last_end && f.effective_from < *last_end) {
    throw http::invalid("effective_from", "生效日期不能早于上一次分配的结束日期（" + *last_end + "）");
  }
  const auto lead_unit_id = sector.one().opt_int64(1);
  if (current) {
    tx.query("UPDATE vehicle_sector_allocations SET effective_to = $3 WHERE tenant_id = $1 AND id = $2", actor.tenant_id,
             current->id, f.effective_from);
  }
  const auto id = tx.query(
                        "INSERT INTO vehicle_sector_allocations (tenant_id, vehicle_id, sector_id, lead_unit_id, effective_from, "
                        "reason, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
                        actor.tenant_id, vehicle_id, f.sector_id, lead_unit_id, f.effective_from, f.reason, util::now_utc())
                      .one()
                      .int64(0);
  tx.query("UPDATE vehicles SET sector_id = $3, updated_at = $4 WHERE tenant_id = $1 AND id = $2", actor.tenant_id, vehicle_id,
           f.sector_id, util::now_utc());
  json::object details{{"allocation_id", id},
                       {"sector_id", f.sector_id},
                       {"sector", sector.one().text(0)},
                       {"lead_unit_id", lead_unit_id ? json::value(*lead_unit_id) : json::value()},
                       {"previous_allocation_id", current ? json::value(current->id) : json::value()}};
  record_step(tx, actor, vehicle_id, {"allocate", std::nullopt, f.reason, f.effective_from, std::move(details)});
  return id;
}

void end_allocation(db::Tx& tx, const audit::Actor& actor, std::int64_t vehicle_id, const std::string& effective_to,
                    const std::string& reason) {
  if (tx.query("SELECT 1 FROM vehicles WHERE tenant_id = $1 AND id = $2", actor.tenant_id, vehicle_id).empty()) {
    throw http::not_found("车辆");
  }
  const auto current = open_allocation(tx, actor.tenant_id, vehicle_id);
  if (!current) throw http::ApiError(409, "no_allocation", "车辆当前没有分配到口");
  check_past_day("effective_to", effective_to);
  if (effective_to <= current->effective_from) {
    throw http::invalid("effective_to", "结束日期应晚于生效日期（" + current->effective_from + "）");
  }
  check_chars("reason", reason, 0, 200, "原因");
  tx.query("UPDATE vehicle_sector_allocations SET effective_to = $3 WHERE tenant_id = $1 AND id = $2", actor.tenant_id,
           current->id, effective_to);
  tx.query("UPDATE vehicles SET sector_id = NULL, updated_at = $3 WHERE tenant_id = $1 AND id = $2", actor.tenant_id, vehicle_id,
           util::now_utc());
  record_step(
      tx, actor, vehicle_id,
      {"deallocate", std::nullopt, reason, effective_to, {{"allocation_id", current->id}, {"sector_id", current->sector_id}}});
}

}  // namespace jiguan::vehicles
