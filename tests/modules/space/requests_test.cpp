// Space requests (办公用房调配) through the real server: a unit's liaison applies, the space
// officer approves through the workflow and the occupancy follows in the same transaction;
// a rejection changes nothing; a refused change undoes the approval; bad payloads are 422.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "core/calendar/calendar.hpp"
#include "core/export/import.hpp"
#include "core/util/time.hpp"
#include "modules/space/fixtures.hpp"
#include "support/test_server.hpp"

namespace jiguan::test {
namespace {
namespace json = boost::json;
using namespace space_fixtures;

const std::string kRequests = "/api/v1/space/requests";

// Unit A's 科员 张三 sits in 201 (20 m²); 202 (12 m²) is empty; 203 is a meeting room.
struct Move {
  TestServer server;
  HttpClient admin = server.admin();
  HttpClient liaison = server.sign_in_as("liaison_a", "liaison", server.seed().unit_a);
  HttpClient officer = server.sign_in_as("fangguan", "space_officer", server.seed().root_unit);
  Building building = create_building(admin, "ZF");
  std::int64_t r201 = create_room(admin, building.floors.at(2), "201", 2000, {{"unit_id", server.seed().unit_a}});
  std::int64_t r202 = create_room(admin, building.floors.at(2), "202", 1200, {{"unit_id", server.seed().unit_a}});
  std::int64_t r203 = create_room(admin, building.floors.at(2), "203", 4000, {{"use", "service"}, {"service_kind", "meeting"}});
  std::int64_t zhang = create_person(admin, "张三", server.seed().unit_a, "staff_member");
  std::int64_t occupancy = 0;

