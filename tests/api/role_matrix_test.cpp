// The role matrix, generated from the router: every route, driven by every built-in role.
// It grows by itself as modules add routes:
// - a role without the route's permission gets 403, and nothing is written;
// - a role with it is never refused (403), never unauthenticated (401), never crashes (500);
// - read-only roles (auditor) get 403 on every route that changes state.
// Scoped records (a unit's people, requests …) are covered by ScopedRecords below: a
// module adds a fixture there for each route that takes the id of a scoped record.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <functional>
#include <map>

#include "core/access/roles.hpp"
#include "core/auth/accounts.hpp"
#include "core/people/people.hpp"
#include "modules/meetings/fixtures.hpp"
#include "modules/vehicles/fixtures.hpp"
#include "modules/vehicles/registry.hpp"
#include "support/test_server.hpp"

namespace jiguan::test {
namespace {

// Routes the matrix leaves to their own tests: logging out would end the role's session
// half-way through the matrix (tests/api/auth_test.cpp covers it).
bool exempt(const http::Route& route) { return route.pattern == "/api/v1/auth/logout"; }

// A path with its parameters filled in with ids that exist in the seed.
std::string fill_path(const std::string& pattern, const Seed& seed) {
  std::string out;
  for (std::size_t i = 0; i < pattern.size();) {
    if (pattern[i] != '{') {
      out += pattern[i++];
      continue;
    }
    const auto end = pattern.find('}', i);
    const auto name = pattern.substr(i + 1, end - i - 1);
    out += name == "year" ? "2024" : name == "code" ? "rank" : std::to_string(seed.unit_b);
    i = end + 1;
  }
  return out;
}

class RoleMatrix : public ::testing::TestWithParam<std::string> {};

TEST_P(RoleMatrix, EveryRouteAnswersAsTheRolesPermissionsSay) {
  const std::string role_code = GetParam();
  TestServer server;
  const auto role = server.db().read([&](db::Tx& tx) { return access::find_role(tx, server.seed().tenant_id, role_code); });
  ASSERT_TRUE(role.has_value());
  auth::create_account(server.db(), audit::system_actor(server.seed().tenant_id, "test"),
                       {"matrix_" + role_code, role_code, role_code, server.seed().unit_a, "Matrix-pass-1"});
  auto client = server.client();
  client.login("matrix_" + role_code, "Matrix-pass-1", "test");

  int checked = 0;
  for (const auto& route : server.app().router().routes()) {
    if (route.access != http::Access::authenticated || exempt(route)) continue;
    const auto target = fill_path(route.pattern, server.seed());
    SCOPED_TRACE(role_code + " " + route.method + " " + target + " (" + route.permission + ")");
    const bool allowed = route.permission.empty() || access::permissions_grant(role->permissions, route.permission);
    const auto writes_before = server.db().read([](db::Tx& tx) {
      return tx.query("SELECT COUNT(*) FROM audit_log WHERE action <> 'denied'").one().int64(0);
    });
    auto res = route.method == "GET" ? client.get(target) : client.request(route.method, target, "{}");
    ++checked;
    EXPECT_NE(res.status, 500) << res.body;
    EXPECT_NE(res.status, 401) << res.body;
    if (!allowed) {
      EXPECT_EQ(res.status, 403) << res.body;
      const auto writes_after = server.db().read([](db::Tx& tx) {
        return tx.query("SELECT COUNT(*) FROM audit_log WHERE action <> 'denied'").one().int64(0);
      });
      EXPECT_EQ(writes_after, writes_before);
    } else {
      EXPECT_NE(res.status, 403) << res.body;
    }
    if (role_code == "auditor" && route.method != "GET") {
      EXPECT_EQ(res.status, 403) << "a read-only role wrote";
    }
  }
  EXPECT_GT(checked, 10);
}

INSTANTIATE_TEST_SUITE_P(BuiltInRoles, RoleMatrix, ::testing::Values("admin", "leader", "staff", "liaison", "worker", "auditor"));

// Scoped records: a liaison of unit A never reads or changes unit B's records; they answer
// 404 as if they did not exist. Each entry creates a record owned by unit B and names the
// routes that take its id.
struct ScopedFixture {
  std::function<std::int64_t(TestServer&)> create_in_unit_b;
  std::vector<std::pair<std::string, std::string>> routes;  // method, pattern with {id}
  // Other ids the patterns name besides {id} (e.g. {campaign_id}), found from the record's.
  std::function<std::map<std::string, std::int64_t>(TestServer&, std::int64_t id)> other_ids = nullptr;
};

std::map<std::string, ScopedFixture> scoped_fixtures() {
  return {{"campaign_vehicles",
           {[](TestServer& server) {
              const auto id = vehicle_fixtures::insert_vehicle(server, {"鲁Q·B0701", server.seed().unit_b, "confidential"});
              vehicle_fixtures::create_campaign(server, "乙科参改", {server.seed().unit_b});
              return id;
            },
            {{"POST", "/api/v1/vehicles/campaigns/{campaign_id}/vehicles/{id}/decision"},
             {"POST", "/api/v1/vehicles/campaigns/{campaign_id}/vehicles/{id}/seal"},
             {"POST", "/api/v1/vehicles/campaigns/{campaign_id}/vehicles/{id}/hand-over"},
             {"POST", "/api/v1/vehicles/campaigns/{campaign_id}/vehicles/{id}/appraisal"},
             {"POST", "/api/v1/vehicles/campaigns/{campaign_id}/vehicles/{id}/scrap"},
             {"POST", "/api/v1/vehicles/{id}/allocation"},
             {"POST", "/api/v1/vehicles/{id}/allocation/end"}},
            [](TestServer& server, std::int64_t id) {
              return std::map<std::string, std::int64_t>{
                  {"campaign_id", server.db().read([&](db::Tx& tx) {
                     return tx.query("SELECT campaign_id FROM campaign_vehicles WHERE vehicle_id = $1", id).one().int64(0);
                   })}};
            }}},
          {"auction_lots",
           {[](TestServer& server) { return vehicle_fixtures::listed_lot(server, "鲁Q·B0702", server.seed().unit_b); },
            {{"POST", "/api/v1/vehicles/lots/{id}/result"},
             {"POST", "/api/v1/vehicles/lots/{id}/payment"},
             {"POST", "/api/v1/vehicles/lots/{id}/transfer"}}}},
          {"meeting_bookings",
           {[](TestServer& server) { return meeting_fixtures::booking_of_unit(server, server.seed().unit_b); },
            {{"GET", "/api/v1/meetings/bookings/{id}"}, {"POST", "/api/v1/meetings/bookings/{id}/cancel"}}}},
          {"people",
           {[](TestServer& server) {
              return server.db().write([&](db::Tx& tx) {
                return people::create_person(tx, audit::system_actor(server.seed().tenant_id, "test"),
                                             {"乙科科员", std::nullopt, server.seed().unit_b, "staff_member", "科员", "0539-1234567"});
              });
            },
            {{"GET", "/api/v1/people/{id}"},
             {"PATCH", "/api/v1/people/{id}"},
             {"POST", "/api/v1/people/{id}/deactivate"},
             {"POST", "/api/v1/people/{id}/posts"}}}},
          {"requests",
           {[](TestServer& server) {
              auth::create_account(server.db(), audit::system_actor(server.seed().tenant_id, "test"),
                                   {"applicant_b", "乙科申请人", "liaison", server.seed().unit_b, "Applicant-pass-1"});
              auto applicant = server.client();
              applicant.login("applicant_b", "Applicant-pass-1", "test");
              return applicant.post("/api/v1/requests", {{"type", "general.service"}, {"title", "乙科的申请"}})
                  .json()
                  .at("id")
                  .as_int64();
            },
            {{"GET", "/api/v1/requests/{id}"},
             {"POST", "/api/v1/requests/{id}/actions"},
             {"POST", "/api/v1/requests/{id}/rating"}}}},
          {"vehicles",
           {[](TestServer& server) {
              return server.db().write([&](db::Tx& tx) {
                return vehicles::create_vehicle(tx, audit::system_actor(server.seed().tenant_id, "test"),
                                                {"鲁Q9B001", "乙科用车", "confidential", "fuel", 1498, 5, "", "", "2018-05-01", 11'000'000,
                                                 "budget", server.seed().unit_b, 0, ""});
              });
            },
            {{"GET", "/api/v1/vehicles/{id}"},
             {"PATCH", "/api/v1/vehicles/{id}"},
             {"GET", "/api/v1/vehicles/{id}/events"},
             {"POST", "/api/v1/vehicles/{id}/status"}}}}};
}

TEST(ScopedRecords, AUnitScopedAccountNeverSeesAnotherUnitsRecords) {
  TestServer server;
  const auto tenant = server.seed().tenant_id;
  // The liaison (reads only) and an account with every permission but unit A's scope: the
  // second shows that writes, too, stop at the scope, not only at missing permissions.
  server.db().write([&](db::Tx& tx) {
    access::create_role(tx, audit::system_actor(tenant, "test"), {"unit_admin", "本单位管理员", {"*"}, access::DataScope::unit_and_below},
                        {"*"});
  });
  auth::create_account(server.db(), audit::system_actor(tenant, "test"), {"liaison_a", "甲联络员", "liaison", server.seed().unit_a, "Liaison-pass-1"});
  auth::create_account(server.db(), audit::system_actor(tenant, "test"), {"unit_admin_a", "甲管理员", "unit_admin", server.seed().unit_a, "Unitadm-pass-1"});
  auto liaison = server.client();
  liaison.login("liaison_a", "Liaison-pass-1", "test");
  auto unit_admin = server.client();
  unit_admin.login("unit_admin_a", "Unitadm-pass-1", "test");
  for (const auto& [name, fixture] : scoped_fixtures()) {
    const auto id = fixture.create_in_unit_b(server);
    for (const auto& [method, pattern] : fixture.routes) {
      std::string target = pattern;
      auto ids = fixture.other_ids ? fixture.other_ids(server, id) : std::map<std::string, std::int64_t>{};
      ids["id"] = id;
      for (const auto& [key, value] : ids) {
        for (auto at = target.find("{" + key + "}"); at != std::string::npos; at = target.find("{" + key + "}")) {
          target.replace(at, key.size() + 2, std::to_string(value));
        }
      }
      SCOPED_TRACE(name + ": " + method + " " + target);
      auto as_liaison = method == "GET" ? liaison.get(target) : liaison.request(method, target, "{}");
      if (method == "GET") {
        EXPECT_EQ(as_liaison.status, 404) << as_liaison.body;
      } else {
        EXPECT_TRUE(as_liaison.status == 403 || as_liaison.status == 404) << as_liaison.body;
      }
      auto as_unit_admin = method == "GET" ? unit_admin.get(target) : unit_admin.request(method, target, "{}");
      EXPECT_EQ(as_unit_admin.status, 404) << as_unit_admin.body;
    }
  }
  EXPECT_GE(scoped_fixtures().size(), 2u);
}

}  // namespace
}  // namespace jiguan::test
