#include "modules/vehicles/reform.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <cstdio>

#include "core/http/api_error.hpp"
#include "core/people/people.hpp"
#include "core/util/time.hpp"
#include "modules/vehicles/allocation.hpp"
#include "modules/vehicles/builtins.hpp"
#include "modules/vehicles/disposal.hpp"

namespace jiguan::vehicles {
namespace json = boost::json;

// ---- Shared checks -------------------------------------------------------------------------

void check_step_day(const std::string& field, const std::string& day, const DayRule& rule) {
  if (rule.may_be_future) {
    check_day(field, day);
  } else {
    check_past_day(field, day);
  }
  if (!rule.not_before.empty() && day < rule.not_before) {
    throw http::invalid(field, "日期不能早于" + rule.after_what + "（" + rule.not_before + "）");
  }
}

void check_amount(const std::string& field, std::int64_t fen) {
  if (fen < 0) throw http::invalid(field, "金额（分）不能为负数");
}

std::string yuan(std::int64_t fen) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%lld.%02lld", static_cast<long long>(fen / 100), static_cast<long long>(fen % 100));
  return buffer;
}

std::optional<json::object> find_row(db::Tx& tx, const std::string& columns, const std::string& from, const std::string& alias,
                                     json::object (*to_json)(const db::Row&), std::int64_t tenant_id, std::int64_t id) {
  auto r = tx.query("SELECT " + columns + from + " WHERE " + alias + ".tenant_id = $1 AND " + alias + ".id = $2", tenant_id, id);
  if (r.empty()) return std::nullopt;
  return to_json(r.rows[0]);
}

std::string count_where(const std::string& condition) { return "SUM(CASE WHEN " + condition + " THEN 1 ELSE 0 END)"; }

void record_step(db::Tx& tx, const audit::Actor& actor, std::int64_t vehicle_id, const Event& event) {
  record_event(tx, actor, vehicle_id, event);
  json::object diff = event.details;
  if (event.happened_on) diff["happened_on"] = *event.happened_on;
  if (event.to_status) diff["to_status"] = *event.to_status;
  audit::record(tx, actor, {event.action, "vehicle", vehicle_id, diff});
}

void require_stage(bool ok, const std::string& message) {
  if (!ok) throw http::ApiError(409, "wrong_stage", message);
}

// ---- Campaigns -------------------------------------------------------------------------

namespace {

std::string campaign_vehicle_count(const std::string& condition) {
  return "(SELECT COUNT(*) FROM campaign_vehicles cv WHERE cv.tenant_id = c.tenant_id AND cv.campaign_id = c.id" + condition +
         ")";
}

void check_campaign(db::Tx& tx, std::int64_t tenant_id, std::int64_t id, const CampaignFields& f) {
  check_chars("name", f.name, 1, 100, "车改名称");
  check_day("start_date", f.start_date);
  check_step_day("handover_deadline", f.handover_deadline, {f.start_date, "开始日期", true});
  check_chars("notes", f.notes, 0, 500, "备注");
  if (!tx.query("SELECT 1 FROM vehicle_campaigns WHERE tenant_id = $1 AND name = $2 AND id <> $3", tenant_id, f.name, id)
           .empty()) {
    throw http::conflict("已有同名的车改：" + f.name, "name");
  }
}

// Units join and their vehicles are enrolled; the caller writes the audit row.
std::int64_t join_units(db::Tx& tx, const audit::Actor& actor, std::int64_t campaign_id, std::vector<std::int64_t> unit_ids) {
  std::sort(unit_ids.begin(), unit_ids.end());
  unit_ids.erase(std::unique(unit_ids.begin(), unit_ids.end()), unit_ids.end());
  const auto now = util::now_utc();
  std::int64_t enrolled = 0;
  for (const auto unit_id : unit_ids) {
    if (tx.query("SELECT 1 FROM units WHERE tenant_id = $1 AND id = $2 AND active = 1", actor.tenant_id, unit_id).empty()) {
      throw http::invalid("unit_ids", "单位不存在或已停用：" + std::to_string(unit_id));
    }
    if (!tx.query("SELECT 1 FROM campaign_units WHERE tenant_id = $1 AND campaign_id = $2 AND unit_id = $3", actor.tenant_id,
                  campaign_id, unit_id)
             .empty()) {
      throw http::invalid("unit_ids", "单位已参加本次车改：" + std::to_string(unit_id));
    }
    tx.query("INSERT INTO campaign_units (tenant_id, campaign_id, unit_id, created_at) VALUES ($1, $2, $3, $4)", actor.tenant_id,
             campaign_id, unit_id, now);
    // A vehicle takes part in one campaign only (UNIQUE (tenant_id, vehicle_id)).
    const auto vehicles = tx.query(
        "SELECT v.id FROM vehicles v WHERE v.tenant_id = $1 AND v.owner_unit_id = $2 AND v.status = 'in_service' AND NOT EXISTS "
        "(SELECT 1 FROM campaign_vehicles cv WHERE cv.tenant_id = v.tenant_id AND cv.vehicle_id = v.id) ORDER BY v.id",
        actor.tenant_id, unit_id);
    for (const auto& row : vehicles.rows) {
      const auto vehicle_id = row.int64(0);
      tx.query("INSERT INTO campaign_vehicles (tenant_id, campaign_id, vehicle_id, unit_id) VALUES ($1, $2, $3, $4)",
               actor.tenant_id, campaign_id, vehicle_id, unit_id);
      record_event(tx, actor, vehicle_id, {"enroll", std::nullopt, "", std::nullopt, {{"campaign_id", campaign_id}}});
      ++enrolled;
    }
  }
  return enrolled;
}

}  // namespace

