// Disposal (处置) of the reform's cancelled vehicles: contracted agencies, appraisal
// (鉴定评估) whose verdict sends a vehicle to scrapping (报废) or to auction (拍卖), auction
// batches and their lots, payments and ownership transfer, and the remittance of the income
// to the treasury's special account (上缴财政专户). Domain rules only; no HTTP, no scopes.
//
// The seed: "通过政府集中采购、公开招标的方式，确定了2家车辆鉴定评估机构和2家拍卖机构 … 62辆车直接
// 进入报废程序外，其余的231辆车通过网上拍卖方式分6批全部处置完毕，拍卖总价达511.178万元。全区
// 公车改革取消车辆处置费用513.8004万元已于11月17日全部转入财政专用账户" — every vehicle and every
// yuan accounted for: what was received is exactly what was remitted.
//
// The money rules (all amounts integer fen), per the seed's 《车辆处置办法》 practice of
// appraisal before auction:
// - a lot's reserve price is at least the appraised value, unless a lower reserve's
//   approval is recorded (422 reserve_below_appraisal);
// - a lot is sold only at or above its reserve (422 hammer_below_reserve);
// - a lot's payments never exceed its hammer price (422 over_paid);
// - the campaign's remittances never exceed what it received — sold lots' payments plus
//   scrap residual income (422 over_remitted).
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>

#include "core/audit/audit.hpp"
#include "core/db/db.hpp"

