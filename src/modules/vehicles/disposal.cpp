#include "modules/vehicles/disposal.hpp"

#include <array>
#include <boost/json.hpp>

#include "core/http/api_error.hpp"
#include "core/util/time.hpp"
#include "modules/vehicles/reform.hpp"

namespace jiguan::vehicles {
namespace json = boost::json;

// ---- The money rules -----------------------------------------------------------------------

namespace {

bool blank(const std::string& s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; }

void check_positive(const std::string& field, std::int64_t fen) {
  if (fen <= 0) throw http::invalid(field, "金额（分）应大于 0");
}

}  // namespace

void check_reserve(std::int64_t reserve_fen, std::int64_t appraised_fen, const std::string& approval) {
  if (reserve_fen < appraised_fen && blank(approval)) {
    throw http::ApiError(
        422, "reserve_below_appraisal",
        "保留价 " + yuan(reserve_fen) + " 元低于评估价 " + yuan(appraised_fen) + " 元，须填写批准文件（reserve_approval）",
        "reserve_price_fen");
  }
}

void check_hammer(std::int64_t hammer_fen, std::int64_t reserve_fen) {
  if (hammer_fen < reserve_fen) {
    throw http::ApiError(422, "hammer_below_reserve",
                         "成交价 " + yuan(hammer_fen) + " 元低于保留价 " + yuan(reserve_fen) + " 元，不能成交",
                         "hammer_price_fen");
  }
}

void check_payment(std::int64_t received_before_fen, std::int64_t amount_fen, std::int64_t hammer_fen) {
  check_positive("payment_received_fen", amount_fen);
  if (received_before_fen + amount_fen > hammer_fen) {
    throw http::ApiError(
        422, "over_paid",
        "已收 " + yuan(received_before_fen) + " 元，再收 " + yuan(amount_fen) + " 元将超过成交价 " + yuan(hammer_fen) + " 元",
        "payment_received_fen");
  }
}

void check_remittance(std::int64_t remitted_before_fen, std::int64_t amount_fen, std::int64_t received_fen) {
  check_positive("amount_fen", amount_fen);
  if (remitted_before_fen + amount_fen > received_fen) {
    throw http::ApiError(422, "over_remitted",
                         "已上缴 " + yuan(remitted_before_fen) + " 元，再缴 " + yuan(amount_fen) + " 元将超过处置收入 " +
                             yuan(received_fen) + " 元",
                         "amount_fen");
  }
}

// ---- Agencies ------------------------------------------------------------------------------

namespace {

struct AgencyKind {
  const char* kind;
  const char* label;
};
constexpr std::array<AgencyKind, 3> kAgencyKinds = {
    {{"appraiser", "鉴定评估机构"}, {"auction_house", "拍卖机构"}, {"recycler", "报废回收企业"}}};

void check_agency(db::Tx& tx, std::int64_t tenant_id, std::int64_t id, const AgencyFields& f) {
  if (!is_agency_kind(f.kind)) throw http::invalid("kind", "机构类型应为 appraiser、auction_house 或 recycler");
  check_chars("name", f.name, 1, 100, "机构名称");
  check_chars("contract_no", f.contract_no, 0, 50, "合同编号");
  check_chars("contact", f.contact, 0, 50, "联系人");
  check_chars("phone", f.phone, 0, 20, "电话");
  if (!tx.query("SELECT 1 FROM disposal_agencies WHERE tenant_id = $1 AND kind = $2 AND name = $3 AND id <> $4", tenant_id,
                f.kind, f.name, id)
           .empty()) {
    throw http::conflict("已有同名的" + agency_kind_label(f.kind) + "：" + f.name, "name");
  }
}

// The agency's name, when it is an active agency of that kind; 422 on `field` otherwise.
std::string require_agency(db::Tx& tx, std::int64_t tenant_id, std::int64_t id, const std::string& kind,
                           const std::string& field) {
  auto r =
      tx.query("SELECT name, active FROM disposal_agencies WHERE tenant_id = $1 AND id = $2 AND kind = $3", tenant_id, id, kind);
  if (r.empty()) throw http::invalid(field, "应为已登记的" + agency_kind_label(kind));
  if (r.one().int64(1) == 0) throw http::invalid(field, agency_kind_label(kind) + "已停用：" + r.one().text(0));
  return r.one().text(0);
}

// 409 on `field` when a document number is already recorded (report, certificate, voucher).
void require_unique_number(db::Tx& tx, std::int64_t tenant_id, const std::string& table, const std::string& field,
                           const std::string& value, const std::string& what) {
  check_chars(field, value, 1, 50, what);
  if (!tx.query("SELECT 1 FROM " + table + " WHERE tenant_id = $1 AND " + field + " = $2", tenant_id, value).empty()) {
    throw http::conflict(what + "已登记：" + value, field);
  }
}

}  // namespace

bool is_agency_kind(const std::string& kind) {
  for (const auto& k : kAgencyKinds) {
    if (kind == k.kind) return true;
  }
  return false;
}

std::string agency_kind_label(const std::string& kind) {
  for (const auto& k : kAgencyKinds) {
    if (kind == k.kind) return k.label;
  }
  return kind;
}

json::object agency_json(const db::Row& row) {
  return {{"id", row.int64(0)},       {"kind", row.text(1)},         {"kind_label", agency_kind_label(row.text(1))},
          {"name", row.text(2)},      {"contract_no", row.text(3)},  {"contact", row.text(4)},
          {"phone", row.text(5)},     {"active", row.int64(6) != 0}, {"created_at", row.text(7)},
          {"updated_at", row.text(8)}};
}

std::optional<json::object> find_agency(db::Tx& tx, std::int64_t tenant_id, std::int64_t id) {
  return find_row(tx, kAgencyColumns, kAgencyFrom, "g", agency_json, tenant_id, id);
}

std::int64_t create_agency(db::Tx& tx, const audit::Actor& actor, const AgencyFields& f) {
  check_agency(tx, actor.tenant_id, 0, f);
  const auto id =
      tx.query(
            "INSERT INTO disposal_agencies (tenant_id, kind, name, contract_no, contact, phone, created_at, updated_at) "
            "VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id",
            actor.tenant_id, f.kind, f.name, f.contract_no, f.contact, f.phone, util::now_utc())
          .one()
          .int64(0);
  audit::record(tx, actor, {"create", "disposal_agency", id, *find_agency(tx, actor.tenant_id, id)});
  return id;
}

void update_agency(db::Tx& tx, const audit::Actor& actor, std::int64_t id, const AgencyPatch& patch) {
  const auto before = find_agency(tx, actor.tenant_id, id);
  if (!before) throw http::not_found("处置机构");
  const auto text = [&](const char* key) { return std::string(before->at(key).as_string()); };
  const AgencyFields f{text("kind"), patch.name.value_or(text("name")), patch.contract_no.value_or(text("contract_no")),
                       patch.contact.value_or(text("contact")), patch.phone.value_or(text("phone"))};
  check_agency(tx, actor.tenant_id, id, f);
  tx.query(
      "UPDATE disposal_agencies SET name = $3, contract_no = $4, contact = $5, phone = $6, active = $7, updated_at = $8 "
      "WHERE tenant_id = $1 AND id = $2",
      actor.tenant_id, id, f.name, f.contract_no, f.contact, f.phone, patch.active.value_or(before->at("active").as_bool()),
      util::now_utc());
  auto after = *find_agency(tx, actor.tenant_id, id);
  after["updated_at"] = before->at("updated_at");
  auto changes = audit::diff(*before, after);
  if (!changes.empty()) audit::record(tx, actor, {"update", "disposal_agency", id, changes});
}

// ---- Appraisal and scrapping ---------------------------------------------------------------

namespace {

struct AppraisalState {
  std::string verdict;
  std::string appraised_on;
  std::int64_t appraised_value_fen = 0;
};

std::optional<AppraisalState> find_appraisal(db::Tx& tx, std::int64_t tenant_id, std::int64_t vehicle_id) {
  auto r = tx.query(
      "SELECT verdict, appraised_on, appraised_value_fen FROM vehicle_appraisals WHERE tenant_id = $1 AND vehicle_id = $2",
      tenant_id, vehicle_id);
  if (r.empty()) return std::nullopt;
  return AppraisalState{r.one().text(0), r.one().text(1), r.one().int64(2)};
}

void require_verdict(const AppraisalState& appraisal, const std::string& verdict, const std::string& message) {
  if (appraisal.verdict != verdict) throw http::ApiError(409, "wrong_verdict", message);
}

}  // namespace

void appraise(db::Tx& tx, const audit::Actor& actor, std::int64_t campaign_id, std::int64_t vehicle_id, const Appraisal& a) {
  const auto v = step_vehicle(tx, actor.tenant_id, campaign_id, vehicle_id);
  require_stage(!find_appraisal(tx, actor.tenant_id, vehicle_id), "车辆已鉴定评估");
  require_stage(v.handed_over_on.has_value() && v.status == "awaiting_disposal", "车辆尚未移交，不能鉴定评估");
  const auto agency = require_agency(tx, actor.tenant_id, a.agency_id, "appraiser", "agency_id");
  require_unique_number(tx, actor.tenant_id, "vehicle_appraisals", "report_no", a.report_no, "评估报告编号");
  check_step_day("appraised_on", a.appraised_on, {*v.handed_over_on, "移交日期"});
  check_amount("appraised_value_fen", a.appraised_value_fen);
  check_chars("condition", a.condition, 0, 200, "车况");
  if (a.verdict != "scrap" && a.verdict != "auction")
    throw http::invalid("verdict", "鉴定结论应为 scrap（报废）或 auction（拍卖）");
  tx.query(
      "INSERT INTO vehicle_appraisals (tenant_id, campaign_id, vehicle_id, agency_id, report_no, appraised_on, "
      "appraised_value_fen, vehicle_condition, verdict, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
      actor.tenant_id, campaign_id, vehicle_id, a.agency_id, a.report_no, a.appraised_on, a.appraised_value_fen, a.condition,
      a.verdict, util::now_utc());
  record_step(tx, actor, vehicle_id,
              {"appraise",
               std::nullopt,
               "",
               a.appraised_on,
               {{"campaign_id", campaign_id},
                {"agency_id", a.agency_id},
                {"agency", agency},
                {"report_no", a.report_no},
                {"appraised_value_fen", a.appraised_value_fen},
                {"condition", a.condition},
                {"verdict", a.verdict}}});
}

void scrap(db::Tx& tx, const audit::Actor& actor, std::int64_t campaign_id, std::int64_t vehicle_id, const Scrapping& s) {
  const auto v = step_vehicle(tx, actor.tenant_id, campaign_id, vehicle_id);
  const auto appraisal = find_appraisal(tx, actor.tenant_id, vehicle_id);
  require_stage(appraisal.has_value(), "车辆尚未鉴定评估，不能报废");
  require_verdict(*appraisal, "scrap", "鉴定结论为拍卖，不能报废");
  require_stage(v.status == "awaiting_disposal", "车辆已处置");
  const auto recycler = require_agency(tx, actor.tenant_id, s.recycler_id, "recycler", "recycler_id");
  require_unique_number(tx, actor.tenant_id, "vehicle_scrappings", "certificate_no", s.certificate_no, "报废证明编号");
  check_step_day("scrapped_on", s.scrapped_on, {appraisal->appraised_on, "鉴定日期"});
  check_amount("residual_income_fen", s.residual_income_fen);
  tx.query(
      "INSERT INTO vehicle_scrappings (tenant_id, campaign_id, vehicle_id, recycler_id, certificate_no, scrapped_on, "
      "residual_income_fen, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
      actor.tenant_id, campaign_id, vehicle_id, s.recycler_id, s.certificate_no, s.scrapped_on, s.residual_income_fen,
      util::now_utc());
  record_step(tx, actor, vehicle_id,
              {"scrap",
               "scrapped",
               "",
               s.scrapped_on,
               {{"campaign_id", campaign_id},
                {"recycler_id", s.recycler_id},
                {"recycler", recycler},
                {"certificate_no", s.certificate_no},
                {"residual_income_fen", s.residual_income_fen}}});
}

// ---- Auctions ------------------------------------------------------------------------------

namespace {

std::string lot_subquery(const std::string& what, const std::string& condition) {
  return "(SELECT " + what + " FROM auction_lots l WHERE l.tenant_id = b.tenant_id AND l.batch_id = b.id" + condition + ")";
}

std::string batch_status_label(const std::string& status) {
  return status == "draft" ? "待开拍" : status == "open" ? "拍卖中" : "已结束";
}

struct BatchState {
  std::int64_t campaign_id = 0;
  std::int64_t batch_no = 0;
  std::string status, starts_on, ends_on;
};

// The batch of an open campaign, read once the campaign is locked: 404 when missing, 409
// campaign_closed.
BatchState open_batch_state(db::Tx& tx, std::int64_t tenant_id, std::int64_t batch_id) {
  const auto campaign = tx.query("SELECT campaign_id FROM auction_batches WHERE tenant_id = $1 AND id = $2", tenant_id, batch_id);
  if (campaign.empty()) throw http::not_found("拍卖批次");
  lock_open_campaign(tx, tenant_id, campaign.one().int64(0));
  const auto r =
      tx.query("SELECT campaign_id, batch_no, status, starts_on, ends_on FROM auction_batches WHERE tenant_id = $1 AND id = $2",
               tenant_id, batch_id);
  const auto& row = r.one();
  return {row.int64(0), row.int64(1), row.text(2), row.text(3), row.text(4)};
}

void require_batch_status(const BatchState& batch, const std::string& status, const std::string& code,
                          const std::string& message) {
  if (batch.status != status) throw http::ApiError(409, code, message);
}

struct LotState {
  BatchState batch;
  std::int64_t batch_id = 0, vehicle_id = 0, lot_no = 0, reserve_fen = 0, received_fen = 0;
  std::string result;
  std::optional<std::int64_t> hammer_fen;
  std::optional<std::string> buyer, paid_on, transferred_on;
};

// The lot is read after its campaign is locked, so that it reflects every earlier change.
LotState open_lot_state(db::Tx& tx, std::int64_t tenant_id, std::int64_t lot_id) {
  auto batch = tx.query("SELECT batch_id FROM auction_lots WHERE tenant_id = $1 AND id = $2", tenant_id, lot_id);
  if (batch.empty()) throw http::not_found("拍品");
  const auto batch_id = batch.one().int64(0);
  auto state = open_batch_state(tx, tenant_id, batch_id);
  const auto r = tx.query(
      "SELECT vehicle_id, lot_no, reserve_price_fen, payment_received_fen, result, hammer_price_fen, buyer, paid_on, "
      "ownership_transferred_on FROM auction_lots WHERE tenant_id = $1 AND id = $2",
      tenant_id, lot_id);
  const auto& row = r.one();
  return {std::move(state), batch_id,         row.int64(0),    row.int64(1),    row.int64(2),   row.int64(3),
          row.text(4),      row.opt_int64(5), row.opt_text(6), row.opt_text(7), row.opt_text(8)};
}

// A lot's step on its vehicle's timeline, with the lot's identity in the details.
void record_lot_step(db::Tx& tx, const audit::Actor& actor, std::int64_t lot_id, const LotState& lot, Event event) {
  event.details["campaign_id"] = lot.batch.campaign_id;
  event.details["batch_id"] = lot.batch_id;
  event.details["batch_no"] = lot.batch.batch_no;
  event.details["lot_id"] = lot_id;
  event.details["lot_no"] = lot.lot_no;
  record_step(tx, actor, lot.vehicle_id, event);
}

void require_sold(const LotState& lot) {
  if (lot.result != "sold") throw http::ApiError(409, "lot_not_sold", "拍品未成交");
}

}  // namespace

const std::string kBatchColumns =
    "b.id, b.campaign_id, b.batch_no, b.auction_house_id, h.name, b.platform, b.starts_on, b.ends_on, b.status, " +
    lot_subquery("COUNT(*)", "") + ", " + lot_subquery("COUNT(*)", " AND l.result = 'sold'") + ", " +
    lot_subquery("COUNT(*)", " AND l.result = 'unsold'") + ", " +
    lot_subquery("COALESCE(SUM(l.hammer_price_fen), 0)", " AND l.result = 'sold'") + ", b.created_at, b.updated_at";

json::object batch_json(const db::Row& row) {
  return {{"id", row.int64(0)},
          {"campaign_id", row.int64(1)},
          {"batch_no", row.int64(2)},
          {"auction_house_id", row.int64(3)},
          {"auction_house_name", row.text(4)},
          {"platform", row.text(5)},
          {"starts_on", row.text(6)},
          {"ends_on", row.text(7)},
          {"status", row.text(8)},
          {"status_label", batch_status_label(row.text(8))},
          {"lots", row.int64(9)},
          {"sold", row.int64(10)},
          {"unsold", row.int64(11)},
          {"income_fen", row.int64(12)},
          {"created_at", row.text(13)},
          {"updated_at", row.text(14)}};
}

std::optional<json::object> find_batch(db::Tx& tx, std::int64_t tenant_id, std::int64_t id) {
  return find_row(tx, kBatchColumns, kBatchFrom, "b", batch_json, tenant_id, id);
}

const std::string kLotColumns =
    "l.id, l.batch_id, b.batch_no, l.vehicle_id, v.plate, v.brand_model, l.lot_no, l.reserve_price_fen, l.reserve_approval, "
    "a.appraised_value_fen, l.result, l.hammer_price_fen, l.buyer, l.payment_received_fen, l.paid_on, "
    "l.ownership_transferred_on, "
    "b.campaign_id";
const std::string kLotFrom =
    " FROM auction_lots l JOIN auction_batches b ON b.tenant_id = l.tenant_id AND b.id = l.batch_id"
    " JOIN vehicles v ON v.tenant_id = l.tenant_id AND v.id = l.vehicle_id"
    " LEFT JOIN vehicle_appraisals a ON a.tenant_id = l.tenant_id AND a.vehicle_id = l.vehicle_id";

json::object lot_json(const db::Row& row) {
  const auto result = row.text(10);
  return {{"id", row.int64(0)},
          {"batch_id", row.int64(1)},
          {"batch_no", row.int64(2)},
          {"vehicle_id", row.int64(3)},
          {"plate", row.text(4)},
          {"brand_model", row.text(5)},
          {"lot_no", row.int64(6)},
          {"reserve_price_fen", row.int64(7)},
          {"reserve_approval", row.text(8)},
          {"appraised_value_fen", nullable_int(row, 9)},
          {"result", result},
          {"result_label", result == "sold"     ? "成交"
                           : result == "unsold" ? "流拍"
                                                : "待拍"},
          {"hammer_price_fen", nullable_int(row, 11)},
          {"buyer", nullable_text(row, 12)},
          {"payment_received_fen", row.int64(13)},
          {"paid_on", nullable_text(row, 14)},
          {"ownership_transferred_on", nullable_text(row, 15)},
          {"campaign_id", row.int64(16)}};
}

std::optional<json::object> find_lot(db::Tx& tx, std::int64_t tenant_id, std::int64_t id) {
  return find_row(tx, kLotColumns, kLotFrom, "l", lot_json, tenant_id, id);
}

std::int64_t create_batch(db::Tx& tx, const audit::Actor& actor, std::int64_t campaign_id, const BatchFields& f) {
  const auto start = lock_open_campaign(tx, actor.tenant_id, campaign_id);
  require_agency(tx, actor.tenant_id, f.auction_house_id, "auction_house", "auction_house_id");
  check_chars("platform", f.platform, 1, 100, "拍卖平台");
  check_step_day("starts_on", f.starts_on, {start, "车改开始日期", true});
  check_step_day("ends_on", f.ends_on, {f.starts_on, "拍卖开始日期", true});
  std::int64_t batch_no = 0;
  if (f.batch_no) {
    if (*f.batch_no <= 0) throw http::invalid("batch_no", "批次号应为正整数");
    if (!tx.query("SELECT 1 FROM auction_batches WHERE tenant_id = $1 AND campaign_id = $2 AND batch_no = $3", actor.tenant_id,
                  campaign_id, *f.batch_no)
             .empty()) {
      throw http::conflict("本次车改已有第 " + std::to_string(*f.batch_no) + " 批", "batch_no");
    }
    batch_no = *f.batch_no;
  } else {
    batch_no = tx.query("SELECT COALESCE(MAX(batch_no), 0) + 1 FROM auction_batches WHERE tenant_id = $1 AND campaign_id = $2",
                        actor.tenant_id, campaign_id)
                   .one()
                   .int64(0);
  }
  const auto id =
      tx.query(
            "INSERT INTO auction_batches (tenant_id, campaign_id, batch_no, auction_house_id, platform, starts_on, "
            "ends_on, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING id",
            actor.tenant_id, campaign_id, batch_no, f.auction_house_id, f.platform, f.starts_on, f.ends_on, util::now_utc())
          .one()
          .int64(0);
  audit::record(tx, actor, {"create", "auction_batch", id, *find_batch(tx, actor.tenant_id, id)});
  return id;
}

std::int64_t add_lot(db::Tx& tx, const audit::Actor& actor, std::int64_t batch_id, const LotFields& f) {
  const auto batch = open_batch_state(tx, actor.tenant_id, batch_id);
  require_batch_status(batch, "draft", "batch_not_draft", "只能向待开拍的批次添加拍品");
  auto vehicle = tx.query(
      "SELECT v.status FROM campaign_vehicles cv JOIN vehicles v ON v.tenant_id = cv.tenant_id AND v.id = cv.vehicle_id "
      "WHERE cv.tenant_id = $1 AND cv.campaign_id = $2 AND cv.vehicle_id = $3",
      actor.tenant_id, batch.campaign_id, f.vehicle_id);
  if (vehicle.empty()) throw http::invalid("vehicle_id", "车辆不属于本次车改");
  const auto appraisal = find_appraisal(tx, actor.tenant_id, f.vehicle_id);
  require_stage(appraisal.has_value(), "车辆尚未鉴定评估，不能拍卖");
  require_verdict(*appraisal, "auction", "鉴定结论为报废，不能拍卖");
  // Sold at most once; one pending lot at a time; an unsold vehicle may be listed again.
  const auto lots = tx.query("SELECT " + count_where("result = 'sold'") + ", " + count_where("result = 'pending'") +
                                 " FROM auction_lots WHERE tenant_id = $1 AND vehicle_id = $2",
                             actor.tenant_id, f.vehicle_id);
  if (lots.one().opt_int64(0).value_or(0) > 0) throw http::ApiError(409, "already_sold", "车辆已拍卖成交", "vehicle_id");
  if (lots.one().opt_int64(1).value_or(0) > 0) throw http::ApiError(409, "already_listed", "车辆已在待拍的批次中", "vehicle_id");
  require_stage(vehicle.one().text(0) == "awaiting_disposal", "车辆不在待处置状态");
  check_amount("reserve_price_fen", f.reserve_price_fen);
  check_chars("reserve_approval", f.reserve_approval, 0, 200, "保留价批准文件");
  check_reserve(f.reserve_price_fen, appraisal->appraised_value_fen, f.reserve_approval);
  const auto lot_no = tx.query("SELECT COALESCE(MAX(lot_no), 0) + 1 FROM auction_lots WHERE tenant_id = $1 AND batch_id = $2",
                               actor.tenant_id, batch_id)
                          .one()
                          .int64(0);
  const auto now = util::now_utc();
  const auto id = tx.query(
                        "INSERT INTO auction_lots (tenant_id, batch_id, vehicle_id, lot_no, reserve_price_fen, reserve_approval, "
                        "created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id",
                        actor.tenant_id, batch_id, f.vehicle_id, lot_no, f.reserve_price_fen, f.reserve_approval, now)
                      .one()
                      .int64(0);
  LotState lot{batch, batch_id, f.vehicle_id, lot_no, f.reserve_price_fen};
  record_lot_step(tx, actor, id, lot,
                  {"lot",
                   std::nullopt,
                   "",
                   batch.starts_on,
                   {{"reserve_price_fen", f.reserve_price_fen},
                    {"reserve_approval", f.reserve_approval},
                    {"appraised_value_fen", appraisal->appraised_value_fen}}});
  return id;
}

void open_batch(db::Tx& tx, const audit::Actor& actor, std::int64_t batch_id) {
  const auto batch = open_batch_state(tx, actor.tenant_id, batch_id);
  require_batch_status(batch, "draft", "batch_not_draft", "批次已开拍");
  if (tx.query("SELECT 1 FROM auction_lots WHERE tenant_id = $1 AND batch_id = $2", actor.tenant_id, batch_id).empty()) {
    throw http::ApiError(409, "empty_batch", "批次没有拍品，不能开拍");
  }
  tx.query("UPDATE auction_batches SET status = 'open', updated_at = $3 WHERE tenant_id = $1 AND id = $2", actor.tenant_id,
           batch_id, util::now_utc());
  audit::record(tx, actor, {"open", "auction_batch", batch_id, {{"status", {{"from", "draft"}, {"to", "open"}}}}});
}

void settle_batch(db::Tx& tx, const audit::Actor& actor, std::int64_t batch_id) {
  const auto batch = open_batch_state(tx, actor.tenant_id, batch_id);
  require_batch_status(batch, "open", "batch_not_open", "只能结束拍卖中的批次");
  if (!tx.query("SELECT 1 FROM auction_lots WHERE tenant_id = $1 AND batch_id = $2 AND result = 'pending'", actor.tenant_id,
                batch_id)
           .empty()) {
    throw http::ApiError(409, "pending_lots", "还有拍品未登记拍卖结果");
  }
  tx.query("UPDATE auction_batches SET status = 'settled', updated_at = $3 WHERE tenant_id = $1 AND id = $2", actor.tenant_id,
           batch_id, util::now_utc());
  audit::record(tx, actor, {"settle", "auction_batch", batch_id, {{"status", {{"from", "open"}, {"to", "settled"}}}}});
}

void record_result(db::Tx& tx, const audit::Actor& actor, std::int64_t lot_id, const LotResult& r) {
  const auto lot = open_lot_state(tx, actor.tenant_id, lot_id);
  require_batch_status(lot.batch, "open", "batch_not_open", "只能为拍卖中的批次登记结果");
  if (lot.result != "pending") throw http::ApiError(409, "result_recorded", "拍品已登记拍卖结果");
  const auto now = util::now_utc();
  if (r.result == "sold") {
    if (!r.hammer_price_fen) throw http::ApiError(422, "missing_field", "缺少必填字段 hammer_price_fen", "hammer_price_fen");
    check_amount("hammer_price_fen", *r.hammer_price_fen);
    check_hammer(*r.hammer_price_fen, lot.reserve_fen);
    const auto buyer = r.buyer.value_or("");
    check_chars("buyer", buyer, 1, 100, "买受人");
    tx.query(
        "UPDATE auction_lots SET result = 'sold', hammer_price_fen = $3, buyer = $4, updated_at = $5 WHERE tenant_id = $1 AND id "
        "= $2",
        actor.tenant_id, lot_id, *r.hammer_price_fen, buyer, now);
    // The vehicle is sold when the auction closes: the batch's end day.
    record_lot_step(tx, actor, lot_id, lot,
                    {"sell",
                     "auctioned",
                     "",
                     lot.batch.ends_on,
                     {{"hammer_price_fen", *r.hammer_price_fen}, {"reserve_price_fen", lot.reserve_fen}, {"buyer", buyer}}});
  } else if (r.result == "unsold") {
    if (r.hammer_price_fen || r.buyer) throw http::invalid("result", "流拍的拍品没有成交价和买受人");
    tx.query("UPDATE auction_lots SET result = 'unsold', updated_at = $3 WHERE tenant_id = $1 AND id = $2", actor.tenant_id,
             lot_id, now);
    record_lot_step(tx, actor, lot_id, lot,
                    {"unsold", std::nullopt, "", lot.batch.ends_on, {{"reserve_price_fen", lot.reserve_fen}}});
  } else {
    throw http::invalid("result", "拍卖结果应为 sold（成交）或 unsold（流拍）");
  }
}

void record_payment(db::Tx& tx, const audit::Actor& actor, std::int64_t lot_id, std::int64_t amount_fen,
                    const std::string& paid_on) {
  const auto lot = open_lot_state(tx, actor.tenant_id, lot_id);
  require_sold(lot);
  check_step_day("paid_on", paid_on, {lot.batch.starts_on, "拍卖开始日期"});
  check_payment(lot.received_fen, amount_fen, *lot.hammer_fen);
  const auto total = lot.received_fen + amount_fen;
  const auto last_paid_on = std::max(paid_on, lot.paid_on.value_or(""));
  tx.query("UPDATE auction_lots SET payment_received_fen = $3, paid_on = $4, updated_at = $5 WHERE tenant_id = $1 AND id = $2",
           actor.tenant_id, lot_id, total, last_paid_on, util::now_utc());
  record_lot_step(tx, actor, lot_id, lot,
                  {"payment",
                   std::nullopt,
                   "",
                   paid_on,
                   {{"amount_fen", amount_fen}, {"payment_received_fen", total}, {"hammer_price_fen", *lot.hammer_fen}}});
}

void record_transfer(db::Tx& tx, const audit::Actor& actor, std::int64_t lot_id, const std::string& transferred_on) {
  const auto lot = open_lot_state(tx, actor.tenant_id, lot_id);
  require_sold(lot);
  if (lot.transferred_on) throw http::ApiError(409, "already_transferred", "车辆已过户");
  if (lot.received_fen < *lot.hammer_fen) throw http::ApiError(409, "unpaid_lot", "成交价未付清，不能过户");
  check_step_day("ownership_transferred_on", transferred_on, {lot.paid_on.value_or(lot.batch.starts_on), "付款日期"});
  tx.query("UPDATE auction_lots SET ownership_transferred_on = $3, updated_at = $4 WHERE tenant_id = $1 AND id = $2",
           actor.tenant_id, lot_id, transferred_on, util::now_utc());
  record_lot_step(tx, actor, lot_id, lot, {"transfer", std::nullopt, "", transferred_on, {{"buyer", lot.buyer.value_or("")}}});
}

// ---- Money and remittances -------------------------------------------------------------------

namespace {

const std::string kSoldLotsOfCampaign =
    " FROM auction_lots l JOIN auction_batches b ON b.tenant_id = l.tenant_id AND b.id = l.batch_id"
    " WHERE b.tenant_id = $1 AND b.campaign_id = $2 AND l.result = 'sold'";

}  // namespace

CampaignMoney campaign_money(db::Tx& tx, std::int64_t tenant_id, std::int64_t campaign_id) {
  const auto r = tx.query(
      "SELECT (SELECT COALESCE(SUM(l.hammer_price_fen), 0)" + kSoldLotsOfCampaign +
          "), (SELECT COALESCE(SUM(l.payment_received_fen), 0)" + kSoldLotsOfCampaign +
          "), (SELECT COALESCE(SUM(s.residual_income_fen), 0) FROM vehicle_scrappings s"
          " WHERE s.tenant_id = $1 AND s.campaign_id = $2),"
          " (SELECT COALESCE(SUM(m.amount_fen), 0) FROM vehicle_remittances m WHERE m.tenant_id = $1 AND m.campaign_id = $2)",
      tenant_id, campaign_id);
  const auto& row = r.one();
  return {row.int64(0), row.int64(1), row.int64(2), row.int64(3)};
}

std::int64_t unpaid_lots(db::Tx& tx, std::int64_t tenant_id, std::int64_t campaign_id) {
  return tx
      .query("SELECT COUNT(*)" + kSoldLotsOfCampaign + " AND l.payment_received_fen < l.hammer_price_fen", tenant_id, campaign_id)
      .one()
      .int64(0);
}

json::object remittance_json(const db::Row& row) {
  return {{"id", row.int64(0)},        {"campaign_id", row.int64(1)}, {"remitted_on", row.text(2)}, {"amount_fen", row.int64(3)},
          {"voucher_no", row.text(4)}, {"notes", row.text(5)},        {"created_at", row.text(6)}};
}

std::optional<json::object> find_remittance(db::Tx& tx, std::int64_t tenant_id, std::int64_t id) {
  return find_row(tx, kRemittanceColumns, kRemittanceFrom, "m", remittance_json, tenant_id, id);
}

std::int64_t add_remittance(db::Tx& tx, const audit::Actor& actor, std::int64_t campaign_id, const RemittanceFields& f) {
  const auto start = lock_open_campaign(tx, actor.tenant_id, campaign_id);
  check_step_day("remitted_on", f.remitted_on, {start, "车改开始日期"});
  require_unique_number(tx, actor.tenant_id, "vehicle_remittances", "voucher_no", f.voucher_no, "缴款凭证号");
  check_chars("notes", f.notes, 0, 200, "备注");
  const auto money = campaign_money(tx, actor.tenant_id, campaign_id);
  check_remittance(money.remitted_fen, f.amount_fen, money.received_fen());
  const auto id = tx.query(
                        "INSERT INTO vehicle_remittances (tenant_id, campaign_id, remitted_on, amount_fen, voucher_no, notes, "
                        "created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
                        actor.tenant_id, campaign_id, f.remitted_on, f.amount_fen, f.voucher_no, f.notes, util::now_utc())
                      .one()
                      .int64(0);
  auto diff = *find_remittance(tx, actor.tenant_id, id);
  diff["remitted_total_fen"] = money.remitted_fen + f.amount_fen;
  diff["received_fen"] = money.received_fen();
  audit::record(tx, actor, {"create", "vehicle_remittance", id, diff});
  return id;
}

}  // namespace jiguan::vehicles