const std::string kCampaignColumns =
    "c.id, c.name, c.start_date, c.handover_deadline, c.status, c.closed_at, c.notes, "
    "(SELECT COUNT(*) FROM campaign_units cu WHERE cu.tenant_id = c.tenant_id AND cu.campaign_id = c.id), " +
    campaign_vehicle_count("") + ", " + campaign_vehicle_count(" AND cv.decision = 'pending'") + ", " +
    campaign_vehicle_count(" AND cv.decision = 'retain'") + ", " + campaign_vehicle_count(" AND cv.decision = 'cancel'") +
    ", c.created_at, c.updated_at";

json::object campaign_json(const db::Row& row) {
  return {{"id", row.int64(0)},
          {"name", row.text(1)},
          {"start_date", row.text(2)},
          {"handover_deadline", row.text(3)},
          {"status", row.text(4)},
          {"status_label", row.text(4) == "open" ? "进行中" : "已结束"},
          {"closed_at", nullable_text(row, 5)},
          {"notes", row.text(6)},
          {"units", row.int64(7)},
          {"vehicles", row.int64(8)},
          {"pending", row.int64(9)},
          {"retained", row.int64(10)},
          {"cancelled", row.int64(11)},
          {"created_at", row.text(12)},
          {"updated_at", row.text(13)}};
}

std::optional<json::object> find_campaign(db::Tx& tx, std::int64_t tenant_id, std::int64_t id) {
  return find_row(tx, kCampaignColumns, kCampaignFrom, "c", campaign_json, tenant_id, id);
}

std::string lock_open_campaign(db::Tx& tx, std::int64_t tenant_id, std::int64_t id) {
  // A write to the row takes its lock on PostgreSQL; SQLite has a single writer anyway.
  auto r = tx.query(
      "UPDATE vehicle_campaigns SET updated_at = updated_at WHERE tenant_id = $1 AND id = $2 RETURNING start_date, status",
      tenant_id, id);
  if (r.empty()) throw http::not_found("车改");
  if (r.one().text(1) != "open") throw http::ApiError(409, "campaign_closed", "车改已结束，不能再修改");
  return r.one().text(0);
}