namespace jiguan::vehicles {

// ---- The money rules (plain functions; each throws http::ApiError 422) -----------------

void check_reserve(std::int64_t reserve_fen, std::int64_t appraised_fen, const std::string& approval);
void check_hammer(std::int64_t hammer_fen, std::int64_t reserve_fen);
void check_payment(std::int64_t received_before_fen, std::int64_t amount_fen, std::int64_t hammer_fen);
void check_remittance(std::int64_t remitted_before_fen, std::int64_t amount_fen, std::int64_t received_fen);

// ---- Agencies ------------------------------------------------------------------------------

struct AgencyFields {
  std::string kind;  // appraiser | auction_house | recycler
  std::string name;  // 1–100 characters, unique per kind
  std::string contract_no, contact, phone;
};

struct AgencyPatch {
  std::optional<std::string> name, contract_no, contact, phone;
  std::optional<bool> active;
};

bool is_agency_kind(const std::string& kind);
std::string agency_kind_label(const std::string& kind);
inline const std::string kAgencyColumns =
    "g.id, g.kind, g.name, g.contract_no, g.contact, g.phone, g.active, g.created_at, g.updated_at";
inline const std::string kAgencyFrom = " FROM disposal_agencies g";
boost::json::object agency_json(const db::Row& row);
std::optional<boost::json::object> find_agency(db::Tx& tx, std::int64_t tenant_id, std::int64_t id);
std::int64_t create_agency(db::Tx& tx, const audit::Actor& actor, const AgencyFields& fields);
void update_agency(db::Tx& tx, const audit::Actor& actor, std::int64_t id, const AgencyPatch& patch);

// ---- Appraisal and scrapping (steps of a campaign's vehicle) --------------------------------

struct Appraisal {
  std::int64_t agency_id = 0;  // an active appraiser
  std::string report_no;       // 1–50 characters, unique in the tenant
  std::string appraised_on;
  std::int64_t appraised_value_fen = 0;
  std::string condition;  // 0–200 characters
  std::string verdict;    // scrap | auction
};
// A handed-over vehicle (awaiting disposal), once.
void appraise(db::Tx& tx, const audit::Actor& actor, std::int64_t campaign_id, std::int64_t vehicle_id,
              const Appraisal& appraisal);

struct Scrapping {
  std::int64_t recycler_id = 0;  // an active recycler
  std::string certificate_no;    // 1–50 characters, unique in the tenant
  std::string scrapped_on;
  std::int64_t residual_income_fen = 0;
};
// A vehicle appraised with verdict scrap → scrapped.
void scrap(db::Tx& tx, const audit::Actor& actor, std::int64_t campaign_id, std::int64_t vehicle_id, const Scrapping& scrapping);

// ---- Auctions ------------------------------------------------------------------------------

struct BatchFields {
  std::optional<std::int64_t> batch_no;  // default: the campaign's next number
  std::int64_t auction_house_id = 0;     // an active auction house
  std::string platform;                  // 1–100 characters (网上拍卖平台)
  std::string starts_on, ends_on;        // starts_on ≥ the campaign's start, ends_on ≥ starts_on
};

// SELECT list for batch_json(): the batch (alias b) with its auction house and lot counts.
extern const std::string kBatchColumns;
inline const std::string kBatchFrom =
    " FROM auction_batches b JOIN disposal_agencies h ON h.tenant_id = b.tenant_id AND h.id = b.auction_house_id";
boost::json::object batch_json(const db::Row& row);
// The batch without its lots, or nullopt.
std::optional<boost::json::object> find_batch(db::Tx& tx, std::int64_t tenant_id, std::int64_t id);

// SELECT list for lot_json(): the lot (alias l) with its vehicle (v) and appraisal (a).
extern const std::string kLotColumns;
extern const std::string kLotFrom;
boost::json::object lot_json(const db::Row& row);
std::optional<boost::json::object> find_lot(db::Tx& tx, std::int64_t tenant_id, std::int64_t id);

std::int64_t create_batch(db::Tx& tx, const audit::Actor& actor, std::int64_t campaign_id, const BatchFields& fields);

struct LotFields {
  std::int64_t vehicle_id = 0;
  std::int64_t reserve_price_fen = 0;
  std::string reserve_approval;  // 0–200 characters: the approval of a reserve below the appraised value
};
// A draft batch; the vehicle is one of the campaign's, awaiting disposal, appraised with
// verdict auction, with no pending or sold lot (an unsold one may join a later batch).
std::int64_t add_lot(db::Tx& tx, const audit::Actor& actor, std::int64_t batch_id, const LotFields& fields);
void open_batch(db::Tx& tx, const audit::Actor& actor, std::int64_t batch_id);
// Every lot has its result → settled.
void settle_batch(db::Tx& tx, const audit::Actor& actor, std::int64_t batch_id);

struct LotResult {
  std::string result;  // sold | unsold
  std::optional<std::int64_t> hammer_price_fen;
  std::optional<std::string> buyer;  // sold: 1–100 characters
};
// An open batch's pending lot; sold → the vehicle is auctioned (on the batch's end day).
void record_result(db::Tx& tx, const audit::Actor& actor, std::int64_t lot_id, const LotResult& result);
// A payment received for a sold lot, added to what it has received.
void record_payment(db::Tx& tx, const audit::Actor& actor, std::int64_t lot_id, std::int64_t amount_fen,
                    const std::string& paid_on);
// Ownership transferred to the buyer (过户), once, after full payment.
void record_transfer(db::Tx& tx, const audit::Actor& actor, std::int64_t lot_id, const std::string& transferred_on);

// ---- Money and remittances -------------------------------------------------------------------

struct CampaignMoney {
  std::int64_t auction_income_fen = 0;  // hammer prices of sold lots
  std::int64_t payments_fen = 0;        // payments received for sold lots
  std::int64_t scrap_income_fen = 0;    // residual income of scrapped vehicles
  std::int64_t remitted_fen = 0;
  std::int64_t received_fen() const { return payments_fen + scrap_income_fen; }
};
CampaignMoney campaign_money(db::Tx& tx, std::int64_t tenant_id, std::int64_t campaign_id);
// Sold lots of the campaign whose payments are short of the hammer price.
std::int64_t unpaid_lots(db::Tx& tx, std::int64_t tenant_id, std::int64_t campaign_id);

struct RemittanceFields {
  std::string remitted_on;
  std::int64_t amount_fen = 0;  // > 0
  std::string voucher_no;       // 1–50 characters, unique in the tenant
  std::string notes;            // 0–200 characters
};
inline const std::string kRemittanceColumns =
    "m.id, m.campaign_id, m.remitted_on, m.amount_fen, m.voucher_no, m.notes, m.created_at";
inline const std::string kRemittanceFrom = " FROM vehicle_remittances m";
boost::json::object remittance_json(const db::Row& row);
std::optional<boost::json::object> find_remittance(db::Tx& tx, std::int64_t tenant_id, std::int64_t id);
std::int64_t add_remittance(db::Tx& tx, const audit::Actor& actor, std::int64_t campaign_id, const RemittanceFields& fields);

}  // namespace jiguan::vehicles
