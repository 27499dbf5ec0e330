// Fixtures for the meetings module's API tests: rooms and bookings made through the API as admin.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <string>

#include "support/expect.hpp"
#include "support/test_server.hpp"

namespace jiguan::test::meeting_fixtures {

// A room with the given fields over defaults (capacity 20, no buffers); returns its id.
std::int64_t create_room(TestServer& server, const std::string& name, boost::json::object fields = {});

// A booking body for the room, 2026-03-02 from `start` to `end` (HH:MM, Beijing time).
boost::json::object booking(std::int64_t room_id, std::int64_t unit_id, const std::string& start, const std::string& end,
                            std::int64_t attendees = 10);

// A room and a booking of it hosted by the unit, made by admin; returns the booking's id.
std::int64_t booking_of_unit(TestServer& server, std::int64_t unit_id);

}  // namespace jiguan::test::meeting_fixtures