std::int64_t create_campaign(db::Tx& tx, const audit::Actor& actor, const CampaignFields& f,
                             const std::vector<std::int64_t>& unit_ids) {
  check_campaign(tx, actor.tenant_id, 0, f);
  const auto now = util::now_utc();
  const auto id =
      tx.query(
            "INSERT INTO vehicle_campaigns (tenant_id, name, start_date, handover_deadline, notes, created_at, updated_at) "
            "VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id",
            actor.tenant_id, f.name, f.start_date, f.handover_deadline, f.notes, now)
          .one()
          .int64(0);
  const auto enrolled = join_units(tx, actor, id, unit_ids);
  auto created = *find_campaign(tx, actor.tenant_id, id);
  created["unit_ids"] = json::value_from(unit_ids);
  created["enrolled"] = enrolled;
  audit::record(tx, actor, {"create", "vehicle_campaign", id, created});
  return id;
}

void update_campaign(db::Tx& tx, const audit::Actor& actor, std::int64_t id, const CampaignPatch& patch) {
  lock_open_campaign(tx, actor.tenant_id, id);
  const auto before = *find_campaign(tx, actor.tenant_id, id);
  const auto text = [&](const char* key) { return std::string(before.at(key).as_string()); };
  const CampaignFields f{patch.name.value_or(text("name")), patch.start_date.value_or(text("start_date")),
                         patch.handover_deadline.value_or(text("handover_deadline")), patch.notes.value_or(text("notes"))};
  check_campaign(tx, actor.tenant_id, id, f);
  tx.query(
      "UPDATE vehicle_campaigns SET name = $3, start_date = $4, handover_deadline = $5, notes = $6, updated_at = $7 "
      "WHERE tenant_id = $1 AND id = $2",
      actor.tenant_id, id, f.name, f.start_date, f.handover_deadline, f.notes, util::now_utc());
  auto after = *find_campaign(tx, actor.tenant_id, id);
  after["updated_at"] = before.at("updated_at");
  auto changes = audit::diff(before, after);
  if (!changes.empty()) audit::record(tx, actor, {"update", "vehicle_campaign", id, changes});
}

std::int64_t add_campaign_units(db::Tx& tx, const audit::Actor& actor, std::int64_t campaign_id,
                                const std::vector<std::int64_t>& unit_ids) {
  lock_open_campaign(tx, actor.tenant_id, campaign_id);
  if (unit_ids.empty()) throw http::invalid("unit_ids", "请至少选择一个单位");
  const auto enrolled = join_units(tx, actor, campaign_id, unit_ids);
  audit::record(
      tx, actor,
      {"add_units", "vehicle_campaign", campaign_id, {{"unit_ids", json::value_from(unit_ids)}, {"enrolled", enrolled}}});
  return enrolled;
}

// ---- Per-vehicle rows --------------------------------------------------------------------

// The stage follows the steps in order; a disposed vehicle is scrapped or sold.
const std::string kCampaignVehicleFrom =
    " FROM (SELECT cv.tenant_id, cv.campaign_id, cv.vehicle_id, v.plate, v.brand_model, v.category, cv.unit_id, u.name AS "
    "unit_name,"
    " cv.decision, cv.retained_category, cv.sealed_on, cv.seal_place, cv.keys_received, cv.documents_received, cv.handed_over_on,"
    " cv.handed_over_by, cv.received_by, cv.custodian, ap.verdict, ap.appraised_value_fen,"
    " CASE WHEN sc.id IS NOT NULL THEN 'scrapped' WHEN sl.id IS NOT NULL THEN 'auctioned' END AS disposal,"
    " COALESCE(sc.residual_income_fen, sl.hammer_price_fen) AS income_fen,"
    " CASE WHEN cv.decision = 'pending' THEN 'decide' WHEN cv.decision = 'retain' THEN 'retained'"
    " WHEN cv.sealed_on IS NULL THEN 'seal' WHEN cv.handed_over_on IS NULL THEN 'hand_over' WHEN ap.id IS NULL THEN 'appraise'"
    " WHEN sc.id IS NOT NULL OR sl.id IS NOT NULL THEN 'disposed' WHEN ap.verdict = 'scrap' THEN 'scrap' ELSE 'auction' END AS "
    "stage,"
    " v.status, v.owner_unit_id, cv.decided_at, ci.label AS category_label"
    " FROM campaign_vehicles cv JOIN vehicles v ON v.tenant_id = cv.tenant_id AND v.id = cv.vehicle_id"
    " LEFT JOIN dictionary_items ci ON ci.tenant_id = v.tenant_id AND ci.dictionary_code = 'vehicle_category' AND ci.value = "
    "v.category"
    " JOIN units u ON u.tenant_id = cv.tenant_id AND u.id = cv.unit_id"
    " LEFT JOIN vehicle_appraisals ap ON ap.tenant_id = cv.tenant_id AND ap.vehicle_id = cv.vehicle_id"
    " LEFT JOIN vehicle_scrappings sc ON sc.tenant_id = cv.tenant_id AND sc.vehicle_id = cv.vehicle_id"
    " LEFT JOIN auction_lots sl ON sl.tenant_id = cv.tenant_id AND sl.vehicle_id = cv.vehicle_id AND sl.result = 'sold') r";

