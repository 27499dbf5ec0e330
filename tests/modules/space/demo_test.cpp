// The demo tenant's office space: the government building with its 230 numbered rooms (the
// seed: "对办公大楼230个房间进行门牌编号"), the bureau's leaders' offices exactly as the seed
// publishes them (局长 alone in 12.67 m²; a 副局长 and two 科员 in 25.50 m²; two 副局长 and a
// 科员 in 29.60 m²; all within the 2014 county standard), statistics that agree with the
// compliance figures, and a second load that changes nothing.
#include "modules/space/demo.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <memory>

#include "core/app/modules.hpp"
#include "core/auth/password.hpp"
#include "core/db/migrate.hpp"
#include "core/demo/demo_data.hpp"
#include "support/http_client.hpp"
#include "support/process.hpp"
#include "support/demo_suite.hpp"
#include "support/test_db.hpp"

namespace jiguan {
namespace {

namespace json = boost::json;

// The demo tenant with the office space demo alone, loaded once.
class SpaceDemo : public test::DemoSuite {
 protected:
  static void SetUpTestSuite() {
    open_core_demo();
    space::load_demo_data(*db_, tenant_);
  }
  // A server over the demo database, and a client signed in as a demo account.
  struct Session {
    test::ServerProcess server{fresh_->url(), test::free_loopback_port()};
    test::HttpClient client{server.port()};
    explicit Session(const std::string& username) { client.login(username, demo::kPassword, demo::kTenantCode); }
  };
};

TEST_F(SpaceDemo, TheGovernmentBuildingHas230NumberedRooms) {
  const std::string zf = " FROM space_rooms r JOIN space_buildings b ON b.tenant_id = r.tenant_id AND b.id = r.building_id"
                         " WHERE r.tenant_id = $1 AND b.code = 'ZF'";
  EXPECT_EQ(number("SELECT COUNT(*)" + zf), 230);
  EXPECT_EQ(number("SELECT COUNT(DISTINCT r.number)" + zf), 230);
  EXPECT_EQ(number("SELECT COUNT(*) FROM space_floors f JOIN space_buildings b ON b.tenant_id = f.tenant_id AND"
                  " b.id = f.building_id WHERE f.tenant_id = $1 AND b.code = 'ZF'"),
            11);  // 1F … 10F and B1
  EXPECT_EQ(number("SELECT year_built FROM space_buildings WHERE tenant_id = $1 AND code = 'ZF'"), 2003);
  EXPECT_EQ(number("SELECT year_built FROM space_buildings WHERE tenant_id = $1 AND code = 'HY'"), 1999);
  // Every use is there: offices, the mail room and other services, equipment, ancillary.
  EXPECT_EQ(number("SELECT COUNT(*)" + zf + " AND r.service_kind = 'mail'"), 1);
  EXPECT_GE(number("SELECT COUNT(*)" + zf + " AND r.room_use = 'equipment'"), 10);
  EXPECT_GE(number("SELECT COUNT(*)" + zf + " AND r.room_use = 'ancillary'"), 10);
  EXPECT_EQ(number("SELECT COUNT(*)" + zf + " AND r.status = 'lent'"), 1);
  EXPECT_EQ(number("SELECT COUNT(*)" + zf + " AND r.status = 'vacant'"), 2);
  // Everyone in a department but the 工勤 workers has an office, and only one.
  EXPECT_EQ(number("SELECT COUNT(*) FROM people p JOIN units u ON u.tenant_id = p.tenant_id AND u.id = p.unit_id"
                  " WHERE p.tenant_id = $1 AND p.rank <> 'worker' AND u.kind IN ('department', 'bureau', 'section')"
                  " AND NOT EXISTS (SELECT 1 FROM space_occupancies o WHERE o.tenant_id = p.tenant_id AND o.person_id = p.id)"),
            0);
  EXPECT_EQ(number("SELECT COUNT(*) FROM space_occupancies WHERE tenant_id = $1 AND start_date >= '2016-01-01'"), 0);
}

TEST_F(SpaceDemo, TheBureauLeadersOfficesAsTheSeedPublishes) {
  Session director("juzhang");  // the director's department is the bureau
  auto res = director.client.get("/api/v1/space/reports/leaders");
  ASSERT_EQ(res.status, 200) << res.body;
  const auto items = res.json().at("items").as_array();
  ASSERT_EQ(items.size(), 3u);
  const std::vector<std::int64_t> areas = {1267, 2550, 2960};
  const std::vector<std::int64_t> entitlements = {1800, 3000, 3300};  // 正科 18; 副科 12 + 2 × 9; 2 × 12 + 9
  const std::vector<std::size_t> occupants = {1, 3, 3};
  for (std::size_t i = 0; i < 3; ++i) {
    SCOPED_TRACE(i);
    EXPECT_EQ(items[i].at("area"), areas[i]);
    EXPECT_EQ(items[i].at("entitlement"), entitlements[i]);
    EXPECT_EQ(items[i].at("occupants").as_array().size(), occupants[i]);
    EXPECT_EQ(items[i].at("grade"), "compliant");
    EXPECT_EQ(items[i].at("verdict"), "符合标准");
    EXPECT_EQ(items[i].at("building"), "区行政办公大楼");
  }
  EXPECT_EQ(items[0].at("occupants").at(0).at("name"), "王建国");
  EXPECT_EQ(items[0].at("occupants").at(0).at("post"), "局长");
  EXPECT_EQ(items[0].at("occupants").at(0).at("rank_label"), "乡科级正职");
}

TEST_F(SpaceDemo, TheStatisticsAgreeWithTheComplianceFigures) {
  Session officer("fangguan");
  auto stats_res = officer.client.get("/api/v1/space/stats");
  ASSERT_EQ(stats_res.status, 200) << stats_res.body;
  const auto stats = stats_res.json();
  auto compliance_res = officer.client.get("/api/v1/space/compliance");
  ASSERT_EQ(compliance_res.status, 200);
  const auto compliance = compliance_res.json();
  const auto& district = compliance.at("district");
  EXPECT_EQ(stats.at("buildings"), 2);
  EXPECT_EQ(stats.at("rooms"), 236);
  EXPECT_EQ(stats.at("rooms"), district.at("rooms"));
  EXPECT_EQ(stats.at("office_rooms"), district.at("office_rooms"));
  EXPECT_EQ(stats.at("office_area"), district.at("office_area"));
  EXPECT_EQ(stats.at("over_standard_rooms"), district.at("over_standard_rooms"));
  EXPECT_EQ(stats.at("units_over_entitlement"), district.at("units_over_entitlement"));
  EXPECT_EQ(stats.at("usable_area"), number("SELECT SUM(usable_area) FROM space_rooms WHERE tenant_id = $1"));
  std::int64_t vacant = 0;
  for (const auto& r : compliance.at("rooms").as_array()) vacant += r.at("grade") == "vacant" || r.at("status") == "vacant";
  EXPECT_EQ(stats.at("vacant_rooms"), vacant);
  EXPECT_EQ(vacant, 3);  // the two pool offices and the lent one

  // Something for the campaign to find: heads' offices over by 30–50 % and by more.
  EXPECT_EQ(district.at("amber"), 4);
  EXPECT_EQ(district.at("red"), 3);
  EXPECT_GT(district.at("green").as_int64(), 100);
  EXPECT_EQ(officer.client.get("/api/v1/space/compliance/rooms?colour=red").json().at("total"), 3);
}

TEST_F(SpaceDemo, LoadingAgainChangesNothing) {
  const auto rooms = number("SELECT COUNT(*) FROM space_rooms WHERE tenant_id = $1");
  const auto occupancies = number("SELECT COUNT(*) FROM space_occupancies WHERE tenant_id = $1");
  const auto audit = number("SELECT COUNT(*) FROM audit_log WHERE tenant_id = $1");
  space::load_demo_data(*db_, tenant_);
  EXPECT_EQ(number("SELECT COUNT(*) FROM space_rooms WHERE tenant_id = $1"), rooms);
  EXPECT_EQ(number("SELECT COUNT(*) FROM space_occupancies WHERE tenant_id = $1"), occupancies);
  EXPECT_EQ(number("SELECT COUNT(*) FROM audit_log WHERE tenant_id = $1"), audit);
}

}  // namespace
}  // namespace jiguan
