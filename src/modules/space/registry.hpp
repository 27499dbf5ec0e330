// The registry of office space: buildings, floors, rooms, and who occupies which office.
// Domain rules only; no HTTP here, no data scopes either (the routes restrict rows to the
// caller's scope before calling in). registry.cpp: buildings, floors, rooms; occupancy.cpp:
// occupancy and flags.
//
// Rules:
// - Building code 1–20 of [A-Za-z0-9-], unique; name 1–100 characters; floors_above 1–200,
//   floors_below 0–10; year_built 1900–this year; areas ≥ 0 (hundredths of m²). Creating a
//   building creates its floors (1F … nF, B1 … Bn); changing the counts adds floors or
//   removes empty ones (a floor with rooms is never removed: 409 floor_in_use).
// - Room number 1–20 characters, unique in its building (409 duplicate_number); name ≤ 100
//   characters; usable_area > 0 and ≤ 100000.00 m²; use office | service (with service_kind
//   meeting | archive | reception | mail | other, and only then) | equipment | ancillary;
//   status in_use | vacant | reserved | lent; the owning unit exists; the floor exists (the
//   room's building is its floor's). A lent room (出借) is kept but flagged:
//   《机关事务管理条例》第二十三条 forbids lending. A room with current (open) occupancies
//   stays an office and is not vacant (409 occupied).
// - Occupancy: only office rooms; the person is active; start_date a valid day, not after
//   today. A person has one office at a time; a second one only with second_office and a
//   multi-post reason (《党政机关办公用房管理办法》第十九条), beside a first one, and it must
//   be smaller: the person's part of it (its area split evenly among its occupants, the
//   person included) below the part of the first. Ending sets end_date, the day the
//   person moved out (start_date ≤ end_date ≤ today; from that day the room is judged
//   without them, so an office vacated today shows vacant today); rows are never deleted (the
//   history). Assigning to a vacant or reserved room puts it in use; ending the last open
//   occupancy of a room in use makes it vacant.
// - Flags (computed, never stored), each with the day it starts (since) and the day the
//   rule gives (due): an office held by a person who left (inactive; the leaving day is the
//   China day of the person's last change, people.updated_at) more than 1 month ago
//   (left_unit, 第十九条: taken back within 1 month); a second office held more than 2
//   months after the person's last other post ended, with no other post still open
//   (second_office_overdue, 第十九条: vacated within 2 months); a lent room (lent_room,
//   since the room's last change, due at once); a non-office room with open occupancies
//   (occupied_non_office, since the latest start, due at once).
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/audit/audit.hpp"
#include "core/db/db.hpp"