const std::string kCampaignVehicleColumns =
    "r.vehicle_id, r.plate, r.brand_model, r.category, r.unit_id, r.unit_name, r.decision, r.retained_category, r.sealed_on, "
    "r.seal_place, r.keys_received, r.documents_received, r.handed_over_on, r.handed_over_by, r.received_by, r.custodian, "
    "r.verdict, "
    "r.appraised_value_fen, r.disposal, r.income_fen, r.stage, r.status, r.decided_at, r.campaign_id, r.category_label";

namespace {

using Labels = std::initializer_list<std::pair<std::string_view, std::string_view>>;

// The Chinese label of a code (the lists' Excel shows labels), null for a null code.
json::value label_of(const Labels& labels, const json::value& code) {
  if (!code.is_string()) return nullptr;
  for (const auto& [value, label] : labels) {
    if (code.as_string() == value) return json::string(label);
  }
  return code;
}

const Labels kDecisionLabels = {{"pending", "待决定"}, {"retain", "保留"}, {"cancel", "取消"}};
const Labels kStageLabels = {{"decide", "待决定"}, {"seal", "待封存"},    {"hand_over", "待移交"}, {"appraise", "待鉴定评估"},
                             {"scrap", "待报废"},  {"auction", "待拍卖"}, {"disposed", "已处置"},  {"retained", "保留"}};
const Labels kVerdictLabels = {{"scrap", "报废"}, {"auction", "拍卖"}};
const Labels kDisposalLabels = {{"scrapped", "已报废"}, {"auctioned", "已拍卖"}};

}  // namespace

json::object campaign_vehicle_json(const db::Row& row) {
  json::object o{{"vehicle_id", row.int64(0)},
                 {"plate", row.text(1)},
                 {"brand_model", row.text(2)},
                 {"category", row.text(3)},
                 {"category_label", nullable_text(row, 24)},
                 {"unit_id", row.int64(4)},
                 {"unit_name", row.text(5)},
                 {"decision", row.text(6)},
                 {"retained_category", nullable_text(row, 7)},
                 {"sealed_on", nullable_text(row, 8)},
                 {"seal_place", nullable_text(row, 9)},
                 {"keys_received", nullable_int(row, 10)},
                 {"documents_received", nullable_text(row, 11)},
                 {"handed_over_on", nullable_text(row, 12)},
                 {"handed_over_by", nullable_text(row, 13)},
                 {"received_by", nullable_text(row, 14)},
                 {"custodian", nullable_text(row, 15)},
                 {"verdict", nullable_text(row, 16)},
                 {"appraised_value_fen", nullable_int(row, 17)},
                 {"disposal", nullable_text(row, 18)},
                 {"income_fen", nullable_int(row, 19)},
                 {"stage", row.text(20)},
                 {"status", row.text(21)},
                 {"status_label", status_label(row.text(21))},
                 {"decided_at", nullable_text(row, 22)},
                 {"campaign_id", row.int64(23)}};
  o["decision_label"] = label_of(kDecisionLabels, o.at("decision"));
  o["stage_label"] = label_of(kStageLabels, o.at("stage"));
  o["verdict_label"] = label_of(kVerdictLabels, o.at("verdict"));
  o["disposal_label"] = label_of(kDisposalLabels, o.at("disposal"));
  return o;
}

