// Upkeep of the area standards and the tenant's settings, and what is read from the live
// judgement (compliance.cpp): the district's figures, the statistics of the issue, and the
// leaders' offices report the seed publishes. Domain rules only; no HTTP here.
//
// Rules:
// - A standard row: code 1–20 characters; regulation 1–500; level central | province | city
//   | county | township; rank an active value of the rank dictionary; grade_label 1–20;
//   0 < limit_area ≤ 1000 m²; effective_from a valid day, effective_to (optional) a valid
//   day not before it. (code, level, rank) is unique (409 duplicate_standard).
// - Settings: level as above; 0 ≤ amber_from_pct < red_from_pct ≤ 1000; a pinned
//   standard_code must have rows at that level.
// - Leaders (领导干部) are the ranks 乡科级副职 (section_deputy) and above; the leaders of a
//   unit are its own active people of those ranks. The report lists every office where at
//   least one of them sits, highest rank first; it is published internally (《党政机关办公
//   用房管理办法》第十九条: leaders' offices are recorded and published every year), so it is
//   not narrowed by the reader's data scope.
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/access/scope.hpp"
#include "core/audit/audit.hpp"
#include "core/db/db.hpp"
#include "modules/space/space.hpp"

namespace jiguan::space {

// ---- Standards and settings --------------------------------------------------------------

struct StandardFields {
  std::string code;
  std::string regulation;
  std::string level;
  std::string rank;
  std::string grade_label;
  std::int64_t limit_area = 0;
  std::string effective_from;
  std::optional<std::string> effective_to;
  bool operator==(const StandardFields&) const = default;
};

// Only the fields present change; effective_to may be set back to null.
struct StandardPatch {
  std::optional<std::string> code, regulation, level, rank, grade_label;
  std::optional<std::int64_t> limit_area;
  std::optional<std::string> effective_from;
  std::optional<std::optional<std::string>> effective_to;
};

extern const char* const kStandardColumns;
extern const char* const kStandardFrom;  // aliases: s (space_standards), d (its rank's label)
boost::json::object standard_json(const db::Row& row);  // a row selected with kStandardColumns
std::optional<boost::json::object> find_standard(db::Tx& tx, std::int64_t tenant_id, std::int64_t id);

// One audit row each (none for a patch that changes nothing); 404 for an unknown id, 422
// naming the field, 409 duplicate_standard.
std::int64_t create_standard(db::Tx& tx, const audit::Actor& actor, const StandardFields& fields);
void update_standard(db::Tx& tx, const audit::Actor& actor, std::int64_t id, const StandardPatch& patch);

// {level, standard_code, amber_from_pct, red_from_pct, in_force}: in_force is the standard
// judging offices on `day` ({code, regulation}, or null when none is).
boost::json::object settings_json(db::Tx& tx, std::int64_t tenant_id, std::string_view day);
void save_settings(db::Tx& tx, const audit::Actor& actor, const Settings& settings);

// ---- The live picture --------------------------------------------------------------------

struct PictureFilter {
  std::optional<std::int64_t> unit_id;      // rooms owned by, and the figures of, this unit
  std::optional<std::int64_t> building_id;  // rooms of this building (units are not narrowed)
};

// The offices and units judged on a day, within the reader's data scope (a room without an
// owning unit only in scope `all`), with the tallies of rooms of every use.
struct Picture {
  std::string day;
  std::vector<RoomCompliance> rooms;
  std::vector<UnitCompliance> units;
  std::int64_t buildings = 0;
  std::int64_t all_rooms = 0;    // rooms of every use
  std::int64_t usable_area = 0;  // Σ their usable area
};

Picture load_picture(db::Tx& tx, std::int64_t tenant_id, const access::Scope& scope, const PictureFilter& filter,
                     std::string_view day);

// {rooms, office_rooms, office_area, entitlement (Σ the units' entitlements), green, amber,
// red, grey (office rooms by colour), over_standard_rooms, units_over_entitlement}.
boost::json::object district_json(const Picture& picture);
// The shape, exactly: {buildings, rooms, office_rooms, usable_area, office_area,
// over_standard_rooms, units_over_entitlement, vacant_rooms}; vacant: an office with no
// occupant on the day or with status vacant.
boost::json::object stats_json(const Picture& picture);

// ---- The leaders' offices ----------------------------------------------------------------

// 0 for the highest leader rank (province_chief) … 7 for section_deputy; nullopt: no leader.
std::optional<int> leader_rank_order(std::string_view rank);
// What a verdict says in the report: 符合标准, 超标（容差内）, …
std::string_view verdict_label(Grade grade);

// The unit whose leaders a reader sees by default: the unit itself, or for a section (科室)
// the unit above it.
std::int64_t department_of(db::Tx& tx, std::int64_t tenant_id, std::int64_t unit_id);

// Every office where a leader of the unit sits on `day`, highest leader first: {room_id,
// building, floor, number, unit_name, occupants [{person_id, name, post, rank, rank_label,
// standard_area, share_area}], occupant_names, rank_order (leader_rank_order of its
// highest leader), area, entitlement, excess_area, grade, colour, verdict, rule}.
boost::json::array leader_offices(db::Tx& tx, std::int64_t tenant_id, std::int64_t unit_id, std::string_view day);

}  // namespace jiguan::space
