// The vehicle reform (车改): a campaign, the units taking part and their vehicles, the
// decision per vehicle (retain with its category, or cancel), then the sealing (封存) and
// hand-over (移交) of each cancelled vehicle to the disposal custodian, and the campaign's
// close. Disposal (appraisal, scrapping, auctions, remittance) is in disposal.hpp.
// Domain rules only; the routes restrict rows to the caller's data scope before calling in.
//
// The seed's reform: "全区67个参改部门单位参改车辆共计507辆，取消车辆总数293辆 … 按照市车改
// 节点要求于6月30日按时完成了参改单位取消车辆到封存移交" — a deadline for sealing and hand-over
// that each unit's progress is measured against.
//
// Rules: step dates are valid days, not after today (UTC+8) and not before the campaign's
// start (nor before the step they follow); the hand-over deadline is not before the start;
// a vehicle takes part in one campaign only; a decision can be revised until the vehicle is
// sealed; a closed campaign refuses every change (409 campaign_closed).
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/audit/audit.hpp"
#include "core/db/db.hpp"
#include "modules/vehicles/events.hpp"
#include "modules/vehicles/fields.hpp"

namespace jiguan::vehicles {

// ---- Checks shared by the reform's steps (each throws http::ApiError naming the field) ----
// (fields.hpp has the module's general ones: local_today, check_day, check_chars …)

// A valid 'YYYY-MM-DD' that is not before `not_before` (when not empty; `after_what` names
// it in the message) and, for something that has happened, not after today (UTC+8).
struct DayRule {
  std::string not_before;
  std::string after_what;
  bool may_be_future = false;
};
void check_step_day(const std::string& field, const std::string& day, const DayRule& rule);
void check_amount(const std::string& field, std::int64_t fen);  // ≥ 0
// Fen as yuan for messages: 513800400 → "5138004.00".
std::string yuan(std::int64_t fen);
// "SUM(CASE WHEN <condition> THEN 1 ELSE 0 END)": rows of a group that meet the condition.
std::string count_where(const std::string& condition);

// `SELECT <columns><from> WHERE <alias>.tenant_id = $1 AND <alias>.id = $2` as JSON, or nullopt.
std::optional<boost::json::object> find_row(db::Tx& tx, const std::string& columns, const std::string& from,
                                            const std::string& alias, boost::json::object (*to_json)(const db::Row&),
                                            std::int64_t tenant_id, std::int64_t id);

// Records a reform step of a vehicle: its timeline event (with the status change, if any)
// and the request's one audit row (entity "vehicle", action = the event's action).
void record_step(db::Tx& tx, const audit::Actor& actor, std::int64_t vehicle_id, const Event& event);

// ---- Campaigns -------------------------------------------------------------------------

struct CampaignFields {
  std::string name;               // 1–100 characters, unique in the tenant
  std::string start_date;         // YYYY-MM-DD
  std::string handover_deadline;  // YYYY-MM-DD, not before start_date
  std::string notes;              // 0–500 characters
};

struct CampaignPatch {
  std::optional<std::string> name;
  std::optional<std::string> start_date;
  std::optional<std::string> handover_deadline;
  std::optional<std::string> notes;
};

// SELECT list for campaign_json(): the campaign (alias c) with its counts.
extern const std::string kCampaignColumns;
inline const std::string kCampaignFrom = " FROM vehicle_campaigns c";
boost::json::object campaign_json(const db::Row& row);

std::optional<boost::json::object> find_campaign(db::Tx& tx, std::int64_t tenant_id, std::int64_t id);
// The campaign's start date; 404 when there is no such campaign, 409 campaign_closed when
// it is closed. Every change to a campaign starts here: it locks the campaign's row for the
// rest of the transaction, so that concurrent changes to one campaign (two remittances,
// two payments) run one after the other and each money check sees the other's writes.
std::string lock_open_campaign(db::Tx& tx, std::int64_t tenant_id, std::int64_t id);

// unit_ids join at once (see add_campaign_units). Returns the new id.
std::int64_t create_campaign(db::Tx& tx, const audit::Actor& actor, const CampaignFields& fields,
                             const std::vector<std::int64_t>& unit_ids);
void update_campaign(db::Tx& tx, const audit::Actor& actor, std::int64_t id, const CampaignPatch& patch);
// Units join (each active, not yet taking part: 422 unit_ids otherwise); every in-service
// vehicle they own and that takes part in no campaign yet is enrolled with decision
// pending (an "enroll" event on its timeline). Returns the number of vehicles enrolled.
std::int64_t add_campaign_units(db::Tx& tx, const audit::Actor& actor, std::int64_t campaign_id,
                                const std::vector<std::int64_t>& unit_ids);

// ---- Per-vehicle rows and steps ------------------------------------------------------------

// The campaign's vehicles as a derived table `r` (one row per vehicle, with its stage),
// columns for campaign_vehicle_json(); filter on r.tenant_id, r.campaign_id, r.unit_id,
// r.decision, r.stage and r.owner_unit_id (the data scope).
extern const std::string kCampaignVehicleColumns;
extern const std::string kCampaignVehicleFrom;
boost::json::object campaign_vehicle_json(const db::Row& row);
std::optional<boost::json::object> find_campaign_vehicle(db::Tx& tx, std::int64_t tenant_id, std::int64_t campaign_id,
                                                         std::int64_t vehicle_id);

// The board: one row per participating unit as a derived table `b` over tenant $1,
// campaign $2, with today (UTC+8) as $3; filter on b.unit_id (scope), b.unit_code,
// b.unit_name, b.overdue.
extern const std::string kBoardColumns;
extern const std::string kBoardFrom;
boost::json::object board_json(const db::Row& row);

struct Decision {
  std::string decision;                          // retain | cancel
  std::optional<std::string> retained_category;  // retain: an active vehicle_category value, not general
  std::optional<std::string> decided_on;         // default today (UTC+8)
};
void decide(db::Tx& tx, const audit::Actor& actor, std::int64_t campaign_id, std::int64_t vehicle_id, const Decision& decision);

struct Sealing {
  std::string sealed_on;
  std::string seal_place;          // 1–100 characters
  std::int64_t keys_received = 0;  // 0–20
  std::string documents_received;  // 0–200 characters (行驶证、登记证书 …)
};
void seal(db::Tx& tx, const audit::Actor& actor, std::int64_t campaign_id, std::int64_t vehicle_id, const Sealing& sealing);

// Signed by both sides: who hands over (for the unit) and who receives (for the custodian).
struct HandOver {
  std::string handed_over_on;
  std::string handed_over_by;  // 1–50 characters
  std::string received_by;     // 1–50 characters
  std::string custodian;       // the disposal custodian (处置保管单位), 1–100 characters
};
void hand_over(db::Tx& tx, const audit::Actor& actor, std::int64_t campaign_id, std::int64_t vehicle_id,
               const HandOver& hand_over);

// A vehicle of an open campaign, ready for a step: 404 when the campaign or the vehicle's
// participation is missing, 409 campaign_closed when the campaign is closed.
struct StepVehicle {
  std::string start_date;  // the campaign's
  std::string decision;
  std::string status;  // the vehicle's
  std::string category;
  std::optional<std::string> sealed_on;
  std::optional<std::string> handed_over_on;
};
StepVehicle step_vehicle(db::Tx& tx, std::int64_t tenant_id, std::int64_t campaign_id, std::int64_t vehicle_id);
// 409 wrong_stage with the message, when `ok` is false.
void require_stage(bool ok, const std::string& message);

// ---- Closing -----------------------------------------------------------------------------

// What stands between a campaign and its close, counted over the campaign.
struct CloseState {
  std::int64_t undecided = 0;    // vehicles still pending
  std::int64_t undisposed = 0;   // cancelled vehicles not yet scrapped or auctioned
  std::int64_t unpaid_lots = 0;  // sold lots whose payment is short of the hammer price
  std::int64_t received_fen = 0;
  std::int64_t remitted_fen = 0;
};
// Throws 409 with the first blocking reason, in the order the work is done:
// undecided_vehicles, undisposed_vehicles, unpaid_lots, unremitted_income.
void check_closable(const CloseState& state);
void close_campaign(db::Tx& tx, const audit::Actor& actor, std::int64_t id);

}  // namespace jiguan::vehicles
