#include "modules/meetings/recurrence.hpp"

#include <cstdio>

#include "core/http/api_error.hpp"

namespace jiguan::meetings {

using namespace std::chrono;

namespace {

constexpr hours kBeijingOffset{8};
// A rule that keeps skipping (a calendar marking whole years off) stops looking after ten years.
constexpr days kLongestScan{3660};

bool matches(const Rule& rule, Date d) {
  if (rule.freq == "daily") return true;
  if (rule.freq == "weekly") return rule.weekdays.contains(weekday(sys_days(d)).iso_encoding());
  return d.day() == rule.first.day();  // monthly: months without that day never match
}

// The calendar's holidays are its special days off; any other day off is a weekend.
std::string off_reason(const calendar::WorkCalendar& calendar, Date d) {
  for (const auto& special : calendar.special_days_of_year(static_cast<int>(d.year()))) {
    if (special.date == d && special.off) return "holiday";
  }
  return "weekend";
}

}  // namespace

void validate_rule(const Rule& rule) {
  if (rule.freq != "daily" && rule.freq != "weekly" && rule.freq != "monthly") {
    throw http::invalid("recurrence.freq", "重复频率应为 daily、weekly 或 monthly");
  }
  if (rule.freq == "weekly") {
    if (rule.weekdays.empty()) throw http::invalid("recurrence.weekdays", "每周重复须选择星期几（1=周一 … 7=周日）");
    for (const auto d : rule.weekdays) {
      if (d < 1 || d > 7) throw http::invalid("recurrence.weekdays", "星期应为 1（周一）至 7（周日）");
    }
  } else if (!rule.weekdays.empty()) {
    throw http::invalid("recurrence.weekdays", "只有每周重复才能选择星期几");
  }
  if (rule.until.has_value() == rule.count.has_value()) {
    throw http::invalid("recurrence.until", "须给出截止日期 until 或重复次数 count，且只能给出其一");
  }
  if (rule.until && sys_days(*rule.until) < sys_days(rule.first)) {
    throw http::invalid("recurrence.until", "截止日期不能早于首次日期 " + calendar::format_date(rule.first));
  }
  if (rule.count && (*rule.count < 1 || *rule.count > kMaxOccurrences)) {
    throw http::invalid("recurrence.count", "重复次数应在 1 至 " + std::to_string(kMaxOccurrences) + " 之间");
  }
}

Expansion expand(const Rule& rule, const calendar::WorkCalendar& calendar) {
  Expansion out;
  const auto first = sys_days(rule.first);
  const auto last = rule.until ? sys_days(*rule.until) : first + kLongestScan;
  for (auto d = first; d <= last; d += days(1)) {
    if (rule.count && static_cast<int>(out.dates.size()) == *rule.count) break;
    const Date date(d);
    if (!matches(rule, date)) continue;
    if (rule.skip_holidays && !calendar.is_workday(date)) {
      out.skipped.push_back({date, off_reason(calendar, date)});
      continue;
    }
    if (out.dates.size() == kMaxOccurrences) {
      throw http::invalid("recurrence.until", "一个系列最多 " + std::to_string(kMaxOccurrences) + " 次，请提前截止日期");
    }
    out.dates.push_back(date);
  }
  if (out.dates.empty()) throw http::invalid("recurrence", "该重复规则没有产生任何日期");
  return out;
}

LocalTime to_local(Instant t) {
  const auto local = t + kBeijingOffset;
  const auto day = floor<days>(local);
  return {Date(day), static_cast<int>(duration_cast<minutes>(local - day).count())};
}

Instant from_local(Date date, int minute) { return sys_days(date) + minutes(minute) - kBeijingOffset; }

std::string minute_text(int minute) {
  char buf[16];  // room for any int, though minute is 0…1439
  std::snprintf(buf, sizeof buf, "%02d:%02d", minute / 60, minute % 60);
  return buf;
}

}  // namespace jiguan::meetings
