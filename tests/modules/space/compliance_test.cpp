// Standards, settings and the live compliance of offices, units and the district, through
// the real server, against figures computed by hand. 2014 county table (发改投资〔2014〕2674
// 号): 正科 (section_chief) 18 m², 副科 (section_deputy) 12 m², 科员 (staff_member) 9 m²; the
// 1999 county table (计投资〔1999〕2250号): 科级 9 m², 科以下 6 m². Default bands: green up
// to 30 % over, red from 50 %.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <set>

#include "core/export/import.hpp"
#include "modules/space/fixtures.hpp"
#include "support/test_server.hpp"

namespace jiguan::test {
namespace {
namespace json = boost::json;
using namespace space_fixtures;

HttpResponse put(HttpClient& client, const std::string& target, const json::value& body) {
  return client.request("PUT", target, json::serialize(body), {{"Content-Type", "application/json"}});
}

json::object settings(const std::string& level, json::value code, std::int64_t amber, std::int64_t red) {
  return {{"level", level}, {"standard_code", std::move(code)}, {"amber_from_pct", amber}, {"red_from_pct", red}};
}

// Unit A: 201 正科 alone in 18.00 (compliant); 202 two 科员 in 25.00 (entitlement 18, 38.8 %
// over: amber); 203 副科 alone in 20.00 (12, 66.6 %: red). Unit B: 204 an empty office of
// 10.00; 205 a meeting room of 40.00; 206 a 科员 in 10.50 (9, 16.6 %: within tolerance).
struct District {
  TestServer server;
  HttpClient admin = server.admin();
  Building building = create_building(admin, "ZF");
  std::int64_t a = create_department(admin, "A1"), b = create_department(admin, "B1");
  std::int64_t room(const std::string& number, std::int64_t area, std::int64_t unit, const json::object& extra = {}) {
    json::object fields = extra;
    fields["unit_id"] = unit;
    return create_room(admin, building.floors.at(2), number, area, fields);
  }
  void sit(std::int64_t room_id, const std::string& name, std::int64_t unit, const std::string& rank) {
    const auto res = assign(admin, room_id, create_person(admin, name, unit, rank));
    ASSERT_EQ(res.status, 201) << res.body;
  }
  District() {
    const auto r201 = room("201", 1800, a), r202 = room("202", 2500, a), r203 = room("203", 2000, a);
    room("204", 1000, b);
    room("205", 4000, b, {{"use", "service"}, {"service_kind", "meeting"}});
    const auto r206 = room("206", 1050, b);
    sit(r201, "赵科长", a, "section_chief");
    sit(r202, "钱科员", a, "staff_member");
    sit(r202, "孙科员", a, "staff_member");
    sit(r203, "李副科长", a, "section_deputy");
    sit(r206, "周科员", b, "staff_member");
  }
  json::object compliance(const std::string& query = "") {
    auto res = admin.get("/api/v1/space/compliance" + query);
    EXPECT_EQ(res.status, 200) << res.body;
    return res.json().as_object();
  }
};

const json::object& room_of(const json::object& compliance, const std::string& number) {
  for (const auto& r : compliance.at("rooms").as_array()) {
    if (r.at("number") == number.c_str()) return r.as_object();
  }
  throw std::runtime_error("no room " + number);
}

const json::object& unit_of(const json::object& compliance, std::int64_t id) {
  for (const auto& u : compliance.at("units").as_array()) {
    if (u.at("unit_id") == id) return u.as_object();
  }
  throw std::runtime_error("no unit " + std::to_string(id));
}

std::map<std::string, std::string> colours(const json::object& compliance) {
  std::map<std::string, std::string> out;
  for (const auto& r : compliance.at("rooms").as_array()) out[std::string(r.at("number").as_string())] = r.at("colour").as_string();
  return out;
}

TEST(SpaceCompliance, RoomsUnitsAndTheDistrictAgainstFiguresComputedByHand) {
  District d;
  const auto c = d.compliance();
  EXPECT_EQ(c.at("standard").at("code"), "2014");
  EXPECT_EQ(c.at("settings").at("level"), "county");
  ASSERT_EQ(c.at("rooms").as_array().size(), 5u);  // offices only

  const auto& r201 = room_of(c, "201");
  EXPECT_EQ(r201.at("entitlement"), 1800);
  EXPECT_EQ(r201.at("excess_area"), 0);
  EXPECT_EQ(r201.at("grade"), "compliant");
  EXPECT_EQ(r201.at("verdict"), "符合标准");
  const auto& r202 = room_of(c, "202");
  EXPECT_EQ(r202.at("entitlement"), 1800);
  EXPECT_EQ(r202.at("excess_area"), 700);
  EXPECT_EQ(r202.at("excess_permille"), 388);
  EXPECT_EQ(r202.at("grade"), "amber");
  EXPECT_EQ(r202.at("occupant_names"), "钱科员、孙科员");
  EXPECT_EQ(r202.at("occupants").at(0).at("share_area"), 1250);  // split in proportion: 9 : 9
  EXPECT_EQ(r202.at("occupants").at(1).at("share_area"), 1250);
  EXPECT_EQ(room_of(c, "203").at("excess_permille"), 666);
  EXPECT_EQ(room_of(c, "203").at("colour"), "red");
  EXPECT_EQ(room_of(c, "204").at("grade"), "vacant");
  EXPECT_EQ(room_of(c, "206").at("grade"), "within_tolerance");
  EXPECT_EQ(room_of(c, "206").at("colour"), "green");
  EXPECT_EQ(room_of(c, "206").at("excess_permille"), 166);

  // Unit A: 18 + 9 + 9 + 12 = 48 m² for 18 + 25 + 20 = 63 m² (31.25 % over: amber).
  const auto& a = unit_of(c, d.a);
  EXPECT_EQ(a.at("people"), 4);
  EXPECT_EQ(a.at("entitlement"), 4800);
  EXPECT_EQ(a.at("office_area"), 6300);
  EXPECT_EQ(a.at("excess_area"), 1500);
  EXPECT_EQ(a.at("over_standard_rooms"), 2);
  EXPECT_EQ(a.at("grade"), "amber");
  // Unit B: one 科员, 9 m², for 10 + 10.5 m² of offices; 40 m² of service rooms.
  const auto& b = unit_of(c, d.b);
  EXPECT_EQ(b.at("entitlement"), 900);
  EXPECT_EQ(b.at("office_area"), 2050);
  EXPECT_EQ(b.at("service_area"), 4000);
  EXPECT_EQ(b.at("vacant_rooms"), 1);
  EXPECT_EQ(b.at("grade"), "red");

  EXPECT_EQ(c.at("district"), (json::value{{"rooms", 6},
                                           {"office_rooms", 5},
                                           {"office_area", 8350},
                                           {"entitlement", 5700},
                                           {"green", 2},
                                           {"amber", 1},
                                           {"red", 1},
                                           {"grey", 1},
                                           {"over_standard_rooms", 3},
                                           {"units_over_entitlement", 2}}));

  // The same figures, narrowed to a unit (by code or id) or a building.
  const auto only_a = d.compliance("?unit=A1");
  EXPECT_EQ(only_a.at("rooms").as_array().size(), 3u);
  EXPECT_EQ(only_a.at("units").as_array().size(), 1u);
  EXPECT_EQ(only_a.at("district").at("office_area"), 6300);
  EXPECT_EQ(d.compliance("?unit_id=" + std::to_string(d.b)).at("district").at("rooms"), 3);
  EXPECT_EQ(d.compliance("?building_id=" + std::to_string(d.building.id + 1000)).at("rooms").as_array().size(), 0u);
  EXPECT_EQ(d.admin.get("/api/v1/space/compliance?unit=NOPE").error_code(), "invalid_value");
  EXPECT_EQ(d.admin.get("/api/v1/space/compliance?day=2026-02-30").error_code(), "invalid_value");
  // Before anyone sat there (a day before 2014-11-24 is judged by the 1999 table): all empty.
  const auto old = d.compliance("?day=2010-01-01");
  EXPECT_EQ(old.at("standard").at("code"), "1999");
  EXPECT_EQ(old.at("district").at("grey"), 5);
}

TEST(SpaceCompliance, TheTwoTablesAsListsWithFiltersPagingAndExcel) {
  District d;
  auto red = d.admin.get("/api/v1/space/compliance/rooms?colour=red");
  ASSERT_EQ(red.status, 200) << red.body;
  EXPECT_EQ(red.json().at("total"), 1);
  EXPECT_EQ(red.json().at("items").at(0).at("number"), "203");
  EXPECT_EQ(d.admin.get("/api/v1/space/compliance/rooms?colour=purple").error_code(), "invalid_value");

  const auto by_excess = d.admin.get("/api/v1/space/compliance/rooms?sort=-excess_permille&page_size=2").json();
  EXPECT_EQ(by_excess.at("total"), 5);
  ASSERT_EQ(by_excess.at("items").as_array().size(), 2u);
  EXPECT_EQ(by_excess.at("items").at(0).at("number"), "203");
  EXPECT_EQ(by_excess.at("items").at(1).at("number"), "202");
  EXPECT_EQ(d.admin.get("/api/v1/space/compliance/rooms?sort=-excess_permille&page=3&page_size=2").json().at("items").as_array().size(),
            1u);
  EXPECT_EQ(d.admin.get("/api/v1/space/compliance/rooms?q=%E5%AD%99%E7%A7%91%E5%91%98").json().at("total"), 1);  // 孙科员
  EXPECT_EQ(d.admin.get("/api/v1/space/compliance/rooms?sort=colour").error_code(), "invalid_value");

  const auto sheet = import::read_table(d.admin.get("/api/v1/space/compliance/rooms?format=xlsx&colour=amber").body);
  ASSERT_EQ(sheet.size(), 2u);
  EXPECT_EQ(sheet[0][2], "门牌号");
  EXPECT_EQ(sheet[1][2], "202");
  EXPECT_EQ(sheet[1][5], "25");  // m², shown with two decimals
  EXPECT_EQ(sheet[1][8], "38.8%");

  auto units = d.admin.get("/api/v1/space/compliance/units?sort=-excess_area").json();
  EXPECT_EQ(units.at("items").at(0).at("unit_id"), d.a);
  EXPECT_EQ(d.admin.get("/api/v1/space/compliance/units?q=B1").json().at("total"), 1);
  const auto unit_sheet = import::read_table(d.admin.get("/api/v1/space/compliance/units?format=xlsx").body);
  EXPECT_EQ(unit_sheet[0][1], "单位");
  EXPECT_EQ(unit_sheet.size(), 3u);
}

TEST(SpaceCompliance, BandsAndThePinnedStandardRecolourTheOfficesAtOnce) {
  District d;
  const std::map<std::string, std::string> by_default = {
      {"201", "green"}, {"202", "amber"}, {"203", "red"}, {"204", "grey"}, {"206", "green"}};
  EXPECT_EQ(colours(d.compliance()), by_default);

  // Bands 10 / 20: 16.6 % is amber now, 38.8 % red.
  auto res = put(d.admin, "/api/v1/space/settings", settings("county", nullptr, 10, 20));
  ASSERT_EQ(res.status, 200) << res.body;
  EXPECT_EQ(res.json().at("amber_from_pct"), 10);
  EXPECT_EQ(res.json().at("in_force").at("code"), "2014");
  const std::map<std::string, std::string> narrow = {
      {"201", "green"}, {"202", "red"}, {"203", "red"}, {"204", "grey"}, {"206", "amber"}};
  EXPECT_EQ(colours(d.compliance()), narrow);
  EXPECT_NE(room_of(d.compliance(), "206").at("rule").as_string().find("超标 10%–20%"), json::string::npos);

  // Pinning the 1999 table: 正科 9 m², 科员 6 m² — every occupied office is over.
  ASSERT_EQ(put(d.admin, "/api/v1/space/settings", settings("county", "1999", 30, 50)).status, 200);
  const auto pinned = d.compliance();
  EXPECT_EQ(pinned.at("standard").at("code"), "1999");
  EXPECT_EQ(room_of(pinned, "201").at("entitlement"), 900);
  EXPECT_EQ(room_of(pinned, "201").at("colour"), "red");
  EXPECT_EQ(d.admin.get("/api/v1/space/settings").json().at("standard_code"), "1999");

  // Refused: the bands reversed, an unknown level, a standard without rows at the level.
  EXPECT_EQ(put(d.admin, "/api/v1/space/settings", settings("county", nullptr, 50, 50)).json().at("error").at("field"),
            "red_from_pct");
  EXPECT_EQ(put(d.admin, "/api/v1/space/settings", settings("galaxy", nullptr, 30, 50)).json().at("error").at("field"), "level");
  EXPECT_EQ(put(d.admin, "/api/v1/space/settings", settings("township", "2014", 30, 50)).json().at("error").at("field"),
            "standard_code");
  EXPECT_EQ(put(d.admin, "/api/v1/space/settings", json::object{{"level", "county"}}).status, 422);
  auto staff = d.server.staff();
  EXPECT_EQ(put(staff, "/api/v1/space/settings", settings("county", nullptr, 30, 50)).status, 403);
  EXPECT_EQ(d.admin.get("/api/v1/space/settings").json().at("standard_code"), "1999");  // unchanged
  const auto audited = d.server.db().read([](db::Tx& tx) {
    return tx.query("SELECT COUNT(*) FROM audit_log WHERE entity = 'space_settings'").one().int64(0);
  });
  EXPECT_EQ(audited, 2);
}

TEST(SpaceStandards, CreatePatchListAndTheirValidation) {
  TestServer server;
  auto admin = server.admin();
  const json::object row{{"code", "LOCAL"},         {"regulation", "某省乡镇机关办公用房标准"},
                         {"level", "township"},      {"rank", "section_chief"},
                         {"grade_label", "乡镇正职"}, {"limit_area", 2000},
                         {"effective_from", "2020-01-01"}};
  auto created = admin.post("/api/v1/space/standards", row);
  ASSERT_EQ(created.status, 201) << created.body;
  const auto id = created.json().at("id").as_int64();
  EXPECT_EQ(created.json().at("rank_label"), "乡科级正职");
  EXPECT_EQ(created.json().at("builtin"), false);
  EXPECT_EQ(created.json().at("effective_to"), nullptr);
  EXPECT_EQ(admin.post("/api/v1/space/standards", row).error_code(), "duplicate_standard");

  const auto refused = [&](const char* key, json::value value) {
    auto body = row;
    body["rank"] = "section_deputy";  // not a duplicate
    body[key] = std::move(value);
    const auto res = admin.post("/api/v1/space/standards", body);
    EXPECT_EQ(res.status, 422) << key << " " << res.body;
    return res.status == 422 ? std::string(res.json().at("error").at("field").as_string()) : "";
  };
  EXPECT_EQ(refused("level", "galaxy"), "level");
  EXPECT_EQ(refused("rank", "king"), "rank");
  EXPECT_EQ(refused("rank", "乡科级副职"), "rank");  // the value, not the label
  EXPECT_EQ(refused("limit_area", 0), "limit_area");
  EXPECT_EQ(refused("limit_area", -100), "limit_area");
  EXPECT_EQ(refused("effective_from", "2020-02-30"), "effective_from");
  EXPECT_EQ(refused("effective_to", "2019-12-31"), "effective_to");
  EXPECT_EQ(refused("regulation", ""), "regulation");
  EXPECT_EQ(refused("regulation", json::string(501, 'x')), "regulation");
  EXPECT_EQ(refused("limit_area", "20"), "limit_area");

  auto patched = admin.patch("/api/v1/space/standards/" + std::to_string(id),
                             {{"limit_area", 2400}, {"effective_to", "2030-12-31"}});
  ASSERT_EQ(patched.status, 200) << patched.body;
  EXPECT_EQ(patched.json().at("limit_area"), 2400);
  EXPECT_EQ(patched.json().at("effective_to"), "2030-12-31");
  EXPECT_EQ(admin.patch("/api/v1/space/standards/" + std::to_string(id), {{"effective_to", nullptr}}).json().at("effective_to"),
            nullptr);
  EXPECT_EQ(admin.patch("/api/v1/space/standards/" + std::to_string(id), {{"effective_to", "2019-01-01"}}).status, 422);
  EXPECT_EQ(admin.patch("/api/v1/space/standards/999999", {{"limit_area", 100}}).status, 404);
  EXPECT_EQ(server.staff().post("/api/v1/space/standards", row).status, 403);

  EXPECT_EQ(admin.get("/api/v1/space/standards?code=2014&level=county").json().at("total"), 7);
  EXPECT_EQ(admin.get("/api/v1/space/standards?code=LOCAL").json().at("items").at(0).at("limit_area"), 2400);
  EXPECT_EQ(admin.get("/api/v1/space/standards?q=%E4%B9%A1%E9%95%87%E6%AD%A3%E8%81%8C").json().at("total"), 1);  // 乡镇正职
  const auto sheet = import::read_table(admin.get("/api/v1/space/standards?format=xlsx&code=1999&level=county&sort=-limit_area").body);
  ASSERT_EQ(sheet.size(), 8u);
  EXPECT_EQ(sheet[1][2], "县处级正职");
  EXPECT_EQ(sheet[1][4], "20");

  // A tenant's own township table can then be the one it judges by.
  auto pinned = put(admin, "/api/v1/space/settings", settings("township", "LOCAL", 30, 50));
  ASSERT_EQ(pinned.status, 200) << pinned.body;
  EXPECT_EQ(pinned.json().at("in_force").at("code"), "LOCAL");
}

TEST(SpaceStats, TheIssuesShapeExactlyWithTheDistrictsFigures) {
  District d;
  auto res = d.admin.get("/api/v1/space/stats");
  ASSERT_EQ(res.status, 200) << res.body;
  EXPECT_EQ(res.json(), (json::value{{"buildings", 1},
                                     {"rooms", 6},
                                     {"office_rooms", 5},
                                     {"usable_area", 12350},
                                     {"office_area", 8350},
                                     {"over_standard_rooms", 3},
                                     {"units_over_entitlement", 2},
                                     {"vacant_rooms", 1}}));
}

TEST(SpaceCompliance, AUnitScopedReaderSeesItsOwnUnitsOffices) {
  District d;
  auto liaison = d.server.sign_in_as("liaison_a", "liaison", d.a);
  const auto c = liaison.get("/api/v1/space/compliance").json();
  std::set<std::string> numbers;
  for (const auto& r : c.at("rooms").as_array()) numbers.insert(std::string(r.at("number").as_string()));
  EXPECT_EQ(numbers, (std::set<std::string>{"201", "202", "203"}));
  EXPECT_EQ(c.at("units").as_array().size(), 1u);
  EXPECT_EQ(liaison.get("/api/v1/space/stats").json().at("office_area"), 6300);
}

TEST(SpaceLeadersReport, TheUnitsLeadersOfficesHighestRankFirst) {
  District d;
  // Unit A's leaders: 赵科长 (正科) in 201, 李副科长 (副科) in 203; the 科员 of 202 are not.
  auto res = d.admin.get("/api/v1/space/reports/leaders?unit_id=" + std::to_string(d.a));
  ASSERT_EQ(res.status, 200) << res.body;
  const auto items = res.json().at("items").as_array();
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0].at("number"), "201");
  EXPECT_EQ(items[0].at("occupants").at(0).at("rank_label"), "乡科级正职");
  EXPECT_EQ(items[0].at("verdict"), "符合标准");
  EXPECT_EQ(items[1].at("number"), "203");
  EXPECT_EQ(items[1].at("grade"), "red");
  // The default is the reader's department: a section's reader sees the unit above it,
  // which has no leaders here.
  auto staff = d.server.staff();
  EXPECT_EQ(staff.get("/api/v1/space/reports/leaders").json().at("total"), 0);
  EXPECT_EQ(d.admin.get("/api/v1/space/reports/leaders?unit_id=999999").error_code(), "invalid_value");
  const auto sheet = import::read_table(d.admin.get("/api/v1/space/reports/leaders?format=xlsx&unit=A1").body);
  ASSERT_EQ(sheet.size(), 3u);
  EXPECT_EQ(sheet[1][2], "赵科长（科员）");  // the fixture's people all have the post 科员
}

}  // namespace
}  // namespace jiguan::test
