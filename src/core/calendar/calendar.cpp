#include "core/calendar/calendar.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <set>
#include <stdexcept>

#include "core/http/api_error.hpp"
#include "core/util/time.hpp"

namespace jiguan::calendar {
namespace json = boost::json;
using namespace std::chrono;

std::string_view holidays_cn_csv();  // holidays_cn.csv, embedded at build time (cmake/embed_text.cmake)

namespace {

// Working hours are set in Beijing time, which has had no daylight saving since 1991.
constexpr hours kUtcOffset{8};
constexpr std::array<std::pair<hours, hours>, 2> kWorkPeriods{{{hours(9), hours(12)}, {hours(13), hours(17)}}};

std::vector<SpecialDay> parse_shipped(std::string_view csv) {
  std::vector<SpecialDay> days;
  int line_no = 0;
  while (!csv.empty()) {
    const auto eol = csv.find('\n');
    const auto line = csv.substr(0, eol);
    csv.remove_prefix(eol == std::string_view::npos ? csv.size() : eol + 1);
    ++line_no;
    if (line.empty() || line.front() == '#') continue;
    const auto c1 = line.find(','), c2 = line.find(',', c1 + 1);
    const auto date = parse_date(line.substr(0, c1));
    const auto off = c2 == std::string_view::npos ? std::string_view() : line.substr(c1 + 1, c2 - c1 - 1);
    // Strictly increasing dates make the guarantees of shipped_days() hold by construction.
    if (!date || (off != "0" && off != "1") || c2 + 1 >= line.size() || (!days.empty() && days.back().date >= *date)) {
      throw std::logic_error("holidays_cn.csv line " + std::to_string(line_no) + " is malformed or out of order");
    }
    days.push_back({*date, off == "1", std::string(line.substr(c2 + 1))});
  }
  return days;
}

// Calls fn(begin, end) for each working period (UTC instants) that ends after `from`, in time
// order, the first one clipped to begin at `from`, until fn returns false.
template <class F>
void for_each_work_period(const WorkCalendar& calendar, sys_seconds from, F&& fn) {
  // Local wall-clock time, held in a sys_seconds so that floor<days> gives the local day.
  for (auto day = floor<days>(from + kUtcOffset);; day += days(1)) {
    if (!calendar.is_workday(Date(day))) continue;
    for (const auto& [open, close] : kWorkPeriods) {
      const sys_seconds begin = day + open - kUtcOffset, end = day + close - kUtcOffset;
      if (end > from && !fn(std::max(begin, from), end)) return;
    }
  }
}

// The first and last day of a year as stored text, to select a year's rows.
std::pair<std::string, std::string> year_bounds(int y) {
  return {format_date(year(y) / January / 1), format_date(year(y) / December / 31)};
}

std::vector<SpecialDay> tenant_days(db::Tx& tx, std::int64_t tenant_id, const std::pair<std::string, std::string>& range) {
  const auto result = tx.query(
      "SELECT day, off, name FROM calendar_days WHERE tenant_id = $1 AND day >= $2 AND day <= $3 ORDER BY day", tenant_id,
      range.first, range.second);
  std::vector<SpecialDay> days;
  for (const auto& row : result.rows) {
    const auto date = parse_date(row.text(0));
    if (!date) throw std::logic_error("calendar_days holds an invalid day: " + row.text(0));
    days.push_back({*date, row.int64(1) != 0, row.text(2)});
  }
  return days;
}

WorkCalendar shipped_plus(const std::vector<SpecialDay>& own) {
  auto days = shipped_days();
  days.insert(days.end(), own.begin(), own.end());
  return WorkCalendar(std::move(days));
}

}  // namespace

std::optional<Date> parse_date(std::string_view iso) {
  if (iso.size() != 10 || iso[4] != '-' || iso[7] != '-') return std::nullopt;
  auto number = [&](std::size_t pos, std::size_t len) -> std::optional<int> {
    int v = 0;
    for (auto c : iso.substr(pos, len)) {
      if (c < '0' || c > '9') return std::nullopt;
      v = v * 10 + (c - '0');
    }
    return v;
  };
  const auto y = number(0, 4), m = number(5, 2), d = number(8, 2);
  if (!y || !m || !d) return std::nullopt;
  const Date date{year(*y), month(static_cast<unsigned>(*m)), day(static_cast<unsigned>(*d))};
  if (!date.ok()) return std::nullopt;
  return date;
}

std::string format_date(Date d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(d.year()), static_cast<unsigned>(d.month()),
                static_cast<unsigned>(d.day()));
  return buf;
}

const std::vector<SpecialDay>& shipped_days() {
  static const std::vector<SpecialDay> days = parse_shipped(holidays_cn_csv());
  return days;
}

