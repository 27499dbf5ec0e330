#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "modules/meetings/operations.hpp"

namespace jiguan::meetings {
namespace {

namespace json = boost::json;

Instant at(const char* text) { return *parse_instant(text); }

TEST(MeetingOperations, TimesInMessagesAreBeijingTime) {
  EXPECT_EQ(beijing_text(at("2026-03-02T01:00:00Z")), "2026-03-02 09:00");
  EXPECT_EQ(beijing_text(at("2026-03-02T17:30:00Z")), "2026-03-03 01:30");
}

// The issue: "priority meetings (congress sessions, leadership) may displace a booking".
TEST(MeetingOperations, OnlyCongressAndLeadershipMeetingsArePriority) {
  EXPECT_TRUE(is_priority_meeting("congress"));
  EXPECT_TRUE(is_priority_meeting("leadership"));
  for (const char* other : {"regular", "training", "external", ""}) EXPECT_FALSE(is_priority_meeting(other)) << other;
}

// Check-in opens `opens` minutes before the start (default 30) and closes at the end.
TEST(MeetingOperations, CheckInWindowRunsFromBeforeTheStartUntilTheEnd) {
  const auto start = at("2026-03-02T09:00:00+08:00"), end = at("2026-03-02T10:00:00+08:00");
  EXPECT_EQ(check_in_window(start, end, at("2026-03-02T08:29:59+08:00"), 30), CheckInWindow::too_early);
  EXPECT_EQ(check_in_window(start, end, at("2026-03-02T08:30:00+08:00"), 30), CheckInWindow::open);
  EXPECT_EQ(check_in_window(start, end, at("2026-03-02T09:59:59+08:00"), 30), CheckInWindow::open);
  EXPECT_EQ(check_in_window(start, end, at("2026-03-02T10:00:00+08:00"), 30), CheckInWindow::ended);
  EXPECT_EQ(check_in_window(start, end, at("2026-03-02T08:59:59+08:00"), 0), CheckInWindow::too_early);
}

// The issue: "bookings not checked in 15 minutes after start can be released (configurable)";
// 0 turns the release off.
TEST(MeetingOperations, NoShowsAreReleasedOnceTheirGraceHasPassed) {
  const auto now = at("2026-03-02T09:15:00+08:00");
  EXPECT_EQ(to_utc_text(*release_started_by(now, 15)), "2026-03-02T01:00:00Z");  // started 09:00 or earlier
  EXPECT_EQ(to_utc_text(*release_started_by(now, 60)), "2026-03-02T00:15:00Z");
  EXPECT_FALSE(release_started_by(now, 0));
}

// The issue: "each booking with services generates tasks … (set up before start, serve during,
// clean after) with due times".
TEST(MeetingOperations, ServicesMakeThreeTasksWithDueTimes) {
  const json::object services{
      {"tea_water", true}, {"name_cards", true}, {"banner_text", "欢迎"}, {"photographer", false}, {"catering_headcount", 20}};
  const auto start = at("2026-03-02T01:00:00Z"), end = at("2026-03-02T02:00:00Z");
  const auto tasks = plan_tasks(services, start, end, at("2026-03-02T00:30:00Z"), at("2026-03-02T02:15:00Z"));
  ASSERT_EQ(tasks.size(), 3u);
  EXPECT_EQ(tasks[0].kind, "setup");
  EXPECT_EQ(tasks[0].title, "布置：茶水、桌签、横幅「欢迎」、用餐 20 人");
  EXPECT_EQ(to_utc_text(tasks[0].starts), "2026-03-02T00:30:00Z");  // from the set-up buffer
  EXPECT_EQ(to_utc_text(tasks[0].due), "2026-03-02T01:00:00Z");     // at the start
  EXPECT_EQ(tasks[1].kind, "serve");
  EXPECT_EQ(to_utc_text(tasks[1].due), "2026-03-02T02:00:00Z");  // at the end
  EXPECT_EQ(tasks[2].kind, "cleanup");
  EXPECT_EQ(to_utc_text(tasks[2].due), "2026-03-02T02:15:00Z");  // end + the room's clean-up buffer
  // Without a clean-up buffer, clean-up is due 30 minutes after the end.
  const auto plain = plan_tasks(services, start, end, start, end);
  EXPECT_EQ(to_utc_text(plain[2].due), "2026-03-02T02:30:00Z");
}

TEST(MeetingOperations, NoServiceAskedForMeansNoTasks) {
  EXPECT_TRUE(plan_tasks({}, at("2026-03-02T01:00:00Z"), at("2026-03-02T02:00:00Z"), at("2026-03-02T01:00:00Z"),
                         at("2026-03-02T02:00:00Z"))
                  .empty());
  const json::object nothing{{"tea_water", false}, {"banner_text", ""}, {"catering_headcount", 0}, {"extra", json::array{}}};
  EXPECT_TRUE(plan_tasks(nothing, at("2026-03-02T01:00:00Z"), at("2026-03-02T02:00:00Z"), at("2026-03-02T01:00:00Z"),
                         at("2026-03-02T02:00:00Z"))
                  .empty());
}

}  // namespace
}  // namespace jiguan::meetings