std::optional<json::object> find_campaign_vehicle(db::Tx& tx, std::int64_t tenant_id, std::int64_t campaign_id,
                                                  std::int64_t vehicle_id) {
  auto r = tx.query("SELECT " + kCampaignVehicleColumns + kCampaignVehicleFrom +
                        " WHERE r.tenant_id = $1 AND r.campaign_id = $2 AND r.vehicle_id = $3",
                    tenant_id, campaign_id, vehicle_id);
  if (r.empty()) return std::nullopt;
  return campaign_vehicle_json(r.rows[0]);
}

// Overdue: the deadline has passed (today, UTC+8, is $3) and a cancelled vehicle of the
// unit is not yet handed over.
const std::string kBoardFrom =
    " FROM (SELECT cu.tenant_id, cu.unit_id, u.code AS unit_code, u.name AS unit_name, COUNT(cv.vehicle_id) AS vehicles, " +
    count_where("cv.decision = 'pending'") + " AS pending, " + count_where("cv.decision = 'retain'") + " AS retained, " +
    count_where("cv.decision = 'cancel'") + " AS cancelled, " + count_where("cv.sealed_on IS NOT NULL") + " AS sealed, " +
    count_where("cv.handed_over_on IS NOT NULL") + " AS handed_over, CASE WHEN $3 > c.handover_deadline AND " +
    count_where("cv.decision = 'cancel' AND cv.handed_over_on IS NULL") +
    " > 0 THEN 1 ELSE 0 END AS overdue"
    " FROM campaign_units cu JOIN vehicle_campaigns c ON c.tenant_id = cu.tenant_id AND c.id = cu.campaign_id"
    " JOIN units u ON u.tenant_id = cu.tenant_id AND u.id = cu.unit_id"
    " LEFT JOIN campaign_vehicles cv ON cv.tenant_id = cu.tenant_id AND cv.campaign_id = cu.campaign_id AND cv.unit_id = "
    "cu.unit_id"
    " WHERE cu.tenant_id = $1 AND cu.campaign_id = $2 GROUP BY cu.tenant_id, cu.unit_id, u.code, u.name, c.handover_deadline) b";

const std::string kBoardColumns =
    "b.unit_id, b.unit_code, b.unit_name, b.vehicles, b.pending, b.retained, b.cancelled, b.sealed, b.handed_over, b.overdue";

json::object board_json(const db::Row& row) {
  return {{"unit_id", row.int64(0)},     {"unit_code", row.text(1)},    {"unit_name", row.text(2)},  {"vehicles", row.int64(3)},
          {"pending", row.int64(4)},     {"retained", row.int64(5)},    {"cancelled", row.int64(6)}, {"sealed", row.int64(7)},
          {"handed_over", row.int64(8)}, {"overdue", row.int64(9) != 0}};
}

// ---- Steps -------------------------------------------------------------------------------

StepVehicle step_vehicle(db::Tx& tx, std::int64_t tenant_id, std::int64_t campaign_id, std::int64_t vehicle_id) {
  auto start_date = lock_open_campaign(tx, tenant_id, campaign_id);
  auto r = tx.query(
      "SELECT cv.decision, v.status, v.category, cv.sealed_on, cv.handed_over_on FROM campaign_vehicles cv "
      "JOIN vehicles v ON v.tenant_id = cv.tenant_id AND v.id = cv.vehicle_id "
      "WHERE cv.tenant_id = $1 AND cv.campaign_id = $2 AND cv.vehicle_id = $3",
      tenant_id, campaign_id, vehicle_id);
  if (r.empty()) throw http::not_found("参改车辆");
  const auto& row = r.one();
  return {std::move(start_date), row.text(0), row.text(1), row.text(2), row.opt_text(3), row.opt_text(4)};
}

