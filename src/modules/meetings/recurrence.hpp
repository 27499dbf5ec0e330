// Recurring series as plain rules: which local dates a rule produces (daily, weekly on chosen
// ISO weekdays, monthly on the first date's day of month), until a date or N times, skipping
// non-working days of the working-day calendar on request; and Beijing local time (UTC+8, no
// daylight saving) to and from instants. series.cpp materialises the dates as bookings.
#pragma once

#include <chrono>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/calendar/calendar.hpp"
#include "modules/meetings/rules.hpp"

namespace jiguan::meetings {

using calendar::Date;

inline constexpr int kMaxOccurrences = 366;

struct Rule {
  std::string freq = "weekly";       // daily | weekly | monthly
  std::set<unsigned> weekdays;       // weekly: ISO weekdays 1 = Mon … 7 = Sun
  Date first{};                      // the first date (a monthly rule repeats its day of month)
  std::optional<Date> until;         // inclusive; exactly one of until and count
  std::optional<int> count;          // 1 … kMaxOccurrences occurrences
  bool skip_holidays = false;        // skip every non-working day (weekends and 法定节假日), keep 调休上班 days
};

// 422 naming the field (recurrence.freq, recurrence.weekdays, recurrence.until, recurrence.count)
// when the rule is malformed; expand() checks the 366-occurrence limit of an until rule.
void validate_rule(const Rule& rule);

struct SkippedDate {
  Date date;
  std::string reason;  // weekend | holiday
};
struct Expansion {
  std::vector<Date> dates;            // in order, at most kMaxOccurrences
  std::vector<SkippedDate> skipped;   // dates the rule matched but the calendar took off
};
// The dates of a valid rule. Throws 422 recurrence.until when an until rule produces more than
// kMaxOccurrences dates, and 422 recurrence when it produces none.
Expansion expand(const Rule& rule, const calendar::WorkCalendar& calendar);

// Beijing local time: the local date and minute of day of an instant, and back.
struct LocalTime {
  Date date;
  int minute = 0;  // 0 … 1439
};
LocalTime to_local(Instant t);
Instant from_local(Date date, int minute);
std::string minute_text(int minute);  // "09:30"

}  // namespace jiguan::meetings
