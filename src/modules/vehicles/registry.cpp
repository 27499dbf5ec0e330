#include "modules/vehicles/registry.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <map>

#include "core/people/people.hpp"
#include "core/util/time.hpp"
#include "modules/vehicles/builtins.hpp"
#include "modules/vehicles/events.hpp"
#include "modules/vehicles/fields.hpp"

namespace jiguan::vehicles {
namespace json = boost::json;

const std::string kVehicleColumns =
    "v.id, v.plate, v.brand_model, v.category, c.label, v.energy_type, v.displacement_ml, v.seats, v.vin, v.engine_no,"
    " v.purchase_date, v.purchase_price_fen, v.funding_source, f.label, v.owner_unit_id, u.name, v.sector_id, s.name, v.status,"
    " v.odometer_km, v.notes, v.created_at, v.updated_at";
const std::string kVehicleTable = " FROM vehicles v";
const std::string kVehicleLookups =
    " JOIN units u ON u.tenant_id = v.tenant_id AND u.id = v.owner_unit_id"
    " LEFT JOIN units s ON s.tenant_id = v.tenant_id AND s.id = v.sector_id"
    " LEFT JOIN dictionary_items c ON c.tenant_id = v.tenant_id AND c.dictionary_code = 'vehicle_category' AND c.value = "
    "v.category"
    " LEFT JOIN dictionary_items f ON f.tenant_id = v.tenant_id AND f.dictionary_code = 'vehicle_funding'"
    " AND f.value = v.funding_source";
const std::string kVehicleFrom = kVehicleTable + kVehicleLookups;

const std::string kEventColumns =
    "e.id, e.at, e.happened_on, e.actor_account_id, a.display_name, e.action, e.from_status, e.to_status, e.reason, e.details";
const std::string kEventFrom =
    " FROM vehicle_events e LEFT JOIN accounts a ON a.tenant_id = e.tenant_id AND a.id = e.actor_account_id";

const std::string kHeldSql =
    "(SELECT COUNT(*) FROM vehicles hv WHERE hv.tenant_id = u.tenant_id AND hv.owner_unit_id = u.id"
    " AND hv.status IN ('in_service', 'sealed'))";
const std::string kQuotaColumns = "u.id, u.code, u.name, q.quota, " + kHeldSql;
const std::string kQuotaFrom = " FROM units u LEFT JOIN vehicle_quotas q ON q.tenant_id = u.tenant_id AND q.unit_id = u.id";

namespace {

// ---- Validation ------------------------------------------------------------------------

bool is_vin(const std::string& vin) {
  // ISO 3779 / GB 16735: 17 characters, digits and capital letters except I, O and Q.
  return vin.size() == 17 && std::all_of(vin.begin(), vin.end(), [](unsigned char ch) {
           return std::isdigit(ch) || (ch >= 'A' && ch <= 'Z' && ch != 'I' && ch != 'O' && ch != 'Q');
         });
}

// Plates and VINs are compared as people read them: without surrounding spaces, in capitals.
std::string normalized_code(std::string text) {
  const auto first = text.find_first_not_of(" \t");
  const auto last = text.find_last_not_of(" \t");
  text = first == std::string::npos ? std::string() : text.substr(first, last - first + 1);
  for (auto& ch : text) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  return text;
}

void check_active_item(db::Tx& tx, std::int64_t tenant_id, const char* dictionary, const std::string& field,
                       const std::string& value, const std::string& what) {
  if (tx.query("SELECT 1 FROM dictionary_items WHERE tenant_id = $1 AND dictionary_code = $2 AND value = $3 AND active = 1",
               tenant_id, dictionary, value)
          .empty()) {
    throw http::invalid(field, what + "不存在或已停用：" + value);
  }
}

// 409 when another vehicle of the tenant already has `value` in `column` (plate or vin).
void check_unique(db::Tx& tx, std::int64_t tenant_id, std::int64_t self_id, const std::string& column, const std::string& value,
                  const std::string& what) {
  if (!tx.query("SELECT 1 FROM vehicles WHERE tenant_id = $1 AND " + column + " = $2 AND id <> $3", tenant_id, value, self_id)
           .empty()) {
    throw http::conflict(what + "已登记：" + value, column);
  }
}

// Checks `f`; with `before` (an update), only the fields that differ from it.
void check_fields(db::Tx& tx, std::int64_t tenant_id, const VehicleFields& f, const VehicleFields* before, std::int64_t self_id) {
  auto changed = [&](auto member) { return !before || f.*member != before->*member; };
  if (changed(&VehicleFields::plate)) {
    check_chars("plate", f.plate, 5, 10, "车牌号");
    check_unique(tx, tenant_id, self_id, "plate", f.plate, "车牌号");
  }
  if (changed(&VehicleFields::brand_model)) check_chars("brand_model", f.brand_model, 1, 50, "品牌型号");
  if (changed(&VehicleFields::category))
    check_active_item(tx, tenant_id, kCategoryDictionary, "category", f.category, "车辆类别");
  if (changed(&VehicleFields::energy_type) && !is_energy_type(f.energy_type)) {
    throw http::invalid("energy_type", "能源类型应为 fuel 或 new_energy");
  }
  if (changed(&VehicleFields::displacement_ml) || changed(&VehicleFields::energy_type)) {
    check_range("displacement_ml", f.displacement_ml, 0, 20000, "排量（毫升）");
    if (f.displacement_ml == 0 && f.energy_type != "new_energy") throw http::invalid("displacement_ml", "燃油车的排量应大于 0");
  }
  if (changed(&VehicleFields::seats)) check_range("seats", f.seats, 1, 80, "座位数");
  if (changed(&VehicleFields::vin) && !f.vin.empty()) {
    if (!is_vin(f.vin)) throw http::invalid("vin", "车架号应为 17 位数字或大写字母（不含 I、O、Q）");
    check_unique(tx, tenant_id, self_id, "vin", f.vin, "车架号");
  }
  if (changed(&VehicleFields::engine_no)) check_chars("engine_no", f.engine_no, 0, 30, "发动机号");
  if (changed(&VehicleFields::purchase_date)) check_past_day("purchase_date", f.purchase_date);
  if (changed(&VehicleFields::purchase_price_fen) && f.purchase_price_fen < 0) {
    throw http::invalid("purchase_price_fen", "购置价格不能为负数");
  }
  if (changed(&VehicleFields::funding_source)) {
    check_active_item(tx, tenant_id, kFundingDictionary, "funding_source", f.funding_source, "资金来源");
  }
  if (changed(&VehicleFields::owner_unit_id) &&
      tx.query("SELECT 1 FROM units WHERE tenant_id = $1 AND id = $2 AND active = 1", tenant_id, f.owner_unit_id).empty()) {
    throw http::invalid("owner_unit_id", "所属单位不存在或已停用");
  }
  if (changed(&VehicleFields::odometer_km)) check_range("odometer_km", f.odometer_km, 0, 9'999'999, "里程（公里）");
  if (changed(&VehicleFields::notes)) check_chars("notes", f.notes, 0, 500, "备注");
}

VehicleFields normalized(VehicleFields f) {
  f.plate = normalized_code(std::move(f.plate));
  f.vin = normalized_code(std::move(f.vin));
  return f;
}

std::string text_of(const json::object& o, const char* key) { return std::string(o.at(key).as_string()); }

VehicleFields fields_of(const json::object& v) {
  return {text_of(v, "plate"),
          text_of(v, "brand_model"),
          text_of(v, "category"),
          text_of(v, "energy_type"),
          v.at("displacement_ml").as_int64(),
          v.at("seats").as_int64(),
          text_of(v, "vin"),
          text_of(v, "engine_no"),
          text_of(v, "purchase_date"),
          v.at("purchase_price_fen").as_int64(),
          text_of(v, "funding_source"),
          v.at("owner_unit_id").as_int64(),
          v.at("odometer_km").as_int64(),
          text_of(v, "notes")};
}

// What the audit trail and the timeline keep of a vehicle: its fields and their labels,
// not what is derived (the standard check) or bookkeeping (updated_at).
json::object record_of(json::object vehicle) {
  vehicle.erase("standard");
  vehicle.erase("updated_at");
  return vehicle;
}

// An unsigned decimal as text: digits, then optionally '.' and digits.
struct Decimal {
  std::string_view whole, fraction;
};
std::optional<Decimal> split_decimal(std::string_view text) {
  const auto dot = text.find('.');
  const Decimal d{text.substr(0, dot), dot == std::string_view::npos ? std::string_view() : text.substr(dot + 1)};
  const auto digits = [](std::string_view s) { return s.find_first_not_of("0123456789") == std::string_view::npos; };
  if (d.whole.empty() || !digits(d.whole) || !digits(d.fraction)) return std::nullopt;
  return d;
}

}  // namespace

// ---- Vehicles --------------------------------------------------------------------------

json::object vehicle_json(const db::Row& row, const std::vector<Standard>& standards) {
  const VehicleFacts facts{row.text(3), row.text(5), row.int64(6), row.int64(11), row.text(10)};
  return {{"id", row.int64(0)},
          {"plate", row.text(1)},
          {"brand_model", row.text(2)},
          {"category", facts.category},
          {"category_label", nullable_text(row, 4)},
          {"energy_type", facts.energy_type},
          {"displacement_ml", facts.displacement_ml},
          {"seats", row.int64(7)},
          {"vin", row.text(8)},
          {"engine_no", row.text(9)},
          {"purchase_date", facts.purchase_date},
          {"purchase_price_fen", facts.purchase_price_fen},
          {"funding_source", row.text(12)},
          {"funding_source_label", nullable_text(row, 13)},
          {"owner_unit_id", row.int64(14)},
          {"owner_unit_name", row.text(15)},
          {"sector_id", nullable_int(row, 16)},
          {"sector_name", nullable_text(row, 17)},
          {"status", row.text(18)},
          {"status_label", status_label(row.text(18))},
          {"odometer_km", row.int64(19)},
          {"notes", row.text(20)},
          {"created_at", row.text(21)},
          {"updated_at", row.text(22)},
          {"standard", check_json(check_standard(facts, standards))}};
}

std::optional<json::object> find_vehicle(db::Tx& tx, std::int64_t tenant_id, std::int64_t id) {
  auto r = tx.query("SELECT " + kVehicleColumns + kVehicleFrom + " WHERE v.tenant_id = $1 AND v.id = $2", tenant_id, id);
  if (r.empty()) return std::nullopt;
  return vehicle_json(r.rows[0], load_standards(tx, tenant_id));
}

VehicleFields validate_vehicle(db::Tx& tx, std::int64_t tenant_id, const VehicleFields& fields) {
  auto f = normalized(fields);
  check_fields(tx, tenant_id, f, nullptr, 0);
  return f;
}

std::int64_t create_vehicle(db::Tx& tx, const audit::Actor& actor, const VehicleFields& fields, const std::string& reason) {
  const auto f = validate_vehicle(tx, actor.tenant_id, fields);
  const auto id =
      tx.query(
            "INSERT INTO vehicles (tenant_id, plate, brand_model, category, energy_type, displacement_ml, seats, vin, engine_no, "
            "purchase_date, purchase_price_fen, funding_source, owner_unit_id, odometer_km, notes, created_at, updated_at) "
            "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $16) RETURNING id",
            actor.tenant_id, f.plate, f.brand_model, f.category, f.energy_type, f.displacement_ml, f.seats, f.vin, f.engine_no,
            f.purchase_date, f.purchase_price_fen, f.funding_source, f.owner_unit_id, f.odometer_km, f.notes, util::now_utc())
          .one()
          .int64(0);
  record_event(tx, actor, id, {"register", std::nullopt, reason, f.purchase_date, {}});
  audit::record(tx, actor, {"create", "vehicle", id, record_of(*find_vehicle(tx, actor.tenant_id, id))});
  return id;
}

bool update_vehicle(db::Tx& tx, const audit::Actor& actor, std::int64_t id, const VehiclePatch& p) {
  const auto before_json = find_vehicle(tx, actor.tenant_id, id);
  if (!before_json) return false;
  const auto b = fields_of(*before_json);
  const auto f =
      normalized({patched(p.plate, b.plate), patched(p.brand_model, b.brand_model), patched(p.category, b.category),
                  patched(p.energy_type, b.energy_type), patched(p.displacement_ml, b.displacement_ml), patched(p.seats, b.seats),
                  patched(p.vin, b.vin), patched(p.engine_no, b.engine_no), patched(p.purchase_date, b.purchase_date),
                  patched(p.purchase_price_fen, b.purchase_price_fen), patched(p.funding_source, b.funding_source),
                  patched(p.owner_unit_id, b.owner_unit_id), patched(p.odometer_km, b.odometer_km), patched(p.notes, b.notes)});
  check_fields(tx, actor.tenant_id, f, &b, id);
  tx.query(
      "UPDATE vehicles SET plate = $3, brand_model = $4, category = $5, energy_type = $6, displacement_ml = $7, seats = $8, "
      "vin = $9, engine_no = $10, purchase_date = $11, purchase_price_fen = $12, funding_source = $13, owner_unit_id = $14, "
      "odometer_km = $15, notes = $16, updated_at = $17 WHERE tenant_id = $1 AND id = $2",
      actor.tenant_id, id, f.plate, f.brand_model, f.category, f.energy_type, f.displacement_ml, f.seats, f.vin, f.engine_no,
      f.purchase_date, f.purchase_price_fen, f.funding_source, f.owner_unit_id, f.odometer_km, f.notes, util::now_utc());
  const auto changes = audit::diff(record_of(*before_json), record_of(*find_vehicle(tx, actor.tenant_id, id)));
  if (changes.empty()) return true;
  record_event(tx, actor, id, {"update", std::nullopt, "", std::nullopt, changes});
  audit::record(tx, actor, {"update", "vehicle", id, changes});
  return true;
}

bool is_registry_status_target(std::string_view status) {
  return status == "transferred" || status == "scrapped" || status == "sealed" || status == "in_service";
}

void change_status(db::Tx& tx, const audit::Actor& actor, std::int64_t id, const StatusChange& change) {
  auto found = tx.query("SELECT status FROM vehicles WHERE tenant_id = $1 AND id = $2", actor.tenant_id, id);
  if (found.empty()) throw http::not_found("车辆");
  if (!is_registry_status_target(change.to_status)) {
    throw http::invalid("to_status", "目标状态应为 transferred（调拨）、scrapped（报废）、sealed（封存）或 in_service（启封）");
  }
  check_chars("reason", change.reason, 1, 200, "原因");
  check_past_day("happened_on", change.happened_on);
  if (!tx.query("SELECT 1 FROM campaign_vehicles cv JOIN vehicle_campaigns k ON k.tenant_id = cv.tenant_id AND k.id = "
                "cv.campaign_id "
                "WHERE cv.tenant_id = $1 AND cv.vehicle_id = $2 AND (cv.decision = 'cancel' OR (cv.decision = 'pending' AND "
                "k.status = 'open'))",
                actor.tenant_id, id)
           .empty()) {
    throw http::ApiError(409, "in_reform", "该车辆正在车改中，其状态由车改的决定、封存、移交和处置办理", "to_status");
  }
  const auto from = found.one().text(0);
  record_event(tx, actor, id, {"status", change.to_status, change.reason, change.happened_on, {}});
  audit::record(
      tx, actor,
      {"status",
       "vehicle",
       id,
       {{"status", {{"from", from}, {"to", change.to_status}}}, {"reason", change.reason}, {"happened_on", change.happened_on}}});
}

// ---- Import cells ----------------------------------------------------------------------

std::optional<std::int64_t> parse_yuan(std::string_view text) {
  const auto number = split_decimal(text);
  if (!number || number->whole.size() > 13) return std::nullopt;
  const auto fraction = number->fraction;
  if (fraction.size() > 2 && fraction.find_first_not_of('0', 2) != std::string_view::npos) return std::nullopt;
  std::int64_t fen = 0;
  for (char c : number->whole) fen = fen * 10 + (c - '0');
  for (std::size_t i = 0; i < 2; ++i) fen = fen * 10 + (i < fraction.size() ? fraction[i] - '0' : 0);
  return fen;
}

std::optional<std::string> parse_sheet_day(std::string_view text) {
  if (calendar::parse_date(text)) return std::string(text);
  const auto number = split_decimal(text);  // a date-time serial (42370.5) counts as its day
  if (!number || number->whole.size() > 7) return std::nullopt;
  std::int64_t serial = 0;
  for (char c : number->whole) serial = serial * 10 + (c - '0');
  if (serial < 61 || serial > 2'958'465) return std::nullopt;
  using namespace std::chrono;
  return calendar::format_date(calendar::Date{sys_days{year{1899} / December / 30} + days{serial}});
}

// ---- Timeline --------------------------------------------------------------------------

json::object event_json(const db::Row& row) {
  return {{"id", row.int64(0)},
          {"at", row.text(1)},
          {"happened_on", nullable_text(row, 2)},
          {"actor", row.is_null(3) ? json::value() : json::value(json::object{{"id", row.int64(3)}, {"name", row.text(4)}})},
          {"action", row.text(5)},
          {"from_status", nullable_text(row, 6)},
          {"to_status", nullable_text(row, 7)},
          {"reason", row.text(8)},
          {"details", json::parse(row.text(9))}};
}

// ---- Quotas ----------------------------------------------------------------------------

json::object quota_json(const db::Row& row) {
  const auto quota = row.opt_int64(3);
  const auto held = row.int64(4);
  return {{"unit_id", row.int64(0)},
          {"unit_code", row.text(1)},
          {"unit_name", row.text(2)},
          {"quota", quota ? json::value(*quota) : json::value()},
          {"held", held},
          {"over", quota && held > *quota}};
}

bool set_quota(db::Tx& tx, const audit::Actor& actor, std::int64_t unit_id, std::int64_t quota) {
  auto unit = tx.query("SELECT q.quota" + kQuotaFrom + " WHERE u.tenant_id = $1 AND u.id = $2", actor.tenant_id, unit_id);
  if (unit.empty()) return false;
  check_range("quota", quota, 0, 100'000, "编制数");
  const auto previous = unit.one().opt_int64(0);
  if (previous == quota) return true;
  tx.query(
      "INSERT INTO vehicle_quotas (tenant_id, unit_id, quota, updated_at) VALUES ($1, $2, $3, $4) "
      "ON CONFLICT (tenant_id, unit_id) DO UPDATE SET quota = excluded.quota, updated_at = excluded.updated_at",
      actor.tenant_id, unit_id, quota, util::now_utc());
  audit::record(tx, actor,
                {"update",
                 "vehicle_quota",
                 unit_id,
                 {{"quota", {{"from", previous ? json::value(*previous) : json::value()}, {"to", quota}}}}});
  return true;
}

// ---- Fleet report ----------------------------------------------------------------------

bool ReportRow::over_quota() const {
  const auto count = [&](const char* status) {
    const auto it = by_status.find(status);
    return it == by_status.end() ? 0 : it->second;
  };
  return quota && count("in_service") + count("sealed") > *quota;
}

std::vector<ReportRow> fleet_report(db::Tx& tx, std::int64_t tenant_id, const std::string& units_from_where,
                                    const std::vector<db::Value>& params, const std::string& order_by) {
  std::vector<ReportRow> rows;
  std::map<std::int64_t, std::size_t> index;
  for (const auto& row :
       tx.exec("SELECT u.id, u.code, u.name, q.quota" + units_from_where + " ORDER BY " + order_by, params).rows) {
    index[row.int64(0)] = rows.size();
    rows.push_back({row.int64(0), row.text(1), row.text(2), row.opt_int64(3), {}, {}, 0});
  }
  auto counts_params = params;
  counts_params.emplace_back(tenant_id);
  const auto counts = tx.exec("SELECT v.owner_unit_id, v.category, v.status, COUNT(*) FROM vehicles v WHERE v.tenant_id = $" +
                                  std::to_string(counts_params.size()) + " AND v.owner_unit_id IN (SELECT u.id" +
                                  units_from_where + ") GROUP BY v.owner_unit_id, v.category, v.status",
                              counts_params);
  for (const auto& row : counts.rows) {
    auto& r = rows[index.at(row.int64(0))];
    const auto n = row.int64(3);
    r.by_category[row.text(1)] += n;
    r.by_status[row.text(2)] += n;
    r.total += n;
  }
  return rows;
}

}  // namespace jiguan::vehicles
