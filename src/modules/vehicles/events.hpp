// A vehicle's life: its status machine and the append-only timeline (vehicle_events).
// Every status change anywhere in the module goes through record_event(), which checks
// the transition against the one table below and writes the timeline row; the caller
// writes the request's audit row.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/audit/audit.hpp"
#include "core/db/db.hpp"

namespace jiguan::vehicles {

// in_service → cancelled (reform decision), sealed, transferred (调拨), scrapped (ordinary
// end of life); cancelled → sealed, or back to in_service when the decision is revised;
// sealed → awaiting_disposal (handed over), or in_service (unsealed); awaiting_disposal →
// scrapped or auctioned. scrapped, auctioned and transferred are final.
bool transition_allowed(std::string_view from, std::string_view to);
bool is_known_status(std::string_view status);
// Every status, in the order of the machine (e.g. the columns of the fleet report).
std::vector<std::string_view> all_statuses();
std::string_view status_label(std::string_view status);  // Chinese label, "" if unknown

struct Event {
  std::string action;                    // register | update | decide | seal | hand_over | appraise | scrap | lot | sell | unsold | status | allocate …
  std::optional<std::string> to_status;  // set: the vehicle moves there (checked)
  std::string reason;
  std::optional<std::string> happened_on;  // the business day (YYYY-MM-DD), if any
  boost::json::object details;
};

// Appends the event; with to_status, moves the vehicle from its current status after
// checking the transition (409 invalid_transition naming both statuses). Throws
// http::not_found when the vehicle is not in the tenant.
void record_event(db::Tx& tx, const audit::Actor& actor, std::int64_t vehicle_id, const Event& event);

}  // namespace jiguan::vehicles
