// Who occupies which office, through the real server: the room's verdict answered with each
// change, one office per person and the smaller second one (《党政机关办公用房管理办法》第十九条),
// ending keeps the history, the flags, and who may do what.
// 2014 county table (发改投资〔2014〕2674号): 科员 (staff_member) 9 m², 正科 18 m².
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "core/export/import.hpp"
#include "core/util/time.hpp"
#include "modules/space/fixtures.hpp"
#include "modules/space/registry.hpp"
#include "support/expect.hpp"
#include "support/test_server.hpp"

namespace jiguan::test {
namespace {
namespace json = boost::json;
using namespace space_fixtures;

std::string room_path(std::int64_t id) { return "/api/v1/space/rooms/" + std::to_string(id); }

// A building "ZF" with 3 floors; rooms go on 2F.
struct Office {
  TestServer server;
  HttpClient admin = server.admin();
  Building building = create_building(admin, "ZF");
  std::int64_t room(const std::string& number, std::int64_t area, const json::object& extra = {}) {
    return create_room(admin, building.floors.at(2), number, area, extra);
  }
  std::int64_t person(const std::string& name, const std::string& rank = "staff_member") {
    return create_person(admin, name, server.seed().unit_a, rank);
  }
  std::int64_t occupancy_id(const HttpResponse& res) {
    EXPECT_EQ(res.status, 201) << res.body;
    return res.status == 201 ? res.json().at("occupancy").at("id").as_int64() : 0;
  }
};

TEST(SpaceOccupancy, TheRoomsVerdictChangesWithEachAssignment) {
  Office o;
  const auto room = o.room("201", 2000);  // 20 m²
  auto first = assign(o.admin, room, o.person("张科员"));
  ASSERT_EQ(first.status, 201) << first.body;
  const auto one = first.json();
  EXPECT_EQ(one.at("occupancy").at("person_name"), "张科员");
  EXPECT_EQ(one.at("occupancy").at("start_date"), json::value(util::china_today()));
  EXPECT_EQ(one.at("occupancy").at("current"), true);
  EXPECT_EQ(one.at("room").at("entitlement"), 900);  // 科员 9 m²
  EXPECT_EQ(one.at("room").at("grade"), "red");     // 11 m² over, 122 %
  EXPECT_EQ(one.at("room").at("colour"), "red");
  EXPECT_EQ(o.admin.get("/api/v1/space/rooms?colour=red").json().at("total"), 1);

  auto second = assign(o.admin, room, o.person("李科员"));
  ASSERT_EQ(second.status, 201) << second.body;
  const auto two = second.json().at("room");
  EXPECT_EQ(two.at("entitlement"), 1800);
  EXPECT_EQ(two.at("excess_area"), 200);
  EXPECT_EQ(two.at("grade"), "within_tolerance");  // 11.1 % ≤ 30 %
  EXPECT_EQ(two.at("colour"), "green");
  EXPECT_EQ(two.at("occupants").as_array().size(), 2u);

  const auto listed = o.admin.get("/api/v1/space/rooms?colour=green").json();
  ASSERT_EQ(listed.at("total"), 1);
  EXPECT_EQ(listed.at("items").at(0).at("occupant_names"), (json::array{"张科员", "李科员"}));
  EXPECT_EQ(o.admin.get("/api/v1/space/rooms?colour=red").json().at("total"), 0);
  const auto detail = o.admin.get(room_path(room)).json();
  EXPECT_EQ(detail.at("compliance").at("grade"), "within_tolerance");
  EXPECT_EQ(detail.at("occupants").as_array().size(), 2u);
}

TEST(SpaceOccupancy, OneOfficePerPersonAndASmallerSecondOneOnlyWithAReason) {
  Office o;
  const auto main = o.room("201", 1800);
  const auto larger = o.room("202", 2400);
  const auto smaller = o.room("203", 1200);
  const auto chief = o.person("王科长", "section_chief");
  ASSERT_EQ(assign(o.admin, main, chief).status, 201);

  auto again = assign(o.admin, main, chief);
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(again.error_code(), "already_in_room");
  auto another = assign(o.admin, smaller, chief);
  EXPECT_EQ(another.status, 409);
  EXPECT_EQ(another.error_code(), "already_has_office");
  expect_invalid(assign(o.admin, smaller, chief, {{"second_office", true}}), "multi_post_reason");  // refused without reason
  auto not_smaller = assign(o.admin, larger, chief, {{"second_office", true}, {"multi_post_reason", "兼任区接待办主任"}});
  EXPECT_EQ(not_smaller.status, 409);
  EXPECT_EQ(not_smaller.error_code(), "second_office_not_smaller");
  EXPECT_EQ(count(o.server, "SELECT COUNT(*) FROM space_occupancies"), 1);  // the refused insert rolled back

  auto accepted = assign(o.admin, smaller, chief, {{"second_office", true}, {"multi_post_reason", "兼任区接待办主任"}});
  ASSERT_EQ(accepted.status, 201) << accepted.body;
  EXPECT_EQ(accepted.json().at("occupancy").at("second_office"), true);
  EXPECT_EQ(accepted.json().at("occupancy").at("multi_post_reason"), "兼任区接待办主任");
  auto third = assign(o.admin, larger, chief, {{"second_office", true}, {"multi_post_reason", "又兼一职"}});
  EXPECT_EQ(third.error_code(), "already_has_office");

  const auto newcomer = o.person("新同志");
  expect_invalid(assign(o.admin, smaller, newcomer, {{"second_office", true}, {"multi_post_reason", "兼职"}}),
                 "second_office");  // a second office needs a first
  expect_invalid(assign(o.admin, larger, newcomer, {{"start_date", "2999-01-01"}}), "start_date");
  expect_invalid(assign(o.admin, larger, newcomer, {{"start_date", "2016-02-30"}}), "start_date");
  const auto meeting = o.room("204", 6000, {{"use", "service"}, {"service_kind", "meeting"}});
  EXPECT_EQ(assign(o.admin, meeting, newcomer).error_code(), "not_an_office");
  EXPECT_EQ(assign(o.admin, 999'999, newcomer).status, 404);
  EXPECT_EQ(assign(o.admin, larger, 999'999).status, 404);
  ASSERT_EQ(o.admin.post("/api/v1/people/" + std::to_string(newcomer) + "/deactivate", json::object{}).status, 200);
  expect_invalid(assign(o.admin, larger, newcomer), "person_id");
  EXPECT_EQ(count(o.server, "SELECT COUNT(*) FROM audit_log WHERE entity = 'space_occupancy'"), 2);
}

TEST(SpaceOccupancy, EndingKeepsTheHistoryAndFreesTheRoom) {
  Office o;
  const auto room = o.room("201", 900, {{"status", "reserved"}});
  const auto person = o.person("赵科员");
  auto assigned = assign(o.admin, room, person, {{"start_date", "2015-03-01"}, {"notes", "调入"}});
  const auto id = o.occupancy_id(assigned);
  EXPECT_EQ(o.admin.get(room_path(room)).json().at("status"), "in_use");  // a reserved room is now in use
  const auto end_path = "/api/v1/space/occupancies/" + std::to_string(id) + "/end";
  expect_invalid(o.admin.post(end_path, {{"end_date", "2015-02-28"}}), "end_date");  // before the start
  expect_invalid(o.admin.post(end_path, {{"end_date", "2999-01-01"}}), "end_date");

  auto ended = o.admin.post(end_path, {{"end_date", "2016-06-30"}});
  ASSERT_EQ(ended.status, 200) << ended.body;
  EXPECT_EQ(ended.json().at("occupancy").at("end_date"), "2016-06-30");
  EXPECT_EQ(ended.json().at("occupancy").at("current"), false);
  EXPECT_EQ(ended.json().at("room").at("grade"), "vacant");
  EXPECT_EQ(o.admin.post(end_path, json::object{}).error_code(), "already_ended");
  EXPECT_EQ(o.admin.post("/api/v1/space/occupancies/999999/end", json::object{}).status, 404);

  const auto detail = o.admin.get(room_path(room)).json();
  EXPECT_EQ(detail.at("status"), "vacant");
  EXPECT_TRUE(detail.at("occupants").as_array().empty());
  ASSERT_EQ(detail.at("history").as_array().size(), 1u);
  EXPECT_EQ(detail.at("history").at(0).at("start_date"), "2015-03-01");

  // The person moves in again: a second row, the first kept.
  const auto back = o.occupancy_id(assign(o.admin, room, person));
  const auto current = o.admin.get("/api/v1/space/occupancies?current=true&person_id=" + std::to_string(person)).json();
  ASSERT_EQ(current.at("total"), 1);
  EXPECT_EQ(current.at("items").at(0).at("id"), back);
  const auto past = o.admin.get("/api/v1/space/occupancies?current=false").json();
  ASSERT_EQ(past.at("total"), 1);
  EXPECT_EQ(past.at("items").at(0).at("notes"), "调入");
  EXPECT_EQ(o.admin.get("/api/v1/space/occupancies?q=%E8%B5%B5").json().at("total"), 2);  // 赵
  EXPECT_EQ(o.admin.get("/api/v1/space/occupancies?unit_id=" + std::to_string(o.server.seed().unit_b)).json().at("total"), 0);

  // Ended today: still the occupant's day, so the answer shows the room from tomorrow.
  auto today = o.admin.post("/api/v1/space/occupancies/" + std::to_string(back) + "/end", json::object{});
  ASSERT_EQ(today.status, 200) << today.body;
  EXPECT_EQ(today.json().at("occupancy").at("end_date"), json::value(util::china_today()));
  EXPECT_EQ(today.json().at("room").at("grade"), "vacant");

  const auto sheet = import::read_table(o.admin.get("/api/v1/space/occupancies?format=xlsx").body);
  ASSERT_EQ(sheet.size(), 3u);
  EXPECT_EQ(sheet[0][2], "使用人");
  EXPECT_EQ(sheet[1][2], "赵科员");
  EXPECT_EQ(count(o.server, "SELECT COUNT(*) FROM space_occupancies"), 2);  // never deleted
}

TEST(SpaceOccupancy, AnOccupiedRoomStaysAnOffice) {
  Office o;
  const auto room = o.room("201", 1800);
  ASSERT_EQ(assign(o.admin, room, o.person("钱科员")).status, 201);
  auto changed = o.admin.patch(room_path(room), {{"use", "service"}, {"service_kind", "archive"}});
  EXPECT_EQ(changed.status, 409);
  EXPECT_EQ(changed.error_code(), "occupied");
  EXPECT_EQ(o.admin.patch(room_path(room), {{"status", "vacant"}}).error_code(), "occupied");
  EXPECT_EQ(o.admin.get(room_path(room)).json().at("use"), "office");
}

TEST(SpaceOccupancy, FlagsNameWhatTheRulesSayMustBeUndone) {
  Office o;
  const auto left_room = o.room("201", 900);
  const auto recent_room = o.room("202", 900);
  const auto lent_room = o.room("203", 1500, {{"status", "lent"}});
  const auto gone = o.person("孙退休");
  const auto recent = o.person("周调离");
  ASSERT_EQ(assign(o.admin, left_room, gone).status, 201);
  ASSERT_EQ(assign(o.admin, recent_room, recent).status, 201);
  for (auto id : {gone, recent}) {
    ASSERT_EQ(o.admin.post("/api/v1/people/" + std::to_string(id) + "/deactivate", json::object{}).status, 200);
  }
  // 孙 left on 2016-01-10 (people.updated_at is the leaving day); 周 left today, within the month.
  o.server.db().write([&](db::Tx& tx) {
    tx.query("UPDATE people SET updated_at = '2016-01-10T02:00:00Z' WHERE id = $1", gone);
  });

  // A second office kept after the other post ended on 2016-03-31: due 2016-05-31.
  const auto main_room = o.room("204", 1800);
  const auto second_room = o.room("205", 1200);
  const auto chief = o.person("吴科长", "section_chief");
  auto posted = o.admin.post("/api/v1/people/" + std::to_string(chief) + "/posts",
                             {{"unit_id", o.server.seed().unit_b}, {"post", "副主任"}, {"start_date", "2015-01-01"}});
  ASSERT_EQ(posted.status, 201) << posted.body;
  std::int64_t post_id = 0;
  const auto person = posted.json();
  for (const auto& p : person.at("posts").as_array()) {
    if (!p.at("is_primary").as_bool()) post_id = p.at("id").as_int64();
  }
  ASSERT_EQ(assign(o.admin, main_room, chief).status, 201);
  ASSERT_EQ(assign(o.admin, second_room, chief, {{"second_office", true}, {"multi_post_reason", "兼任乙科副主任"}}).status,
            201);
  EXPECT_EQ(o.admin.get("/api/v1/space/flags?kind=second_office_overdue").json().at("total"), 0);  // the post still runs
  ASSERT_EQ(o.admin.post("/api/v1/people/" + std::to_string(chief) + "/posts/" + std::to_string(post_id) + "/end",
                         {{"end_date", "2016-03-31"}})
                .status,
            200);

  const auto flags = o.admin.get("/api/v1/space/flags").json();
  ASSERT_EQ(flags.at("total"), 3) << flags;
  std::map<std::string, json::value> by_kind;
  for (const auto& f : flags.at("items").as_array()) by_kind[std::string(f.at("kind").as_string())] = f;
  const auto& left = by_kind.at("left_unit");
  EXPECT_EQ(left.at("room_id"), left_room);
  EXPECT_EQ(left.at("person_name"), "孙退休");
  EXPECT_EQ(left.at("since"), "2016-01-10");
  EXPECT_EQ(left.at("due"), "2016-02-10");
  EXPECT_NE(std::string(left.at("message").as_string()).find("第十九条"), std::string::npos);
  const auto& overdue = by_kind.at("second_office_overdue");
  EXPECT_EQ(overdue.at("room_id"), second_room);
  EXPECT_EQ(overdue.at("since"), "2016-03-31");
  EXPECT_EQ(overdue.at("due"), "2016-05-31");
  const auto& lent = by_kind.at("lent_room");
  EXPECT_EQ(lent.at("room_id"), lent_room);
  EXPECT_TRUE(lent.at("person_id").is_null());
  EXPECT_EQ(lent.at("due"), lent.at("since"));  // due at once

  EXPECT_EQ(o.admin.get("/api/v1/space/flags?kind=lent_room").json().at("total"), 1);
  EXPECT_EQ(o.admin.get("/api/v1/space/flags?q=%E5%AD%99").json().at("total"), 1);  // 孙
  EXPECT_EQ(o.admin.get("/api/v1/space/flags?sort=-due").json().at("items").at(0).at("kind"), "lent_room");
  expect_invalid(o.admin.get("/api/v1/space/flags?kind=noisy"), "kind");
  const auto room_flags = o.admin.get(room_path(left_room)).json().at("flags");
  ASSERT_EQ(room_flags.as_array().size(), 1u);
  EXPECT_EQ(room_flags.at(0).at("kind"), "left_unit");
  EXPECT_TRUE(o.admin.get(room_path(recent_room)).json().at("flags").as_array().empty());
  const auto sheet = import::read_table(o.admin.get("/api/v1/space/flags?format=xlsx").body);
  EXPECT_EQ(sheet.size(), 4u);
}

TEST(SpaceOccupancy, TheSpaceOfficerWritesTheLiaisonOnlyReadsItsUnit) {
  TestServer server;
  auto admin = server.admin();
  const auto b = create_building(admin, "ZF");
  const auto room_a = create_room(admin, b.floors.at(1), "101", 1800, {{"unit_id", server.seed().unit_a}});
  create_room(admin, b.floors.at(1), "102", 1800, {{"unit_id", server.seed().unit_b}});
  const auto person = create_person(admin, "郑科员", server.seed().unit_a, "staff_member");

  auto liaison = server.sign_in_as("liaison_a", "liaison", server.seed().unit_a);
  EXPECT_EQ(liaison.post("/api/v1/space/rooms", {{"floor_id", b.floors.at(1)}, {"number", "103"}, {"usable_area", 900},
                                                  {"use", "office"}})
                .status,
            403);
  EXPECT_EQ(assign(liaison, room_a, person).status, 403);
  EXPECT_EQ(liaison.patch(room_path(room_a), {{"name", "x"}}).status, 403);
  EXPECT_EQ(liaison.post("/api/v1/space/buildings", {{"code", "X"}, {"name", "X"}, {"floors_above", 1}}).status, 403);
  const auto seen = liaison.get("/api/v1/space/rooms").json();
  ASSERT_EQ(seen.at("total"), 1);  // its own unit's rooms only
  EXPECT_EQ(seen.at("items").at(0).at("number"), "101");
  EXPECT_EQ(liaison.get(room_path(room_a)).status, 200);
  EXPECT_EQ(liaison.get("/api/v1/space/buildings").json().at("total"), 1);

  auto officer = server.sign_in_as("fangguan_t", "space_officer", server.seed().root_unit);
  EXPECT_EQ(officer.post("/api/v1/space/rooms", {{"floor_id", b.floors.at(1)}, {"number", "103"}, {"usable_area", 900},
                                                  {"use", "office"}})
                .status,
            201);
  auto assigned = assign(officer, room_a, person);
  ASSERT_EQ(assigned.status, 201) << assigned.body;
  EXPECT_EQ(liaison.get("/api/v1/space/occupancies").json().at("total"), 1);
  auto staff = server.staff();
  EXPECT_EQ(staff.get("/api/v1/space/rooms").json().at("total"), 3);  // space.read through *.read
  EXPECT_EQ(assign(staff, room_a, person).status, 403);
}

}  // namespace
}  // namespace jiguan::test
