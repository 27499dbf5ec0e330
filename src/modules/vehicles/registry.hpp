// The fleet registry (车辆台账): vehicles and their validation, status changes outside the
// reform, the timeline, unit quotas (编制数) and the fleet report. Domain rules only; the
// routes restrict rows to the caller's data scope before calling in.
//
// Rules: plate 5–10 characters, unique in the tenant; VIN empty or 17 of [A-HJ-NPR-Z0-9]
// (GB 16735: no I, O, Q), unique; plate and VIN are kept in upper case. category and
// funding_source are active values of their dictionaries; seats 1–80; displacement
// 0–20000 ml, 0 only for new energy; purchase date not in the future; price ≥ 0 fen;
// odometer 0–9,999,999 km; the owning unit exists and is active. A change checks only the
// fields that change, so a vehicle whose category item was retired can still be corrected.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/audit/audit.hpp"
#include "core/db/db.hpp"
#include "modules/vehicles/standards.hpp"

namespace jiguan::vehicles {

struct VehicleFields {
  std::string plate;
  std::string brand_model;
  std::string category;
  std::string energy_type = "fuel";
  std::int64_t displacement_ml = 0;
  std::int64_t seats = 0;
  std::string vin;
  std::string engine_no;
  std::string purchase_date;
  std::int64_t purchase_price_fen = 0;
  std::string funding_source;
  std::int64_t owner_unit_id = 0;
  std::int64_t odometer_km = 0;
  std::string notes;
};

// Only the fields present change (status never: it moves by actions).
struct VehiclePatch {
  std::optional<std::string> plate, brand_model, category, energy_type;
  std::optional<std::int64_t> displacement_ml, seats;
  std::optional<std::string> vin, engine_no, purchase_date;
  std::optional<std::int64_t> purchase_price_fen;
  std::optional<std::string> funding_source;
  std::optional<std::int64_t> owner_unit_id, odometer_km;
  std::optional<std::string> notes;
};

// SELECT list for vehicle_json(): the vehicle (alias v), its owning unit (u), sector (s)
// and the dictionary items of its category (c) and funding source (f).
extern const std::string kVehicleColumns;
extern const std::string kVehicleFrom;  // kVehicleTable + kVehicleLookups
extern const std::string kVehicleTable;  // " FROM vehicles v"
extern const std::string kVehicleLookups;  // its unit, sector and dictionary labels (1:1)
// The vehicle with its `standard` check against the tenant's standards (load_standards()).
boost::json::object vehicle_json(const db::Row& row, const std::vector<Standard>& standards);

std::optional<boost::json::object> find_vehicle(db::Tx& tx, std::int64_t tenant_id, std::int64_t id);

// Checks a new vehicle as create_vehicle() would, without writing (imports check every row
// first), and returns it as it would be stored (plate and VIN in capitals). Throws
// http::ApiError naming the field; a duplicate plate or VIN is 409.
VehicleFields validate_vehicle(db::Tx& tx, std::int64_t tenant_id, const VehicleFields& fields);
// Registers the vehicle in service, with a "register" timeline event and one audit row.
std::int64_t create_vehicle(db::Tx& tx, const audit::Actor& actor, const VehicleFields& fields, const std::string& reason = "");
// Records an "update" event with the changes and one audit row (nothing when nothing
// changes). False when there is no such vehicle.
bool update_vehicle(db::Tx& tx, const audit::Actor& actor, std::int64_t id, const VehiclePatch& patch);

// The status changes the registry makes outside the reform: 调拨 transferred, 报废 scrapped,
// 封存 sealed, 启封 in_service. A vehicle the reform cancelled, or one awaiting its
// decision in an open campaign, moves only by the reform's steps (409 in_reform).
bool is_registry_status_target(std::string_view status);
struct StatusChange {
  std::string to_status;
  std::string reason;       // 1–200 characters
  std::string happened_on;  // YYYY-MM-DD, not in the future
};
void change_status(db::Tx& tx, const audit::Actor& actor, std::int64_t id, const StatusChange& change);

// ---- Import cells ----------------------------------------------------------------------

// Yuan as written in a sheet ("123456.78", "180000") → fen, exactly: the decimal text is
// read digit by digit, never through a double. At most two decimals (more only if zeros);
// nullopt for anything else (signs, letters, empty, over 10^15 fen).
std::optional<std::int64_t> parse_yuan(std::string_view text);
// A day as written in a sheet: "YYYY-MM-DD", or the serial number Excel stores for a cell
// formatted as a date (days since 1899-12-30; 61 = 1900-03-01, from where Excel's calendar
// is right). nullopt when it is neither.
std::optional<std::string> parse_sheet_day(std::string_view text);

// ---- Timeline --------------------------------------------------------------------------

// SELECT list for event_json() over vehicle_events (alias e) and the actor's account (a).
extern const std::string kEventColumns;
extern const std::string kEventFrom;
boost::json::object event_json(const db::Row& row);

// ---- Quotas ----------------------------------------------------------------------------

// SELECT list for quota_json(): a unit (alias u), its quota row (q) and `held`, its vehicles
// in service or sealed (kHeldSql).
extern const std::string kHeldSql;
extern const std::string kQuotaColumns;
extern const std::string kQuotaFrom;
boost::json::object quota_json(const db::Row& row);
// Sets the unit's quota (0–100000); false when there is no such unit in the tenant.
bool set_quota(db::Tx& tx, const audit::Actor& actor, std::int64_t unit_id, std::int64_t quota);

// ---- Fleet report ----------------------------------------------------------------------

// Per unit: its vehicles by category and status, against its quota.
struct ReportRow {
  std::int64_t unit_id = 0;
  std::string unit_code, unit_name;
  std::optional<std::int64_t> quota;
  std::map<std::string, std::int64_t> by_category, by_status;
  std::int64_t total = 0;
  bool over_quota() const;
};
// The report's units: `units_from_where` is `FROM units u … WHERE …` (with its params)
// choosing the units, listed in `order_by`; their counts come from one grouped query.
std::vector<ReportRow> fleet_report(db::Tx& tx, std::int64_t tenant_id, const std::string& units_from_where,
                                    const std::vector<db::Value>& params, const std::string& order_by);

}  // namespace jiguan::vehicles