  Move() {
    const auto res = assign(admin, r201, zhang, {{"start_date", "2015-03-01"}});
    EXPECT_EQ(res.status, 201) << res.body;
    if (res.status == 201) occupancy = res.json().at("occupancy").at("id").as_int64();
  }
  json::object move_body() const {
    // The assign first: the ends are applied before it all the same.
    return {{"unit_id", server.seed().unit_a},
            {"kind", "different"},
            {"reason", "201 超标，调整到 202"},
            {"changes", json::array{json::object{{"action", "assign"}, {"person_id", zhang}, {"room_id", r202}},
                                    json::object{{"action", "end"}, {"occupancy_id", occupancy}}}}};
  }
  std::int64_t count(const std::string& sql) {
    return server.db().read([&](db::Tx& tx) { return tx.query(sql).one().int64(0); });
  }
  std::int64_t open_in(std::int64_t room) {
    return count("SELECT COUNT(*) FROM space_occupancies WHERE end_date IS NULL AND room_id = " + std::to_string(room));
  }
};

HttpResponse act(HttpClient& client, std::int64_t id, const json::object& body) {
  return client.post("/api/v1/requests/" + std::to_string(id) + "/actions", body);
}

TEST(SpaceRequests, ApprovedTheOccupancyFollowsAtOnce) {
  Move m;
  auto submitted = m.liaison.post(kRequests, m.move_body());
  ASSERT_EQ(submitted.status, 201) << submitted.body;
  const auto request = submitted.json();
  const auto id = request.at("id").as_int64();
  EXPECT_EQ(request.at("state"), "submitted");
  EXPECT_EQ(request.at("kind_label"), "调整用房");
  EXPECT_EQ(request.at("changes").as_array().size(), 2u);
  EXPECT_EQ(request.at("changes").at(1).at("room_number"), "201");  // an end names the occupancy's room
  EXPECT_EQ(request.at("request").at("type"), "space.request");
  EXPECT_NE(request.at("request").at("body").as_string().find("安排 张三 使用 ZF 楼 202（自批准之日起）"), json::string::npos);
  EXPECT_EQ(m.open_in(m.r201), 1);  // nothing moves before the approval

  // The applicant may not approve; the officer finds it waiting and approves.
  EXPECT_EQ(act(m.liaison, id, {{"action", "approve"}}).status, 403);
  auto approved = act(m.officer, id, {{"action", "approve"}, {"comment", "同意"}});
  ASSERT_EQ(approved.status, 200) << approved.body;
  EXPECT_EQ(approved.json().at("state"), "approved");

  EXPECT_EQ(m.open_in(m.r201), 0);
  EXPECT_EQ(m.open_in(m.r202), 1);
  const auto today = util::china_today();
  EXPECT_EQ(m.count("SELECT COUNT(*) FROM space_occupancies WHERE end_date = '" + today + "' AND id = " +
                    std::to_string(m.occupancy)),
            1);
  const auto detail = m.liaison.get(kRequests + "/" + std::to_string(id)).json();
  EXPECT_EQ(detail.at("state"), "approved");
  EXPECT_FALSE(detail.at("applied_at").is_null());
  EXPECT_TRUE(detail.at("changes").at(0).at("result_occupancy_id").is_int64());
  // One audit row per change, by the approver.
  EXPECT_EQ(m.count("SELECT COUNT(*) FROM audit_log WHERE entity = 'space_occupancy' AND actor = 'fangguan'"), 2);

  // The live judgement follows. An end date is the last day in the office (inclusive, as in
  // the registry), so from tomorrow 张三 is only in 202: a 科员 in 12 m² (9 m², 33 % over: amber).
  const auto tomorrow = calendar::format_date(std::chrono::sys_days{*calendar::parse_date(today)} + std::chrono::days{1});
  const auto rooms = m.admin.get("/api/v1/space/compliance/rooms?q=%E5%BC%A0%E4%B8%89&day=" + tomorrow).json();  // 张三
  ASSERT_EQ(rooms.at("total"), 1);
  EXPECT_EQ(rooms.at("items").at(0).at("number"), "202");
  EXPECT_EQ(rooms.at("items").at(0).at("colour"), "amber");
}

TEST(SpaceRequests, RejectedOrWithdrawnNothingChanges) {
  Move m;
  const auto id = m.liaison.post(kRequests, m.move_body()).json().at("id").as_int64();
  auto rejected = act(m.officer, id, {{"action", "reject"}, {"comment", "暂无可调整的用房"}});
  ASSERT_EQ(rejected.status, 200) << rejected.body;
  EXPECT_EQ(rejected.json().at("state"), "rejected");
  EXPECT_EQ(m.open_in(m.r201), 1);
  EXPECT_EQ(m.open_in(m.r202), 0);
  EXPECT_TRUE(m.liaison.get(kRequests + "/" + std::to_string(id)).json().at("applied_at").is_null());

  const auto again = m.liaison.post(kRequests, m.move_body()).json().at("id").as_int64();
  ASSERT_EQ(act(m.liaison, again, {{"action", "withdraw"}}).status, 200);
  EXPECT_EQ(m.open_in(m.r201), 1);

  const auto list = m.liaison.get(kRequests + "?sort=created_at").json();
  EXPECT_EQ(list.at("total"), 2);
  EXPECT_EQ(list.at("items").at(0).at("state"), "rejected");
  EXPECT_EQ(list.at("items").at(1).at("state_label"), "已撤回");
  EXPECT_EQ(m.liaison.get(kRequests + "?state=withdrawn").json().at("total"), 1);
  const auto sheet = import::read_table(m.officer.get(kRequests + "?format=xlsx").body);
  EXPECT_EQ(sheet.size(), 3u);
  EXPECT_EQ(sheet[0][1], "申请单位");
}

TEST(SpaceRequests, AChangeTheRegistryRefusesUndoesTheApproval) {
  Move m;
  // 张三 keeps 201: assigning him 202 too breaks "one office per person" at approval.
  auto body = m.move_body();
  body["changes"] = json::array{json::object{{"action", "assign"}, {"person_id", m.zhang}, {"room_id", m.r202}}};
  const auto id = m.liaison.post(kRequests, body).json().at("id").as_int64();
  auto refused = act(m.officer, id, {{"action", "approve"}});
  ASSERT_EQ(refused.status, 409) << refused.body;
  EXPECT_EQ(refused.error_code(), "already_has_office");
  EXPECT_EQ(refused.json().at("error").at("field"), "changes[0].person_id");
  EXPECT_NE(refused.json().at("error").at("message").as_string().find("第 1 项"), json::string::npos);
  EXPECT_EQ(m.liaison.get(kRequests + "/" + std::to_string(id)).json().at("state"), "submitted");
  EXPECT_EQ(m.open_in(m.r202), 0);
}

TEST(SpaceRequests, BadPayloadsAre422AndStoreNothing) {
  Move m;
  const auto field_of = [&](const json::object& body) {
    const auto res = m.liaison.post(kRequests, body);
    EXPECT_EQ(res.status, 422) << res.body;
    return res.status == 422 ? std::string(res.json().at("error").at("field").as_string()) : "";
  };
  const auto with = [&](const char* key, json::value value) {
    auto body = m.move_body();
    body[key] = std::move(value);
    return field_of(body);
  };
  const auto with_change = [&](json::object change) {
    return with("changes", json::array{std::move(change)});
  };
  EXPECT_EQ(with("kind", "bigger"), "kind");
  EXPECT_EQ(with("reason", ""), "reason");
  EXPECT_EQ(with("changes", json::array{}), "changes");
  EXPECT_EQ(with("changes", "all"), "changes");
  EXPECT_EQ(with("changes", json::array{1}), "changes[0]");
  EXPECT_EQ(with("unit_id", m.server.seed().unit_b), "unit_id");  // outside the liaison's scope
  EXPECT_EQ(with_change({{"action", "move"}, {"person_id", m.zhang}, {"room_id", m.r202}}), "changes[0].action");
  EXPECT_EQ(with_change({{"person_id", m.zhang}, {"room_id", m.r202}}), "changes[0].action");
  EXPECT_EQ(with_change({{"action", "assign"}, {"person_id", m.zhang}}), "changes[0].room_id");
  EXPECT_EQ(with_change({{"action", "assign"}, {"person_id", m.zhang}, {"room_id", m.r203}}), "changes[0].room_id");
  EXPECT_EQ(with_change({{"action", "assign"}, {"person_id", m.zhang}, {"room_id", 999999}}), "changes[0].room_id");
  EXPECT_EQ(with_change({{"action", "assign"}, {"person_id", "张三"}, {"room_id", m.r202}}), "changes[0].person_id");
  EXPECT_EQ(with_change({{"action", "assign"}, {"person_id", m.zhang}, {"room_id", m.r202}, {"effective_date", "2099-01-01"}}),
            "changes[0].effective_date");
  EXPECT_EQ(with_change({{"action", "end"}}), "changes[0].occupancy_id");
  EXPECT_EQ(with_change({{"action", "end"}, {"occupancy_id", m.occupancy}, {"effective_date", "2015-02-28"}}),
            "changes[0].effective_date");
  const auto stranger = create_person(m.admin, "外单位", m.server.seed().unit_b, "staff_member");
  EXPECT_EQ(with_change({{"action", "assign"}, {"person_id", stranger}, {"room_id", m.r202}}), "changes[0].person_id");

  EXPECT_EQ(m.count("SELECT COUNT(*) FROM requests"), 0);
  EXPECT_EQ(m.count("SELECT COUNT(*) FROM space_requests"), 0);
  EXPECT_EQ(m.liaison.get(kRequests + "/999999").status, 404);
}

}  // namespace
}  // namespace jiguan::test
