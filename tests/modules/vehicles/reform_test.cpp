// The vehicle reform (车改) through the real server: a fleet imported from a sheet, a
// campaign of two units, decisions, sealing and hand-over against the deadline, appraisal,
// scrapping, auctions over two batches (a lot unsold in the first, sold in the second),
// payments, remittance to the treasury, the close and its refusals, statistics exact to
// the fen, sector allocation, Excel on every list, and data scopes.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "core/access/roles.hpp"
#include "core/auth/accounts.hpp"
#include "core/export/import.hpp"
#include "modules/vehicles/fixtures.hpp"
#include "support/test_server.hpp"

namespace jiguan::test {
namespace {
namespace json = boost::json;
using vehicle_fixtures::insert_vehicle;

constexpr const char* kXlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

std::string id_path(const std::string& prefix, std::int64_t id, const std::string& suffix = "") {
  return prefix + std::to_string(id) + suffix;
}

std::int64_t count(TestServer& server, const std::string& sql) {
  return server.db().read([&](db::Tx& tx) { return tx.query(sql).one().int64(0); });
}

std::int64_t created_id(const HttpResponse& res) {
  EXPECT_EQ(res.status, 201) << res.body;
  return res.status == 201 ? res.json().at("id").as_int64() : 0;
}

// One campaign's steps as the API takes them; each returns the raw response.
struct Reform {
  HttpClient& client;
  std::int64_t campaign = 0;

  std::string step(std::int64_t vehicle, const std::string& name) const {
    return id_path("/api/v1/vehicles/campaigns/", campaign, "/vehicles/" + std::to_string(vehicle) + "/" + name);
  }
  std::string path(const std::string& suffix = "") const { return id_path("/api/v1/vehicles/campaigns/", campaign, suffix); }

