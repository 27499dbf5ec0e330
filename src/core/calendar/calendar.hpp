// The working-day calendar (法定节假日 and 调休): weekends are off, State Council holidays
// are off, make-up working days (调休上班) are on. Shipped from the State Council notices
// for 2007–2026 (holidays_cn.csv; 2027's is not yet published); a tenant's administrators
// may add or change days (later years, corrections), stored in calendar_days. Working
// hours are 09:00–12:00 and 13:00–17:00 local time (UTC+8) on working days: 7 hours a day.
#pragma once

#include <boost/json/array.hpp>
#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/audit/audit.hpp"
#include "core/db/db.hpp"

namespace jiguan::calendar {

using Date = std::chrono::year_month_day;

std::optional<Date> parse_date(std::string_view iso);  // "2024-10-08"; nullopt if invalid
std::string format_date(Date d);

struct SpecialDay {
  Date date;
  bool off = false;  // true: holiday; false: make-up working day
  std::string name;  // 国庆节 …
};

// The days shipped in the binary, in strictly increasing date order (parsed once).
const std::vector<SpecialDay>& shipped_days();

class WorkCalendar {
 public:
  explicit WorkCalendar(std::vector<SpecialDay> special_days);  // later entries override earlier ones
  bool is_workday(Date d) const;
  // The n-th working day after `from` (from itself not counted); n = 0 returns from, a
  // negative n counts back to the n-th working day before `from`.
  Date add_workdays(Date from, int n) const;
  // Working days d with from < d <= to (0 when to <= from).
  int count_workdays(Date from, Date to) const;
  // Working time: the instant `hours` working hours after `start` (UTC), and the working
  // seconds between two instants (0 when end <= start). hours <= 0 returns start; more than
  // 10^6 hours (or NaN) throws std::invalid_argument.
  std::chrono::sys_seconds add_work_hours(std::chrono::sys_seconds start, double hours) const;
  std::int64_t work_seconds_between(std::chrono::sys_seconds start, std::chrono::sys_seconds end) const;
  std::vector<SpecialDay> special_days_of_year(int year) const;

 private:
  std::map<Date, SpecialDay> special_;
};

// Shipped days plus the tenant's own (which win).
WorkCalendar load_calendar(db::Tx& tx, std::int64_t tenant_id);

// [{"date","off","name"}, …] as the API and the audit trail show days.
boost::json::array days_json(const std::vector<SpecialDay>& days);

// One year of a tenant's calendar: the special days in effect, its working days, and where
// the special days come from: "shipped", "tenant" or "mixed" (both).
struct YearCalendar {
  int year = 0;
  std::vector<SpecialDay> days;
  int workdays = 0;
  std::string source;
};
YearCalendar year_calendar(db::Tx& tx, std::int64_t tenant_id, int year);

// Replaces the tenant's own days of `year` (shipped days stay; the tenant's override them).
// Every date must lie in that year and appear once, else 422 naming days[i].date. Writes
// one audit row: update calendar <year> {"days":{"from":old,"to":new}}.
void replace_tenant_days(db::Tx& tx, const audit::Actor& actor, int year, std::vector<SpecialDay> days);

}  // namespace jiguan::calendar