WorkCalendar::WorkCalendar(std::vector<SpecialDay> special_days) {
  for (auto& d : special_days) special_.insert_or_assign(d.date, std::move(d));
}

bool WorkCalendar::is_workday(Date d) const {
  if (auto it = special_.find(d); it != special_.end()) return !it->second.off;
  const weekday wd{sys_days(d)};
  return wd != Saturday && wd != Sunday;
}

Date WorkCalendar::add_workdays(Date from, int n) const {
  const days step(n < 0 ? -1 : 1);
  auto d = sys_days(from);
  for (auto left = n < 0 ? -static_cast<std::int64_t>(n) : n; left > 0;) {
    d += step;
    if (is_workday(Date(d))) --left;
  }
  return Date(d);
}

int WorkCalendar::count_workdays(Date from, Date to) const {
  int n = 0;
  for (auto d = sys_days(from) + days(1); d <= sys_days(to); d += days(1)) n += is_workday(Date(d));
  return n;
}

sys_seconds WorkCalendar::add_work_hours(sys_seconds start, double hours) const {
  if (!(hours <= 1e6)) throw std::invalid_argument("add_work_hours: hours must be a number up to 10^6");
  if (hours <= 0) return start;
  auto left = seconds(std::llround(hours * 3600));
  sys_seconds result = start;
  for_each_work_period(*this, start, [&](sys_seconds begin, sys_seconds end) {
    if (left <= end - begin) {
      result = begin + left;
      return false;
    }
    left -= end - begin;
    return true;
  });
  return result;
}

std::int64_t WorkCalendar::work_seconds_between(sys_seconds start, sys_seconds end) const {
  if (end <= start) return 0;
  seconds total{0};
  for_each_work_period(*this, start, [&](sys_seconds begin, sys_seconds period_end) {
    if (begin >= end) return false;
    total += std::min(period_end, end) - begin;
    return true;
  });
  return total.count();
}

std::vector<SpecialDay> WorkCalendar::special_days_of_year(int y) const {
  std::vector<SpecialDay> out;
  const auto first = special_.lower_bound(year(y) / January / 1), last = special_.upper_bound(year(y) / December / 31);
  for (auto it = first; it != last; ++it) out.push_back(it->second);
  return out;
}

WorkCalendar load_calendar(db::Tx& tx, std::int64_t tenant_id) {
  return shipped_plus(tenant_days(tx, tenant_id, {"0000-01-01", "9999-12-31"}));
}

json::array days_json(const std::vector<SpecialDay>& days) {
  json::array out;
  for (const auto& d : days) out.push_back({{"date", format_date(d.date)}, {"off", d.off}, {"name", d.name}});
  return out;
}

YearCalendar year_calendar(db::Tx& tx, std::int64_t tenant_id, int y) {
  const auto own = tenant_days(tx, tenant_id, year_bounds(y));
  // Only days of this year matter below, so the tenant's other years need not be loaded.
  const auto calendar = shipped_plus(own);
  const bool shipped = std::any_of(shipped_days().begin(), shipped_days().end(),
                                   [&](const SpecialDay& d) { return d.date.year() == year(y); });
  return {y, calendar.special_days_of_year(y),
          calendar.count_workdays(year(y - 1) / December / 31, year(y) / December / 31),
          own.empty() ? "shipped" : shipped ? "mixed" : "tenant"};
}

void replace_tenant_days(db::Tx& tx, const audit::Actor& actor, int y, std::vector<SpecialDay> days) {
  std::set<Date> seen;
  for (std::size_t i = 0; i < days.size(); ++i) {
    const auto field = "days[" + std::to_string(i) + "].date";
    if (days[i].date.year() != year(y)) throw http::invalid(field, "日期应在 " + std::to_string(y) + " 年内");
    if (!seen.insert(days[i].date).second) throw http::invalid(field, "日期重复：" + format_date(days[i].date));
  }
  std::sort(days.begin(), days.end(), [](const SpecialDay& a, const SpecialDay& b) { return a.date < b.date; });
  const auto bounds = year_bounds(y);
  const auto before = tenant_days(tx, actor.tenant_id, bounds);
  tx.query("DELETE FROM calendar_days WHERE tenant_id = $1 AND day >= $2 AND day <= $3", actor.tenant_id, bounds.first,
           bounds.second);
  const auto now = util::now_utc();
  for (const auto& d : days) {
    tx.query("INSERT INTO calendar_days (tenant_id, day, off, name, updated_at) VALUES ($1, $2, $3, $4, $5)",
             actor.tenant_id, format_date(d.date), d.off, d.name, now);
  }
  audit::record(tx, actor, {"update", "calendar", y, {{"days", {{"from", days_json(before)}, {"to", days_json(days)}}}}});
}

}  // namespace jiguan::calendar
