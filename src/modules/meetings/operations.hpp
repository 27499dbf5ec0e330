// Meetings operations: approval through the platform workflow (approval.cpp), priority
// displacement (create_booking in bookings.cpp), check-in and the release of no-shows
// (checkin.cpp), and the service tasks of bookings (tasks.cpp). The pure rules are in
// ops_rules.cpp with their unit tests.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/audit/audit.hpp"
#include "core/auth/principal.hpp"
#include "core/db/db.hpp"
#include "modules/meetings/rules.hpp"

namespace jiguan::meetings {

// ---- Pure rules --------------------------------------------------------------------------

// "2026-03-02 09:00", Beijing time (UTC+8): how people read a meeting's time in titles.
std::string beijing_text(Instant t);

// Congress sessions and leadership meetings may displace other bookings (the issue: "priority
// meetings … may displace a booking only with a recorded reason").
bool is_priority_meeting(const std::string& meeting_type);

// Check-in runs from `opens_minutes` before the start until the end.
enum class CheckInWindow { too_early, open, ended };
CheckInWindow check_in_window(Instant start, Instant end, Instant now, std::int64_t opens_minutes);
// The no-show rule: a confirmed booking not checked in is released once it started at least
// release_after_minutes ago and has not ended. The latest start so released at `now`; nullopt
// when release_after_minutes is 0 (never release).
std::optional<Instant> release_started_by(Instant now, std::int64_t release_after_minutes);

// The service tasks a confirmed booking with services gets: set up from blocked_from until the
// start, serve until the end, clean up until end + the room's clean-up buffer (blocked_to −
// end) or kDefaultCleanup when it has none. None when no service is asked for (a service is
// asked for when its value is true, a non-empty string, a non-zero number or a non-empty
// array/object).
struct PlannedTask {
  std::string kind;  // setup | serve | cleanup
  std::string title;
  Instant starts;
  Instant due;
};
inline constexpr std::chrono::minutes kDefaultCleanup{30};
std::vector<PlannedTask> plan_tasks(const boost::json::object& services, Instant start, Instant end, Instant blocked_from,
                                    Instant blocked_to);

// ---- Approval (approval.cpp) ---------------------------------------------------------------

// The request type of booking approvals (会议室预订审批).
inline constexpr const char* kApprovalType = "meetings.booking";
// Registers the request type with its on_state hook; once per process, before the routes (the
// permission catalogue lists meetings.approve from it).
void register_request_types();
// The approval request of a booking just stored as pending: the open request of its series
// when there is one, else a new request submitted by the booker. Returns its id.
std::int64_t approval_request_for(db::Tx& tx, const auth::Principal& who, const audit::Actor& actor, std::int64_t booking_id,
                                  std::optional<std::int64_t> series_id);

// ---- Notifications of a booking's booker -----------------------------------------------------

// Notifies the booking's booker, unless the booker is the one acting (actor).
void notify_booker(db::Tx& tx, const audit::Actor& actor, const boost::json::object& booking, const std::string& kind,
                   const std::string& title, const std::string& body);
// 《title》（room, Beijing start–end）: a booking named in messages.
std::string booking_label(const boost::json::object& booking);

// ---- Check-in and release (checkin.cpp) ------------------------------------------------------

struct MeetingSettings {
  std::int64_t release_after_minutes = 15;  // 0 = never release
  std::int64_t check_in_opens_minutes = 30;
};
MeetingSettings load_settings(db::Tx& tx, std::int64_t tenant_id);
boost::json::object settings_json(const MeetingSettings& s);
// 422 naming the field outside 0…1440.
void save_settings(db::Tx& tx, const audit::Actor& actor, const MeetingSettings& settings);
// Checks a confirmed booking in at `now`: 409 not_confirmed / already_checked_in /
// check_in_closed (outside the window).
void check_in(db::Tx& tx, const audit::Actor& actor, std::int64_t booking_id, Instant now);
// Releases every no-show at `now` (see release_started_by); returns their ids.
std::vector<std::int64_t> release_no_shows(db::Tx& tx, const audit::Actor& actor, Instant now);

// ---- Service tasks (tasks.cpp; sync_service_tasks is in meetings.hpp) -----------------------

extern const char* const kTaskColumns;
extern const char* const kTaskFrom;
boost::json::object task_json(const db::Row& row);
std::optional<boost::json::object> find_task(db::Tx& tx, std::int64_t tenant_id, std::int64_t id);
// Marks an open task done by the actor (409 task_not_open otherwise).
void complete_task(db::Tx& tx, const audit::Actor& actor, std::int64_t id);
// Assigns a task to an active account whose role may serve (meetings.serve), or unassigns it.
void assign_task(db::Tx& tx, const audit::Actor& actor, std::int64_t id, std::optional<std::int64_t> account_id);

}  // namespace jiguan::meetings
