#include "modules/space/fixtures.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

namespace jiguan::test::space_fixtures {
namespace json = boost::json;

namespace {

json::object merged(json::object body, const json::object& extra) {
  for (const auto& [key, value] : extra) body[key] = value;
  return body;
}

std::int64_t created_id(const HttpResponse& res, const char* what) {
  EXPECT_EQ(res.status, 201) << what << " " << res.body;
  return res.status == 201 ? res.json().at("id").as_int64() : 0;
}

}  // namespace

Building create_building(HttpClient& client, const std::string& code, std::int64_t floors_above, std::int64_t floors_below) {
  auto res = client.post("/api/v1/space/buildings", {{"code", code},
                                                     {"name", code + " 楼"},
                                                     {"floors_above", floors_above},
                                                     {"floors_below", floors_below}});
  Building b{created_id(res, "building"), {}};
  if (b.id == 0) return b;
  const auto body = res.json();  // named: a range-for over res.json().at(…) would dangle
  for (const auto& f : body.at("floors").as_array()) b.floors[f.at("level").as_int64()] = f.at("id").as_int64();
  return b;
}

std::int64_t create_room(HttpClient& client, std::int64_t floor_id, const std::string& number, std::int64_t area,
                         const json::object& extra) {
  const json::object body{{"floor_id", floor_id}, {"number", number}, {"usable_area", area}, {"use", "office"}};
  return created_id(client.post("/api/v1/space/rooms", merged(body, extra)), "room");
}

std::int64_t create_person(HttpClient& client, const std::string& name, std::int64_t unit_id, const std::string& rank) {
  return created_id(client.post("/api/v1/people", {{"name", name}, {"unit_id", unit_id}, {"rank", rank}, {"post", "科员"}}),
                    "person");
}

std::int64_t create_department(HttpClient& client, const std::string& code) {
  return created_id(client.post("/api/v1/units", {{"code", code}, {"name", code + " 局"}, {"kind", "department"}}), "unit");
}

std::int64_t count(TestServer& server, const std::string& sql) {
  return server.db().read([&](db::Tx& tx) { return tx.query(sql).one().int64(0); });
}

HttpResponse assign(HttpClient& client, std::int64_t room_id, std::int64_t person_id, const json::object& extra) {
  return client.post("/api/v1/space/occupancies", merged({{"room_id", room_id}, {"person_id", person_id}}, extra));
}

}  // namespace jiguan::test::space_fixtures
