// The building directory through the real server: the public pages' data (no login, no
// person's name anywhere, unlisted buildings and equipment rooms hidden), the printed door
// plates and floor directory (PDFs read back with pdftotext), and the public URL setting.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "core/http/api_error.hpp"
#include "core/util/time.hpp"
#include "modules/space/directory.hpp"
#include "support/pdf_text.hpp"
#include "support/test_server.hpp"

namespace jiguan::test {
namespace {

namespace json = boost::json;

constexpr const char* kDirectory = "/api/v1/public/space/directory";
constexpr const char* kPlates = "/api/v1/space/door-plates.pdf";
constexpr const char* kFloorDirectory = "/api/v1/space/floor-directory.pdf";
constexpr const char* kOccupant = "张守门";  // the one person's name, which the public never sees

// A listed building (ZF: 1F a meeting room and a switch room, 3F offices of 甲科 and 乙科, one
// occupied by kOccupant since 2015) and an unlisted one (NB) with one office.
struct Building {
  std::int64_t zf = 0, nb = 0, floor1 = 0, floor3 = 0;
  std::int64_t meeting = 0, switch_room = 0, r301 = 0, r302 = 0, r305 = 0, hidden = 0;
};

std::int64_t insert_id(db::Tx& tx, const std::string& sql, std::vector<db::Value> params) {
  return tx.exec(sql + " RETURNING id", params).one().int64(0);
}

Building make_building(TestServer& server) {
  const auto& seed = server.seed();
  auto admin = server.admin();
  const auto person = admin.post("/api/v1/people", json::object{{"name", kOccupant}, {"unit_id", seed.unit_a},
                                                                 {"rank", "staff_member"}, {"post", "科员"}});
  EXPECT_EQ(person.status, 201) << person.body;
  const auto person_id = person.json().at("id").as_int64();
  return server.db().write([&](db::Tx& tx) {
    const auto t = seed.tenant_id;
    const auto now = util::now_utc();
    Building b;
    const auto building = [&](const char* code, const char* name, int listed) {
      return insert_id(tx,
                       "INSERT INTO space_buildings (tenant_id, code, name, address, floors_above, public_listed, created_at,"
                       " updated_at) VALUES ($1, $2, $3, '沂蒙路 1 号', 3, $4, $5, $5)",
                       {t, std::string(code), std::string(name), std::int64_t{listed}, now});
    };
    const auto floor = [&](std::int64_t building_id, int level) {
      return insert_id(tx, "INSERT INTO space_floors (tenant_id, building_id, level, name, created_at) VALUES ($1, $2, $3, $4, $5)",
                       {t, building_id, std::int64_t{level}, std::to_string(level) + "F", now});
    };
    const auto room = [&](std::int64_t building_id, std::int64_t floor_id, const char* number, const char* name, const char* use,
                          db::Value kind, db::Value unit) {
      return insert_id(tx,
                       "INSERT INTO space_rooms (tenant_id, building_id, floor_id, number, name, usable_area, room_use,"
                       " service_kind, unit_id, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, 1800, $6, $7, $8, $9, $9)",
                       {t, building_id, floor_id, std::string(number), std::string(name), std::string(use), kind, unit, now});
    };
    b.zf = building("ZF", "区行政办公大楼", 1);
    b.nb = building("NB", "内部楼", 0);
    b.floor1 = floor(b.zf, 1);
    b.floor3 = floor(b.zf, 3);
    floor(b.zf, 2);  // no rooms: still on the floor directory
    const auto nb_floor = floor(b.nb, 1);
    b.meeting = room(b.zf, b.floor1, "101", "第一会议室", "service", std::string("meeting"), nullptr);
    b.switch_room = room(b.zf, b.floor1, "102", "配电室", "equipment", nullptr, nullptr);
    b.r301 = room(b.zf, b.floor3, "301", "", "office", nullptr, seed.unit_a);
    b.r302 = room(b.zf, b.floor3, "302", "", "office", nullptr, seed.unit_a);
    b.r305 = room(b.zf, b.floor3, "305", "", "office", nullptr, seed.unit_b);
    b.hidden = room(b.nb, nb_floor, "N01", "机要室", "office", nullptr, seed.unit_b);
    tx.query("INSERT INTO space_occupancies (tenant_id, room_id, person_id, start_date, created_at, updated_at)"
             " VALUES ($1, $2, $3, '2015-03-01', $4, $4)",
             t, b.r301, person_id, now);
    return b;
  });
}

std::string id(std::int64_t v) { return std::to_string(v); }

// The text of the PDF at target, which must answer one.
std::string pdf_at(HttpClient& client, const std::string& target) {
  const auto res = client.get(target);
  EXPECT_EQ(res.status, 200) << res.body;
  EXPECT_EQ(res.header("content-type"), "application/pdf");
  return pdf_text(res.body);
}

std::vector<std::string> numbers(const json::value& list) {
  std::vector<std::string> out;
  for (const auto& item : list.at("items").as_array()) out.emplace_back(item.at("number").as_string());
  return out;
}

TEST(SpaceDirectoryRules, UseLabelsAndUrls) {
  EXPECT_EQ(space::use_label("office", ""), "办公室");
  EXPECT_EQ(space::use_label("service", "meeting"), "会议室");
  EXPECT_EQ(space::use_label("service", "mail"), "收发室");
  EXPECT_EQ(space::use_label("service", "other"), "服务用房");
  EXPECT_EQ(space::use_label("ancillary", ""), "附属用房");
  EXPECT_EQ(space::normalize_public_url(" https://jgj.example.gov.cn/ "), "https://jgj.example.gov.cn");
  EXPECT_EQ(space::normalize_public_url(""), "");
  for (const auto* bad : {"ftp://x", "https://", "https://a b", "jgj.example.gov.cn", "https://x/?a=1", "https://x\"<"}) {
    EXPECT_THROW(space::normalize_public_url(bad), http::ApiError) << bad;
  }
  EXPECT_EQ(space::base_from_request("jgj.gov.cn:8443", "https"), "https://jgj.gov.cn:8443");
  EXPECT_EQ(space::base_from_request("127.0.0.1", ""), "http://127.0.0.1");
  EXPECT_EQ(space::base_from_request("evil/\"x", ""), std::nullopt);
  EXPECT_EQ(space::base_from_request("", ""), std::nullopt);
  EXPECT_EQ(space::public_room_url("https://a.cn", 12, ""), "https://a.cn/directory/rooms/12");
  EXPECT_EQ(space::public_room_url("https://a.cn", 12, "lz"), "https://a.cn/directory/rooms/12?tenant=lz");
  EXPECT_EQ(space::public_directory_url("https://a.cn", 3, "lz"), "https://a.cn/directory?building=3&tenant=lz");
}

TEST(SpaceDirectory, PublicDirectoryListsListedRoomsWithoutNames) {
  TestServer server;
  const auto b = make_building(server);
  auto anonymous = server.client();

  auto res = anonymous.get(kDirectory);
  ASSERT_EQ(res.status, 200) << res.body;
  EXPECT_EQ(res.body.find(kOccupant), std::string::npos);
  auto body = res.json();
  // The switch room (equipment) and the unlisted building are not there; by floor, then number.
  EXPECT_EQ(numbers(body), (std::vector<std::string>{"101", "301", "302", "305"}));
  EXPECT_EQ(body.at("total"), 4);
  const auto& first = body.at("items").at(0);
  EXPECT_EQ(first.at("name"), "第一会议室");
  EXPECT_EQ(first.at("use_label"), "会议室");
  EXPECT_EQ(first.at("unit_name"), nullptr);
  EXPECT_EQ(first.at("building"), "区行政办公大楼");
  EXPECT_EQ(first.at("floor"), "1F");
  EXPECT_EQ(body.at("items").at(1).at("unit_name"), "甲科");
  // The index: buildings → floors → lines (a unit, or a room's name) with their numbers.
  const auto& index = body.at("buildings").as_array();
  ASSERT_EQ(index.size(), 1u);
  EXPECT_EQ(index[0].at("id"), b.zf);
  const auto& floors = index[0].at("floors").as_array();
  ASSERT_EQ(floors.size(), 2u);
  EXPECT_EQ(floors[0].at("lines"), json::parse(R"([{"label":"第一会议室","numbers":["101"]}])"));
  EXPECT_EQ(floors[1].at("name"), "3F");
  EXPECT_EQ(floors[1].at("lines"),
            json::parse(R"([{"label":"甲科","numbers":["301","302"]},{"label":"乙科","numbers":["305"]}])"));

  // Search: a unit's name, a room's name, a number, a use; and paging.
  EXPECT_EQ(numbers(anonymous.get(std::string(kDirectory) + "?q=%E7%94%B2%E7%A7%91").json()),
            (std::vector<std::string>{"301", "302"}));  // 甲科
  EXPECT_EQ(numbers(anonymous.get(std::string(kDirectory) + "?q=%E4%BC%9A%E8%AE%AE").json()),
            (std::vector<std::string>{"101"}));  // 会议
  EXPECT_EQ(numbers(anonymous.get(std::string(kDirectory) + "?q=305").json()), (std::vector<std::string>{"305"}));
  EXPECT_EQ(anonymous.get(std::string(kDirectory) + "?q=%E9%85%8D%E7%94%B5").json().at("total"), 0);  // 配电: equipment
  EXPECT_EQ(anonymous.get(std::string(kDirectory) + "?q=N01").json().at("total"), 0);                 // unlisted building
  const auto page = anonymous.get(std::string(kDirectory) + "?page=2&page_size=3&sort=-number").json();
  EXPECT_EQ(page.at("total"), 4);
  EXPECT_EQ(numbers(page), (std::vector<std::string>{"101"}));
  EXPECT_EQ(numbers(anonymous.get(std::string(kDirectory) + "?building=" + id(b.zf) + "&floor=" + id(b.floor3)).json()),
            (std::vector<std::string>{"301", "302", "305"}));

  // Bad input.
  EXPECT_EQ(anonymous.get(std::string(kDirectory) + "?building=" + id(b.nb)).status, 404);
  EXPECT_EQ(anonymous.get(std::string(kDirectory) + "?building=999999").status, 404);
  EXPECT_EQ(anonymous.get(std::string(kDirectory) + "?building=abc").error_code(), "invalid_type");
  EXPECT_EQ(anonymous.get(std::string(kDirectory) + "?sort=person").status, 422);
  EXPECT_EQ(anonymous.get(std::string(kDirectory) + "?tenant=nobody").status, 422);
  EXPECT_EQ(anonymous.get(std::string(kDirectory) + "?tenant=test").status, 200);
  const auto xlsx = anonymous.get(std::string(kDirectory) + "?format=xlsx");
  EXPECT_EQ(xlsx.status, 200);
  EXPECT_EQ(xlsx.body.substr(0, 2), "PK");
}

TEST(SpaceDirectory, PublicBuildingsAndRoomCards) {
  TestServer server;
  const auto b = make_building(server);
  auto anonymous = server.client();

  auto buildings = anonymous.get("/api/v1/public/space/buildings");
  ASSERT_EQ(buildings.status, 200) << buildings.body;
  const auto list = buildings.json();
  EXPECT_EQ(list.at("total"), 1);
  const auto& zf = list.at("items").at(0);
  EXPECT_EQ(zf.at("name"), "区行政办公大楼");
  ASSERT_EQ(zf.at("floors").as_array().size(), 3u);
  EXPECT_EQ(zf.at("floors").at(0).at("rooms"), 1);  // 101; the switch room is not counted
  EXPECT_EQ(zf.at("floors").at(1).at("rooms"), 0);
  EXPECT_EQ(zf.at("floors").at(2).at("rooms"), 3);

  auto card = anonymous.get("/api/v1/public/space/rooms/" + id(b.r301));
  ASSERT_EQ(card.status, 200) << card.body;
  EXPECT_EQ(card.body.find(kOccupant), std::string::npos);
  const auto room = card.json();
  EXPECT_EQ(room.at("number"), "301");
  EXPECT_EQ(room.at("unit_name"), "甲科");
  EXPECT_EQ(room.at("use_label"), "办公室");
  EXPECT_EQ(room.at("building"), "区行政办公大楼");
  EXPECT_EQ(room.at("address"), "沂蒙路 1 号");
  EXPECT_EQ(room.at("floor"), "3F");

  for (const auto hidden : {b.switch_room, b.hidden, std::int64_t{999999}}) {
    EXPECT_EQ(anonymous.get("/api/v1/public/space/rooms/" + id(hidden)).status, 404) << hidden;
  }
  EXPECT_EQ(anonymous.get("/api/v1/public/space/rooms/abc").status, 404);
}

TEST(SpaceDirectory, DoorPlatesPrintNumberUnitAndQrUrl) {
  TestServer server;
  const auto b = make_building(server);
  auto officer = server.sign_in_as("fangguan", "space_officer", server.seed().root_unit);

  auto text = pdf_at(officer, std::string(kPlates) + "?building_id=" + id(b.zf));
  for (const auto* expected : {"301", "302", "305", "101", "102", "甲科", "乙科", "第一会议室", "配电室", "区行政办公大楼 · 3F"}) {
    EXPECT_NE(text.find(expected), std::string::npos) << expected << "\n" << text;
  }
  EXPECT_EQ(text.find(kOccupant), std::string::npos);  // names only when asked
  // The QR code's URL printed under it: from the request's Host; none for the switch room.
  EXPECT_NE(text.find("http://127.0.0.1/directory/rooms/" + id(b.r301)), std::string::npos) << text;
  EXPECT_EQ(text.find("/directory/rooms/" + id(b.switch_room)), std::string::npos);

  // Names when asked; a chosen list of rooms; the Host and the proxy's scheme.
  text = pdf_text(officer
                      .request("GET", std::string(kPlates) + "?names=true&rooms=" + id(b.r301) + "," + id(b.r305),
                               "", {{"Host", "jgj.example.cn:8080"}, {"X-Forwarded-Proto", "https"}})
                      .body);
  EXPECT_NE(text.find(kOccupant), std::string::npos) << text;
  EXPECT_NE(text.find("https://jgj.example.cn:8080/directory/rooms/" + id(b.r305)), std::string::npos) << text;
  EXPECT_EQ(text.find("302"), std::string::npos);

  // The configured public URL wins over the request's address.
  auto put = officer.request("PUT", "/api/v1/space/directory/settings", R"({"public_url":"https://fw.luozhuang.gov.cn/"})",
                             {{"Content-Type", "application/json"}});
  ASSERT_EQ(put.status, 200) << put.body;
  EXPECT_EQ(put.json().at("public_url"), "https://fw.luozhuang.gov.cn");
  EXPECT_EQ(put.json().at("room_url_example"), "https://fw.luozhuang.gov.cn/directory/rooms/1");
  text = pdf_at(officer, std::string(kPlates) + "?floor_id=" + id(b.floor3));
  EXPECT_NE(text.find("https://fw.luozhuang.gov.cn/directory/rooms/" + id(b.r302)), std::string::npos) << text;
  EXPECT_EQ(text.find("101"), std::string::npos);
  const auto audits = server.db().read([&](db::Tx& tx) {
    return tx.query("SELECT COUNT(*) FROM audit_log WHERE entity = 'space_directory_settings'").one().int64(0);
  });
  EXPECT_EQ(audits, 1);
  EXPECT_EQ(officer.get("/api/v1/space/directory/settings").json().at("public_url"), "https://fw.luozhuang.gov.cn");
}

TEST(SpaceDirectory, DoorPlatesRefuseBadSelections) {
  TestServer server;
  const auto b = make_building(server);
  auto officer = server.sign_in_as("fangguan", "space_officer", server.seed().root_unit);
  const auto get = [&](const std::string& query) { return officer.get(std::string(kPlates) + query); };

  EXPECT_EQ(get("").status, 422);
  EXPECT_EQ(get("?rooms=1,x").json().at("error").at("field"), "rooms");
  EXPECT_EQ(get("?rooms=0").status, 422);
  EXPECT_EQ(get("?building_id=abc").status, 422);
  EXPECT_EQ(get("?names=maybe&rooms=" + id(b.r301)).status, 422);
  EXPECT_EQ(get("?rooms=" + id(b.r301) + ",999999").status, 404);
  EXPECT_EQ(get("?building_id=999999").status, 404);
  EXPECT_EQ(get("?building_id=" + id(b.nb) + "&floor_id=" + id(b.floor3)).status, 404);  // the floor is not in that building
  std::string many = "?rooms=1";
  for (int i = 2; i <= 501; ++i) many += "," + std::to_string(i);
  EXPECT_EQ(get(many).status, 422);

  // A building of more rooms than one request prints.
  server.db().write([&](db::Tx& tx) {
    for (int i = 0; i < 500; ++i) {
      tx.query("INSERT INTO space_rooms (tenant_id, building_id, floor_id, number, usable_area, room_use, created_at, updated_at)"
               " VALUES ($1, $2, $3, $4, 900, 'office', '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z')",
               server.seed().tenant_id, b.zf, b.floor3, "X" + std::to_string(i));
    }
  });
  const auto too_many = get("?building_id=" + id(b.zf));
  EXPECT_EQ(too_many.status, 422);
  EXPECT_EQ(too_many.json().at("error").at("field"), "building_id");

  // Permissions: anonymous 401; the settings need space.manage.
  auto anonymous = server.client();
  EXPECT_EQ(anonymous.get(std::string(kPlates) + "?building_id=" + id(b.zf)).status, 401);
  EXPECT_EQ(anonymous.get(std::string(kFloorDirectory) + "?building_id=" + id(b.zf)).status, 401);
  auto staff = server.staff();
  EXPECT_EQ(staff.request("PUT", "/api/v1/space/directory/settings", R"({"public_url":""})", {{"Content-Type", "application/json"}})
                .status,
            403);
  EXPECT_EQ(officer
                .request("PUT", "/api/v1/space/directory/settings", R"({"public_url":"ftp://x"})",
                         {{"Content-Type", "application/json"}})
                .json()
                .at("error")
                .at("field"),
            "public_url");
}

TEST(SpaceDirectory, FloorDirectoryListsEachFloor) {
  TestServer server;
  const auto b = make_building(server);
  auto officer = server.sign_in_as("fangguan", "space_officer", server.seed().root_unit);

  const auto text = pdf_at(officer, std::string(kFloorDirectory) + "?building_id=" + id(b.zf));
  for (const auto* expected : {"区行政办公大楼 楼层索引", "1F", "2F", "3F", "第一会议室", "甲科", "301、302", "乙科", "305"}) {
    EXPECT_NE(text.find(expected), std::string::npos) << expected << "\n" << text;
  }
  EXPECT_LT(text.find("1F"), text.find("3F"));
  EXPECT_EQ(text.find("配电室"), std::string::npos);
  EXPECT_EQ(text.find(kOccupant), std::string::npos);
  EXPECT_NE(text.find("/directory?building=" + id(b.zf)), std::string::npos);

  EXPECT_EQ(officer.get(kFloorDirectory).status, 422);
  EXPECT_EQ(officer.get(std::string(kFloorDirectory) + "?building_id=999999").status, 404);
  // An unlisted building prints too, without the QR code to a page the public cannot open.
  const auto internal = pdf_at(officer, std::string(kFloorDirectory) + "?building_id=" + id(b.nb));
  EXPECT_NE(internal.find("N01"), std::string::npos);
  EXPECT_EQ(internal.find("/directory?building="), std::string::npos);
}

}  // namespace
}  // namespace jiguan::test
