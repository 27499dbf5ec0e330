// Fixtures for the office space module's API tests, through the API as a user would make
// them: a building with its floors, rooms, people of given ranks, and occupancies.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "support/test_server.hpp"

namespace jiguan::test::space_fixtures {

// A building and the ids of its floors by level (1, 2, …; -1 for B1).
struct Building {
  std::int64_t id = 0;
  std::map<std::int64_t, std::int64_t> floors;
};
Building create_building(HttpClient& client, const std::string& code, std::int64_t floors_above = 3,
                         std::int64_t floors_below = 0);

// A room on the floor; area in hundredths of m²; `extra` adds or overrides body fields
// (use, service_kind, unit_id, status …). Returns its id (0 after a failed check).
std::int64_t create_room(HttpClient& client, std::int64_t floor_id, const std::string& number, std::int64_t area,
                         const boost::json::object& extra = {});

// A department (kind department, no parent) with the code, named after it; returns the id.
// The seed's units A and B are sections, which count with their bureau.
std::int64_t create_department(HttpClient& client, const std::string& code);

// A person of the rank (a value of the rank dictionary) in the unit; returns the id.
std::int64_t create_person(HttpClient& client, const std::string& name, std::int64_t unit_id, const std::string& rank);

// The single number `sql` (a COUNT) answers in the server's database.
std::int64_t count(TestServer& server, const std::string& sql);

// POST /api/v1/space/occupancies {room_id, person_id} plus `extra`; the raw answer.
HttpResponse assign(HttpClient& client, std::int64_t room_id, std::int64_t person_id, const boost::json::object& extra = {});

}  // namespace jiguan::test::space_fixtures
