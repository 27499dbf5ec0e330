// The demo tenant's vehicles replay the seed's reform (Luozhuang's 2016 summary, 车改工作) to
// the fen: 67 units, 507 vehicles, 293 cancelled (62 scrapped, 231 sold in 6 batches for
// 5,111,780.00 yuan), 5,138,004.00 yuan remitted by 11-17, 57 retained vehicles in 15 sectors.
#include "modules/vehicles/demo.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <regex>
#include <string>

#include "core/app/modules.hpp"
#include "core/auth/password.hpp"
#include "core/db/migrate.hpp"
#include "core/demo/demo_data.hpp"
#include "support/demo_suite.hpp"
#include "support/test_db.hpp"

namespace jiguan {
namespace {

class VehiclesDemo : public test::DemoSuite {};

TEST_F(VehiclesDemo, OneClosedCampaignOfSixtySevenUnitsAndTheirFiveHundredSevenVehicles) {
  EXPECT_EQ(number("SELECT COUNT(*) FROM vehicle_campaigns WHERE tenant_id = $1"), 1);
  EXPECT_EQ(
      text("SELECT name || '|' || start_date || '|' || handover_deadline || '|' || status || '|' || SUBSTR(closed_at, 1, 10) "
           "FROM vehicle_campaigns WHERE tenant_id = $1"),
      "罗庄区党政机关公务用车制度改革|2016-03-01|2016-06-30|closed|2016-11-17");
  EXPECT_EQ(number("SELECT COUNT(*) FROM campaign_units WHERE tenant_id = $1"), 67);  // 67个参改部门单位
  // Every department (the bureau included) takes part and owns at least one vehicle.
  EXPECT_EQ(number("SELECT COUNT(*) FROM units u WHERE u.tenant_id = $1 AND u.kind IN ('department', 'bureau') AND ("
                   "NOT EXISTS (SELECT 1 FROM campaign_units c WHERE c.tenant_id = u.tenant_id AND c.unit_id = u.id) OR "
                   "NOT EXISTS (SELECT 1 FROM vehicles v WHERE v.tenant_id = u.tenant_id AND v.owner_unit_id = u.id))"),
            0);
  EXPECT_EQ(number("SELECT COUNT(*) FROM vehicles WHERE tenant_id = $1"), 507);  // 参改车辆共计507辆
  EXPECT_EQ(
      number("SELECT COUNT(*) FROM campaign_vehicles cv JOIN vehicles v ON v.tenant_id = cv.tenant_id AND v.id = cv.vehicle_id "
             "WHERE cv.tenant_id = $1 AND cv.unit_id = v.owner_unit_id"),
      507);
  EXPECT_EQ(number("SELECT COUNT(*) FROM campaign_vehicles WHERE tenant_id = $1 AND decision = 'cancel'"), 293);  // 取消293辆
  EXPECT_EQ(number("SELECT COUNT(*) FROM campaign_vehicles WHERE tenant_id = $1 AND decision = 'retain'"), 214);
  EXPECT_EQ(number("SELECT COUNT(*) FROM vehicles WHERE tenant_id = $1 AND status = 'in_service'"), 214);
  // Quotas: each unit's is what it kept, so no unit is over.
  EXPECT_EQ(number("SELECT COUNT(*) FROM vehicle_quotas WHERE tenant_id = $1"), 67);
  EXPECT_EQ(number("SELECT COUNT(*) FROM vehicle_quotas q WHERE q.tenant_id = $1 AND q.quota <> (SELECT COUNT(*) FROM vehicles v "
                   "WHERE v.tenant_id = q.tenant_id AND v.owner_unit_id = q.unit_id AND v.status = 'in_service')"),
            0);
  // "按照市车改节点要求于6月30日按时完成了参改单位取消车辆到封存移交".
  EXPECT_EQ(
      number(
          "SELECT COUNT(*) FROM campaign_vehicles WHERE tenant_id = $1 AND decision = 'cancel' AND sealed_on <= handed_over_on "
          "AND handed_over_on <= '2016-06-30' AND keys_received BETWEEN 1 AND 2 AND documents_received LIKE '行驶证%' "
          "AND seal_place <> '' AND handed_over_by <> '' AND received_by <> '' AND custodian = '区机关事务管理局车辆处置专班'"),
      293);
  EXPECT_EQ(number("SELECT COUNT(*) FROM campaign_vehicles WHERE tenant_id = $1 AND decision = 'retain' AND sealed_on IS NULL"),
            214);
  EXPECT_EQ(number("SELECT COUNT(*) FROM vehicle_appraisals a JOIN disposal_agencies g ON g.tenant_id = a.tenant_id "
                   "AND g.id = a.agency_id WHERE a.tenant_id = $1 AND g.kind = 'appraiser'"),
            293);
  EXPECT_EQ(number("SELECT COUNT(*) FROM disposal_agencies WHERE tenant_id = $1 AND kind = 'appraiser'"), 2);  // 2家鉴定评估机构
  EXPECT_EQ(number("SELECT COUNT(*) FROM disposal_agencies WHERE tenant_id = $1 AND kind = 'auction_house'"), 2);  // 2家拍卖机构
  EXPECT_EQ(number("SELECT COUNT(*) FROM disposal_agencies WHERE tenant_id = $1 AND kind = 'recycler'"), 1);
}

// "62辆车直接进入报废程序 … 其余的231辆车通过网上拍卖方式分6批全部处置完毕，拍卖总价达511.178万元".
TEST_F(VehiclesDemo, DisposalIncomeIsTheSeedsToTheFenAndAllOfItWasRemitted) {
  EXPECT_EQ(number("SELECT COUNT(*) FROM vehicle_appraisals WHERE tenant_id = $1 AND verdict = 'scrap'"), 62);
  EXPECT_EQ(number("SELECT COUNT(*) FROM vehicle_appraisals WHERE tenant_id = $1 AND verdict = 'auction'"), 231);
  EXPECT_EQ(
      number("SELECT COUNT(*) FROM vehicles v JOIN vehicle_scrappings s ON s.tenant_id = v.tenant_id AND s.vehicle_id = v.id "
             "WHERE v.tenant_id = $1 AND v.status = 'scrapped'"),
      62);
  EXPECT_EQ(number("SELECT SUM(residual_income_fen) FROM vehicle_scrappings WHERE tenant_id = $1"), 2622400);
  EXPECT_EQ(
      number("SELECT COUNT(*) FROM auction_batches WHERE tenant_id = $1 AND status = 'settled' AND batch_no BETWEEN 1 AND 6 "
             "AND starts_on >= '2016-07-01' AND ends_on <= '2016-10-29'"),
      6);
  EXPECT_EQ(text("SELECT MAX(ends_on) FROM auction_batches WHERE tenant_id = $1"), "2016-10-29");
  EXPECT_EQ(number("SELECT COUNT(DISTINCT auction_house_id) FROM auction_batches WHERE tenant_id = $1"), 2);
  EXPECT_EQ(
      number("SELECT COUNT(DISTINCT l.vehicle_id) FROM auction_lots l JOIN vehicles v ON v.tenant_id = l.tenant_id AND v.id = "
             "l.vehicle_id WHERE l.tenant_id = $1 AND l.result = 'sold' AND v.status = 'auctioned'"),
      231);
  EXPECT_EQ(number("SELECT SUM(hammer_price_fen) FROM auction_lots WHERE tenant_id = $1 AND result = 'sold'"), 511178000);
  // Reserve ≥ appraised value for every lot, hammer ≥ reserve, paid in full, ownership transferred.
  EXPECT_EQ(
      number("SELECT COUNT(*) FROM auction_lots l JOIN vehicle_appraisals a ON a.tenant_id = l.tenant_id AND a.vehicle_id = "
             "l.vehicle_id WHERE l.tenant_id = $1 AND (l.reserve_price_fen < a.appraised_value_fen OR (l.result = 'sold' AND "
             "(l.hammer_price_fen < l.reserve_price_fen OR l.payment_received_fen <> l.hammer_price_fen OR l.paid_on IS NULL "
             "OR l.ownership_transferred_on IS NULL OR l.buyer IS NULL)))"),
      0);
  // Some lots went unsold and their vehicle sold in a later batch.
  EXPECT_GE(number("SELECT COUNT(*) FROM auction_lots WHERE tenant_id = $1 AND result = 'unsold' AND hammer_price_fen IS NULL "
                   "AND buyer IS NULL"),
            3);
  EXPECT_EQ(
      number(
          "SELECT COUNT(*) FROM auction_lots u JOIN auction_batches ub ON ub.tenant_id = u.tenant_id AND ub.id = u.batch_id "
          "WHERE u.tenant_id = $1 AND u.result <> 'sold' AND NOT EXISTS (SELECT 1 FROM auction_lots s JOIN auction_batches sb "
          "ON sb.tenant_id = s.tenant_id AND sb.id = s.batch_id WHERE s.tenant_id = u.tenant_id AND s.vehicle_id = u.vehicle_id "
          "AND s.result = 'sold' AND sb.batch_no > ub.batch_no)"),
      0);
  // "处置费用513.8004万元已于11月17日全部转入财政专用账户": received = remitted, nothing left over.
  EXPECT_EQ(number("SELECT SUM(amount_fen) FROM vehicle_remittances WHERE tenant_id = $1"), 513800400);
  EXPECT_EQ(text("SELECT MAX(remitted_on) FROM vehicle_remittances WHERE tenant_id = $1"), "2016-11-17");
  EXPECT_GE(number("SELECT COUNT(*) FROM vehicle_remittances WHERE tenant_id = $1"), 2);
  EXPECT_EQ(number("SELECT (SELECT SUM(payment_received_fen) FROM auction_lots WHERE tenant_id = $1) + "
                   "(SELECT SUM(residual_income_fen) FROM vehicle_scrappings WHERE tenant_id = $1)"),
            513800400);
}

// "区级保留的57辆机要通信应急用车以口为单位分配到区级15个口内，并明确口内车辆牵头管理单位".
TEST_F(VehiclesDemo, FiftySevenRetainedVehiclesAreAllocatedToTheFifteenSectors) {
  const std::string open_allocations =
      "FROM vehicle_sector_allocations a JOIN vehicles v ON v.tenant_id = a.tenant_id AND v.id = a.vehicle_id "
      "JOIN units s ON s.tenant_id = a.tenant_id AND s.id = a.sector_id WHERE a.tenant_id = $1 AND a.effective_to IS NULL "
      "AND a.effective_from = '2016-07-01' AND v.sector_id = a.sector_id AND v.status = 'in_service' "
      "AND v.category IN ('confidential', 'emergency') AND s.kind = 'sector' AND a.lead_unit_id = s.lead_unit_id";
  EXPECT_EQ(number("SELECT COUNT(*) " + open_allocations), 57);
  EXPECT_EQ(number("SELECT COUNT(DISTINCT a.sector_id) " + open_allocations), 15);
  EXPECT_EQ(number("SELECT COUNT(*) FROM vehicle_sector_allocations WHERE tenant_id = $1"), 57);
  EXPECT_EQ(number("SELECT COUNT(*) FROM vehicles WHERE tenant_id = $1 AND sector_id IS NOT NULL"), 57);
  // The other 157 retained vehicles stay with their units as law-enforcement or special ones.
  EXPECT_EQ(
      number("SELECT COUNT(*) FROM campaign_vehicles cv JOIN vehicles v ON v.tenant_id = cv.tenant_id AND v.id = cv.vehicle_id "
             "WHERE cv.tenant_id = $1 AND cv.decision = 'retain' AND cv.retained_category = v.category "
             "AND v.category IN ('law_enforcement', 'special') AND v.sector_id IS NULL"),
      157);
  EXPECT_EQ(
      number("SELECT COUNT(*) FROM campaign_vehicles cv JOIN vehicles v ON v.tenant_id = cv.tenant_id AND v.id = cv.vehicle_id "
             "WHERE cv.tenant_id = $1 AND cv.decision = 'cancel' AND v.category = 'general'"),
      293);
}

// "现有一般公务用车2辆，2003年10月采购1辆桑塔纳鲁QC0052，购车价格16.6万元；2009年7月购买1辆帕萨特鲁QCV501，
// 购买价格为16.78万元" — both cancelled in the reform.
TEST_F(VehiclesDemo, TheBureausTwoCarsAreTheSeeds) {
  const auto cars = db_->read([](db::Tx& tx) {
    return tx.query(
        "SELECT v.plate, v.brand_model, SUBSTR(v.purchase_date, 1, 7), v.purchase_price_fen, cv.decision "
        "FROM vehicles v JOIN units u ON u.tenant_id = v.tenant_id AND u.id = v.owner_unit_id "
        "JOIN campaign_vehicles cv ON cv.tenant_id = v.tenant_id AND cv.vehicle_id = v.id "
        "WHERE v.tenant_id = $1 AND u.code = 'JGJ' ORDER BY v.purchase_date",
        tenant_);
  });
  ASSERT_EQ(cars.rows.size(), 2u);
  EXPECT_EQ(cars.rows[0].text(0), "鲁QC0052");
  EXPECT_NE(cars.rows[0].text(1).find("桑塔纳"), std::string::npos);
  EXPECT_EQ(cars.rows[0].text(2), "2003-10");
  EXPECT_EQ(cars.rows[0].int64(3), 16600000);
  EXPECT_EQ(cars.rows[1].text(0), "鲁QCV501");
  EXPECT_NE(cars.rows[1].text(1).find("帕萨特"), std::string::npos);
  EXPECT_EQ(cars.rows[1].text(2), "2009-07");
  EXPECT_EQ(cars.rows[1].int64(3), 16780000);
  for (const auto& car : cars.rows) EXPECT_EQ(car.text(4), "cancel");
}

TEST_F(VehiclesDemo, VehicleFactsArePlausible) {
  const auto rows = db_->read([](db::Tx& tx) {
    return tx.query(
        "SELECT plate, vin, engine_no, purchase_date, displacement_ml, seats, purchase_price_fen FROM vehicles "
        "WHERE tenant_id = $1",
        tenant_);
  });
  const std::regex plate("^鲁Q[A-Z0-9]{5}$");
  const std::regex vin("^L[A-HJ-NPR-Z0-9]{16}$");  // China's WMIs start with L
  for (const auto& r : rows.rows) {
    EXPECT_TRUE(std::regex_match(r.text(0), plate)) << r.text(0);
    EXPECT_TRUE(std::regex_match(r.text(1), vin)) << r.text(1);
    EXPECT_GE(r.text(2).size(), 6u);
    EXPECT_TRUE(r.text(3) >= "2003-01-01" && r.text(3) <= "2015-12-31") << r.text(3);
    EXPECT_GT(r.int64(4), 1000);
    EXPECT_GE(r.int64(5), 5);
    EXPECT_GT(r.int64(6), 0);
  }
  EXPECT_EQ(number("SELECT COUNT(DISTINCT vin) FROM vehicles WHERE tenant_id = $1"), 507);
  // Two general cars bought under the 2011 standard (≤ 1.8 L, ≤ 180,000 yuan) exceed it; the
  // retained ones bought since, special vehicles apart, are within it.
  const std::string over = " AND purchase_date >= '2011-01-01' AND (displacement_ml > 1800 OR purchase_price_fen > 18000000)";
  EXPECT_EQ(number("SELECT COUNT(*) FROM vehicles WHERE tenant_id = $1 AND category = 'general'" + over), 2);
  EXPECT_EQ(number("SELECT COUNT(*) FROM vehicles WHERE tenant_id = $1 AND category NOT IN ('general', 'special')" + over), 0);
}

// Each vehicle's timeline starts at its registration, runs in date order, and its status
// changes chain up to the vehicle's status.
TEST_F(VehiclesDemo, EveryTimelineIsInOrderAndEndsAtTheVehiclesStatus) {
  const auto events = db_->read([](db::Tx& tx) {
    return tx.query(
        "SELECT e.vehicle_id, e.action, e.happened_on, e.from_status, e.to_status, v.status, e.actor_account_id "
        "FROM vehicle_events e JOIN vehicles v ON v.tenant_id = e.tenant_id AND v.id = e.vehicle_id "
        "WHERE e.tenant_id = $1 ORDER BY e.vehicle_id, e.id",
        tenant_);
  });
  struct Seen {
    std::string last_day, status = "in_service", final_status;
    int events = 0;
  };
  std::map<std::int64_t, Seen> seen;
  for (const auto& e : events.rows) {
    auto& s = seen[e.int64(0)];
    if (s.events++ == 0) {
      EXPECT_EQ(e.text(1), "register") << e.int64(0);
    }
    EXPECT_GE(e.text(2), s.last_day) << e.int64(0) << " " << e.text(1);
    s.last_day = e.text(2);
    EXPECT_TRUE(e.is_null(6));  // the system did it
    if (!e.is_null(4)) {
      EXPECT_EQ(e.opt_text(3), s.status) << e.int64(0) << " " << e.text(1);
      s.status = e.text(4);
    }
    s.final_status = e.text(5);
  }
  EXPECT_EQ(seen.size(), 507u);
  for (const auto& [id, s] : seen) EXPECT_EQ(s.status, s.final_status) << id;
  for (const char* action : {"decide", "enroll"}) {
    EXPECT_EQ(number(std::string("SELECT COUNT(DISTINCT vehicle_id) FROM vehicle_events WHERE tenant_id = $1 AND action = '") +
                     action + "'"),
              507);
  }
}

TEST_F(VehiclesDemo, LoadingAgainChangesNothing) {
  const std::string counts =
      "SELECT (SELECT COUNT(*) FROM vehicles WHERE tenant_id = $1) || '/' || (SELECT COUNT(*) FROM vehicle_events WHERE "
      "tenant_id = $1)"
      " || '/' || (SELECT COUNT(*) FROM auction_lots WHERE tenant_id = $1) || '/' || (SELECT COUNT(*) FROM vehicle_remittances "
      "WHERE "
      "tenant_id = $1) || '/' || (SELECT COUNT(*) FROM vehicle_campaigns WHERE tenant_id = $1) || '/' || (SELECT COUNT(*) FROM "
      "disposal_agencies WHERE tenant_id = $1) || '/' || (SELECT COUNT(*) FROM audit_log WHERE tenant_id = $1)";
  const auto before = text(counts);
  app::load_module_demo_data(*db_, tenant_);
  EXPECT_EQ(text(counts), before);
}

}  // namespace
}  // namespace jiguan
