// The clock of 限时办结 (every step has a time limit in working days or working hours):
// when a step falls due, how waiting for the applicant moves that, and whether a request
// is overdue or due soon. Pure functions over a WorkCalendar, so that every rule about
// time limits lives here and is unit-tested without a database.
//
// Rules:
// - A limit of N working days is due at the end of the N-th working day after the day the
//   step started (local date, UTC+8), at 17:00 local time; the start day is not counted.
// - A limit of N working hours is due N working hours after the start (09:00–12:00 and
//   13:00–17:00 on working days, see calendar.hpp).
// - The clock stops only while the request waits (a state of kind `waiting`). The working
//   time spent waiting is added to the step, so the due instant moves by exactly that much
//   working time: two working days of waiting move it two working days later.
// - Overdue: the clock has passed the due instant. Due soon: not overdue, and less than one
//   working day (working-day limits) or 20% of the limit (working-hour limits) remains.
//   While waiting, both are judged at the instant the clock stopped.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/calendar/calendar.hpp"

namespace jiguan::workflow {

using Instant = std::chrono::sys_seconds;

// "2024-09-30T02:00:00Z" (the stored and exchanged form, util/time.hpp); nullopt if malformed.
std::optional<Instant> parse_instant(std::string_view iso);
std::string format_instant(Instant t);

// The bureau works on Beijing time all year (no daylight saving).
inline constexpr std::chrono::hours kLocalOffset{8};
inline constexpr std::chrono::hours kWorkdayEnd{17};  // local time when a working-day limit falls due

enum class LimitUnit { workdays, workhours };
std::string_view limit_unit_name(LimitUnit unit);  // "workdays" | "workhours"
std::optional<LimitUnit> parse_limit_unit(std::string_view name);

struct TimeLimit {
  int value = 0;
  LimitUnit unit = LimitUnit::workdays;
  bool operator==(const TimeLimit&) const = default;
};

enum class StateKind { open, waiting, closed };

// Where the clock of a request's current step stands.
struct StepClock {
  Instant step_started{};
  std::int64_t paused_work_seconds = 0;  // waiting in this step so far, in working seconds (ended pauses)
  std::optional<Instant> paused_since;   // set while the request waits
  std::optional<Instant> due;            // none when the step has no limit
};

// The due instant of a step started at `started`, after `paused_work_seconds` of waiting.
Instant due_at(const calendar::WorkCalendar& calendar, Instant started, const TimeLimit& limit,
               std::int64_t paused_work_seconds);

// The clock of a step that starts now in a state with limit `limit` (none: no due instant).
StepClock start_step(const calendar::WorkCalendar& calendar, Instant now, const std::optional<TimeLimit>& limit);

// The clock after the request moves from a state of kind `from` to a different state of kind
// `to` whose limit is `to_limit`:
// - into a waiting state: the clock stops (the step goes on, its due instant is kept);
// - out of a waiting state into an open one: the same step goes on; the pause's working
//   time is added and the due instant recomputed with `to_limit`;
// - anything else: a new step starts now.
// `ended_pause_work_seconds` receives the working time of a pause that this move ends.
StepClock enter_state(const calendar::WorkCalendar& calendar, const StepClock& clock, StateKind from, StateKind to,
                      const std::optional<TimeLimit>& to_limit, Instant now, std::int64_t& ended_pause_work_seconds);

// The clock of a step whose limit changed: same start, same waiting, the new limit.
StepClock with_limit(const calendar::WorkCalendar& calendar, const StepClock& clock, const std::optional<TimeLimit>& limit);

struct ClockFlags {
  bool overdue = false;
  bool due_soon = false;
  bool paused = false;
};

// Flags of an open step (closed requests have none set).
ClockFlags clock_flags(const calendar::WorkCalendar& calendar, const StepClock& clock, const std::optional<TimeLimit>& limit,
                       Instant now);

}  // namespace jiguan::workflow