  HttpResponse decide(std::int64_t v, const std::string& decision, const std::string& category = "") {
    json::object body{{"decision", decision}, {"decided_on", "2016-05-10"}};
    if (!category.empty()) body["retained_category"] = category;
    return client.post(step(v, "decision"), body);
  }
  HttpResponse seal(std::int64_t v, const std::string& on) {
    return client.post(step(v, "seal"), {{"sealed_on", on},
                                         {"seal_place", "区机关事务管理局停车场"},
                                         {"keys_received", 2},
                                         {"documents_received", "行驶证、登记证书"}});
  }
  HttpResponse hand_over(std::int64_t v, const std::string& on) {
    return client.post(step(v, "hand-over"), {{"handed_over_on", on},
                                              {"handed_over_by", "单位经办人"},
                                              {"received_by", "处置中心接收人"},
                                              {"custodian", "区公车处置中心"}});
  }
  HttpResponse appraise(std::int64_t v, std::int64_t agency, const std::string& report, std::int64_t value,
                        const std::string& verdict) {
    return client.post(step(v, "appraisal"), {{"agency_id", agency},
                                              {"report_no", report},
                                              {"appraised_on", "2016-07-15"},
                                              {"appraised_value_fen", value},
                                              {"condition", "车况一般"},
                                              {"verdict", verdict}});
  }
  HttpResponse scrap(std::int64_t v, std::int64_t recycler, const std::string& certificate, std::int64_t residual) {
    return client.post(step(v, "scrap"), {{"recycler_id", recycler},
                                          {"certificate_no", certificate},
                                          {"scrapped_on", "2016-07-25"},
                                          {"residual_income_fen", residual}});
  }
  std::int64_t batch(std::int64_t house, const std::string& starts, const std::string& ends) {
    return created_id(client.post(
        path("/batches"), {{"auction_house_id", house}, {"platform", "网上拍卖平台"}, {"starts_on", starts}, {"ends_on", ends}}));
  }
  HttpResponse lot(std::int64_t batch, std::int64_t v, std::int64_t reserve, const std::string& approval = "") {
    json::object body{{"vehicle_id", v}, {"reserve_price_fen", reserve}};
    if (!approval.empty()) body["reserve_approval"] = approval;
    return client.post(id_path("/api/v1/vehicles/batches/", batch, "/lots"), body);
  }
  HttpResponse batch_action(std::int64_t batch, const std::string& action) {
    return client.request("POST", id_path("/api/v1/vehicles/batches/", batch, "/" + action));
  }
  HttpResponse sold(std::int64_t lot, std::int64_t hammer, const std::string& buyer) {
    return client.post(id_path("/api/v1/vehicles/lots/", lot, "/result"),
                       {{"result", "sold"}, {"hammer_price_fen", hammer}, {"buyer", buyer}});
  }
  HttpResponse pay(std::int64_t lot, std::int64_t amount, const std::string& on) {
    return client.post(id_path("/api/v1/vehicles/lots/", lot, "/payment"), {{"payment_received_fen", amount}, {"paid_on", on}});
  }
  HttpResponse remit(std::int64_t amount, const std::string& voucher, const std::string& on) {
    return client.post(path("/remittances"), {{"remitted_on", on}, {"amount_fen", amount}, {"voucher_no", voucher}});
  }
  std::string close_refusal() { return client.request("POST", path("/close")).error_code(); }
};

std::int64_t agency(HttpClient& admin, const std::string& kind, const std::string& name) {
  return created_id(
      admin.post("/api/v1/vehicles/agencies", {{"kind", kind}, {"name", name}, {"contract_no", "LZCG-2016-" + name}}));
}

void expect_ok(const HttpResponse& res) { EXPECT_EQ(res.status, 200) << res.body; }

// The board's overdue flag per unit code.
std::map<std::string, bool> overdue_by_unit(Reform& reform) {
  std::map<std::string, bool> out;
  const auto body = reform.client.get(reform.path("/units")).json();
  for (const auto& row : body.at("items").as_array())
    out[std::string(row.at("unit_code").as_string())] = row.at("overdue").as_bool();
  return out;
}

TEST(VehicleReform, TheWholeChainToTheCloseAccountsForEveryVehicleAndEveryFen) {
  TestServer server;
  auto admin = server.admin();
  const auto& seed = server.seed();
  // The fleet comes in as a sheet: five vehicles in each unit, 一般公务用车 but for B0002
  // (执法执勤用车), and one of the bureau itself, which does not take part.
  std::string fleet = "车牌号,品牌型号,车辆类别,排量(毫升),座位数,车架号,发动机号,购置日期,购置价格(元),资金来源,所属单位编码,能源类型,里程(公里),备注\r\n";
  std::vector<std::string> keys;
  for (const char* unit_code : {"A", "B"}) {
    for (int i = 1; i <= 5; ++i) keys.push_back(unit_code + std::string("000") + std::to_string(i));
  }
  for (const auto& key : keys) {
    fleet += "鲁Q·" + key + ",桑塔纳 1.8," + (key == "B0002" ? "执法执勤用车" : "一般公务用车") + ",1781,5,,,2012-05-01,150000.00,财政拨款," +
             key.substr(0, 1) + ",燃油,,\r\n";
  }
  fleet += "鲁Q·R0001,桑塔纳 1.8,一般公务用车,1781,5,,,2012-05-01,150000,财政拨款,ROOT,燃油,,\r\n";
  const auto imported = admin.request("POST", "/api/v1/vehicles/import", fleet, {{"content-type", "text/csv"}});
  ASSERT_EQ(imported.status, 200) << imported.body;
  std::map<std::string, std::int64_t> v;
  const auto fleet_list = admin.get("/api/v1/vehicles?page_size=50").json();
  for (const auto& row : fleet_list.at("items").as_array()) {
    v[std::string(row.at("plate").as_string()).substr(std::string("鲁Q·").size())] = row.at("id").as_int64();
  }
  ASSERT_EQ(v.size(), 11u);
  insert_vehicle(server, {"鲁Q·A0009", seed.unit_a, "general", 0, "transferred"});  // not in service: not enrolled

  // The agencies chosen by tender (the seed had 2 appraisers and 2 auction houses).
  const auto appraiser = agency(admin, "appraiser", "临沂某鉴定评估有限公司");
  const auto retired = agency(admin, "appraiser", "停用的评估公司");
  expect_ok(admin.patch(id_path("/api/v1/vehicles/agencies/", retired), {{"active", false}}));
  const auto house = agency(admin, "auction_house", "山东某拍卖有限公司");
  const auto recycler = agency(admin, "recycler", "临沂某报废汽车回收公司");
  EXPECT_EQ(admin.post("/api/v1/vehicles/agencies", {{"kind", "auction_house"}, {"name", "山东某拍卖有限公司"}}).status, 409);
  EXPECT_EQ(admin.get("/api/v1/vehicles/agencies?kind=appraiser").json().at("total"), 2);

  // The campaign: the deadline is not before the start; units join with their vehicles.
  auto bad = admin.post("/api/v1/vehicles/campaigns", {{"name", "车改"},
                                                       {"start_date", "2016-03-01"},
                                                       {"handover_deadline", "2016-02-28"},
                                                       {"unit_ids", json::array{seed.unit_a}}});
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(bad.json().at("error").at("field"), "handover_deadline");
  Reform reform{admin, vehicle_fixtures::create_campaign(server, "2016年公务用车制度改革", {seed.unit_a, seed.unit_b})};
  auto campaign = admin.get(reform.path()).json();
  EXPECT_EQ(campaign.at("units"), 2);
  EXPECT_EQ(campaign.at("vehicles"), 10);
  EXPECT_EQ(campaign.at("pending"), 10);
  EXPECT_EQ(reform.close_refusal(), "undecided_vehicles");

  // Decisions: retained vehicles keep a category the reform keeps; revisable until sealed.
  expect_ok(reform.decide(v["A0001"], "retain", "confidential"));
  expect_ok(reform.decide(v["A0002"], "retain", "emergency"));
  expect_ok(reform.decide(v["B0001"], "retain", "confidential"));
  expect_ok(reform.decide(v["B0002"], "retain"));  // keeps law_enforcement
  EXPECT_EQ(reform.decide(v["B0003"], "retain").json().at("error").at("field"),
            "retained_category");  // 一般公务用车 is abolished
  for (const auto* p : {"A0003", "A0004", "A0005", "B0003", "B0004", "B0005"}) expect_ok(reform.decide(v[p], "cancel"));
  auto revised = reform.decide(v["A0005"], "retain", "emergency");
  EXPECT_EQ(revised.json().at("status"), "in_service");
  auto cancelled = reform.decide(v["A0005"], "cancel");
  EXPECT_EQ(cancelled.json().at("status"), "cancelled");
  EXPECT_EQ(cancelled.json().at("stage"), "seal");
  auto early = admin.post(reform.step(v["A0003"], "decision"), {{"decision", "cancel"}, {"decided_on", "2016-02-01"}});
  EXPECT_EQ(early.json().at("error").at("field"), "decided_on");
  EXPECT_EQ(reform.seal(v["A0001"], "2016-06-10").error_code(), "wrong_stage");  // retained vehicles are not sealed

  // Sealing and hand-over: dates after the start and after each other, both signatures.
  EXPECT_EQ(reform.seal(v["A0003"], "2016-02-01").json().at("error").at("field"), "sealed_on");
  for (const auto* p : {"A0003", "A0004", "A0005"}) expect_ok(reform.seal(v[p], "2016-06-10"));
  EXPECT_EQ(reform.hand_over(v["A0003"], "2016-06-09").json().at("error").at("field"), "handed_over_on");
  EXPECT_EQ(admin
                .post(reform.step(v["A0003"], "hand-over"),
                      {{"handed_over_on", "2016-06-20"}, {"handed_over_by", "甲"}, {"custodian", "中心"}})
                .json()
                .at("error")
                .at("field"),
            "received_by");
  for (const auto* p : {"A0003", "A0004", "A0005"}) expect_ok(reform.hand_over(v[p], "2016-06-20"));
  EXPECT_EQ(reform.decide(v["A0003"], "retain", "emergency").error_code(), "wrong_stage");  // sealed: decided for good
  auto page =
      admin.get(reform.path("/vehicles?unit_id=" + std::to_string(seed.unit_a) + "&page_size=2&page=2&sort=-plate")).json();
  EXPECT_EQ(page.at("total"), 5);
  EXPECT_EQ(page.at("items").at(0).at("plate"), "鲁Q·A0003");
  auto a3 = admin.get(reform.path("/vehicles?q=A0003")).json().at("items").at(0);
  EXPECT_EQ(a3.at("sealed_on"), "2016-06-10");
  EXPECT_EQ(a3.at("keys_received"), 2);
  EXPECT_EQ(a3.at("received_by"), "处置中心接收人");
  EXPECT_EQ(a3.at("stage"), "appraise");

  // The board: the deadline (2016-06-30) has passed, unit B has cancelled vehicles not handed over.
  EXPECT_EQ(overdue_by_unit(reform), (std::map<std::string, bool>{{"A", false}, {"B", true}}));
  auto overdue = admin.get(reform.path("/units?overdue=true")).json();
  ASSERT_EQ(overdue.at("total"), 1);
  EXPECT_EQ(overdue.at("items").at(0).at("unit_code"), "B");
  EXPECT_EQ(overdue.at("items").at(0).at("cancelled"), 3);
  EXPECT_EQ(overdue.at("items").at(0).at("retained"), 2);
  for (const auto* p : {"B0003", "B0004", "B0005"}) {
    expect_ok(reform.seal(v[p], "2016-06-28"));
    expect_ok(reform.hand_over(v[p], "2016-06-30"));
  }
  EXPECT_EQ(overdue_by_unit(reform), (std::map<std::string, bool>{{"A", false}, {"B", false}}));
  EXPECT_EQ(reform.close_refusal(), "undisposed_vehicles");

  // Appraisal by an active appraiser; the verdict decides scrap or auction.
  EXPECT_EQ(reform.appraise(v["A0003"], house, "PG-001", 50'000, "scrap").json().at("error").at("field"), "agency_id");
  EXPECT_EQ(reform.appraise(v["A0003"], retired, "PG-001", 50'000, "scrap").json().at("error").at("field"), "agency_id");
  EXPECT_EQ(reform.appraise(v["A0001"], appraiser, "PG-000", 50'000, "scrap").error_code(), "wrong_stage");
  expect_ok(reform.appraise(v["A0003"], appraiser, "PG-001", 50'000, "scrap"));
  EXPECT_EQ(reform.appraise(v["B0003"], appraiser, "PG-001", 80'000, "scrap").json().at("error").at("field"), "report_no");
  expect_ok(reform.appraise(v["B0003"], appraiser, "PG-002", 80'000, "scrap"));
  expect_ok(reform.appraise(v["A0004"], appraiser, "PG-003", 1'200'000, "auction"));
  expect_ok(reform.appraise(v["A0005"], appraiser, "PG-004", 2'300'000, "auction"));
  expect_ok(reform.appraise(v["B0004"], appraiser, "PG-005", 3'000'000, "auction"));
  expect_ok(reform.appraise(v["B0005"], appraiser, "PG-006", 900'000, "auction"));

  // Scrapping: only with verdict scrap, by a recycler. 12,000.00 + 14,224.00 = the seed's
  // 26,224.00 yuan of scrap income.
  EXPECT_EQ(reform.scrap(v["A0004"], recycler, "BF-001", 100).error_code(), "wrong_verdict");
  EXPECT_EQ(reform.scrap(v["A0003"], house, "BF-001", 1'200'000).json().at("error").at("field"), "recycler_id");
  auto scrapped = reform.scrap(v["A0003"], recycler, "BF-001", 1'200'000);
  EXPECT_EQ(scrapped.json().at("status"), "scrapped");
  EXPECT_EQ(scrapped.json().at("disposal"), "scrapped");
  EXPECT_EQ(scrapped.json().at("income_fen"), 1'200'000);
  expect_ok(reform.scrap(v["B0003"], recycler, "BF-002", 1'422'400));

  // Auction batch 1: A0004 and A0005 sold, B0004 unsold.
  const auto batch1 = reform.batch(house, "2016-08-01", "2016-08-03");
  EXPECT_EQ(reform.lot(batch1, v["A0003"], 50'000).error_code(), "wrong_verdict");
  const auto lot_a4 = created_id(reform.lot(batch1, v["A0004"], 1'200'000));
  const auto lot_a5 = created_id(reform.lot(batch1, v["A0005"], 2'300'000));
  const auto lot_b4_first = created_id(reform.lot(batch1, v["B0004"], 3'000'000));
  EXPECT_EQ(reform.lot(batch1, v["B0004"], 3'000'000).error_code(), "already_listed");
  EXPECT_EQ(reform.sold(lot_a4, 1'234'567, "张某").error_code(), "batch_not_open");
  expect_ok(reform.batch_action(batch1, "open"));
  EXPECT_EQ(reform.lot(batch1, v["B0005"], 900'000).error_code(), "batch_not_draft");
  expect_ok(reform.sold(lot_a4, 1'234'567, "张某"));
  expect_ok(reform.sold(lot_a5, 2'345'678, "李某"));
  EXPECT_EQ(reform.batch_action(batch1, "settle").error_code(), "pending_lots");
  auto unsold = admin.post(id_path("/api/v1/vehicles/lots/", lot_b4_first, "/result"), {{"result", "unsold"}});
  EXPECT_EQ(unsold.json().at("result"), "unsold");
  auto settled = reform.batch_action(batch1, "settle").json();
  EXPECT_EQ(settled.at("status"), "settled");
  EXPECT_EQ(settled.at("lot_count"), 3);
  EXPECT_EQ(settled.at("sold"), 2);
  EXPECT_EQ(settled.at("unsold"), 1);
  EXPECT_EQ(settled.at("income_fen"), 1'234'567 + 2'345'678);
  EXPECT_EQ(settled.at("lots").as_array().size(), 3u);

  // Batch 2: the unsold vehicle again, as a new lot; a reserve below the appraised value
  // needs an approval; the hammer may not fall below the reserve; a vehicle sells once.
  const auto batch2 = reform.batch(house, "2016-09-01", "2016-09-03");
  auto below = reform.lot(batch2, v["B0004"], 2'800'000);
  EXPECT_EQ(below.status, 422);
  EXPECT_EQ(below.error_code(), "reserve_below_appraisal");
  const auto lot_b4 = created_id(reform.lot(batch2, v["B0004"], 2'800'000, "区财政局批复〔2016〕12号"));
  const auto lot_b5 = created_id(reform.lot(batch2, v["B0005"], 950'000));
  EXPECT_EQ(reform.lot(batch2, v["A0004"], 1'200'000).error_code(), "already_sold");
  expect_ok(reform.batch_action(batch2, "open"));
  auto low = reform.sold(lot_b5, 949'999, "王某");
  EXPECT_EQ(low.status, 422);
  EXPECT_EQ(low.error_code(), "hammer_below_reserve");
  expect_ok(reform.sold(lot_b5, 999'999, "王某"));
  auto b4_sold = reform.sold(lot_b4, 3'000'001, "赵某").json();
  EXPECT_EQ(b4_sold.at("lot_no"), 1);
  EXPECT_EQ(b4_sold.at("batch_no"), 2);
  EXPECT_EQ(reform.sold(lot_b4, 3'000'002, "赵某").error_code(), "result_recorded");
  expect_ok(reform.batch_action(batch2, "settle"));
  auto batches = admin.get(reform.path("/batches")).json();
  ASSERT_EQ(batches.at("total"), 2);
  EXPECT_EQ(batches.at("items").at(1).at("income_fen"), 3'000'001 + 999'999);
  EXPECT_EQ(reform.close_refusal(), "unpaid_lots");

  // Payments: in instalments, never beyond the hammer price; ownership transfer after.
  expect_ok(reform.pay(lot_a4, 1'000'000, "2016-08-05"));
  EXPECT_EQ(admin.post(id_path("/api/v1/vehicles/lots/", lot_a4, "/transfer"), {{"ownership_transferred_on", "2016-08-06"}})
                .error_code(),
            "unpaid_lot");
  EXPECT_EQ(reform.pay(lot_a4, 234'568, "2016-08-10").error_code(), "over_paid");
  auto paid = reform.pay(lot_a4, 234'567, "2016-08-10").json();
  EXPECT_EQ(paid.at("payment_received_fen"), 1'234'567);
  EXPECT_EQ(paid.at("paid_on"), "2016-08-10");
  EXPECT_EQ(reform.pay(lot_b4_first, 1, "2016-08-10").error_code(), "lot_not_sold");
  auto transferred =
      admin.post(id_path("/api/v1/vehicles/lots/", lot_a4, "/transfer"), {{"ownership_transferred_on", "2016-08-15"}});
  EXPECT_EQ(transferred.json().at("ownership_transferred_on"), "2016-08-15");
  expect_ok(reform.pay(lot_a5, 2'345'678, "2016-08-12"));
  expect_ok(reform.pay(lot_b4, 3'000'001, "2016-09-08"));
  expect_ok(reform.pay(lot_b5, 999'999, "2016-09-09"));

  // Remittance: what was received (payments + scrap residue) goes to the treasury, exactly.
  constexpr std::int64_t kAuction = 1'234'567 + 2'345'678 + 3'000'001 + 999'999;  // 7,580,245 fen
  constexpr std::int64_t kScrap = 1'200'000 + 1'422'400;                          // 26,224.00 yuan
  auto ledger = admin.get(reform.path("/remittances")).json();
  EXPECT_EQ(ledger.at("received_fen"), kAuction + kScrap);
  EXPECT_EQ(ledger.at("difference_fen"), kAuction + kScrap);
  created_id(reform.remit(6'000'000, "JK-2016-001", "2016-11-10"));
  EXPECT_EQ(reform.close_refusal(), "unremitted_income");
  const auto audit_before = count(server, "SELECT COUNT(*) FROM audit_log");
  auto over = reform.remit(kAuction + kScrap - 6'000'000 + 1, "JK-2016-002", "2016-11-17");
  EXPECT_EQ(over.status, 422);
  EXPECT_EQ(over.error_code(), "over_remitted");
  EXPECT_EQ(count(server, "SELECT COUNT(*) FROM audit_log"), audit_before);  // refused: nothing written
  created_id(reform.remit(kAuction + kScrap - 6'000'000, "JK-2016-002", "2016-11-17"));
  ledger = admin.get(reform.path("/remittances")).json();
  EXPECT_EQ(ledger.at("total"), 2);
  EXPECT_EQ(ledger.at("remitted_fen"), kAuction + kScrap);
  EXPECT_EQ(ledger.at("difference_fen"), 0);

  // Retained confidential/emergency vehicles go to sectors, with the lead unit of the day.
  const auto s1 = vehicle_fixtures::create_sector(server, "S01", "党群口");
  const auto s2 = vehicle_fixtures::create_sector(server, "S02", "政法口");
  const auto allocate = [&](std::int64_t vehicle, std::int64_t sector, const std::string& from) {
    return admin.post(id_path("/api/v1/vehicles/", vehicle, "/allocation"), {{"sector_id", sector}, {"effective_from", from}});
  };
  auto first = allocate(v["A0001"], s1.id, "2016-07-01");
  EXPECT_EQ(first.status, 201) << first.body;
  EXPECT_EQ(first.json().at("lead_unit_id"), s1.lead_unit_id);
  EXPECT_EQ(allocate(v["A0002"], s1.id, "2016-07-01").status, 201);
  EXPECT_EQ(allocate(v["B0001"], s2.id, "2016-07-01").status, 201);
  EXPECT_EQ(allocate(v["B0002"], s2.id, "2016-07-01").json().at("error").at("field"), "vehicle_id");  // law enforcement
  EXPECT_EQ(allocate(v["A0003"], s2.id, "2016-07-01").error_code(), "not_in_service");                // scrapped
  EXPECT_EQ(allocate(v["A0001"], seed.unit_a, "2016-07-01").json().at("error").at("field"), "sector_id");
  EXPECT_EQ(allocate(v["A0002"], s2.id, "2016-07-01").json().at("error").at("field"),
            "effective_from");                                                 // not after the current start
  EXPECT_EQ(reform.decide(v["A0001"], "cancel").error_code(), "wrong_stage");  // allocated: must leave the sector first
  auto moved = allocate(v["A0002"], s2.id, "2016-10-01");
  EXPECT_EQ(moved.status, 201) << moved.body;
  auto history = admin.get(id_path("/api/v1/vehicles/allocations?sort=effective_from&vehicle_id=", v["A0002"])).json();
  ASSERT_EQ(history.at("total"), 2);
  EXPECT_EQ(history.at("items").at(0).at("effective_to"), "2016-10-01");  // half-open: ends where the next starts
  EXPECT_TRUE(history.at("items").at(1).at("effective_to").is_null());
  EXPECT_EQ(admin.get("/api/v1/vehicles/allocations?current=true").json().at("total"), 3);
  EXPECT_EQ(count(server, "SELECT COUNT(*) FROM vehicles WHERE sector_id = " + std::to_string(s2.id)), 2);
  auto table = admin.get("/api/v1/vehicles/allocations/by-sector").json();
  ASSERT_EQ(table.at("total"), 2);
  EXPECT_EQ(table.at("items").at(0).at("name"), "党群口");
  EXPECT_EQ(table.at("items").at(0).at("lead_unit"), "党群口牵头部门");
  EXPECT_EQ(table.at("items").at(0).at("count"), 1);
  EXPECT_EQ(table.at("items").at(1).at("count"), 2);
  EXPECT_EQ(table.at("items").at(1).at("vehicles").at(0).at("plate"), "鲁Q·A0002");

  // The statistics tell the story to the fen.
  const auto stats = admin.get(id_path("/api/v1/vehicles/stats?campaign=", reform.campaign)).json();
  EXPECT_EQ(stats, json::parse(R"({"participating_units":2,"vehicles":10,"cancelled":6,"retained":4,"scrapped":2,"auctioned":4,
      "auction_batches":2,"auction_income_fen":7580245,"scrap_income_fen":2622400,"remitted_fen":10202645,
      "retained_by_sector":[{"sector_id":)" +
                               std::to_string(s1.id) + R"(,"name":"党群口","lead_unit":"党群口牵头部门","vehicles":1},
      {"sector_id":)" + std::to_string(s2.id) +
                               R"(,"name":"政法口","lead_unit":"政法口牵头部门","vehicles":2}]})"));

  // The close, then nothing changes any more.
  auto closed = admin.request("POST", reform.path("/close"));
  ASSERT_EQ(closed.status, 200) << closed.body;
  EXPECT_EQ(closed.json().at("status"), "closed");
  EXPECT_FALSE(closed.json().at("closed_at").is_null());
  EXPECT_EQ(reform.remit(1, "JK-2016-003", "2016-11-20").error_code(), "campaign_closed");
  EXPECT_EQ(reform.decide(v["A0001"], "cancel").error_code(), "campaign_closed");
  EXPECT_EQ(admin.patch(reform.path(), {{"notes", "补记"}}).error_code(), "campaign_closed");
  EXPECT_EQ(reform.batch_action(batch2, "open").error_code(), "campaign_closed");
  EXPECT_EQ(admin.get("/api/v1/vehicles/campaigns?status=closed").json().at("total"), 1);

  // Every step is on the vehicle's timeline with its business day.
  const auto events = server.db().read([&](db::Tx& tx) {
    return tx.query("SELECT action, happened_on, to_status, details FROM vehicle_events WHERE vehicle_id = $1 ORDER BY id",
                    v["B0004"]);
  });
  std::vector<std::string> timeline;
  for (const auto& e : events.rows)
    timeline.push_back(e.text(0) + "@" + e.opt_text(1).value_or("-") + ">" + e.opt_text(2).value_or(""));
  EXPECT_EQ(timeline, (std::vector<std::string>{"register@2012-05-01>", "enroll@->", "decide@2016-05-10>cancelled", "seal@2016-06-28>sealed",
                                                "hand_over@2016-06-30>awaiting_disposal", "appraise@2016-07-15>",
                                                "lot@2016-08-01>", "unsold@2016-08-03>", "lot@2016-09-01>",
                                                "sell@2016-09-03>auctioned", "payment@2016-09-08>"}));
  const auto sell = json::parse(events.rows[9].text(3));
  EXPECT_EQ(sell.at("hammer_price_fen"), 3'000'001);
  EXPECT_EQ(sell.at("buyer"), "赵某");
  EXPECT_EQ(sell.at("batch_no"), 2);
  EXPECT_EQ(json::parse(events.rows[3].text(3)).at("seal_place"), "区机关事务管理局停车场");
  // One audit row per step of the vehicle, its import included (the enrolment is the campaign's).
  EXPECT_EQ(
      count(server, "SELECT COUNT(*) FROM audit_log WHERE entity = 'vehicle' AND entity_id = " + std::to_string(v["B0004"])), 10);

  // Every list of the reform exports to Excel.
  for (const auto& target :
       {reform.path("/units"), reform.path("/vehicles?stage=disposed"), reform.path("/batches"), reform.path("/remittances"),
        std::string("/api/v1/vehicles/agencies"), std::string("/api/v1/vehicles/allocations"),
        std::string("/api/v1/vehicles/allocations/by-sector"), std::string("/api/v1/vehicles/campaigns")}) {
    auto res = admin.get(target + (target.find('?') == std::string::npos ? "?" : "&") + "format=xlsx");
    SCOPED_TRACE(target);
    EXPECT_EQ(res.status, 200) << res.body.substr(0, 200);
    EXPECT_EQ(res.header("content-type"), kXlsxType);
  }
  const auto sheet = import::read_table(admin.get(reform.path("/vehicles?stage=disposed&format=xlsx")).body);
  ASSERT_EQ(sheet.size(), 7u);  // header + 2 scrapped + 4 auctioned
  EXPECT_EQ(sheet[0][0], "车牌号");
}

TEST(VehicleReform, StatisticsNeedAnExistingCampaign) {
  TestServer server;
  auto admin = server.admin();
  auto missing = admin.get("/api/v1/vehicles/stats");
  EXPECT_EQ(missing.status, 422);
  EXPECT_EQ(missing.json().at("error").at("field"), "campaign");
  EXPECT_EQ(admin.get("/api/v1/vehicles/stats?campaign=999").status, 404);
  EXPECT_EQ(admin.get("/api/v1/vehicles/stats?campaign=abc").status, 422);
  const auto id = vehicle_fixtures::create_campaign(server, "空的车改", {});
  // A batch still in draft has not been held: it is not one of the campaign's auctions.
  created_id(admin.post(id_path("/api/v1/vehicles/campaigns/", id, "/batches"),
                        {{"auction_house_id", agency(admin, "auction_house", "山东某拍卖有限公司")},
                         {"platform", "淮海产权交易网络竞价平台"},
                         {"starts_on", "2016-07-20"},
                         {"ends_on", "2016-07-22"}}));
  const auto stats = admin.get(id_path("/api/v1/vehicles/stats?campaign=", id)).json();
  EXPECT_EQ(stats.at("vehicles"), 0);
  EXPECT_EQ(stats.at("auction_batches"), 0);
  EXPECT_EQ(admin.request("POST", id_path("/api/v1/vehicles/campaigns/", id, "/close")).status, 200);  // nothing to account for
}

TEST(VehicleReform, UnitScopedAccountsSeeAndTouchOnlyTheirOwnUnitsVehicles) {
  TestServer server;
  const auto& seed = server.seed();
  const auto tenant = seed.tenant_id;
  const auto a1 = insert_vehicle(server, {"鲁Q·A0101", seed.unit_a});
  const auto b1 = insert_vehicle(server, {"鲁Q·B0101", seed.unit_b});
  const auto campaign = vehicle_fixtures::create_campaign(server, "范围测试车改", {seed.unit_a, seed.unit_b});
  server.db().write([&](db::Tx& tx) {
    access::create_role(tx, audit::system_actor(tenant, "test"),
                        {"vehicles_unit", "本单位车管", {"*.read", "vehicles.*"}, access::DataScope::unit_and_below},
                        {"org.read", "vehicles.read", "vehicles.write", "vehicles.manage"});
  });
  auth::create_account(server.db(), audit::system_actor(tenant, "test"),
                       {"liaison_a", "甲联络员", "liaison", seed.unit_a, "Liaison-pass-1"});
  auth::create_account(server.db(), audit::system_actor(tenant, "test"),
                       {"cheguan_a", "甲车管", "vehicles_unit", seed.unit_a, "Cheguan-pass-1"});
  auto liaison = server.client();
  liaison.login("liaison_a", "Liaison-pass-1", "test");
  auto writer = server.client();
  writer.login("cheguan_a", "Cheguan-pass-1", "test");
  Reform as_liaison{liaison, campaign}, as_writer{writer, campaign};

  auto seen = liaison.get(as_liaison.path("/vehicles")).json();
  ASSERT_EQ(seen.at("total"), 1);
  EXPECT_EQ(seen.at("items").at(0).at("vehicle_id"), a1);
  EXPECT_EQ(liaison.get(as_liaison.path("/units")).json().at("total"), 1);
  EXPECT_EQ(as_liaison.decide(b1, "cancel").status, 403);  // reads only

  EXPECT_EQ(as_writer.decide(b1, "cancel").status, 404);  // another unit's vehicle: as if missing
  EXPECT_EQ(as_writer.seal(b1, "2016-06-10").status, 404);
  EXPECT_EQ(
      writer.post(id_path("/api/v1/vehicles/", b1, "/allocation"), {{"sector_id", seed.unit_b}, {"effective_from", "2016-07-01"}})
          .status,
      404);
  expect_ok(as_writer.decide(a1, "cancel"));
  EXPECT_EQ(writer
                .post("/api/v1/vehicles/campaigns", {{"name", "越权车改"},
                                                     {"start_date", "2016-03-01"},
                                                     {"handover_deadline", "2016-06-30"},
                                                     {"unit_ids", json::array{seed.unit_b}}})
                .json()
                .at("error")
                .at("field"),
            "unit_ids");
  EXPECT_EQ(server.admin().get(as_writer.path("/vehicles?decision=pending")).json().at("items").at(0).at("vehicle_id"), b1);
}

}  // namespace
}  // namespace jiguan::test
