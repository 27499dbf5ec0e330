// The working-day calendar against the State Council's holiday notices.
#include "core/calendar/calendar.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <boost/json.hpp>
#include <cmath>
#include <fstream>
#include <map>
#include <sstream>

namespace jiguan::calendar {
namespace {
using namespace std::chrono;

Date date(std::string_view iso) {
  auto d = parse_date(iso);
  EXPECT_TRUE(d) << iso;
  return d.value_or(Date{});
}

// A Beijing wall-clock time ("2024-09-27 11:00") as the UTC instant the API works with.
sys_seconds beijing(std::string_view day, int hour, int minute = 0) {
  return sys_days(date(day)) + hours(hour) + minutes(minute) - hours(8);
}

const WorkCalendar& shipped() {
  static const WorkCalendar calendar(shipped_days());
  return calendar;
}

// 2024 National Day, 国办发明电〔2023〕7号 (国务院办公厅关于2024年部分节假日安排的通知): 10-01 to
// 10-07 off; Sunday 09-29 and Saturday 10-12 are make-up working days.
TEST(Calendar, NationalDay2024) {
  const auto& cal = shipped();
  EXPECT_TRUE(cal.is_workday(date("2024-09-29")));   // Sunday, make-up day
  EXPECT_TRUE(cal.is_workday(date("2024-09-30")));   // Monday
  EXPECT_FALSE(cal.is_workday(date("2024-10-01")));
  EXPECT_FALSE(cal.is_workday(date("2024-10-07")));  // Monday, holiday
  EXPECT_TRUE(cal.is_workday(date("2024-10-12")));   // Saturday, make-up day
  EXPECT_FALSE(cal.is_workday(date("2024-10-13")));  // an ordinary Sunday
  EXPECT_FALSE(cal.is_workday(date("2024-09-21")));  // an ordinary Saturday
}

TEST(Calendar, AddWorkdays) {
  const auto& cal = shipped();
  // The example: Friday 09-27 + 3 working days = 09-29, 09-30, 10-08.
  EXPECT_EQ(cal.add_workdays(date("2024-09-27"), 3), date("2024-10-08"));
  // A 5-working-day limit submitted Monday 09-30: 10-08, 09, 10, 11 and Saturday 10-12 (a
  // make-up working day) — due 10-12, not the following Monday.
  EXPECT_EQ(cal.add_workdays(date("2024-09-30"), 5), date("2024-10-12"));
  EXPECT_EQ(cal.add_workdays(date("2024-10-03"), 0), date("2024-10-03"));
  EXPECT_EQ(cal.add_workdays(date("2024-10-03"), 1), date("2024-10-08"));
  EXPECT_EQ(cal.add_workdays(date("2024-10-08"), -3), date("2024-09-27"));
}

TEST(Calendar, CountWorkdays) {
  const auto& cal = shipped();
  // 09-29, 09-30, then 10-08 to 10-12.
  EXPECT_EQ(cal.count_workdays(date("2024-09-27"), date("2024-10-12")), 7);
  EXPECT_EQ(cal.count_workdays(date("2024-09-30"), date("2024-10-07")), 0);
  EXPECT_EQ(cal.count_workdays(date("2024-10-12"), date("2024-10-01")), 0);
  for (int n : {1, 5, 20, 250}) {
    EXPECT_EQ(cal.count_workdays(date("2024-09-27"), cal.add_workdays(date("2024-09-27"), n)), n);
  }
}

TEST(Calendar, AddWorkHours) {
  const auto& cal = shipped();
  // Across lunch: 11:00 + 2 h = 12:00 then 13:00–14:00.
  EXPECT_EQ(cal.add_work_hours(beijing("2024-09-27", 11), 2), beijing("2024-09-27", 14));
  // A limit that ends at noon ends at noon, not after lunch.
  EXPECT_EQ(cal.add_work_hours(beijing("2024-09-27", 9), 3), beijing("2024-09-27", 12));
  // Across an evening and a weekend into the Sunday make-up day.
  EXPECT_EQ(cal.add_work_hours(beijing("2024-09-27", 16), 2), beijing("2024-09-29", 10));
  // Across the National Day holiday.
  EXPECT_EQ(cal.add_work_hours(beijing("2024-09-30", 16, 30), 1.5), beijing("2024-10-08", 10));
  // Outside working hours the clock starts at the next opening.
  EXPECT_EQ(cal.add_work_hours(beijing("2024-10-03", 7), 0.5), beijing("2024-10-08", 9, 30));
  EXPECT_EQ(cal.add_work_hours(beijing("2024-10-08", 12, 15), 1), beijing("2024-10-08", 14));
  EXPECT_EQ(cal.add_work_hours(beijing("2024-10-08", 20), 7), beijing("2024-10-09", 17));
  EXPECT_EQ(cal.add_work_hours(beijing("2024-10-08", 20), 0), beijing("2024-10-08", 20));
  EXPECT_THROW(cal.add_work_hours(beijing("2024-10-08", 20), std::nan("")), std::invalid_argument);
}

TEST(Calendar, WorkSecondsBetween) {
  const auto& cal = shipped();
  // Fri 11–12 and 13–17 (5 h), Sun 09-29 and Mon 09-30 (7 h each), Tue 10-08 9–10 (1 h).
  EXPECT_EQ(cal.work_seconds_between(beijing("2024-09-27", 11), beijing("2024-10-08", 10)), 20 * 3600);
  EXPECT_EQ(cal.work_seconds_between(beijing("2024-10-08", 12), beijing("2024-10-08", 13)), 0);
  EXPECT_EQ(cal.work_seconds_between(beijing("2024-10-08", 11, 59), beijing("2024-10-08", 13, 1)), 120);
  EXPECT_EQ(cal.work_seconds_between(beijing("2024-10-08", 10), beijing("2024-10-08", 9)), 0);
  const auto start = beijing("2024-09-26", 15, 20);
  for (double h : {0.25, 3.0, 7.0, 40.5}) {
    EXPECT_EQ(cal.work_seconds_between(start, cal.add_work_hours(start, h)), static_cast<std::int64_t>(h * 3600)) << h;
  }
}

TEST(Calendar, ParseAndFormatDates) {
  EXPECT_EQ(format_date(date("2024-02-29")), "2024-02-29");
  EXPECT_EQ(format_date(date("0999-01-05")), "0999-01-05");
  for (const auto* bad : {"2024-02-30", "2023-02-29", "2024-13-01", "2024-00-10", "2024-04-31", "2024-2-01", "2024/02/01",
                          "20240201", "2024-02-01T00", " 2024-02-01", "+024-02-01", "", "abcd-ef-gh"}) {
    EXPECT_FALSE(parse_date(bad)) << bad;
  }
}

TEST(Calendar, ShippedDaysAreOrderedAndCoverTheYears) {
  const auto& days = shipped_days();
  ASSERT_FALSE(days.empty());
  for (std::size_t i = 1; i < days.size(); ++i) EXPECT_LT(days[i - 1].date, days[i].date);
  for (int y = 2007; y <= 2026; ++y) EXPECT_FALSE(shipped().special_days_of_year(y).empty()) << y;
  const auto y2024 = shipped().special_days_of_year(2024);
  EXPECT_EQ(format_date(y2024.front().date), "2024-01-01");
  EXPECT_EQ(y2024.front().name, "元旦");
  EXPECT_EQ(format_date(y2024.back().date), "2024-10-12");
}

TEST(Calendar, LaterDaysOverrideEarlierOnes) {
  auto days = shipped_days();
  days.push_back({date("2024-10-07"), false, "本单位值班"});  // a holiday made a working day
  days.push_back({date("2024-10-14"), true, "本单位补休"});   // an ordinary Monday made a day off
  const WorkCalendar cal(std::move(days));
  EXPECT_TRUE(cal.is_workday(date("2024-10-07")));
  EXPECT_FALSE(cal.is_workday(date("2024-10-14")));
  EXPECT_EQ(cal.add_workdays(date("2024-09-30"), 1), date("2024-10-07"));
  const auto y2024 = cal.special_days_of_year(2024);
  const auto it = std::find_if(y2024.begin(), y2024.end(), [&](const SpecialDay& d) { return d.date == date("2024-10-07"); });
  ASSERT_NE(it, y2024.end());
  EXPECT_EQ(it->name, "本单位值班");
  EXPECT_EQ(y2024.size(), shipped().special_days_of_year(2024).size() + 1);
}

#ifdef JIGUAN_SHARED_HOLIDAYS_DIR
// Our holidays_cn.csv against the published data it was made from (holiday-cn's YYYY.json,
// one file per notice; a notice may include the previous year's last days).
TEST(CalendarData, ShippedDaysMatchThePublishedNotices) {
  std::map<Date, SpecialDay> published;
  for (int y = 2007; y <= 2027; ++y) {
    const auto path = std::string(JIGUAN_SHARED_HOLIDAYS_DIR) + "/" + std::to_string(y) + ".json";
    std::ifstream in(path);
    ASSERT_TRUE(in) << path;
    std::stringstream text;
    text << in.rdbuf();
    const auto doc = boost::json::parse(text.str());
    ASSERT_EQ(doc.at("year").as_int64(), y);
    for (const auto& day : doc.at("days").as_array()) {
      const auto d = date(day.at("date").as_string());
      SpecialDay expected{d, day.at("isOffDay").as_bool(), std::string(day.at("name").as_string())};
      ASSERT_TRUE(published.emplace(d, expected).second) << format_date(d) << " in two notices";
    }
  }
  ASSERT_EQ(shipped_days().size(), published.size());
  for (const auto& day : shipped_days()) {
    const auto it = published.find(day.date);
    ASSERT_NE(it, published.end()) << format_date(day.date) << " is not in any notice";
    EXPECT_EQ(day.off, it->second.off) << format_date(day.date);
    EXPECT_EQ(day.name, it->second.name) << format_date(day.date);
  }
}
#endif

}  // namespace
}  // namespace jiguan::calendar
