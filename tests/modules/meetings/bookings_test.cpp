// Meetings through the real HTTP server: rooms and combinations, booking, clashes named by
// the clashing booking, buffers, combined-room blocking both ways, capacity and role checks,
// cancellation, free-room suggestions, data scope, Excel, and concurrent double-booking.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <latch>
#include <thread>

#include "core/auth/accounts.hpp"
#include "modules/meetings/fixtures.hpp"
#include "support/test_server.hpp"

namespace jiguan::test {
namespace {

namespace json = boost::json;
using meeting_fixtures::booking;
using meeting_fixtures::create_room;
using test::expect_invalid;

const std::string kBookings = "/api/v1/meetings/bookings";

std::int64_t id_of(const HttpResponse& res) { return res.json().at("id").as_int64(); }

void expect_clash(const HttpResponse& res, std::int64_t with) {
  ASSERT_EQ(res.status, 409) << res.body;
  const auto error = res.json().at("error");
  EXPECT_EQ(error.at("code"), "conflict");
  EXPECT_EQ(error.at("field"), "start");
  EXPECT_EQ(error.at("booking_id").as_int64(), with) << res.body;
}

TEST(MeetingRooms, CreateListChangeAndExport) {
  TestServer server;
  auto admin = server.admin();
  const auto room = create_room(server, "五楼会议室",
                                {{"building", "政务中心"}, {"floor", "5"}, {"room_no", "501"}, {"capacity", 60},
                                 {"layout", "theatre"}, {"equipment", json::array{"projector", "microphones"}},
                                 {"setup_minutes", 30}, {"cleanup_minutes", 15}});
  const auto got = admin.get("/api/v1/meetings/rooms/" + std::to_string(room)).json();
  EXPECT_EQ(got.at("layout"), "theatre");
  EXPECT_EQ(got.at("equipment"), (json::array{"microphones", "projector"}));
  EXPECT_EQ(got.at("bookable"), true);

  auto patched = admin.patch("/api/v1/meetings/rooms/" + std::to_string(room), {{"capacity", 80}, {"needs_approval", true}});
  ASSERT_EQ(patched.status, 200) << patched.body;
  EXPECT_EQ(patched.json().at("capacity"), 80);
  EXPECT_EQ(patched.json().at("layout"), "theatre");  // untouched

  expect_invalid(admin.post("/api/v1/meetings/rooms", {{"name", "宴会厅"}, {"capacity", 10}, {"layout", "banquet"}}), "layout");
  expect_invalid(admin.post("/api/v1/meetings/rooms", {{"name", "宴会厅"}, {"capacity", 0}}), "capacity");
  expect_invalid(admin.post("/api/v1/meetings/rooms", {{"name", "宴会厅"}, {"capacity", 10}, {"equipment", json::array{"tv"}}}),
                 "equipment");
  expect_invalid(admin.post("/api/v1/meetings/rooms", {{"name", "宴会厅"}, {"capacity", 10}, {"part_ids", json::array{room}}}),
                 "part_ids");
  EXPECT_EQ(admin.patch("/api/v1/meetings/rooms/999999", {{"capacity", 5}}).status, 404);

  const auto list = admin.get("/api/v1/meetings/rooms?q=501").json();
  EXPECT_EQ(list.at("total"), 1);
  for (const auto* path : {"/api/v1/meetings/rooms?format=xlsx", "/api/v1/meetings/bookings?format=xlsx"}) {
    auto xlsx = admin.get(path);
    EXPECT_EQ(xlsx.status, 200) << path;
    EXPECT_EQ(xlsx.body.substr(0, 2), "PK") << path;
  }
  // Staff may book but not manage rooms.
  EXPECT_EQ(server.staff().post("/api/v1/meetings/rooms", {{"name", "x"}, {"capacity", 5}}).status, 403);
}

TEST(MeetingBookings, BookThenAClashNamesTheBookingAndSuggestsFreeRooms) {
  TestServer server;
  auto admin = server.admin();
  const auto unit = server.seed().unit_a;
  const auto room = create_room(server, "第一会议室");
  const auto other = create_room(server, "第二会议室", {{"capacity", 30}});
  auto res = admin.post(kBookings, booking(room, unit, "09:00", "10:00"));
  ASSERT_EQ(res.status, 201) << res.body;
  const auto first = res.json();
  EXPECT_EQ(first.at("status"), "confirmed");
  EXPECT_EQ(first.at("start"), "2026-03-02T01:00:00Z");
  EXPECT_EQ(first.at("end"), "2026-03-02T02:00:00Z");

  auto clash = admin.post(kBookings, booking(room, unit, "09:30", "10:30"));
  expect_clash(clash, first.at("id").as_int64());
  const auto suggestions = clash.json().at("error").at("suggestions").as_array();
  ASSERT_EQ(suggestions.size(), 1u) << clash.body;
  EXPECT_EQ(suggestions[0].at("id").as_int64(), other);

  EXPECT_EQ(admin.post(kBookings, booking(room, unit, "10:00", "11:00")).status, 201);  // back to back
  EXPECT_EQ(admin.post(kBookings, booking(other, unit, "09:30", "10:30")).status, 201);

  auto body = booking(room, unit, "12:00", "11:00");
  expect_invalid(admin.post(kBookings, body), "end");
  body["end"] = "2026-03-03T13:00:00+08:00";  // longer than a day
  expect_invalid(admin.post(kBookings, body), "end");
  body["start"] = "2026-03-02 12:00";
  expect_invalid(admin.post(kBookings, body), "start");
  body = booking(room, unit, "14:00", "15:00");
  body["meeting_type"] = "party";
  expect_invalid(admin.post(kBookings, body), "meeting_type");
}

TEST(MeetingBookings, BuffersAreIncluded) {
  TestServer server;
  auto admin = server.admin();
  const auto unit = server.seed().unit_a;
  const auto room = create_room(server, "大会议室", {{"setup_minutes", 30}, {"cleanup_minutes", 15}});
  const auto first = id_of(admin.post(kBookings, booking(room, unit, "09:00", "10:00")));  // blocks 08:30–10:15
  // A 10:00 start needs the room from 09:30 for set-up.
  expect_clash(admin.post(kBookings, booking(room, unit, "10:00", "11:00")), first);
  // A 10:30 start needs it from 10:00, still inside the first meeting's clean-up.
  expect_clash(admin.post(kBookings, booking(room, unit, "10:30", "11:00")), first);
  auto ok = admin.post(kBookings, booking(room, unit, "10:45", "11:30"));  // blocks 10:15–11:45
  ASSERT_EQ(ok.status, 201) << ok.body;
  EXPECT_EQ(ok.json().at("blocked_from"), "2026-03-02T02:15:00Z");
  EXPECT_EQ(ok.json().at("blocked_to"), "2026-03-02T03:45:00Z");
}

TEST(MeetingBookings, ACombinedRoomAndItsPartsBlockEachOther) {
  TestServer server;
  auto admin = server.admin();
  const auto unit = server.seed().unit_a;
  const auto east = create_room(server, "多功能厅东");
  const auto west = create_room(server, "多功能厅西");
  const auto hall = create_room(server, "多功能厅", {{"capacity", 40}, {"part_ids", json::array{east, west}}});
  EXPECT_EQ(admin.get("/api/v1/meetings/rooms/" + std::to_string(hall)).json().at("part_ids"), (json::array{east, west}));

  const auto in_east = id_of(admin.post(kBookings, booking(east, unit, "09:00", "10:00")));
  expect_clash(admin.post(kBookings, booking(hall, unit, "09:30", "11:00")), in_east);  // part → combination
  EXPECT_EQ(admin.post(kBookings, booking(west, unit, "09:00", "10:00")).status, 201);  // the other half is free

  const auto in_hall = id_of(admin.post(kBookings, booking(hall, unit, "14:00", "15:00")));
  expect_clash(admin.post(kBookings, booking(west, unit, "14:30", "15:30")), in_hall);  // combination → part
  expect_clash(admin.post(kBookings, booking(east, unit, "13:00", "14:30")), in_hall);

  // A part of a combination cannot itself be combined again, nor a combination nest.
  expect_invalid(admin.post("/api/v1/meetings/rooms", {{"name", "套厅"}, {"capacity", 90}, {"part_ids", json::array{hall, east}}}),
                 "part_ids");
}

TEST(MeetingBookings, CapacityAndBookableChecks) {
  TestServer server;
  auto admin = server.admin();
  const auto unit = server.seed().unit_a;
  const auto room = create_room(server, "小会议室", {{"capacity", 12}});
  auto res = admin.post(kBookings, booking(room, unit, "09:00", "10:00", 13));
  expect_invalid(res, "attendees");
  EXPECT_NE(res.json().at("error").at("message").as_string().find("12"), std::string::npos) << res.body;
  expect_invalid(admin.post(kBookings, booking(room, unit, "09:00", "10:00", 0)), "attendees");
  expect_invalid(admin.post(kBookings, booking(999999, unit, "09:00", "10:00")), "room_id");

  const auto closed = create_room(server, "机要室", {{"bookable", false}});
  expect_invalid(admin.post(kBookings, booking(closed, unit, "09:00", "10:00")), "room_id");

  // A room only leaders' offices may book: staff are refused with a clear 403.
  const auto leaders = create_room(server, "党组会议室", {{"booking_roles", json::array{"admin", "leader"}}});
  auto refused = server.staff().post(kBookings, booking(leaders, unit, "09:00", "10:00"));
  EXPECT_EQ(refused.status, 403) << refused.body;
  EXPECT_NE(refused.body.find("党组会议室"), std::string::npos);
  EXPECT_EQ(admin.post(kBookings, booking(leaders, unit, "09:00", "10:00")).status, 201);
  expect_invalid(admin.post("/api/v1/meetings/rooms", {{"name", "x"}, {"capacity", 5}, {"booking_roles", json::array{"nobody"}}}),
                 "booking_roles");

  // A room that needs approval takes the booking as pending.
  const auto approval = create_room(server, "贵宾室", {{"needs_approval", true}});
  EXPECT_EQ(admin.post(kBookings, booking(approval, unit, "09:00", "10:00")).json().at("status"), "pending");
}

TEST(MeetingBookings, CancellingFreesTheSlot) {
  TestServer server;
  auto admin = server.admin();
  const auto unit = server.seed().unit_a;
  const auto room = create_room(server, "第三会议室");
  const auto first = id_of(admin.post(kBookings, booking(room, unit, "09:00", "10:00")));
  const auto cancel = kBookings + "/" + std::to_string(first) + "/cancel";
  expect_invalid(admin.post(cancel, json::object{}), "reason");
  auto res = admin.post(cancel, {{"reason", "领导出差，会议延期"}});
  ASSERT_EQ(res.status, 200) << res.body;
  EXPECT_EQ(res.json().at("status"), "cancelled");
  EXPECT_EQ(res.json().at("cancel_reason"), "领导出差，会议延期");
  EXPECT_EQ(admin.post(cancel, {{"reason", "again"}}).status, 409);
  EXPECT_EQ(admin.post(kBookings, booking(room, unit, "09:00", "10:00")).status, 201);
  EXPECT_EQ(admin.get(kBookings + "?status=cancelled").json().at("total"), 1);
  EXPECT_EQ(admin.get(kBookings + "?room_id=" + std::to_string(room)).json().at("total"), 2);
}

TEST(MeetingRooms, AvailableRoomsFitSmallestFirst) {
  TestServer server;
  auto admin = server.admin();
  const auto unit = server.seed().unit_a;
  const auto small = create_room(server, "小会议室", {{"capacity", 10}});
  const auto medium = create_room(server, "中会议室", {{"capacity", 20}, {"cleanup_minutes", 30}});
  const auto large = create_room(server, "大会议室", {{"capacity", 50}});
  create_room(server, "停用会议室", {{"capacity", 15}, {"active", false}});
  ASSERT_EQ(admin.post(kBookings, booking(medium, unit, "09:00", "10:00")).status, 201);

  const auto ids = [&](const std::string& query) {
    std::vector<std::int64_t> out;
    auto res = admin.get("/api/v1/meetings/rooms/available?" + query);
    EXPECT_EQ(res.status, 200) << res.body;
    const auto body = res.json();
    for (const auto& room : body.at("items").as_array()) out.push_back(room.at("id").as_int64());
    return out;
  };
  const std::string slot = "from=2026-03-02T09:30:00%2B08:00&to=2026-03-02T10:00:00%2B08:00";
  EXPECT_EQ(ids(slot + "&attendees=5"), (std::vector<std::int64_t>{small, large}));
  EXPECT_EQ(ids(slot + "&attendees=15"), (std::vector<std::int64_t>{large}));
  // 10:15 is inside the medium room's clean-up; 10:30 is not.
  EXPECT_EQ(ids("from=2026-03-02T02:15:00Z&to=2026-03-02T03:00:00Z&attendees=15"), (std::vector<std::int64_t>{large}));
  EXPECT_EQ(ids("from=2026-03-02T02:30:00Z&to=2026-03-02T03:00:00Z&attendees=15"), (std::vector<std::int64_t>{medium, large}));
  EXPECT_EQ(admin.get("/api/v1/meetings/rooms/available?from=x&to=y").status, 422);
}

TEST(MeetingBookings, ALiaisonBooksForTheirOwnUnitOnly) {
  TestServer server;
  const auto& seed = server.seed();
  auto liaison = server.sign_in_as("liaison_a", "liaison", seed.unit_a);
  const auto room = create_room(server, "第四会议室");
  expect_invalid(liaison.post(kBookings, booking(room, seed.unit_b, "09:00", "10:00")), "host_unit_id");
  auto own = liaison.post(kBookings, booking(room, seed.unit_a, "09:00", "10:00"));
  ASSERT_EQ(own.status, 201) << own.body;

  const auto of_b = id_of(server.admin().post(kBookings, booking(room, seed.unit_b, "11:00", "12:00")));
  EXPECT_EQ(liaison.get(kBookings + "/" + std::to_string(of_b)).status, 404);
  EXPECT_EQ(liaison.post(kBookings + "/" + std::to_string(of_b) + "/cancel", {{"reason", "x"}}).status, 404);
  EXPECT_EQ(liaison.get(kBookings).json().at("total"), 1);
  // A clash with a booking the liaison cannot see still refuses the slot.
  EXPECT_EQ(liaison.post(kBookings, booking(room, seed.unit_a, "11:30", "12:30")).status, 409);
}

// Eight clients ask for the same slot at once: the write transaction lets exactly one in.
TEST(MeetingBookings, ConcurrentRequestsForOneSlotBookItOnce) {
  TestServer server;
  const auto room = create_room(server, "抢订会议室");
  constexpr int kClients = 8;
  std::vector<HttpClient> clients;
  for (int i = 0; i < kClients; ++i) clients.push_back(server.admin());
  std::vector<int> statuses(kClients);
  std::latch go(kClients);
  std::vector<std::thread> threads;
  for (int i = 0; i < kClients; ++i) {
    threads.emplace_back([&, i] {
      go.arrive_and_wait();
      statuses[i] = clients[i].post(kBookings, booking(room, server.seed().unit_a, "09:00", "10:00")).status;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(std::count(statuses.begin(), statuses.end(), 201), 1);
  EXPECT_EQ(std::count(statuses.begin(), statuses.end(), 409), kClients - 1);
  EXPECT_EQ(server.admin().get(kBookings).json().at("total"), 1);
}

}  // namespace
}  // namespace jiguan::test
