// Office space (办公用房): the area standards as data, and the live judgement of every
// office against them. Domain rules only; no HTTP here.
//
// Rules (《党政机关办公用房建设标准》发改投资〔2014〕2674号; local practice from
// ../shared/domain/README.md, configurable per tenant in space_settings):
// - A person's standard is the limit of the standard's row for the tenant's level and the
//   person's rank. The standard is the one the tenant pins, or else the one in force on the
//   day judged: a 1999 building occupied in 2015 is judged by the 2014 table.
// - An office complies when its usable area ≤ the sum of its occupants' standards (its
//   entitlement); each occupant's share is the area split in proportion to the standards.
// - Excess = area − entitlement, also as ‰ of the entitlement. Up to amber_from_pct % the
//   room is green (may stay while no other room is available), from red_from_pct % red
//   (must be fixed), between them amber (fixed at the next renovation or change of post).
//   Caps are inclusive: exactly 30 % is still green, exactly 50 % is red.
// - An office whose occupant has no standard (a rank the table does not list) is "unknown".
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/db/db.hpp"

namespace jiguan::space {

// ---- Standards (standards.cpp) ---------------------------------------------------------

struct Settings {
  std::string level = "county";              // central | province | city | county | township
  std::optional<std::string> standard_code;  // nullopt: the standard in force on the day
  int amber_from_pct = 30;
  int red_from_pct = 50;
};

struct StandardRow {
  std::int64_t id = 0;
  std::string code;        // '2014', '1999', or a tenant's own
  std::string regulation;  // the citation shown with each verdict
  std::string level;
  std::string rank;         // a value of the rank dictionary
  std::string grade_label;  // the table's own words: 县正, 正科, 科以下 …
  std::int64_t limit_area = 0;
  std::string effective_from;
  std::optional<std::string> effective_to;
  bool builtin = false;
};

// The national tables shipped with every tenant (../shared/domain/README.md): 2014 for all
// five levels but 乡级 (set by each province, so left to the tenant), 1999 for 市级 and 县级.
std::vector<StandardRow> builtin_standards();
// Inserts the built-in rows and the settings row where missing (idempotent).
void ensure_builtin_data(db::Tx& tx, std::int64_t tenant_id);

Settings load_settings(db::Tx& tx, std::int64_t tenant_id);
std::vector<StandardRow> load_standards(db::Tx& tx, std::int64_t tenant_id);

// The code of the standard that judges offices on `day` (YYYY-MM-DD): the pinned one, or
// among the standards with rows at the tenant's level in force on that day the one with
// the latest effective_from. nullopt when none is.
std::optional<std::string> standard_in_force(const std::vector<StandardRow>& rows, const Settings& settings, std::string_view day);
// The row of that standard for `rank` at the tenant's level, or null.
const StandardRow* limit_for(const std::vector<StandardRow>& rows, const Settings& settings, std::string_view rank,
                             std::string_view day);

// ---- Judging one office (assessment.cpp, pure) -----------------------------------------

enum class Grade { vacant, unknown, compliant, within_tolerance, amber, red };
std::string_view grade_name(Grade grade);    // vacant | unknown | compliant | within_tolerance | amber | red
std::string_view grade_colour(Grade grade);  // grey | grey | green | green | amber | red

struct OccupantStandard {
  std::int64_t person_id = 0;
  std::string name;
  const StandardRow* standard = nullptr;  // null: no standard for the person's rank
};

struct Share {
  std::int64_t person_id = 0;
  std::string name;
  std::optional<std::int64_t> limit_area;  // the person's standard
  std::string grade_label;
  std::int64_t share_area = 0;  // the room's area in proportion to the standards
};

struct Assessment {
  Grade grade = Grade::vacant;
  std::int64_t area = 0;
  std::int64_t entitlement = 0;  // Σ standards (0 when vacant or unknown)
  std::int64_t excess_area = 0;  // area − entitlement when positive
  std::int64_t excess_permille = 0;
  std::vector<Share> shares;
  std::string rule;  // why: the comparison and the regulation or tenant setting applied
};

// Grades area against entitlement with the tenant's bands (entitlement > 0).
Grade grade_of(std::int64_t area, std::int64_t entitlement, const Settings& settings);
Assessment assess_office(std::int64_t area, const std::vector<OccupantStandard>& occupants, const Settings& settings);

// "12.67" for 1267.
std::string area_text(std::int64_t hundredths);

// ---- The live picture (compliance.cpp) -------------------------------------------------

struct RoomFilter {
  std::optional<std::int64_t> room_id;
  std::optional<std::int64_t> unit_id;
  std::optional<std::int64_t> building_id;
};

// One office room as judged today (or on `day`), with its occupants.
struct RoomCompliance {
  std::int64_t room_id = 0;
  std::string building_name;
  std::string floor_name;
  std::string number;
  std::optional<std::int64_t> unit_id;
  std::string unit_name;
  std::string status;
  Assessment assessment;
};

// SQL: the occupancy with alias o covers the day in parameter `day` ("$2"). end_date is
// the day the person moved out, no longer theirs.
inline std::string occupancy_covers(std::string_view day) {
  const std::string d(day);
  return "o.start_date <= " + d + " AND (o.end_date IS NULL OR o.end_date > " + d + ")";
}

// Every office room (use = office) matching the filter, ordered by building, floor, number.
std::vector<RoomCompliance> assess_rooms(db::Tx& tx, std::int64_t tenant_id, const RoomFilter& filter, std::string_view day);
boost::json::object room_compliance_json(const RoomCompliance& room);

// A unit's office area against its entitlement (Σ standards of its active people).
struct UnitCompliance {
  std::int64_t unit_id = 0;
  std::string unit_code;
  std::string unit_name;
  std::int64_t people = 0;
  std::int64_t office_rooms = 0;
  std::int64_t office_area = 0;
  std::int64_t entitlement = 0;
  std::int64_t service_area = 0;
  std::int64_t vacant_rooms = 0;
  std::int64_t over_standard_rooms = 0;
  std::int64_t people_without_standard = 0;
  Grade grade = Grade::vacant;  // office_area against entitlement, by the same bands
};

// Units holding rooms or people (or just `unit_id`), ordered by unit code. A section
// (科室) counts with the bureau above it.
std::vector<UnitCompliance> assess_units(db::Tx& tx, std::int64_t tenant_id, std::optional<std::int64_t> unit_id,
                                         std::string_view day);
boost::json::object unit_compliance_json(const UnitCompliance& unit);

}  // namespace jiguan::space
