// The registry of office space through the real server: buildings and their floors, rooms
// and their validation, the rooms' import (all or nothing), Excel answers; and the plain
// helpers the import and the flags rest on.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "core/export/import.hpp"
#include "modules/space/fixtures.hpp"
#include "modules/space/registry.hpp"
#include "support/expect.hpp"
#include "support/test_server.hpp"

namespace jiguan::test {
namespace {
namespace json = boost::json;
using namespace space_fixtures;

json::object with(json::object body, std::initializer_list<std::pair<const char*, json::value>> changes) {
  for (const auto& [key, value] : changes) body[key] = value;
  return body;
}

std::vector<std::string> floor_names(const json::value& building) {
  std::vector<std::string> names;
  for (const auto& f : building.at("floors").as_array()) names.emplace_back(f.at("name").as_string());
  return names;
}

TEST(SpaceRegistryCells, AreasAreReadExactlyInHundredths) {
  EXPECT_EQ(space::parse_area("12.67"), 1267);  // the director's office in the seed
  EXPECT_EQ(space::parse_area("25.5"), 2550);
  EXPECT_EQ(space::parse_area("30"), 3000);
  EXPECT_EQ(space::parse_area("29.600"), 2960);  // more decimals only when zeros
  EXPECT_EQ(space::parse_area("12.675"), std::nullopt);
  EXPECT_EQ(space::parse_area("-3"), std::nullopt);
  EXPECT_EQ(space::parse_area("12,5"), std::nullopt);
  EXPECT_EQ(space::parse_area(""), std::nullopt);
  EXPECT_EQ(space::parse_area(".5"), std::nullopt);
}

TEST(SpaceRegistryCells, MonthsAreCalendarMonthsClampedToTheMonthsEnd) {
  // 《党政机关办公用房管理办法》第十九条 counts in months: 1 to take back, 2 to vacate.
  EXPECT_EQ(space::plus_months("2016-03-15", 1), "2016-04-15");
  EXPECT_EQ(space::plus_months("2016-01-31", 1), "2016-02-29");
  EXPECT_EQ(space::plus_months("2015-12-31", 2), "2016-02-29");
  EXPECT_EQ(space::plus_months("2016-11-30", 2), "2017-01-30");
  EXPECT_EQ(space::floor_name(3), "3F");
  EXPECT_EQ(space::floor_name(-1), "B1");
}

TEST(SpaceRegistry, ABuildingComesWithItsFloorsWhichFollowItsCounts) {
  TestServer server;
  auto admin = server.admin();
  auto created = admin.post("/api/v1/space/buildings", {{"code", "ZF-1"},
                                                        {"name", "区行政办公大楼"},
                                                        {"address", "罗庄区沂河路 1 号"},
                                                        {"year_built", 1999},
                                                        {"floors_above", 3},
                                                        {"floors_below", 1},
                                                        {"usable_area", 1'200'000}});
  ASSERT_EQ(created.status, 201) << created.body;
  const auto b = created.json();
  const auto id = b.at("id").as_int64();
  EXPECT_EQ(floor_names(b), (std::vector<std::string>{"B1", "1F", "2F", "3F"}));
  EXPECT_EQ(b.at("rooms"), 0);
  EXPECT_EQ(b.at("public_listed"), true);
  EXPECT_EQ(admin.get("/api/v1/space/buildings/" + std::to_string(id)).json(), b);

  const auto second_floor = b.at("floors").at(2).at("id").as_int64();
  create_room(admin, second_floor, "201", 1800);
  create_room(admin, second_floor, "202", 2400);
  const auto detail = admin.get("/api/v1/space/buildings/" + std::to_string(id)).json();
  EXPECT_EQ(detail.at("rooms"), 2);
  EXPECT_EQ(detail.at("room_area"), 4200);
  EXPECT_EQ(detail.at("floors").at(2).at("rooms"), 2);

  auto grown = admin.patch("/api/v1/space/buildings/" + std::to_string(id), {{"floors_above", 5}, {"floors_below", 0}});
  ASSERT_EQ(grown.status, 200) << grown.body;
  EXPECT_EQ(floor_names(grown.json()), (std::vector<std::string>{"1F", "2F", "3F", "4F", "5F"}));
  auto shrunk = admin.patch("/api/v1/space/buildings/" + std::to_string(id), {{"floors_above", 1}});
  ASSERT_EQ(shrunk.status, 409) << shrunk.body;
  EXPECT_EQ(shrunk.error_code(), "floor_in_use");  // 2F holds rooms
  EXPECT_EQ(floor_names(admin.get("/api/v1/space/buildings/" + std::to_string(id)).json()).size(), 5u);

  const auto floors = admin.get("/api/v1/space/buildings/" + std::to_string(id) + "/floors?sort=-level").json();
  EXPECT_EQ(floors.at("total"), 5);
  EXPECT_EQ(floors.at("items").at(0).at("name"), "5F");
  EXPECT_EQ(admin.get("/api/v1/space/buildings/999999/floors").status, 404);

  const auto audit = server.db().read([&](db::Tx& tx) {
    return tx.query("SELECT action FROM audit_log WHERE entity = 'space_building' AND entity_id = $1 ORDER BY id", id);
  });
  ASSERT_EQ(audit.rows.size(), 2u);  // create, update (the refused shrink wrote nothing)
  EXPECT_EQ(audit.rows[1].text(0), "update");
}

TEST(SpaceRegistry, EveryBuildingRuleNamesItsField) {
  TestServer server;
  auto admin = server.admin();
  const json::object valid{{"code", "A1"}, {"name", "一号楼"}, {"floors_above", 2}};
  ASSERT_EQ(admin.post("/api/v1/space/buildings", valid).status, 201);
  const auto post = [&](const json::object& body) { return admin.post("/api/v1/space/buildings", body); };
  expect_invalid(post(with(valid, {{"code", "A 2"}})), "code");
  expect_invalid(post(with(valid, {{"code", ""}})), "code");
  expect_invalid(post(with(valid, {{"code", "B1"}, {"name", ""}})), "name");
  expect_invalid(post(with(valid, {{"code", "B1"}, {"year_built", 1899}})), "year_built");
  expect_invalid(post(with(valid, {{"code", "B1"}, {"year_built", 2999}})), "year_built");
  expect_invalid(post(with(valid, {{"code", "B1"}, {"floors_above", 0}})), "floors_above");
  expect_invalid(post(with(valid, {{"code", "B1"}, {"floors_below", 11}})), "floors_below");
  expect_invalid(post(with(valid, {{"code", "B1"}, {"total_area", -1}})), "total_area");
  expect_invalid(post(with(valid, {{"code", "B1"}, {"floors_above", "三"}})), "floors_above");
  const auto duplicate = post(valid);
  EXPECT_EQ(duplicate.status, 409);
  EXPECT_EQ(duplicate.error_code(), "duplicate_code");
  EXPECT_EQ(count(server, "SELECT COUNT(*) FROM space_buildings"), 1);
  EXPECT_EQ(admin.patch("/api/v1/space/buildings/999999", {{"name", "x"}}).status, 404);
}

TEST(SpaceRegistry, RoomsAreCheckedFieldByFieldAndNumbersAreUniquePerBuilding) {
  TestServer server;
  auto admin = server.admin();
  const auto main = create_building(admin, "ZF");
  const auto annex = create_building(admin, "FL");
  const json::object valid{{"floor_id", main.floors.at(3)}, {"number", "305"}, {"usable_area", 2550}, {"use", "office"},
                           {"unit_id", server.seed().unit_a}};
  auto created = admin.post("/api/v1/space/rooms", valid);
  ASSERT_EQ(created.status, 201) << created.body;
  const auto room = created.json();
  EXPECT_EQ(room.at("building_id"), main.id);
  EXPECT_EQ(room.at("floor_name"), "3F");
  EXPECT_EQ(room.at("use_label"), "办公用房");
  EXPECT_EQ(room.at("status"), "in_use");
  EXPECT_EQ(room.at("unit_name"), "甲科");
  EXPECT_EQ(room.at("grade"), "vacant");  // an office without occupants
  EXPECT_EQ(room.at("colour"), "grey");
  EXPECT_EQ(room.at("lent"), false);
  EXPECT_TRUE(room.at("occupants").as_array().empty());

  const auto post = [&](const json::object& body) { return admin.post("/api/v1/space/rooms", body); };
  auto taken = post(valid);
  EXPECT_EQ(taken.status, 409);
  EXPECT_EQ(taken.error_code(), "duplicate_number");
  EXPECT_EQ(taken.json().at("error").at("field"), "number");
  EXPECT_EQ(post(with(valid, {{"floor_id", annex.floors.at(3)}})).status, 201);  // another building may have a 305
  const auto fresh = with(valid, {{"number", "306"}});
  expect_invalid(post(with(fresh, {{"floor_id", 999'999}})), "floor_id");
  expect_invalid(post(with(fresh, {{"number", ""}})), "number");
  expect_invalid(post(with(fresh, {{"number", json::value(std::string(21, '1'))}})), "number");
  expect_invalid(post(with(fresh, {{"usable_area", 0}})), "usable_area");
  expect_invalid(post(with(fresh, {{"use", "garage"}})), "use");
  expect_invalid(post(with(fresh, {{"use", "service"}})), "service_kind");  // a service room names its kind
  expect_invalid(post(with(fresh, {{"service_kind", "meeting"}})), "service_kind");  // and only a service room
  expect_invalid(post(with(fresh, {{"use", "service"}, {"service_kind", "gym"}})), "service_kind");
  expect_invalid(post(with(fresh, {{"unit_id", 999'999}})), "unit_id");
  expect_invalid(post(with(fresh, {{"status", "rented"}})), "status");
  expect_invalid(post(with(fresh, {{"notes", json::value(std::string(501, 'x'))}})), "notes");
  EXPECT_EQ(count(server, "SELECT COUNT(*) FROM space_rooms"), 2);

  const auto id = room.at("id").as_int64();
  const auto path = "/api/v1/space/rooms/" + std::to_string(id);
  auto lent = admin.patch(path, {{"status", "lent"}, {"name", "借给区文联"}});
  ASSERT_EQ(lent.status, 200) << lent.body;
  EXPECT_EQ(lent.json().at("lent"), true);
  EXPECT_EQ(lent.json().at("flags").at(0).at("kind"), "lent_room");  // allowed, but reported
  auto meeting = admin.patch(path, {{"use", "service"}, {"service_kind", "meeting"}, {"status", "in_use"}});
  ASSERT_EQ(meeting.status, 200) << meeting.body;
  EXPECT_EQ(meeting.json().at("service_kind_label"), "会议室");
  EXPECT_TRUE(meeting.json().at("grade").is_null());  // only offices are judged
  EXPECT_TRUE(meeting.json().at("compliance").is_null());
  auto office = admin.patch(path, {{"use", "office"}});  // leaving service drops its kind
  ASSERT_EQ(office.status, 200) << office.body;
  EXPECT_TRUE(office.json().at("service_kind").is_null());
  expect_invalid(admin.patch(path, {{"usable_area", -5}}), "usable_area");
  EXPECT_EQ(admin.patch("/api/v1/space/rooms/999999", {{"name", "x"}}).status, 404);
  EXPECT_EQ(count(server, "SELECT COUNT(*) FROM audit_log WHERE entity = 'space_room' AND entity_id = " + std::to_string(id)),
            4);  // create + three changes
}

TEST(SpaceRegistry, TheRoomsListFiltersAndExports) {
  TestServer server;
  auto admin = server.admin();
  const auto b = create_building(admin, "ZF", 2, 1);
  create_room(admin, b.floors.at(1), "101", 1800, {{"unit_id", server.seed().unit_a}});
  create_room(admin, b.floors.at(1), "102", 3000, {{"unit_id", server.seed().unit_b}, {"status", "vacant"}});
  create_room(admin, b.floors.at(-1), "B01", 4000, {{"use", "equipment"}});
  create_room(admin, b.floors.at(2), "201", 6000, {{"use", "service"}, {"service_kind", "meeting"}, {"name", "第一会议室"}});
  const auto numbers = [&](const std::string& query) {
    std::vector<std::string> out;
    auto res = admin.get("/api/v1/space/rooms" + query);
    EXPECT_EQ(res.status, 200) << res.body;
    const auto body = res.json();
    for (const auto& r : body.at("items").as_array()) out.emplace_back(r.at("number").as_string());
    return out;
  };
  EXPECT_EQ(numbers(""), (std::vector<std::string>{"B01", "101", "102", "201"}));  // by building, floor, number
  EXPECT_EQ(numbers("?use=office"), (std::vector<std::string>{"101", "102"}));
  EXPECT_EQ(numbers("?status=vacant"), (std::vector<std::string>{"102"}));
  EXPECT_EQ(numbers("?unit_id=" + std::to_string(server.seed().unit_b)), (std::vector<std::string>{"102"}));
  EXPECT_EQ(numbers("?floor_id=" + std::to_string(b.floors.at(2))), (std::vector<std::string>{"201"}));
  EXPECT_EQ(numbers("?q=%E7%94%B2%E7%A7%91"), (std::vector<std::string>{"101"}));  // 甲科, the unit's name
  EXPECT_EQ(numbers("?q=%E4%BC%9A%E8%AE%AE"), (std::vector<std::string>{"201"}));  // 会议
  EXPECT_EQ(numbers("?colour=grey"), (std::vector<std::string>{"101", "102"}));  // vacant offices
  EXPECT_EQ(numbers("?sort=-usable_area&page_size=2"), (std::vector<std::string>{"201", "B01"}));
  const auto page = admin.get("/api/v1/space/rooms?page=2&page_size=3").json();
  EXPECT_EQ(page.at("total"), 4);
  EXPECT_EQ(page.at("items").as_array().size(), 1u);
  expect_invalid(admin.get("/api/v1/space/rooms?colour=blue"), "colour");
  expect_invalid(admin.get("/api/v1/space/rooms?use=garage"), "use");
  expect_invalid(admin.get("/api/v1/space/rooms?sort=colour"), "sort");

  const auto sheet = import::read_table(admin.get("/api/v1/space/rooms?format=xlsx&use=office").body);
  ASSERT_EQ(sheet.size(), 3u);
  EXPECT_EQ(sheet[0][2], "门牌号");
  EXPECT_EQ(sheet[1][2], "101");
  EXPECT_EQ(sheet[1][4], "18");  // m², shown with two decimals
  EXPECT_EQ(import::read_table(admin.get("/api/v1/space/buildings?format=xlsx").body).size(), 2u);
}

TEST(SpaceRegistry, TheRoomsImportWritesEveryRowOrNone) {
  TestServer server;
  auto admin = server.admin();
  create_building(admin, "ZF", 3, 1);
  const auto upload = [&](const std::string& csv) {
    return admin.request("POST", "/api/v1/space/rooms/import", csv, {{"content-type", "text/csv"}});
  };
  const std::string header = "楼宇编号,楼层,门牌号,名称,使用面积(m²),用途,服务用房类别,使用单位(编码或名称),状态,备注\r\n";

  auto bad = upload(header +
                    "ZF,3F,301,局长室,12.67,办公用房,,A,在用,\r\n"
                    "ZF,3,302,,25.505,办公用房,,A,,\r\n"         // three decimals
                    "XX,1,101,,20,office,,,,\r\n"                  // no such building
                    "ZF,9,901,,20,office,,,,\r\n"                  // no such floor
                    "ZF,3,301,,20,office,,,,\r\n"                  // 301 twice in the sheet
                    "ZF,1,103,,20,服务用房,,,,\r\n"                // a service room without its kind
                    "ZF,1,104,,20,办公用房,,不存在的单位,,\r\n");  // no such unit
  ASSERT_EQ(bad.status, 422) << bad.body;
  const auto error = bad.json().at("error");
  EXPECT_EQ(error.at("code"), "import_failed");
  std::vector<std::pair<std::int64_t, std::string>> rows;
  for (const auto& r : error.at("rows").as_array()) rows.emplace_back(r.at("row").as_int64(), r.at("column").as_string());
  EXPECT_EQ(rows, (std::vector<std::pair<std::int64_t, std::string>>{{3, "使用面积(m²)"},
                                                                     {4, "楼宇编号"},
                                                                     {5, "楼层"},
                                                                     {6, "门牌号"},
                                                                     {7, "服务用房类别"},
                                                                     {8, "使用单位(编码或名称)"}}));
  EXPECT_EQ(count(server, "SELECT COUNT(*) FROM space_rooms"), 0);  // nothing written

  auto good = upload(header +
                     "ZF,3F,301,局长室,12.67,办公用房,,A,在用,\r\n"
                     "ZF,B1,B01,配电房,40,设备用房,,,,\r\n"
                     "ZF,2层,201,会议室,60.5,service,会议室,乙科,空置,可容纳 30 人\r\n");
  ASSERT_EQ(good.status, 200) << good.body;
  EXPECT_EQ(good.json().at("imported"), 3);
  const auto rooms = admin.get("/api/v1/space/rooms?sort=number").json().at("items").as_array();
  ASSERT_EQ(rooms.size(), 3u);
  EXPECT_EQ(rooms[0].at("number"), "201");
  EXPECT_EQ(rooms[0].at("usable_area"), 6050);
  EXPECT_EQ(rooms[0].at("service_kind"), "meeting");
  EXPECT_EQ(rooms[0].at("unit_name"), "乙科");  // by name
  EXPECT_EQ(rooms[0].at("status"), "vacant");
  EXPECT_EQ(rooms[1].at("usable_area"), 1267);
  EXPECT_EQ(rooms[1].at("unit_code"), "A");
  EXPECT_EQ(rooms[2].at("floor_name"), "B1");
  EXPECT_EQ(count(server, "SELECT COUNT(*) FROM audit_log WHERE entity = 'space_room' AND action = 'create'"), 3);

  auto again = upload(header + "ZF,3,301,,20,office,,,,\r\n");  // now taken in the database
  ASSERT_EQ(again.status, 422);
  EXPECT_EQ(again.json().at("error").at("rows").at(0).at("column"), "门牌号");

  const auto tmpl = admin.get("/api/v1/space/rooms/import/template");
  ASSERT_EQ(tmpl.status, 200);
  EXPECT_EQ(import::read_table(tmpl.body)[0].size(), 10u);
  EXPECT_EQ(import::read_table(tmpl.body)[0][4], "使用面积(m²)");
}

}  // namespace
}  // namespace jiguan::test
