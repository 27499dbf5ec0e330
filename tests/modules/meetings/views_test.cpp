// The views through the real server: the timeline of all rooms, a room's month calendar on
// the working-day calendar, "my bookings", the iCalendar feeds and their token, and the
// statistics counted exactly over a hand-made set of bookings (and in a liaison's scope).
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <chrono>
#include <cstdio>

#include "core/auth/accounts.hpp"
#include "modules/meetings/fixtures.hpp"
#include "support/test_server.hpp"

namespace jiguan::test {
namespace {

namespace json = boost::json;
using meeting_fixtures::create_room;
using test::expect_invalid;

const std::string kBookings = "/api/v1/meetings/bookings";

// A booking body from `start` to `end` (local "YYYY-MM-DDTHH:MM", Beijing time).
json::object meeting(std::int64_t room, std::int64_t unit, const std::string& start, const std::string& end,
                     std::int64_t attendees = 10, const char* type = "regular") {
  return {{"room_id", room},      {"title", "会议 " + start},     {"host_unit_id", unit},     {"attendees", attendees},
          {"meeting_type", type}, {"start", start + ":00+08:00"}, {"end", end + ":00+08:00"}, {"chair", "王主任"}};
}

std::int64_t book(HttpClient& client, const json::object& body) {
  auto res = client.post(kBookings, body);
  EXPECT_EQ(res.status, 201) << res.body;
  return res.status == 201 ? res.json().at("id").as_int64() : 0;
}

// Cancelled in the database directly: these tests are about what the views make of it.
void cancel(TestServer& server, std::int64_t id) {
  server.db().write([&](db::Tx& tx) {
    tx.query("UPDATE meeting_bookings SET status = 'cancelled', cancel_reason = '改期', cancelled_at = updated_at WHERE id = $1",
             id);
  });
}

std::vector<std::int64_t> ids(const json::value& list) {
  std::vector<std::int64_t> out;
  for (const auto& v : list.as_array()) out.push_back(v.at("id").as_int64());
  return out;
}

TEST(MeetingViews, TimelineShowsEveryRoomAndTheLiveBookingsOfTheLocalDays) {
  TestServer server;
  auto admin = server.admin();
  const auto& seed = server.seed();
  const auto east = create_room(server, "东厅", {{"building", "办公楼"}, {"floor", "2"}});
  const auto west = create_room(server, "西厅", {{"building", "办公楼"}, {"floor", "2"}});
  const auto hall = create_room(
      server, "东西合厅", {{"building", "办公楼"}, {"floor", "2"}, {"capacity", 40}, {"part_ids", json::array{east, west}}});
  const auto closed = create_room(server, "旧会议室", {{"active", false}});
  (void)closed;
  const auto monday = book(admin, meeting(east, seed.unit_a, "2026-03-02T09:00", "2026-03-02T10:00"));
  const auto late = book(admin, meeting(hall, seed.unit_b, "2026-03-02T23:00", "2026-03-03T01:00"));  // past local midnight
  const auto tuesday = book(admin, meeting(west, seed.unit_b, "2026-03-03T09:00", "2026-03-03T10:00"));
  cancel(server, book(admin, meeting(west, seed.unit_a, "2026-03-02T14:00", "2026-03-02T15:00")));

  // A liaison of unit A sees unit B's bookings too: room occupancy is for everyone who reads.
  auto liaison = server.sign_in_as("liaison_v", "liaison", seed.unit_a);
  auto res = liaison.get("/api/v1/meetings/timeline?date=2026-03-02");
  ASSERT_EQ(res.status, 200) << res.body;
  auto day = res.json();
  EXPECT_EQ(day.at("from"), "2026-03-01T16:00:00Z");
  EXPECT_EQ(day.at("to"), "2026-03-02T16:00:00Z");
  EXPECT_EQ(ids(day.at("rooms")), (std::vector<std::int64_t>{east, hall, west}));  // by building, floor, name; active only
  EXPECT_EQ(day.at("rooms").at(1).at("part_ids"), (json::array{east, west}));
  EXPECT_EQ(ids(day.at("bookings")), (std::vector<std::int64_t>{monday, late}));
  const auto& first = day.at("bookings").at(0);
  EXPECT_EQ(first.at("room_id"), east);
  EXPECT_EQ(first.at("start"), "2026-03-02T01:00:00Z");
  EXPECT_EQ(first.at("status"), "confirmed");
  EXPECT_EQ(first.at("attendees"), 10);
  EXPECT_TRUE(first.at("series_id").is_null());
  EXPECT_FALSE(first.at("host_unit_name").as_string().empty());

  const auto two = admin.get("/api/v1/meetings/timeline?date=2026-03-03&days=2").json();
  EXPECT_EQ(ids(two.at("bookings")), (std::vector<std::int64_t>{late, tuesday}));
  EXPECT_EQ(two.at("to"), "2026-03-04T16:00:00Z");
  expect_invalid(admin.get("/api/v1/meetings/timeline?date=2026-03-03&days=8"), "days");
  expect_invalid(admin.get("/api/v1/meetings/timeline?date=2026-02-30"), "date");
}

TEST(MeetingViews, MonthCalendarFollowsTheWorkingDayCalendarAndTiedRooms) {
  TestServer server;
  auto admin = server.admin();
  const auto& seed = server.seed();
  const auto east = create_room(server, "东厅");
  const auto west = create_room(server, "西厅");
  const auto hall = create_room(server, "东西合厅", {{"capacity", 40}, {"part_ids", json::array{east, west}}});
  const auto own = book(admin, meeting(east, seed.unit_a, "2026-10-09T09:00", "2026-10-09T10:00"));
  const auto combined = book(admin, meeting(hall, seed.unit_a, "2026-10-10T09:00", "2026-10-10T11:00"));
  book(admin, meeting(west, seed.unit_a, "2026-10-12T09:00", "2026-10-12T10:00"));  // another part: not east's

  auto res = admin.get("/api/v1/meetings/rooms/" + std::to_string(east) + "/calendar?month=2026-10");
  ASSERT_EQ(res.status, 200) << res.body;
  const auto cal = res.json();
  EXPECT_EQ(cal.at("month"), "2026-10");
  EXPECT_EQ(cal.at("room").at("id"), east);
  const auto& days = cal.at("days").as_array();
  ASSERT_EQ(days.size(), 31u);
  EXPECT_EQ(days[0].at("date"), "2026-10-01");
  EXPECT_EQ(days[0].at("workday"), false);
  EXPECT_EQ(days[0].at("holiday"), "国庆节");
  EXPECT_EQ(days[8].at("workday"), true);  // Friday 9 October
  EXPECT_EQ(ids(days[8].at("bookings")), (std::vector<std::int64_t>{own}));
  EXPECT_EQ(days[9].at("workday"), true);  // Saturday 10 October: 调休上班
  EXPECT_TRUE(days[9].at("holiday").is_null());
  EXPECT_EQ(ids(days[9].at("bookings")), (std::vector<std::int64_t>{combined}));  // the combination takes east too
  EXPECT_EQ(days[10].at("workday"), false);                                       // Sunday
  EXPECT_TRUE(days[11].at("bookings").as_array().empty());

  EXPECT_EQ(admin.get("/api/v1/meetings/rooms/999999/calendar?month=2026-10").status, 404);
  expect_invalid(admin.get("/api/v1/meetings/rooms/" + std::to_string(east) + "/calendar?month=2026-13"), "month");
  expect_invalid(admin.get("/api/v1/meetings/rooms/" + std::to_string(east) + "/calendar?month=2026-1"), "month");
}

TEST(MeetingViews, MineListsTheCallersOwnBookings) {
  TestServer server;
  auto admin = server.admin();
  auto staff = server.staff();
  const auto room = create_room(server, "第一会议室");
  const auto by_admin = book(admin, meeting(room, server.seed().unit_a, "2026-03-02T09:00", "2026-03-02T10:00"));
  const auto by_staff = book(staff, meeting(room, server.seed().unit_a, "2026-03-02T11:00", "2026-03-02T12:00"));
  EXPECT_EQ(ids(admin.get(kBookings + "?mine=true").json().at("items")), (std::vector<std::int64_t>{by_admin}));
  EXPECT_EQ(ids(staff.get(kBookings + "?mine=true").json().at("items")), (std::vector<std::int64_t>{by_staff}));
  EXPECT_EQ(admin.get(kBookings + "?mine=false").json().at("total"), 2);
  EXPECT_EQ(admin.get(kBookings + "?mine=maybe").status, 422);
}

// "YYYY-MM-DDTHH:MM" of local time `days_ahead` days from now.
std::string local_in(int days_ahead, int hour) {
  using namespace std::chrono;
  const auto day = year_month_day{floor<days>(system_clock::now() + hours(8)) + days(days_ahead)};
  char out[20];
  std::snprintf(out, sizeof out, "%04d-%02u-%02uT%02d:00", static_cast<int>(day.year()), static_cast<unsigned>(day.month()),
                static_cast<unsigned>(day.day()), hour);
  return out;
}

TEST(MeetingFeeds, ATokenSubscribesToRoomAndOwnFeedsUntilReset) {
  TestServer server;
  auto admin = server.admin();
  auto staff = server.staff();
  const auto room = create_room(server, "第一会议室", {{"building", "办公楼"}});
  const auto mine = book(admin, meeting(room, server.seed().unit_a, local_in(2, 9), local_in(2, 10)));
  const auto theirs = book(staff, meeting(room, server.seed().unit_b, local_in(3, 9), local_in(3, 10)));

  auto first = admin.get("/api/v1/meetings/feeds");
  ASSERT_EQ(first.status, 200) << first.body;
  const auto token = std::string(first.json().at("token").as_string());
  EXPECT_EQ(first.json().at("token_hint"), json::value(token.substr(token.size() - 4)));
  EXPECT_EQ(first.json().at("my_url"), json::value("/api/v1/meetings/my/feed.ics?token=" + token));
  EXPECT_EQ(first.json().at("room_url_template"), json::value("/api/v1/meetings/rooms/{id}/feed.ics?token=" + token));
  // Only the hash is kept: later answers give the hint alone.
  const auto again = admin.get("/api/v1/meetings/feeds").json();
  EXPECT_TRUE(again.at("token").is_null());
  EXPECT_EQ(again.at("token_hint"), first.json().at("token_hint"));
  const auto stored = server.db().read([&](db::Tx& tx) {
    return tx.query("SELECT token_hash FROM meeting_feed_tokens WHERE tenant_id = $1", server.seed().tenant_id).one().text(0);
  });
  EXPECT_EQ(stored.find(token), std::string::npos);

  auto anonymous = server.client();  // a calendar program: no session
  auto my = anonymous.get("/api/v1/meetings/my/feed.ics?token=" + token);
  ASSERT_EQ(my.status, 200) << my.body;
  EXPECT_EQ(my.header("content-type"), "text/calendar; charset=utf-8");
  EXPECT_EQ(my.body.rfind("BEGIN:VCALENDAR\r\n", 0), 0u);
  EXPECT_NE(my.body.find("UID:booking-" + std::to_string(mine) + "@test.jiguan\r\n"), std::string::npos);
  EXPECT_EQ(my.body.find("UID:booking-" + std::to_string(theirs) + "@"), std::string::npos);
  EXPECT_NE(my.body.find("LOCATION:第一会议室\\, 办公楼\r\n"), std::string::npos);
  EXPECT_NE(my.body.find("STATUS:CONFIRMED\r\n"), std::string::npos);

  const auto room_url = "/api/v1/meetings/rooms/" + std::to_string(room) + "/feed.ics?token=";
  auto of_room = anonymous.get(room_url + token);
  ASSERT_EQ(of_room.status, 200) << of_room.body;
  EXPECT_NE(of_room.body.find("UID:booking-" + std::to_string(mine) + "@"), std::string::npos);
  EXPECT_NE(of_room.body.find("UID:booking-" + std::to_string(theirs) + "@"), std::string::npos);
  EXPECT_EQ(anonymous.get("/api/v1/meetings/rooms/999999/feed.ics?token=" + token).status, 404);

  for (const auto& bad : {std::string(""), std::string("?token=nonsense"), "?token=" + token + "x"}) {
    auto res = anonymous.get("/api/v1/meetings/my/feed.ics" + bad);
    EXPECT_EQ(res.status, 401) << bad;
    EXPECT_EQ(res.error_code(), "invalid_feed_token") << bad;
  }
  // A reset retires the old token.
  auto reset = admin.post("/api/v1/meetings/feeds/reset", json::object{});
  ASSERT_EQ(reset.status, 200) << reset.body;
  const auto renewed = std::string(reset.json().at("token").as_string());
  EXPECT_NE(renewed, token);
  EXPECT_EQ(anonymous.get(room_url + token).status, 401);
  EXPECT_EQ(anonymous.get(room_url + renewed).status, 200);
  // An account that was deactivated subscribes no more.
  server.db().write([&](db::Tx& tx) { tx.query("UPDATE accounts SET active = 0 WHERE username = 'admin'"); });
  EXPECT_EQ(anonymous.get(room_url + renewed).status, 401);
}

TEST(MeetingStats, CountsHeldMeetingsExactly) {
  TestServer server;
  auto admin = server.admin();
  const auto& seed = server.seed();
  const auto small = create_room(server, "小会议室");
  const auto large = create_room(server, "大会议室", {{"capacity", 40}});
  const auto guarded = create_room(server, "审批会议室", {{"needs_approval", true}});
  book(admin, meeting(small, seed.unit_a, "2026-03-02T09:00", "2026-03-02T10:00", 10, "regular"));
  book(admin, meeting(large, seed.unit_b, "2026-03-02T14:00", "2026-03-02T16:30", 20, "training"));
  book(admin, meeting(small, seed.unit_a, "2026-03-03T12:00", "2026-03-03T13:30", 5, "leadership"));  // half an hour of work time
  cancel(server, book(admin, meeting(large, seed.unit_a, "2026-03-03T09:00", "2026-03-03T10:00")));   // cancelled: not held
  book(admin, meeting(guarded, seed.unit_a, "2026-03-03T09:00", "2026-03-03T10:00"));                 // pending: not held
  book(admin, meeting(small, seed.unit_a, "2026-03-04T00:30", "2026-03-04T01:00"));                   // after the range
  book(admin, meeting(small, seed.unit_b, "2026-03-01T23:00", "2026-03-01T23:30"));                   // before it (a Sunday)

  auto res = admin.get("/api/v1/meetings/stats?from=2026-03-02&to=2026-03-03");
  ASSERT_EQ(res.status, 200) << res.body;
  const auto stats = res.json();
  EXPECT_EQ(stats.at("from"), "2026-03-02");
  EXPECT_EQ(stats.at("to"), "2026-03-03");
  EXPECT_EQ(stats.at("meetings"), 3);
  EXPECT_EQ(stats.at("hours").as_double(), 5.0);
  EXPECT_EQ(stats.at("attendees"), 35);
  EXPECT_EQ(stats.at("working_hours").as_double(), 14.0);  // two working days of 7 hours
  EXPECT_EQ(stats.at("by_room"),
            json::parse(R"([
      {"room_id":)" + std::to_string(small) +
                        R"(,"meetings":2,"hours":2.5,"attendees":15,"room_name":"小会议室","utilisation_pct":10.7},
      {"room_id":)" + std::to_string(large) +
                        R"(,"meetings":1,"hours":2.5,"attendees":20,"room_name":"大会议室","utilisation_pct":17.9}])"));
  EXPECT_EQ(stats.at("by_unit"), json::parse(R"([
      {"unit_id":)" + std::to_string(seed.unit_a) +
                                             R"(,"meetings":2,"hours":2.5,"attendees":15,"unit_name":"甲科"},
      {"unit_id":)" + std::to_string(seed.unit_b) +
                                             R"(,"meetings":1,"hours":2.5,"attendees":20,"unit_name":"乙科"}])"))
      << stats.at("by_unit");
  EXPECT_EQ(stats.at("by_type"), json::parse(R"([
      {"meeting_type":"leadership","meetings":1,"hours":1.5,"attendees":5,"label":"领导会议"},
      {"meeting_type":"regular","meetings":1,"hours":1.0,"attendees":10,"label":"常规会议"},
      {"meeting_type":"training","meetings":1,"hours":2.5,"attendees":20,"label":"培训"}])"));

  // A liaison of unit B counts unit B's meetings only.
  auto liaison = server.sign_in_as("liaison_v", "liaison", seed.unit_b);
  const auto of_b = liaison.get("/api/v1/meetings/stats?from=2026-03-02&to=2026-03-03").json();
  EXPECT_EQ(of_b.at("meetings"), 1);
  EXPECT_EQ(of_b.at("by_room").at(0).at("room_id"), large);

  auto xlsx = admin.get("/api/v1/meetings/stats?from=2026-03-02&to=2026-03-03&format=xlsx");
  EXPECT_EQ(xlsx.status, 200);
  EXPECT_EQ(xlsx.body.substr(0, 2), "PK");
  expect_invalid(admin.get("/api/v1/meetings/stats?from=2026-3-2"), "from");
  expect_invalid(admin.get("/api/v1/meetings/stats?from=2026-03-03&to=2026-03-02"), "to");
  expect_invalid(admin.get("/api/v1/meetings/stats?from=2023-03-02&to=2026-03-02"), "to");
  EXPECT_EQ(admin.get("/api/v1/meetings/stats?from=2023-03-03&to=2026-03-02").status, 200);
  EXPECT_EQ(admin.get("/api/v1/meetings/stats").status, 200);  // this year
}

}  // namespace
}  // namespace jiguan::test
