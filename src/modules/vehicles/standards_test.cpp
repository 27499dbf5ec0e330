// The configuration-standards check (配备标准): the plain function against the regulations,
// and its SQL twin (the list filter over_standard) against the function, on the backend
// under test, with the built-in rows and overlapping rows an admin might add.
#include "modules/vehicles/standards.hpp"

#include <gtest/gtest.h>

#include <map>

#include "core/app/modules.hpp"
#include "core/audit/audit.hpp"
#include "core/db/migrate.hpp"
#include "core/org/tenants.hpp"
#include "core/org/units.hpp"
#include "support/test_db.hpp"

namespace jiguan::vehicles {
namespace {

constexpr std::int64_t kYuan = 100;  // fen

// The national standards as the built-in rows carry them.
// 《党政机关公务用车配备使用管理办法》(2011) 第七条(一): 一般公务用车 ≤ 1.8 L and ≤ 18万元; repealed on
// 2017-12-05 but the measure of vehicles bought while it was in force.
// 《党政机关公务用车管理办法》(中办发〔2017〕71号): 机要通信用车 ≤ 1.6 L and ≤ 12万元; new-energy
// sedans ≤ 18万元.
std::vector<Standard> national() {
  return {{1, "general", std::nullopt, 1800, 180'000 * kYuan, "2011-01-01", "2017-12-04", "2011 办法 第七条（一）"},
          {2, "confidential", "fuel", 1600, 120'000 * kYuan, "2017-12-05", std::nullopt, "2017 办法 机要通信用车"},
          {3, "confidential", "new_energy", std::nullopt, 180'000 * kYuan, "2017-12-05", std::nullopt, "2017 办法 新能源"}};
}

StandardCheck check(const std::string& category, const std::string& energy, std::int64_t ml, std::int64_t fen,
                    const std::string& day, const std::vector<Standard>& standards = national()) {
  return check_standard({category, energy, ml, fen, day}, standards);
}

TEST(VehicleStandard, A2012GeneralCarOf2LitresIsOverThe2011Rule) {
  const auto c = check("general", "fuel", 1998, 150'000 * kYuan, "2012-03-01");
  EXPECT_EQ(c.result, "over");
  EXPECT_EQ(c.regulation, "2011 办法 第七条（一）");
  ASSERT_EQ(c.violations.size(), 1u);
  EXPECT_EQ(c.violations[0].field, "displacement_ml");
  EXPECT_EQ(c.violations[0].limit, 1800);
  EXPECT_EQ(c.violations[0].actual, 1998);
}

TEST(VehicleStandard, CapsIncludeTheirNumber) {
  // 1.8升（含）以下、18万元以内: exactly at the caps is within the standard, a fen more is not.
  EXPECT_EQ(check("general", "fuel", 1800, 180'000 * kYuan, "2014-07-01").result, "ok");
  const auto over = check("general", "fuel", 1801, 180'000 * kYuan + 1, "2014-07-01");
  EXPECT_EQ(over.result, "over");
  ASSERT_EQ(over.violations.size(), 2u);
  EXPECT_EQ(over.violations[1].field, "purchase_price_fen");
  EXPECT_EQ(over.violations[1].limit, 180'000 * kYuan);
  EXPECT_EQ(over.violations[1].actual, 180'000 * kYuan + 1);
}

TEST(VehicleStandard, TheRuleInForceOnThePurchaseDateApplies) {
  EXPECT_EQ(check("general", "fuel", 2400, 300'000 * kYuan, "2010-12-31").result, "none");  // before the 2011 办法
  EXPECT_EQ(check("general", "fuel", 2400, 300'000 * kYuan, "2011-01-01").result, "over");
  EXPECT_EQ(check("general", "fuel", 2400, 300'000 * kYuan, "2017-12-04").result, "over");  // its last day
  EXPECT_EQ(check("general", "fuel", 2400, 300'000 * kYuan, "2017-12-05").result, "none");  // category abolished
  EXPECT_EQ(check("general", "fuel", 1500, 100'000 * kYuan, "2005-06-01").regulation, "");
}

TEST(VehicleStandard, ConfidentialVehiclesUnderThe2017Rule) {
  EXPECT_EQ(check("confidential", "fuel", 1500, 110'000 * kYuan, "2018-05-01").result, "ok");
  EXPECT_EQ(check("confidential", "fuel", 1600, 120'000 * kYuan, "2017-12-05").result, "ok");
  const auto big = check("confidential", "fuel", 1800, 118'000 * kYuan, "2019-01-01");
  EXPECT_EQ(big.result, "over");
  EXPECT_EQ(big.violations[0].limit, 1600);
  // A new-energy sedan is held to 18万元 and has no displacement cap.
  const auto ev = check("confidential", "new_energy", 0, 175'000 * kYuan, "2020-01-01");
  EXPECT_EQ(ev.result, "ok");
  EXPECT_EQ(ev.regulation, "2017 办法 新能源");
  EXPECT_EQ(check("confidential", "new_energy", 0, 185'000 * kYuan, "2020-01-01").result, "over");
  EXPECT_EQ(check("confidential", "fuel", 1500, 110'000 * kYuan, "2017-12-04").result, "none");
}

TEST(VehicleStandard, TheMostSpecificThenLatestStandardWins) {
  const std::vector<Standard> s = {
      {1, "emergency", std::nullopt, 2000, std::nullopt, "2018-01-01", std::nullopt, "general rule"},
      {2, "emergency", "new_energy", std::nullopt, 250'000 * kYuan, "2018-01-01", std::nullopt, "new-energy rule"},
      {3, "emergency", std::nullopt, 1800, std::nullopt, "2020-01-01", std::nullopt, "later general rule"},
      {4, "emergency", std::nullopt, 1700, std::nullopt, "2020-01-01", std::nullopt, "same day, newer row"}};
  EXPECT_EQ(applicable_standard({"emergency", "new_energy", 0, 0, "2021-01-01"}, s)->id, 2);  // energy type named
  EXPECT_EQ(applicable_standard({"emergency", "fuel", 0, 0, "2019-01-01"}, s)->id, 1);
  EXPECT_EQ(applicable_standard({"emergency", "fuel", 0, 0, "2021-01-01"}, s)->id, 4);  // later, then newer
  EXPECT_EQ(check("emergency", "fuel", 1750, 1, "2021-01-01", s).result, "over");
  EXPECT_EQ(applicable_standard({"special", "fuel", 0, 0, "2021-01-01"}, s), nullptr);
}

TEST(VehicleStandard, JsonShape) {
  const auto j = check_json(check("general", "fuel", 2000, 1, "2012-01-01"));
  EXPECT_EQ(j.at("result"), "over");
  EXPECT_EQ(j.at("violations").as_array()[0].at("field"), "displacement_ml");
  EXPECT_EQ(j.at("violations").as_array()[0].at("limit"), 1800);
  EXPECT_TRUE(check_json(check("other", "fuel", 2000, 1, "2012-01-01")).at("violations").as_array().empty());
}

// The list filter must say "over" exactly where the function does: a grid of vehicles around
// every cap and date boundary, judged both ways on the database under test.
TEST(VehicleStandard, SqlFilterAgreesWithTheFunction) {
  test::FreshDatabase fresh;
  auto db = db::Database::open(fresh.url());
  db::migrate(*db, db::bundled_migrations());
  const auto tenant = org::ensure_tenant(*db, "t", "测试").id;
  const auto actor = audit::system_actor(tenant, "test");
  db->write([&](db::Tx& tx) {
    app::ensure_tenant_builtins(tx, tenant);  // the national rows
    const auto unit = org::create_unit(tx, actor, {"U", "单位", "section", std::nullopt, 0});
    // Overlapping rows an admin might add: the precedence decides between them.
    create_standard(tx, actor, {"emergency", std::nullopt, 2000, std::nullopt, "2018-01-01", std::nullopt, "应急 一般"});
    create_standard(tx, actor,
                    {"emergency", "new_energy", std::nullopt, 250'000 * kYuan, "2018-01-01", std::nullopt, "应急 新能源"});
    create_standard(tx, actor, {"emergency", std::nullopt, 1800, std::nullopt, "2020-01-01", "2023-12-31", "应急 2020"});
    create_standard(tx, actor,
                    {"law_enforcement", std::nullopt, std::nullopt, 180'000 * kYuan, "2011-01-01", std::nullopt, "执法"});
    int n = 0;
    for (const char* category : {"general", "confidential", "emergency", "law_enforcement", "special"}) {
      for (const char* energy : {"fuel", "new_energy"}) {
        for (const char* day :
             {"2010-12-31", "2011-01-01", "2017-12-04", "2017-12-05", "2019-06-01", "2020-01-01", "2024-05-01"}) {
          for (std::int64_t ml : {1600, 1601, 1800, 1801, 2001}) {
            for (std::int64_t fen :
                 {120'000 * kYuan, 120'000 * kYuan + 1, 180'000 * kYuan, 180'000 * kYuan + 1, 250'000 * kYuan + 1}) {
              tx.query(
                  "INSERT INTO vehicles (tenant_id, plate, brand_model, category, energy_type, displacement_ml, seats, "
                  "purchase_date, purchase_price_fen, funding_source, owner_unit_id, created_at, updated_at) "
                  "VALUES ($1, $2, 'x', $3, $4, $5, 5, $6, $7, 'budget', $8, 'now', 'now')",
                  tenant, "T" + std::to_string(++n), category, energy, ml, day, fen, unit);
            }
          }
        }
      }
    }
  });
  const auto rows = db->read([&](db::Tx& tx) {
    return tx.query("SELECT v.category, v.energy_type, v.displacement_ml, v.purchase_price_fen, v.purchase_date, CASE WHEN " +
                        over_standard_sql("v") + " THEN 1 ELSE 0 END FROM vehicles v WHERE v.tenant_id = $1",
                    tenant);
  });
  const auto standards = db->read([&](db::Tx& tx) { return load_standards(tx, tenant); });
  ASSERT_EQ(standards.size(), 7u);
  std::map<std::string, int> results;
  for (const auto& row : rows.rows) {
    const VehicleFacts v{row.text(0), row.text(1), row.int64(2), row.int64(3), row.text(4)};
    const auto c = check_standard(v, standards);
    ++results[c.result];
    EXPECT_EQ(c.result == "over", row.int64(5) == 1) << v.category << " " << v.energy_type << " " << v.displacement_ml << " ml "
                                                     << v.purchase_price_fen << " fen " << v.purchase_date;
  }
  EXPECT_EQ(rows.rows.size(), 1750u);
  EXPECT_GT(results["ok"], 0);
  EXPECT_GT(results["over"], 0);
  EXPECT_GT(results["none"], 0);
}

}  // namespace
}  // namespace jiguan::vehicles
