#include "modules/vehicles/events.hpp"

#include <algorithm>
#include <array>
#include <boost/json.hpp>

#include "core/http/api_error.hpp"
#include "core/util/time.hpp"

namespace jiguan::vehicles {
namespace {

struct StatusInfo {
  std::string_view status;
  std::string_view label;
  std::array<std::string_view, 4> next;  // empty entries unused
};

constexpr std::array<StatusInfo, 7> kStatuses = {{
    {"in_service", "在用", {"cancelled", "sealed", "transferred", "scrapped"}},
    {"cancelled", "已取消", {"sealed", "in_service"}},
    {"sealed", "已封存", {"awaiting_disposal", "in_service"}},
    {"awaiting_disposal", "待处置", {"scrapped", "auctioned"}},
    {"scrapped", "已报废", {}},
    {"auctioned", "已拍卖", {}},
    {"transferred", "已调拨", {}},
}};

const StatusInfo* find_status(std::string_view status) {
  const auto it = std::find_if(kStatuses.begin(), kStatuses.end(), [&](const StatusInfo& s) { return s.status == status; });
  return it == kStatuses.end() ? nullptr : &*it;
}

}  // namespace

bool is_known_status(std::string_view status) { return find_status(status) != nullptr; }

std::vector<std::string_view> all_statuses() {
  std::vector<std::string_view> out;
  for (const auto& s : kStatuses) out.push_back(s.status);
  return out;
}

std::string_view status_label(std::string_view status) {
  const auto* info = find_status(status);
  return info ? info->label : std::string_view{};
}

bool transition_allowed(std::string_view from, std::string_view to) {
  const auto* info = find_status(from);
  return info && !to.empty() && std::find(info->next.begin(), info->next.end(), to) != info->next.end();
}

void record_event(db::Tx& tx, const audit::Actor& actor, std::int64_t vehicle_id, const Event& event) {
  auto found = tx.query("SELECT status FROM vehicles WHERE tenant_id = $1 AND id = $2", actor.tenant_id, vehicle_id);
  if (found.empty()) throw http::not_found("车辆");
  const auto from = found.one().text(0);
  const auto now = util::now_utc();
  if (event.to_status) {
    if (!transition_allowed(from, *event.to_status)) {
      throw http::ApiError(409, "invalid_transition",
                           "车辆状态为「" + std::string(status_label(from)) + "」，不能变为「" +
                               std::string(status_label(*event.to_status)) + "」",
                           "status");
    }
    tx.query("UPDATE vehicles SET status = $3, updated_at = $4 WHERE tenant_id = $1 AND id = $2", actor.tenant_id, vehicle_id,
             *event.to_status, now);
  }
  tx.query("INSERT INTO vehicle_events (tenant_id, vehicle_id, at, happened_on, actor_account_id, action, from_status, to_status, "
           "reason, details) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
           actor.tenant_id, vehicle_id, now, event.happened_on, actor.account_id, event.action,
           event.to_status ? std::optional(from) : std::nullopt, event.to_status, event.reason,
           boost::json::serialize(event.details));
}

}  // namespace jiguan::vehicles
