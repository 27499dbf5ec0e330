// Space requests (办公用房调配): a unit applies for more, less or different office space, with
// its reason and the occupancy changes it proposes; approval goes through the platform
// workflow (request type space.request), and the approval applies the changes. Domain rules
// only; no HTTP here (requests.cpp).
//
// Rules:
// - kind more | less | different; reason 1–1000 characters; the unit exists; 1–50 changes.
// - A change is assign (person_id to the office room_id from effective_date) or end
//   (the open occupancy_id on effective_date). The people concerned belong to the applying
//   unit or a unit under it; the room is an office; the occupancy is still open.
//   effective_date is optional: absent, the change takes effect on the day it is approved;
//   given, it is not after today (the registry records what has happened) nor, for an end,
//   before the occupancy's start. Errors name the field, e.g. changes[1].room_id.
// - submitted (5 working days, by space.approve holders) → approved | rejected, or withdrawn
//   by the applicant. On approval, in the approver's transaction, the ends are applied
//   first (so that a move frees the person's office), then the assigns, each in the order
//   given, through assign_occupant / end_occupancy (registry.hpp) with their own audit
//   rows; any of them refused undoes the approval, and the error names the change.
//   Rejected or withdrawn requests change nothing.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/db/db.hpp"
#include "core/workflow/workflow.hpp"

namespace jiguan::space {

inline constexpr const char* kRequestType = "space.request";
// Registers the request type with its on_state hook; once per process, before the routes.
void register_request_types();

struct RequestChange {
  std::string action;  // assign | end
  std::optional<std::int64_t> person_id, room_id, occupancy_id;
  std::optional<std::string> effective_date;  // nullopt: the day of the approval
};

struct SpaceRequestFields {
  std::int64_t unit_id = 0;
  std::string kind;  // more | less | different
  std::string reason;
  std::vector<RequestChange> changes;
};

// Checks the rules above and submits the workflow request (applicant: the caller) with its
// changes; returns the request's id, which is the space request's id too.
std::int64_t submit_space_request(db::Tx& tx, const workflow::Caller& caller, const SpaceRequestFields& fields);

// List rows: the space request (alias sr) with its workflow request (alias r, so that
// workflow::visible_to applies) and unit.
extern const char* const kSpaceRequestColumns;
extern const char* const kSpaceRequestFrom;
// {id, unit_id, unit_name, kind, kind_label, reason, state, state_label, title, applicant,
// change_count, applied_at, created_at}.
boost::json::object space_request_json(const db::Row& row);
// The request with its changes [{position, action, person_id, person_name, room_id,
// room_number, building, occupancy_id, effective_date, result_occupancy_id}] and its
// workflow detail (history, allowed actions) as `request`; nullopt when it does not exist
// or the caller may not see it.
std::optional<boost::json::object> space_request_detail(db::Tx& tx, const workflow::Caller& caller, std::int64_t id);

}  // namespace jiguan::space
