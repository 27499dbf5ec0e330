#include "core/workflow/time_limits.hpp"

#include <charconv>

#include "core/util/time.hpp"

namespace jiguan::workflow {
namespace chrono = std::chrono;

namespace {

constexpr std::int64_t kWorkdaySeconds = 7 * 3600;  // 09:00–12:00 and 13:00–17:00

std::optional<int> digits(std::string_view text, std::size_t at, std::size_t count) {
  int v = 0;
  auto [end, ec] = std::from_chars(text.data() + at, text.data() + at + count, v);
  if (ec != std::errc() || end != text.data() + at + count) return std::nullopt;
  return v;
}

calendar::Date local_date(Instant t) { return calendar::Date{chrono::floor<chrono::days>(t + kLocalOffset)}; }

Instant end_of_workday(calendar::Date d) { return Instant{chrono::sys_days{d}} + kWorkdayEnd - kLocalOffset; }

Instant add_work_seconds(const calendar::WorkCalendar& calendar, Instant from, std::int64_t seconds) {
  return seconds > 0 ? calendar.add_work_hours(from, static_cast<double>(seconds) / 3600.0) : from;
}

}  // namespace

std::optional<Instant> parse_instant(std::string_view iso) {
  // Exactly "YYYY-MM-DDTHH:MM:SSZ".
  if (iso.size() != 20 || iso[4] != '-' || iso[7] != '-' || iso[10] != 'T' || iso[13] != ':' || iso[16] != ':' ||
      iso[19] != 'Z') {
    return std::nullopt;
  }
  auto y = digits(iso, 0, 4), mo = digits(iso, 5, 2), d = digits(iso, 8, 2);
  auto h = digits(iso, 11, 2), mi = digits(iso, 14, 2), s = digits(iso, 17, 2);
  if (!y || !mo || !d || !h || !mi || !s || *h > 23 || *mi > 59 || *s > 59) return std::nullopt;
  const chrono::year_month_day date{chrono::year{*y}, chrono::month{static_cast<unsigned>(*mo)},
                                    chrono::day{static_cast<unsigned>(*d)}};
  if (!date.ok()) return std::nullopt;
  return Instant{chrono::sys_days{date}} + chrono::hours{*h} + chrono::minutes{*mi} + chrono::seconds{*s};
}

std::string format_instant(Instant t) { return util::to_iso_utc(t); }

std::string_view limit_unit_name(LimitUnit unit) { return unit == LimitUnit::workdays ? "workdays" : "workhours"; }

std::optional<LimitUnit> parse_limit_unit(std::string_view name) {
  if (name == "workdays") return LimitUnit::workdays;
  if (name == "workhours") return LimitUnit::workhours;
  return std::nullopt;
}

Instant due_at(const calendar::WorkCalendar& calendar, Instant started, const TimeLimit& limit,
               std::int64_t paused_work_seconds) {
  const Instant base = limit.unit == LimitUnit::workdays
                           ? end_of_workday(calendar.add_workdays(local_date(started), limit.value))
                           : calendar.add_work_hours(started, limit.value);
  return add_work_seconds(calendar, base, paused_work_seconds);
}

StepClock start_step(const calendar::WorkCalendar& calendar, Instant now, const std::optional<TimeLimit>& limit) {
  StepClock clock{now, 0, std::nullopt, std::nullopt};
  if (limit) clock.due = due_at(calendar, now, *limit, 0);
  return clock;
}

StepClock enter_state(const calendar::WorkCalendar& calendar, const StepClock& clock, StateKind from, StateKind to,
                      const std::optional<TimeLimit>& to_limit, Instant now, std::int64_t& ended_pause_work_seconds) {
  ended_pause_work_seconds = 0;
  if (to == StateKind::waiting) {
    StepClock paused = clock;
    if (!paused.paused_since) paused.paused_since = now;
    return paused;
  }
  if (from == StateKind::waiting && clock.paused_since) {
    ended_pause_work_seconds = calendar.work_seconds_between(*clock.paused_since, now);
  }
  if (from == StateKind::waiting && to == StateKind::open) {
    StepClock resumed = clock;
    resumed.paused_work_seconds += ended_pause_work_seconds;
    resumed.paused_since.reset();
    return with_limit(calendar, resumed, to_limit);
  }
  return start_step(calendar, now, to_limit);
}

StepClock with_limit(const calendar::WorkCalendar& calendar, const StepClock& clock, const std::optional<TimeLimit>& limit) {
  StepClock out = clock;
  out.due = limit ? std::optional(due_at(calendar, clock.step_started, *limit, clock.paused_work_seconds)) : std::nullopt;
  return out;
}

ClockFlags clock_flags(const calendar::WorkCalendar& calendar, const StepClock& clock, const std::optional<TimeLimit>& limit,
                       Instant now) {
  ClockFlags flags;
  flags.paused = clock.paused_since.has_value();
  if (!clock.due || !limit) return flags;
  // While waiting the clock stands still: judge it where it stopped.
  const Instant at = clock.paused_since.value_or(now);
  flags.overdue = at > *clock.due;
  const std::int64_t remaining = calendar.work_seconds_between(at, *clock.due);
  const std::int64_t warn_below =
      limit->unit == LimitUnit::workdays ? kWorkdaySeconds : static_cast<std::int64_t>(limit->value) * 3600 / 5;
  flags.due_soon = !flags.overdue && remaining < warn_below;
  return flags;
}

}  // namespace jiguan::workflow