void decide(db::Tx& tx, const audit::Actor& actor, std::int64_t campaign_id, std::int64_t vehicle_id, const Decision& d) {
  const auto v = step_vehicle(tx, actor.tenant_id, campaign_id, vehicle_id);
  if (d.decision != "retain" && d.decision != "cancel")
    throw http::invalid("decision", "决定应为 retain（保留）或 cancel（取消）");
  require_stage(!v.sealed_on, "车辆已封存，不能再修改决定");
  const auto decided_on = d.decided_on.value_or(local_today());
  check_step_day("decided_on", decided_on, {v.start_date, "车改开始日期"});
  std::optional<std::string> category;
  if (d.decision == "retain") {
    category = people::active_item_value(tx, actor.tenant_id, kCategoryDictionary, d.retained_category.value_or(v.category));
    if (!category) throw http::invalid("retained_category", "车辆类别不存在或已停用");
    // The 2014 reform abolished 一般公务用车: a retained vehicle keeps a category that survives it.
    if (*category == "general")
      throw http::invalid("retained_category", "车改取消一般公务用车，保留车辆应为机要通信、应急保障等类别");
  } else if (d.retained_category) {
    throw http::invalid("retained_category", "取消的车辆没有保留类别");
  }
  // An allocated vehicle stays a confidential or emergency vehicle in service.
  if ((!category || !allocatable_category(*category)) && has_open_allocation(tx, actor.tenant_id, vehicle_id)) {
    require_stage(false, "车辆已分配到口，请先结束分配");
  }
  const std::string target = d.decision == "cancel" ? "cancelled" : "in_service";
  tx.query(
      "UPDATE campaign_vehicles SET decision = $4, retained_category = $5, decided_at = $6 "
      "WHERE tenant_id = $1 AND campaign_id = $2 AND vehicle_id = $3",
      actor.tenant_id, campaign_id, vehicle_id, d.decision, category, util::now_utc());
  json::object details{{"campaign_id", campaign_id}, {"decision", d.decision}, {"previous_decision", v.decision}};
  if (category) {
    details["retained_category"] = *category;
    if (*category != v.category) {
      tx.query("UPDATE vehicles SET category = $3, updated_at = $4 WHERE tenant_id = $1 AND id = $2", actor.tenant_id, vehicle_id,
               *category, util::now_utc());
      details["category"] = {{"from", v.category}, {"to", *category}};
    }
  }
  record_step(tx, actor, vehicle_id,
              {"decide", v.status == target ? std::nullopt : std::optional(target), "", decided_on, std::move(details)});
}

namespace {

// Sealing and hand-over: the step's day goes to `day_column` and each detail to the
// campaign row's column of the same name; then the step is recorded with those details.
void write_custody_step(db::Tx& tx, const audit::Actor& actor, std::int64_t campaign_id, std::int64_t vehicle_id,
                        const std::string& day_column, Event event) {
  std::vector<db::Value> params{actor.tenant_id, campaign_id, vehicle_id, *event.happened_on};
  std::string set = day_column + " = $4";
  for (const auto& [column, value] : event.details) {
    params.push_back(value.is_int64() ? db::Value(value.as_int64()) : db::Value(std::string(value.as_string())));
    set += ", " + std::string(column) + " = $" + std::to_string(params.size());
  }
  tx.exec("UPDATE campaign_vehicles SET " + set + " WHERE tenant_id = $1 AND campaign_id = $2 AND vehicle_id = $3", params);
  event.details["campaign_id"] = campaign_id;
  record_step(tx, actor, vehicle_id, event);
}

}  // namespace

void seal(db::Tx& tx, const audit::Actor& actor, std::int64_t campaign_id, std::int64_t vehicle_id, const Sealing& s) {
  const auto v = step_vehicle(tx, actor.tenant_id, campaign_id, vehicle_id);
  require_stage(v.decision == "cancel", "只有决定取消的车辆才能封存");
  require_stage(!v.sealed_on, "车辆已封存");
  check_step_day("sealed_on", s.sealed_on, {v.start_date, "车改开始日期"});
  check_chars("seal_place", s.seal_place, 1, 100, "封存地点");
  if (s.keys_received < 0 || s.keys_received > 20) throw http::invalid("keys_received", "收到的钥匙数应为 0 到 20");
  check_chars("documents_received", s.documents_received, 0, 200, "收到的证件资料");
  write_custody_step(
      tx, actor, campaign_id, vehicle_id, "sealed_on",
      {"seal",
       "sealed",
       "",
       s.sealed_on,
       {{"seal_place", s.seal_place}, {"keys_received", s.keys_received}, {"documents_received", s.documents_received}}});
}

