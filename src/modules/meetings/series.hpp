// Recurring series of bookings (meeting_series, migration 0002): preview, create, turn a
// booking into a series, edit one occurrence / this and following / all, cancel with a scope.
// Every occurrence goes through check_booking and clash_of like a single booking; a series is
// written completely or not at all (409 series_conflict lists every occurrence otherwise).
// A cancelled occurrence stays as a cancelled row, so regeneration never books its date again.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>

#include "modules/meetings/meetings.hpp"
#include "modules/meetings/recurrence.hpp"

namespace jiguan::meetings {

// A series: the booking template (its start/end unused), the local times of day and the rule.
struct SeriesFields {
  BookingFields booking;
  int start_minute = 0;  // Beijing local minute of day
  int end_minute = 0;
  Rule rule;
};
// The template and times of day from a booking body whose start/end are the first occurrence
// (named first_start/first_end in errors); the rule's first date is their local date.
SeriesFields series_from_first(BookingFields booking, Rule rule);

// {"occurrences":[{"date","start","end","status":"free"|"conflict","booking_id"?}],
//  "skipped":[{"date","reason"}],"conflicts":N}, writing nothing.
boost::json::object preview_series(db::Tx& tx, const auth::Principal& who, const SeriesFields& fields);
// Books every date; 409 series_conflict when one clashes unless skip_conflicts (then those
// dates are left out). Returns the series id.
std::int64_t create_series(db::Tx& tx, const auth::Principal& who, const audit::Actor& actor, const SeriesFields& fields,
                           bool skip_conflicts);
// A single booking becomes the first occurrence of a new series with the rule (its first date
// is the booking's local date, which the rule must produce).
std::int64_t repeat_booking(db::Tx& tx, const auth::Principal& who, const audit::Actor& actor, std::int64_t booking_id,
                            Rule rule, bool skip_conflicts);

// The changes of PATCH /meetings/bookings/{id}: absent fields stay.
struct BookingChanges {
  std::optional<std::int64_t> room_id;
  std::optional<std::string> title;
  std::optional<std::string> chair;
  std::optional<std::int64_t> attendees;
  std::optional<std::string> meeting_type;
  std::optional<boost::json::object> services;
  std::optional<std::string> notes;
  std::optional<std::string> start;
  std::optional<std::string> end;
  std::optional<Rule> recurrence;  // its first date is set by the edit
};
// scope one | following | all. Returns the series to answer for following/all (nullopt for one).
std::optional<std::int64_t> edit_booking(db::Tx& tx, const auth::Principal& who, const audit::Actor& actor, std::int64_t booking_id,
                        const std::string& scope, const BookingChanges& changes);
// Cancels the booking (scope one), it and the later occurrences of its series (following) or
// every occurrence not yet started (all).
void cancel_with_scope(db::Tx& tx, const audit::Actor& actor, std::int64_t booking_id, const std::string& reason,
                       const std::string& scope);

// The series with its occurrences (cancelled included, by date); nullopt if none.
std::optional<boost::json::object> find_series(db::Tx& tx, std::int64_t tenant_id, std::int64_t id);

extern const char* const kSeriesColumns;
extern const char* const kSeriesFrom;
boost::json::object series_json(const db::Row& row);

}  // namespace jiguan::meetings
