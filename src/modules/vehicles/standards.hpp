// Configuration standards (配备标准) of official vehicles, as data: caps on displacement and
// purchase price for a category (and optionally an energy type), for vehicles bought between
// two dates. A vehicle is judged against the one standard in force on its purchase date.
//
// The rule exists twice and must not drift: check_standard() judges one vehicle (the JSON
// `standard` object), over_standard_sql() is the same judgement as SQL (the list filter
// `over_standard`). standards_test.cpp checks them against each other on both databases.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/audit/audit.hpp"
#include "core/db/db.hpp"

namespace jiguan::vehicles {

struct Standard {
  std::int64_t id = 0;
  std::string category;
  std::optional<std::string> energy_type;  // nullopt: every energy type
  std::optional<std::int64_t> max_displacement_ml;
  std::optional<std::int64_t> max_price_fen;
  std::string effective_from;  // purchase dates, both ends inclusive
  std::optional<std::string> effective_to;
  std::string regulation;  // the citation shown with the result
};

// What the check looks at of a vehicle.
struct VehicleFacts {
  std::string category;
  std::string energy_type;  // fuel | new_energy
  std::int64_t displacement_ml = 0;
  std::int64_t purchase_price_fen = 0;
  std::string purchase_date;  // YYYY-MM-DD
};

struct Violation {
  std::string field;  // displacement_ml | purchase_price_fen
  std::int64_t limit = 0;
  std::int64_t actual = 0;
};

struct StandardCheck {
  std::string result;      // ok | over | none (no standard applies)
  std::string regulation;  // "" for none
  std::vector<Violation> violations;
};

// The standard in force for the vehicle, or null: same category; same energy type or any;
// effective_from ≤ purchase date ≤ effective_to. Where several apply, the one naming the
// energy type wins over a general one, then the latest effective_from, then the newest row.
const Standard* applicable_standard(const VehicleFacts& vehicle, const std::vector<Standard>& standards);

// A cap is kept when the value is at most the cap (以内/以下 include the number).
StandardCheck check_standard(const VehicleFacts& vehicle, const std::vector<Standard>& standards);

// {"result","regulation","violations":[{"field","limit","actual"}]}
boost::json::object check_json(const StandardCheck& check);

// SQL boolean without parameters: the row of `vehicles` with alias `vehicle` is over the
// standard check_standard() picks for it.
std::string over_standard_sql(std::string_view vehicle);

// Every standard of the tenant (few rows): loaded once per request, then checked per row.
std::vector<Standard> load_standards(db::Tx& tx, std::int64_t tenant_id);

// ---- Editing (vehicles.manage) ---------------------------------------------------------

// Rules: category a value of dictionary vehicle_category; energy_type fuel | new_energy |
// none; caps positive (displacement ≤ 20000 ml), at least one; dates valid with
// effective_from ≤ effective_to; regulation 1–500 characters.
struct StandardFields {
  std::string category;
  std::optional<std::string> energy_type;
  std::optional<std::int64_t> max_displacement_ml;
  std::optional<std::int64_t> max_price_fen;
  std::string effective_from;
  std::optional<std::string> effective_to;
  std::string regulation;
};

// Only the fields present change; the inner nullopt clears a nullable field.
struct StandardPatch {
  std::optional<std::string> category;
  std::optional<std::optional<std::string>> energy_type;
  std::optional<std::optional<std::int64_t>> max_displacement_ml;
  std::optional<std::optional<std::int64_t>> max_price_fen;
  std::optional<std::string> effective_from;
  std::optional<std::optional<std::string>> effective_to;
  std::optional<std::string> regulation;
};

// SELECT list for standard_json(): the standard (alias st) and its category's label (c).
inline const std::string kStandardColumns =
    "st.id, st.category, c.label, st.energy_type, st.max_displacement_ml, st.max_price_fen, st.effective_from, st.effective_to,"
    " st.regulation, st.builtin";
inline const std::string kStandardFrom =
    " FROM vehicle_standards st LEFT JOIN dictionary_items c ON c.tenant_id = st.tenant_id"
    " AND c.dictionary_code = 'vehicle_category' AND c.value = st.category";
boost::json::object standard_json(const db::Row& row);

std::optional<boost::json::object> find_standard(db::Tx& tx, std::int64_t tenant_id, std::int64_t id);
std::int64_t create_standard(db::Tx& tx, const audit::Actor& actor, const StandardFields& fields);
// False when there is no such standard in the tenant.
bool update_standard(db::Tx& tx, const audit::Actor& actor, std::int64_t id, const StandardPatch& patch);

}  // namespace jiguan::vehicles
