// 限时办结: due dates over the State Council calendar (国务院办公厅关于2024年部分节假日安排的
// 通知: 国庆节 10月1日至7日放假调休，9月29日（周日）、10月12日（周六）上班), pauses, limit changes.
#include "core/workflow/time_limits.hpp"

#include <gtest/gtest.h>

namespace jiguan::workflow {
namespace {

Instant at(const char* iso) {
  auto t = parse_instant(iso);
  EXPECT_TRUE(t) << iso;
  return t.value_or(Instant{});
}

const calendar::WorkCalendar& cn() {
  static const calendar::WorkCalendar calendar(calendar::shipped_days());
  return calendar;
}

constexpr TimeLimit kFiveWorkdays{5, LimitUnit::workdays};
constexpr std::int64_t kWorkday = 7 * 3600;

TEST(TimeLimits, FiveWorkdaysBeforeNationalDayEndOnTheMakeUpSaturday) {
  // Submitted Monday 2024-09-30 10:00 +08:00. The working days after it: 10-08 (Tue), 10-09,
  // 10-10, 10-11 and 10-12, the make-up Saturday: due at its 17:00 +08:00. (Without the
  // make-up day it would be Monday 10-14.)
  ASSERT_TRUE(cn().is_workday(std::chrono::year{2024} / 10 / 12));
  const auto started = at("2024-09-30T02:00:00Z");
  EXPECT_EQ(format_instant(due_at(cn(), started, kFiveWorkdays, 0)), "2024-10-12T09:00:00Z");
  EXPECT_EQ(format_instant(*start_step(cn(), started, kFiveWorkdays).due), "2024-10-12T09:00:00Z");
}

TEST(TimeLimits, TwoWorkdaysOfWaitingMoveTheDueDateTwoWorkdays) {
  std::int64_t ended = -1;
  const auto step = start_step(cn(), at("2024-09-30T02:00:00Z"), kFiveWorkdays);
  // Returned to the applicant Tuesday 10-08 09:00, answered Thursday 10-10 09:00.
  const auto waiting = enter_state(cn(), step, StateKind::open, StateKind::waiting, std::nullopt, at("2024-10-08T01:00:00Z"), ended);
  EXPECT_EQ(ended, 0);
  EXPECT_EQ(waiting.due, step.due);
  EXPECT_EQ(waiting.step_started, step.step_started);
  EXPECT_TRUE(clock_flags(cn(), waiting, kFiveWorkdays, at("2024-10-09T01:00:00Z")).paused);

  const auto resumed = enter_state(cn(), waiting, StateKind::waiting, StateKind::open, kFiveWorkdays, at("2024-10-10T01:00:00Z"), ended);
  EXPECT_EQ(ended, 2 * kWorkday);
  EXPECT_EQ(resumed.paused_work_seconds, 2 * kWorkday);
  EXPECT_FALSE(resumed.paused_since);
  EXPECT_EQ(resumed.step_started, step.step_started);
  // Two working days after Saturday 10-12: Monday 10-14, Tuesday 10-15.
  EXPECT_EQ(format_instant(*resumed.due), "2024-10-15T09:00:00Z");
}

TEST(TimeLimits, WaitingCountsOnlyWorkingTime) {
  std::int64_t ended = -1;
  const auto step = start_step(cn(), at("2024-09-30T02:00:00Z"), kFiveWorkdays);
  // Waiting from Monday 09-30 17:00 to Tuesday 10-08 09:00 spans only the holiday: no time.
  auto waiting = enter_state(cn(), step, StateKind::open, StateKind::waiting, std::nullopt, at("2024-09-30T09:00:00Z"), ended);
  auto resumed = enter_state(cn(), waiting, StateKind::waiting, StateKind::open, kFiveWorkdays, at("2024-10-08T01:00:00Z"), ended);
  EXPECT_EQ(ended, 0);
  EXPECT_EQ(resumed.due, step.due);
  // Friday 10-11 16:00 to Monday 10-14 10:00: 1 h on Friday, the make-up Saturday, 1 h on Monday.
  waiting = enter_state(cn(), resumed, StateKind::open, StateKind::waiting, std::nullopt, at("2024-10-11T08:00:00Z"), ended);
  resumed = enter_state(cn(), waiting, StateKind::waiting, StateKind::open, kFiveWorkdays, at("2024-10-14T02:00:00Z"), ended);
  EXPECT_EQ(ended, 2 * 3600 + kWorkday);
  // The 9 working hours after Saturday 10-12 17:00: Monday 10-14 (7 h), Tuesday 09:00–11:00.
  EXPECT_EQ(format_instant(*resumed.due), "2024-10-15T03:00:00Z");
}

TEST(TimeLimits, WorkingHoursSkipLunchAndTheWeekend) {
  // Friday 2024-11-15 11:00 +08:00 plus 6 working hours: 11–12 and 13–17 on Friday (5 h),
  // then Monday 09:00–10:00.
  EXPECT_EQ(format_instant(due_at(cn(), at("2024-11-15T03:00:00Z"), {6, LimitUnit::workhours}, 0)), "2024-11-18T02:00:00Z");
  // Started during lunch, 2 hours: 13:00–15:00.
  EXPECT_EQ(format_instant(due_at(cn(), at("2024-11-15T04:30:00Z"), {2, LimitUnit::workhours}, 0)), "2024-11-15T07:00:00Z");
}

TEST(TimeLimits, ChangingTheLimitKeepsStartAndWaiting) {
  StepClock clock{at("2024-09-30T02:00:00Z"), 2 * kWorkday, std::nullopt, std::nullopt};
  // Three working days: Thursday 10-10 17:00; plus the two working days waited: Saturday 10-12.
  const auto shorter = with_limit(cn(), clock, TimeLimit{3, LimitUnit::workdays});
  EXPECT_EQ(format_instant(*shorter.due), "2024-10-12T09:00:00Z");
  EXPECT_EQ(shorter.paused_work_seconds, 2 * kWorkday);
  EXPECT_EQ(shorter.step_started, clock.step_started);
  const auto back = with_limit(cn(), shorter, kFiveWorkdays);
  EXPECT_EQ(format_instant(*back.due), "2024-10-15T09:00:00Z");
  EXPECT_FALSE(with_limit(cn(), clock, std::nullopt).due);
}

TEST(TimeLimits, LeavingTheStepStartsANewOne) {
  std::int64_t ended = -1;
  const auto step = start_step(cn(), at("2024-09-30T02:00:00Z"), kFiveWorkdays);
  const auto next = enter_state(cn(), step, StateKind::open, StateKind::open, TimeLimit{1, LimitUnit::workdays},
                                at("2024-10-08T03:00:00Z"), ended);
  EXPECT_EQ(next.step_started, at("2024-10-08T03:00:00Z"));
  EXPECT_EQ(next.paused_work_seconds, 0);
  EXPECT_EQ(format_instant(*next.due), "2024-10-09T09:00:00Z");
  // Withdrawn while waiting: the pause ends, and a closed state has no due instant.
  const auto waiting = enter_state(cn(), step, StateKind::open, StateKind::waiting, std::nullopt, at("2024-10-08T01:00:00Z"), ended);
  const auto closed = enter_state(cn(), waiting, StateKind::waiting, StateKind::closed, std::nullopt, at("2024-10-08T03:00:00Z"), ended);
  EXPECT_EQ(ended, 2 * 3600);
  EXPECT_FALSE(closed.due);
  EXPECT_FALSE(closed.paused_since);
}

TEST(TimeLimits, OverdueAndDueSoonFlags) {
  const auto step = start_step(cn(), at("2024-09-30T02:00:00Z"), kFiveWorkdays);  // due 10-12 17:00 +08:00
  EXPECT_FALSE(clock_flags(cn(), step, kFiveWorkdays, at("2024-10-10T02:00:00Z")).due_soon);
  // Friday 10-11 10:00: 6 h on Friday and 7 on Saturday remain. Saturday 10:00: 6 h, less than a day.
  EXPECT_FALSE(clock_flags(cn(), step, kFiveWorkdays, at("2024-10-11T02:00:00Z")).due_soon);
  const auto saturday = clock_flags(cn(), step, kFiveWorkdays, at("2024-10-12T02:00:00Z"));
  EXPECT_TRUE(saturday.due_soon);
  EXPECT_FALSE(saturday.overdue);
  const auto late = clock_flags(cn(), step, kFiveWorkdays, at("2024-10-12T09:00:01Z"));
  EXPECT_TRUE(late.overdue);
  EXPECT_FALSE(late.due_soon);

  // Hour limits warn in the last 20%: 10 h → the last 2 working hours.
  const TimeLimit ten_hours{10, LimitUnit::workhours};
  const auto hours = start_step(cn(), at("2024-11-18T01:00:00Z"), ten_hours);  // Mon 09:00 → Tue 12:00 +08:00
  EXPECT_EQ(format_instant(*hours.due), "2024-11-19T04:00:00Z");
  EXPECT_FALSE(clock_flags(cn(), hours, ten_hours, at("2024-11-19T01:00:00Z")).due_soon);  // 3 h left
  EXPECT_TRUE(clock_flags(cn(), hours, ten_hours, at("2024-11-19T02:30:00Z")).due_soon);   // 1.5 h left

  // Waiting stops the clock: a request paused before its due instant is not overdue later.
  std::int64_t ended = 0;
  const auto waiting = enter_state(cn(), step, StateKind::open, StateKind::waiting, std::nullopt, at("2024-10-08T01:00:00Z"), ended);
  const auto weeks_later = clock_flags(cn(), waiting, kFiveWorkdays, at("2024-11-30T01:00:00Z"));
  EXPECT_FALSE(weeks_later.overdue);
  EXPECT_TRUE(weeks_later.paused);
  // No limit, no flags.
  EXPECT_FALSE(clock_flags(cn(), start_step(cn(), at("2024-09-30T02:00:00Z"), std::nullopt), std::nullopt,
                           at("2025-01-01T00:00:00Z")).overdue);
}

TEST(TimeLimits, InstantsParseOnlyTheStoredForm) {
  EXPECT_EQ(format_instant(at("2024-02-29T23:59:59Z")), "2024-02-29T23:59:59Z");
  for (const char* bad : {"2023-02-29T00:00:00Z", "2024-09-30 02:00:00Z", "2024-09-30T02:00:00", "2024-09-30T24:00:00Z",
                          "2024-9-30T02:00:00Z", ""}) {
    EXPECT_FALSE(parse_instant(bad)) << bad;
  }
  EXPECT_EQ(parse_limit_unit("workhours"), LimitUnit::workhours);
  EXPECT_FALSE(parse_limit_unit("days"));
}

}  // namespace
}  // namespace jiguan::workflow