void hand_over(db::Tx& tx, const audit::Actor& actor, std::int64_t campaign_id, std::int64_t vehicle_id, const HandOver& h) {
  const auto v = step_vehicle(tx, actor.tenant_id, campaign_id, vehicle_id);
  require_stage(v.sealed_on.has_value(), "车辆尚未封存，不能移交");
  require_stage(!v.handed_over_on, "车辆已移交");
  check_step_day("handed_over_on", h.handed_over_on, {*v.sealed_on, "封存日期"});
  check_chars("handed_over_by", h.handed_over_by, 1, 50, "移交人");
  check_chars("received_by", h.received_by, 1, 50, "接收人");
  check_chars("custodian", h.custodian, 1, 100, "接收保管单位");
  write_custody_step(tx, actor, campaign_id, vehicle_id, "handed_over_on",
                     {"hand_over",
                      "awaiting_disposal",
                      "",
                      h.handed_over_on,
                      {{"handed_over_by", h.handed_over_by}, {"received_by", h.received_by}, {"custodian", h.custodian}}});
}

// ---- Closing -----------------------------------------------------------------------------

void check_closable(const CloseState& s) {
  if (s.undecided > 0) {
    throw http::ApiError(409, "undecided_vehicles", "还有 " + std::to_string(s.undecided) + " 辆参改车辆未作保留或取消的决定");
  }
  if (s.undisposed > 0) {
    throw http::ApiError(409, "undisposed_vehicles",
                         "还有 " + std::to_string(s.undisposed) + " 辆取消车辆未处置完毕（报废或拍卖成交）");
  }
  if (s.unpaid_lots > 0) {
    throw http::ApiError(409, "unpaid_lots", "还有 " + std::to_string(s.unpaid_lots) + " 个成交拍品未付清成交价");
  }
  if (s.received_fen != s.remitted_fen) {
    throw http::ApiError(409, "unremitted_income",
                         "处置收入 " + yuan(s.received_fen) + " 元，已上缴财政专户 " + yuan(s.remitted_fen) + " 元，还差 " +
                             yuan(s.received_fen - s.remitted_fen) + " 元");
  }
}

void close_campaign(db::Tx& tx, const audit::Actor& actor, std::int64_t id) {
  lock_open_campaign(tx, actor.tenant_id, id);
  const auto counts =
      tx.query("SELECT " + count_where("cv.decision = 'pending'") + ", " +
                   count_where("cv.decision = 'cancel' AND v.status NOT IN ('scrapped', 'auctioned')") +
                   " FROM campaign_vehicles cv JOIN vehicles v ON v.tenant_id = cv.tenant_id AND v.id = cv.vehicle_id"
                   " WHERE cv.tenant_id = $1 AND cv.campaign_id = $2",
               actor.tenant_id, id);
  const auto money = campaign_money(tx, actor.tenant_id, id);
  const CloseState state{counts.one().opt_int64(0).value_or(0), counts.one().opt_int64(1).value_or(0),
                         unpaid_lots(tx, actor.tenant_id, id), money.received_fen(), money.remitted_fen};
  check_closable(state);
  const auto now = util::now_utc();
  tx.query("UPDATE vehicle_campaigns SET status = 'closed', closed_at = $3, updated_at = $3 WHERE tenant_id = $1 AND id = $2",
           actor.tenant_id, id, now);
  audit::record(tx, actor,
                {"close",
                 "vehicle_campaign",
                 id,
                 {{"status", {{"from", "open"}, {"to", "closed"}}},
                  {"received_fen", state.received_fen},
                  {"remitted_fen", state.remitted_fen}}});
}

}  // namespace jiguan::vehicles
