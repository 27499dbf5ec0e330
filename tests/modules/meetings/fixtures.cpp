#include "modules/meetings/fixtures.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

namespace jiguan::test::meeting_fixtures {

std::int64_t create_room(TestServer& server, const std::string& name, boost::json::object fields) {
  fields["name"] = name;
  if (!fields.contains("capacity")) fields["capacity"] = 20;
  auto res = server.admin().post("/api/v1/meetings/rooms", fields);
  EXPECT_EQ(res.status, 201) << res.body;
  return res.status == 201 ? res.json().at("id").as_int64() : 0;
}

boost::json::object booking(std::int64_t room_id, std::int64_t unit_id, const std::string& start, const std::string& end,
                            std::int64_t attendees) {
  return {{"room_id", room_id},
          {"title", "工作例会 " + start},
          {"host_unit_id", unit_id},
          {"attendees", attendees},
          {"start", "2026-03-02T" + start + ":00+08:00"},
          {"end", "2026-03-02T" + end + ":00+08:00"}};
}

std::int64_t booking_of_unit(TestServer& server, std::int64_t unit_id) {
  const auto room = create_room(server, "乙科会议室 " + std::to_string(unit_id));
  auto res = server.admin().post("/api/v1/meetings/bookings", booking(room, unit_id, "09:00", "10:00"));
  EXPECT_EQ(res.status, 201) << res.body;
  return res.status == 201 ? res.json().at("id").as_int64() : 0;
}

}  // namespace jiguan::test::meeting_fixtures
