// The registry of office space: buildings, floors, rooms, and who occupies which office.
// Domain rules only; no HTTP here (registry.cpp, occupancy.cpp).
//
// Rules:
// - Building code 1–20 of [A-Za-z0-9-], unique; name 1–100 characters; floors_above 1–200,
//   floors_below 0–10; year_built 1900–this year; areas ≥ 0 (hundredths of m²). Creating a
//   building creates its floors (1F … nF, B1 … Bn).
// - Room number 1–20 characters, unique in its building; usable_area > 0; use office |
//   service (with service_kind meeting | archive | reception | mail | other) | equipment |
//   ancillary; status in_use | vacant | reserved | lent; the owning unit exists. A lent
//   room (出借) is kept but flagged: 《机关事务管理条例》第二十三条 forbids lending.
// - Occupancy: only office rooms; the person is active; start_date a valid day. A person
//   has one office at a time; a second one only with second_office and a multi-post reason
//   (《党政机关办公用房管理办法》第十九条), and it must be smaller than the first. Ending sets
//   end_date ≥ start_date; rows are never deleted (the history).
// - Flags (computed, never stored): an office held by a person who left (inactive) more
//   than 1 month ago, a second office held more than 2 months after the person's other
//   post ended, a lent room, a non-office room with occupants.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/audit/audit.hpp"
#include "core/db/db.hpp"

namespace jiguan::space {

struct OccupancyFields {
  std::int64_t room_id = 0;
  std::int64_t person_id = 0;
  std::string start_date;  // YYYY-MM-DD
  bool second_office = false;
  std::string multi_post_reason;
  std::string notes;
};

// Checks the rules above and inserts the occupancy; one audit row. Throws http::ApiError:
// 422 naming the field, 404 for an unknown room or person, 409 already_has_office (a
// first office exists and second_office is not set), 409 second_office_not_smaller,
// 409 not_an_office, 409 already_in_room.
std::int64_t assign_occupant(db::Tx& tx, const audit::Actor& actor, const OccupancyFields& fields);
// Ends an open occupancy on end_date (≥ its start_date); one audit row. 404 when unknown,
// 409 already_ended.
void end_occupancy(db::Tx& tx, const audit::Actor& actor, std::int64_t occupancy_id, const std::string& end_date);

}  // namespace jiguan::space
