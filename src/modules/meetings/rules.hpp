// The booking rules as plain functions: instants with offsets, blocked intervals (a meeting
// plus the room's set-up and clean-up buffers), overlap, and which rooms a combination ties
// together. bookings.cpp applies them inside the write transaction.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "core/util/time.hpp"

namespace jiguan::meetings {

// Times with offsets (core/util/time.hpp), the module's vocabulary for instants.
using util::Instant;
using util::now_instant;
using util::parse_instant;
using util::to_utc_text;

struct Interval {
  Instant from;
  Instant to;  // exclusive
};
// [start - setup, end + cleanup): the time the room is taken, buffers included.
Interval blocked_interval(Instant start, Instant end, std::int64_t setup_minutes, std::int64_t cleanup_minutes);
// Half-open intervals overlap when each starts before the other ends (back-to-back is fine).
bool overlaps(const Interval& a, const Interval& b);

// The longest booking: one day (a meeting may run past midnight but not for days).
inline constexpr std::chrono::hours kMaxBookingLength{24};

// Combined rooms: combination id → its part ids. A room's atoms are its parts when it is a
// combination, else itself; two rooms clash when their atoms meet. rooms_tied_to(room) is
// every room whose bookings exclude the room's (itself included), in id order.
using Combinations = std::map<std::int64_t, std::set<std::int64_t>>;
std::set<std::int64_t> rooms_tied_to(std::int64_t room_id, const Combinations& combinations);

bool is_layout(std::string_view layout);            // boardroom | theatre | classroom | u_shape
bool is_meeting_type(std::string_view type);        // regular | leadership | congress | training | external
// A role may book a room whose booking_roles is empty or names it.
bool role_may_book(const std::set<std::string>& booking_roles, const std::string& role);

}  // namespace jiguan::meetings
