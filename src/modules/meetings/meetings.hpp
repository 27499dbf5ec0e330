// Meeting rooms and bookings: validation, storage and the no-clash rule (rules.hpp), each
// change in the caller's write transaction with one audit row. routes.cpp parses HTTP.
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/audit/audit.hpp"
#include "core/auth/principal.hpp"
#include "core/db/db.hpp"
#include "core/http/api_error.hpp"
#include "modules/meetings/rules.hpp"

namespace jiguan::meetings {

// ---- Rooms -------------------------------------------------------------------------------

struct RoomFields {
  std::string building;
  std::string floor;
  std::string room_no;
  std::string name;
  std::int64_t capacity = 0;
  std::string layout = "boardroom";
  std::set<std::string> equipment;      // kEquipment codes
  bool bookable = true;
  std::set<std::string> booking_roles;  // role codes; empty = every role
  bool needs_approval = false;
  std::int64_t setup_minutes = 0;
  std::int64_t cleanup_minutes = 0;
  bool active = true;
  std::string notes;
  std::vector<std::int64_t> part_ids;   // a combined room's parts (two or more), else empty
};

// The equipment codes a room may list (projector, screen, microphones, video conferencing, LED banner).
bool is_equipment(const std::string& code);

// The room's stored fields (a PATCH applies its changes to these); nullopt if no such room.
std::optional<RoomFields> find_room_fields(db::Tx& tx, std::int64_t tenant_id, std::int64_t id);
std::optional<boost::json::object> find_room(db::Tx& tx, std::int64_t tenant_id, std::int64_t id);
std::int64_t create_room(db::Tx& tx, const audit::Actor& actor, const RoomFields& fields);
void update_room(db::Tx& tx, const audit::Actor& actor, std::int64_t id, const RoomFields& fields);

// Every combination of the tenant with its parts.
Combinations load_combinations(db::Tx& tx, std::int64_t tenant_id);

// The SELECT list and FROM of rooms (alias r) and one row of it as JSON.
extern const char* const kRoomColumns;
extern const char* const kRoomFrom;
boost::json::object room_json(const db::Row& row, const Combinations& combinations);

// Rooms the caller may book that are free over [from, to) (each with its own buffers) and
// seat `attendees`, smallest fitting first; except_room is left out (the one just refused).
boost::json::array available_rooms(db::Tx& tx, const auth::Principal& who, Instant from, Instant to, std::int64_t attendees,
                                   std::optional<std::int64_t> except_room = std::nullopt);

// ---- Bookings ----------------------------------------------------------------------------

struct BookingFields {
  std::int64_t room_id = 0;
  std::string title;
  std::int64_t host_unit_id = 0;
  std::string chair;
  std::int64_t attendees = 0;
  std::string start;  // ISO-8601 with offset, as sent
  std::string end;
  std::string meeting_type = "regular";
  boost::json::object services;
  std::string notes;
};

// A booking request that passed every check against its room (times, capacity, bookable and
// role, host unit in scope): what insert_booking stores.
struct CheckedBooking {
  RoomFields room;
  Instant start{};
  Instant end{};
  Interval blocked{};              // start/end widened by the room's buffers
  std::set<std::int64_t> tied;     // the rooms whose bookings exclude this one (rooms_tied_to)
};
CheckedBooking check_booking(db::Tx& tx, const auth::Principal& who, const BookingFields& fields);
// Locks the tied rooms (in id order) and returns the first live booking that clashes.
std::optional<std::int64_t> clash_of(db::Tx& tx, std::int64_t tenant_id, const CheckedBooking& checked);
// 409 conflict naming the clashing booking, with free rooms that fit as suggestions.
http::ApiError conflict_error(db::Tx& tx, const auth::Principal& who, const BookingFields& fields, const CheckedBooking& checked,
                              std::int64_t clash);
// An occurrence of a recurring series: the series and the local date its rule produced.
struct SeriesOccurrence {
  std::int64_t series_id = 0;
  std::string date;  // YYYY-MM-DD
};
// Stores a checked booking with one audit row: pending when the room needs approval (with its
// approval request, the series' open one when there is one), then its service tasks.
std::int64_t insert_booking(db::Tx& tx, const auth::Principal& who, const audit::Actor& actor, const BookingFields& fields,
                            const CheckedBooking& checked, const std::optional<SeriesOccurrence>& occurrence);
// check_booking, then 409 on a clash, then insert_booking. Returns the id. With a
// displace_reason (a priority meeting booked by a meetings.manage holder, else 403/422
// "displace"), the clashing bookings are cancelled instead ("因优先会议调整：<reason>",
// displaced_by) and their bookers notified; a clashing priority meeting still answers 409.
std::int64_t create_booking(db::Tx& tx, const auth::Principal& who, const audit::Actor& actor, const BookingFields& fields,
                            const std::optional<std::string>& displace_reason = std::nullopt);
// Sets a live booking cancelled (how and why) and cancels its open tasks; false (nothing
// done) when it is cancelled already. No audit row: the caller records the change it is
// part of.
struct Cancellation {
  std::string reason;
  std::optional<std::int64_t> displaced_by;
  bool released = false;
};
bool mark_cancelled(db::Tx& tx, const audit::Actor& actor, std::int64_t id, const Cancellation& cancellation);
// Cancels a live booking with the reason; 409 when it is cancelled already.
void cancel_booking(db::Tx& tx, const audit::Actor& actor, std::int64_t id, const std::string& reason);

// The live bookings of any of `rooms` whose blocked interval overlaps `blocked`, earliest
// first, and the first of them.
std::vector<std::int64_t> clashing_bookings(db::Tx& tx, std::int64_t tenant_id, const std::set<std::int64_t>& rooms,
                                            const Interval& blocked);
std::optional<std::int64_t> first_clash(db::Tx& tx, std::int64_t tenant_id, const std::set<std::int64_t>& rooms,
                                        const Interval& blocked);

std::optional<boost::json::object> find_booking(db::Tx& tx, std::int64_t tenant_id, std::int64_t id);

// Brings a booking's service tasks in line with the booking as it now is (created, moved,
// confirmed, cancelled), in the caller's transaction (tasks.cpp). Every change of a booking's
// time, room, services or status calls it.
void sync_service_tasks(db::Tx& tx, const audit::Actor& actor, std::int64_t booking_id);

extern const char* const kBookingColumns;
extern const char* const kBookingFrom;
boost::json::object booking_json(const db::Row& row);

}  // namespace jiguan::meetings
