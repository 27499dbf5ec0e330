// The demo tenant's meetings (the seed: "全年共服务大小会议900余场次", the renovated fifth-floor
// hall, the multi-function hall of two merged rooms, the People's Congress and CPPCC
// sessions): about 900 held meetings in 2026 as the statistics count them, no two live
// bookings of tied rooms overlapping, all on working days within 08:30–18:00.
#include "modules/meetings/demo.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <iostream>
#include <memory>

#include "core/app/modules.hpp"
#include "core/auth/password.hpp"
#include "core/calendar/calendar.hpp"
#include "core/db/migrate.hpp"
#include "core/demo/demo_data.hpp"
#include "modules/meetings/recurrence.hpp"
#include "support/http_client.hpp"
#include "support/process.hpp"
#include "support/demo_suite.hpp"
#include "support/test_db.hpp"

namespace jiguan {
namespace {

class MeetingsDemo : public test::DemoSuite {};

TEST_F(MeetingsDemo, TheSeedsRoomsWithTheMultiFunctionHallOfTwoMergedRooms) {
  EXPECT_EQ(number("SELECT COUNT(*) FROM meeting_rooms WHERE tenant_id = $1"), 20);
  EXPECT_EQ(number("SELECT COUNT(*) FROM meeting_rooms WHERE tenant_id = $1 AND needs_approval = 1"), 2);
  EXPECT_EQ(
      number("SELECT COUNT(*) FROM meeting_room_parts p JOIN meeting_rooms c ON c.tenant_id = p.tenant_id AND c.id = p.room_id "
             "JOIN meeting_rooms r ON r.tenant_id = p.tenant_id AND r.id = p.part_id "
             "WHERE p.tenant_id = $1 AND c.name = '多功能厅' AND r.name IN ('罗庄厅', '盛庄厅')"),
      2);
  // Loading again changes nothing.
  const auto bookings = number("SELECT COUNT(*) FROM meeting_bookings WHERE tenant_id = $1");
  app::load_module_demo_data(*db_, tenant_);
  EXPECT_EQ(number("SELECT COUNT(*) FROM meeting_bookings WHERE tenant_id = $1"), bookings);
}

TEST_F(MeetingsDemo, AboutNineHundredHeldMeetingsIn2026ThroughTheStatistics) {
  test::ServerProcess server(fresh_->url(), test::free_loopback_port());
  test::HttpClient leader(server.port());
  leader.login("juzhang", demo::kPassword, demo::kTenantCode);
  auto res = leader.get("/api/v1/meetings/stats?from=2026-01-01&to=2026-12-31");
  ASSERT_EQ(res.status, 200) << res.body;
  const auto stats = res.json();
  const auto held = stats.at("meetings").as_int64();
  std::cout << "[ " << held << " held meetings, " << stats.at("hours") << " hours ]\n";
  EXPECT_GE(held, 880);  // 900余场次
  EXPECT_LE(held, 980);
  EXPECT_EQ(stats.at("by_room").as_array().size(), 20u);
  EXPECT_EQ(stats.at("by_type").as_array().size(), 5u);
  // About 5% cancelled; the congress and CPPCC sessions in the hall.
  const auto all = number("SELECT COUNT(*) FROM meeting_bookings WHERE tenant_id = $1");
  const auto cancelled = number("SELECT COUNT(*) FROM meeting_bookings WHERE tenant_id = $1 AND status = 'cancelled'");
  EXPECT_GT(cancelled * 100, all * 3);
  EXPECT_LT(cancelled * 100, all * 8);
  EXPECT_EQ(
      number("SELECT COUNT(*) FROM meeting_bookings b JOIN meeting_rooms r ON r.tenant_id = b.tenant_id AND r.id = b.room_id "
             "WHERE b.tenant_id = $1 AND r.name = '大礼堂' AND b.meeting_type = 'congress'"),
      4);
  // Most meetings ask for services; the weekly 局务会 is a series of Mondays.
  EXPECT_GT(number("SELECT COUNT(*) FROM meeting_bookings WHERE tenant_id = $1 AND services <> '{}'") * 100, all * 70);
  EXPECT_EQ(number("SELECT COUNT(*) FROM meeting_series WHERE tenant_id = $1"), 3);
  EXPECT_GE(
      number("SELECT COUNT(*) FROM meeting_bookings b JOIN meeting_series s ON s.tenant_id = b.tenant_id AND s.id = b.series_id "
             "WHERE b.tenant_id = $1 AND s.title = '局务会'"),
      40);  // 全年召开班子办公例会和办公会议40余次
}

TEST_F(MeetingsDemo, NoTwoLiveBookingsOfTiedRoomsOverlap) {
  // Tied: the same room, a combination and its part, or two combinations sharing a part.
  EXPECT_EQ(
      number("SELECT COUNT(*) FROM meeting_bookings a JOIN meeting_bookings b ON b.tenant_id = a.tenant_id AND a.id < b.id "
             "AND a.blocked_from < b.blocked_to AND b.blocked_from < a.blocked_to AND b.status <> 'cancelled' "
             "WHERE a.tenant_id = $1 AND a.status <> 'cancelled' AND (a.room_id = b.room_id "
             "OR EXISTS (SELECT 1 FROM meeting_room_parts p WHERE p.tenant_id = a.tenant_id AND "
             "((p.room_id = a.room_id AND p.part_id = b.room_id) OR (p.room_id = b.room_id AND p.part_id = a.room_id))) "
             "OR EXISTS (SELECT 1 FROM meeting_room_parts p JOIN meeting_room_parts q ON q.tenant_id = p.tenant_id "
             "AND q.part_id = p.part_id WHERE p.tenant_id = a.tenant_id AND p.room_id = a.room_id AND q.room_id = b.room_id))"),
      0);
}

TEST_F(MeetingsDemo, OnWorkingDaysWithinOfficeHoursAndWithinCapacity) {
  EXPECT_EQ(
      number("SELECT COUNT(*) FROM meeting_bookings b JOIN meeting_rooms r ON r.tenant_id = b.tenant_id AND r.id = b.room_id "
             "WHERE b.tenant_id = $1 AND b.attendees > r.capacity"),
      0);
  db_->read([&](db::Tx& tx) {
    const auto cal = calendar::load_calendar(tx, tenant_);
    for (const auto& row : tx.query("SELECT id, start_at, end_at FROM meeting_bookings WHERE tenant_id = $1", tenant_).rows) {
      const auto start = meetings::to_local(*meetings::parse_instant(row.text(1)));
      const auto end = meetings::to_local(*meetings::parse_instant(row.text(2)));
      SCOPED_TRACE(row.int64(0));
      EXPECT_TRUE(cal.is_workday(start.date));
      EXPECT_EQ(start.date, end.date);
      EXPECT_GE(start.minute, 8 * 60 + 30);
      EXPECT_LE(end.minute, 18 * 60);
      EXPECT_EQ(static_cast<int>(start.date.year()), 2026);
    }
  });
}

}  // namespace
}  // namespace jiguan
