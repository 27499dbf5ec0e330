#include "modules/meetings/recurrence.hpp"

#include <gtest/gtest.h>

#include "core/http/api_error.hpp"

namespace jiguan::meetings {
namespace {

Date day(const char* iso) { return *calendar::parse_date(iso); }

std::vector<std::string> texts(const std::vector<Date>& dates) {
  std::vector<std::string> out;
  for (const auto d : dates) out.push_back(calendar::format_date(d));
  return out;
}

const calendar::WorkCalendar& shipped() {
  static const calendar::WorkCalendar calendar(calendar::shipped_days());
  return calendar;
}

std::string field_of(const Rule& rule) {
  try {
    validate_rule(rule);
    expand(rule, shipped());
  } catch (const http::ApiError& e) {
    return e.field();
  }
  return "";
}

TEST(MeetingRecurrence, WeeklyOnChosenWeekdaysUntilADate) {
  // Mondays and Wednesdays from Tue 2026-12-01 to Mon 2026-12-14 inclusive.
  const Rule rule{"weekly", {1, 3}, day("2026-12-01"), day("2026-12-14"), std::nullopt, false};
  EXPECT_EQ(texts(expand(rule, shipped()).dates),
            (std::vector<std::string>{"2026-12-02", "2026-12-07", "2026-12-09", "2026-12-14"}));
}

TEST(MeetingRecurrence, CountStopsAfterNOccurrences) {
  const Rule daily{"daily", {}, day("2026-12-30"), std::nullopt, 4, false};
  EXPECT_EQ(texts(expand(daily, shipped()).dates),
            (std::vector<std::string>{"2026-12-30", "2026-12-31", "2027-01-01", "2027-01-02"}));
  const Rule weekly{"weekly", {5}, day("2026-12-04"), std::nullopt, 3, false};
  EXPECT_EQ(texts(expand(weekly, shipped()).dates), (std::vector<std::string>{"2026-12-04", "2026-12-11", "2026-12-18"}));
}

// A monthly rule on the 31st meets only the months that have one.
TEST(MeetingRecurrence, MonthlyOnThe31stSkipsShortMonths) {
  const Rule rule{"monthly", {}, day("2026-12-31"), std::nullopt, 4, false};
  EXPECT_EQ(texts(expand(rule, shipped()).dates),
            (std::vector<std::string>{"2026-12-31", "2027-01-31", "2027-03-31", "2027-05-31"}));
}

// 国务院办公厅关于2026年部分节假日安排的通知 (holidays_cn.csv, 2026 line,
// https://www.gov.cn/zhengce/zhengceku/202511/content_7047091.htm): 国庆节、中秋节 10月1日至7日
// 放假，9月20日（周日）、10月10日（周六）上班. A daily rule skipping holidays keeps both make-up
// working days and lists the days it skipped with their reason.
TEST(MeetingRecurrence, SkippingHolidaysKeepsMakeUpWorkingDays) {
  const Rule rule{"daily", {}, day("2026-09-19"), day("2026-10-11"), std::nullopt, true};
  const auto expansion = expand(rule, shipped());
  EXPECT_EQ(texts(expansion.dates),
            (std::vector<std::string>{"2026-09-20", "2026-09-21", "2026-09-22", "2026-09-23", "2026-09-24", "2026-09-28",
                                      "2026-09-29", "2026-09-30", "2026-10-08", "2026-10-09", "2026-10-10"}));
  std::vector<std::string> skipped;
  for (const auto& s : expansion.skipped) skipped.push_back(calendar::format_date(s.date) + " " + s.reason);
  EXPECT_EQ(skipped, (std::vector<std::string>{"2026-09-19 weekend", "2026-09-25 holiday", "2026-09-26 holiday",
                                               "2026-09-27 holiday", "2026-10-01 holiday", "2026-10-02 holiday",
                                               "2026-10-03 holiday", "2026-10-04 holiday", "2026-10-05 holiday",
                                               "2026-10-06 holiday", "2026-10-07 holiday", "2026-10-11 weekend"}));
  // Without skipping, the holidays are ordinary days of the rule.
  const Rule every_day{"daily", {}, day("2026-09-19"), day("2026-10-11"), std::nullopt, false};
  EXPECT_EQ(expand(every_day, shipped()).dates.size(), 23u);
}

// Skipped dates do not count towards N.
TEST(MeetingRecurrence, CountCountsHeldDatesOnly) {
  const Rule rule{"weekly", {4}, day("2026-09-24"), std::nullopt, 2, true};  // Thursdays; 10-01 is 国庆节
  EXPECT_EQ(texts(expand(rule, shipped()).dates), (std::vector<std::string>{"2026-09-24", "2026-10-08"}));
}

TEST(MeetingRecurrence, MalformedRulesNameTheirField) {
  const auto first = day("2026-12-01");
  EXPECT_EQ(field_of({"yearly", {}, first, std::nullopt, 3, false}), "recurrence.freq");
  EXPECT_EQ(field_of({"weekly", {}, first, std::nullopt, 3, false}), "recurrence.weekdays");
  EXPECT_EQ(field_of({"weekly", {0, 8}, first, std::nullopt, 3, false}), "recurrence.weekdays");
  EXPECT_EQ(field_of({"daily", {2}, first, std::nullopt, 3, false}), "recurrence.weekdays");
  EXPECT_EQ(field_of({"daily", {}, first, std::nullopt, std::nullopt, false}), "recurrence.until");
  EXPECT_EQ(field_of({"daily", {}, first, day("2026-12-05"), 3, false}), "recurrence.until");
  EXPECT_EQ(field_of({"daily", {}, first, day("2026-11-30"), std::nullopt, false}), "recurrence.until");
  EXPECT_EQ(field_of({"daily", {}, first, std::nullopt, 0, false}), "recurrence.count");
  EXPECT_EQ(field_of({"daily", {}, first, std::nullopt, 367, false}), "recurrence.count");
  EXPECT_EQ(field_of({"daily", {}, first, day("2027-12-02"), std::nullopt, false}), "recurrence.until");  // 366 + 1 days
  EXPECT_EQ(field_of({"daily", {}, first, day("2027-12-01"), std::nullopt, false}), "");                 // exactly 366
  EXPECT_EQ(field_of({"weekly", {6}, day("2026-12-01"), day("2026-12-04"), std::nullopt, false}), "recurrence");  // no Saturday
}

TEST(MeetingRecurrence, BeijingLocalTime) {
  const auto t = *parse_instant("2026-12-01T01:30:00Z");
  const auto local = to_local(t);
  EXPECT_EQ(calendar::format_date(local.date), "2026-12-01");
  EXPECT_EQ(minute_text(local.minute), "09:30");
  EXPECT_EQ(from_local(local.date, local.minute), t);
  EXPECT_EQ(calendar::format_date(to_local(*parse_instant("2026-11-30T16:00:00Z")).date), "2026-12-01");
}

}  // namespace
}  // namespace jiguan::meetings