namespace jiguan::space {

// ---- Buildings and floors (registry.cpp) -----------------------------------------------

struct BuildingFields {
  std::string code;
  std::string name;
  std::string address;
  std::optional<std::int64_t> year_built;
  std::int64_t floors_above = 1;
  std::int64_t floors_below = 0;
  std::optional<std::int64_t> total_area;
  std::optional<std::int64_t> usable_area;
  bool public_listed = true;
  std::string notes;
};

// Only the fields present change (the nullable ones hold nullopt inside to clear them).
struct BuildingPatch {
  std::optional<std::string> code, name, address;
  std::optional<std::optional<std::int64_t>> year_built;
  std::optional<std::int64_t> floors_above, floors_below;
  std::optional<std::optional<std::int64_t>> total_area, usable_area;
  std::optional<bool> public_listed;
  std::optional<std::string> notes;
};

// SELECT list for building_json(): the building (alias b) with its room count and area.
extern const std::string kBuildingColumns;
extern const std::string kBuildingFrom;
boost::json::object building_json(const db::Row& row);
// SELECT list for floor_json(): a floor (alias f) with its room count and area.
extern const std::string kFloorColumns;
extern const std::string kFloorFrom;
boost::json::object floor_json(const db::Row& row);

// The building with "floors" (by level, lowest first), or nullopt.
std::optional<boost::json::object> find_building(db::Tx& tx, std::int64_t tenant_id, std::int64_t id);
// Both write one audit row; update answers false when there is no such building.
std::int64_t create_building(db::Tx& tx, const audit::Actor& actor, const BuildingFields& fields);
bool update_building(db::Tx& tx, const audit::Actor& actor, std::int64_t id, const BuildingPatch& patch);

// A floor's name as shown: 3 → "3F", -1 → "B1".
std::string floor_name(std::int64_t level);

// ---- Rooms (registry.cpp) --------------------------------------------------------------

struct RoomFields {
  std::int64_t floor_id = 0;
  std::string number;
  std::string name;
  std::int64_t usable_area = 0;  // hundredths of m²
  std::string use;               // office | service | equipment | ancillary
  std::optional<std::string> service_kind;
  std::optional<std::int64_t> unit_id;
  std::string status = "in_use";
  std::string notes;
};

struct RoomPatch {
  std::optional<std::int64_t> floor_id;
  std::optional<std::string> number, name;
  std::optional<std::int64_t> usable_area;
  std::optional<std::string> use;
  std::optional<std::optional<std::string>> service_kind;
  std::optional<std::optional<std::int64_t>> unit_id;
  std::optional<std::string> status, notes;
};

// The codes and their Chinese labels; label_of answers "" for an unknown code and
// code_of accepts the code or the label (imports), nullopt for neither.
struct Term {
  const char* code;
  const char* label;
};
extern const std::vector<Term> kRoomUses;      // office 办公用房 …
extern const std::vector<Term> kServiceKinds;  // meeting 会议室 …
extern const std::vector<Term> kRoomStatuses;  // in_use 在用 …
std::string label_of(const std::vector<Term>& terms, std::string_view code);
std::optional<std::string> code_of(const std::vector<Term>& terms, std::string_view code_or_label);

// SELECT list for room_json(): the room (alias r), its building (b), floor (f), unit (u).
extern const std::string kRoomColumns;
extern const std::string kRoomFrom;
boost::json::object room_json(const db::Row& row);  // the registry's fields, no verdict
std::optional<boost::json::object> find_room(db::Tx& tx, std::int64_t tenant_id, std::int64_t id);

// Checks a new room as create_room() would, without writing (imports check every row
// first). Throws http::ApiError naming the field; a taken number is 409 duplicate_number.
void validate_room(db::Tx& tx, std::int64_t tenant_id, const RoomFields& fields);
// Both write one audit row; update answers false when there is no such room.
std::int64_t create_room(db::Tx& tx, const audit::Actor& actor, const RoomFields& fields);
bool update_room(db::Tx& tx, const audit::Actor& actor, std::int64_t id, const RoomPatch& patch);

// An area as written in a sheet, in m² ("12.67", "30") → hundredths, exactly (read digit by
// digit). At most two decimals (more only if zeros); nullopt for anything else.
std::optional<std::int64_t> parse_area(std::string_view m2);

// ---- Field checks (registry.cpp; occupancy.cpp uses them too) ---------------------------

// 422 naming the field unless `value` has min–max characters.
void check_text(const std::string& field, const std::string& value, std::size_t min, std::size_t max, const std::string& what);
// 422 naming the field unless `day` is a valid YYYY-MM-DD not after today (China).
void check_past_day(const std::string& field, const std::string& day);

// ---- Occupancy (occupancy.cpp) ---------------------------------------------------------

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

// SELECT list for occupancy_json(): the occupancy (alias o), its room (r), building (b),
// person (p) and the person's unit (pu).
extern const std::string kOccupancyColumns;
extern const std::string kOccupancyFrom;
boost::json::object occupancy_json(const db::Row& row);
std::optional<boost::json::object> find_occupancy(db::Tx& tx, std::int64_t tenant_id, std::int64_t id);

// ---- Flags (occupancy.cpp) -------------------------------------------------------------

struct Flag {
  std::string kind;  // left_unit | second_office_overdue | lent_room | occupied_non_office
  std::int64_t room_id = 0;
  std::string building_name;
  std::string room_number;
  std::optional<std::int64_t> unit_id;  // the room's unit
  std::string unit_name;
  std::optional<std::int64_t> person_id;
  std::string person_name;
  std::optional<std::int64_t> occupancy_id;
  std::string since;  // YYYY-MM-DD
  std::string due;    // YYYY-MM-DD
  std::string message;
};

// The flags as of `today`, of one room or all, ordered by due day, then room.
std::vector<Flag> compute_flags(db::Tx& tx, std::int64_t tenant_id, std::string_view today,
                                std::optional<std::int64_t> room_id = std::nullopt);
boost::json::object flag_json(const Flag& flag);

// `day` plus `months` calendar months, clamped to the month's end (01-31 + 1 → 02-28).
std::string plus_months(std::string_view day, int months);

}  // namespace jiguan::space
