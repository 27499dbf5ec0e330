// Roles: built-in per tenant, editable, and what an account may do follows its role.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <algorithm>
#include <set>

#include "core/access/roles.hpp"
#include "core/auth/accounts.hpp"
#include "support/test_server.hpp"

namespace jiguan::test {
namespace {
namespace json = boost::json;

TEST(Roles, PatternsGrantAsDocumented) {
  using access::pattern_grants;
  EXPECT_TRUE(pattern_grants("*", "org.write"));
  EXPECT_TRUE(pattern_grants("org.*", "org.write"));
  EXPECT_FALSE(pattern_grants("org.*", "orgx.write"));
  EXPECT_TRUE(pattern_grants("*.read", "people.read"));
  EXPECT_FALSE(pattern_grants("*.read", "audit.view"));
  EXPECT_FALSE(pattern_grants("org.read", "org.write"));
  // Confidential mail is granted by name only.
  EXPECT_FALSE(pattern_grants("*", "mail.confidential"));
  EXPECT_FALSE(pattern_grants("mail.*", "mail.confidential"));
  EXPECT_TRUE(pattern_grants("mail.confidential", "mail.confidential"));
}

TEST(Roles, EveryTenantHasTheBuiltInRoles) {
  TestServer server;
  auto roles = server.admin().get("/api/v1/roles?page_size=50").json();
  std::set<std::string> codes;
  for (const auto& r : roles.at("items").as_array()) codes.insert(std::string(r.at("code").as_string()));
  for (const auto& b : access::builtin_roles()) EXPECT_TRUE(codes.count(b.code)) << b.code;
  auto catalogue = server.admin().get("/api/v1/permissions").json();
  bool has_org_write = false;
  for (const auto& p : catalogue.at("items").as_array()) has_org_write |= p.at("code") == "org.write";
  EXPECT_TRUE(has_org_write);
}

// An older database: staff was shipped without meetings.serve, and an administrator took
// requests.handle away. The upgrade adds the new permission and leaves the removal alone.
TEST(Roles, AnUpgradeAddsNewlyShippedPermissionsAndKeepsRemovals) {
  TestServer server;
  const auto tenant = server.seed().tenant_id;
  const auto permissions = [&] {
    return server.db().read([&](db::Tx& tx) {
      return tx.query("SELECT permissions FROM roles WHERE tenant_id = $1 AND code = 'staff'", tenant).one().text(0);
    });
  };
  server.db().write([&](db::Tx& tx) {
    tx.query("UPDATE roles SET permissions = '[\"*.read\",\"requests.submit\"]', "
             "shipped_permissions = '[\"*.read\",\"requests.submit\",\"requests.handle\"]' WHERE tenant_id = $1 AND code = 'staff'",
             tenant);
    access::ensure_builtin_roles(tx, tenant);
  });
  const auto after = json::parse(permissions()).as_array();
  const auto has = [&](const char* p) { return std::find(after.begin(), after.end(), json::value(p)) != after.end(); };
  EXPECT_TRUE(has("meetings.serve"));
  EXPECT_TRUE(has("notifications.write"));
  EXPECT_FALSE(has("requests.handle"));
  // Nothing new the second time.
  server.db().write([&](db::Tx& tx) { access::ensure_builtin_roles(tx, tenant); });
  EXPECT_EQ(json::parse(permissions()).as_array(), after);
}

TEST(Roles, ACustomRoleGrantsExactlyItsPermissions) {
  TestServer server;
  auto admin = server.admin();
  auto created = admin.post("/api/v1/roles", {{"code", "org_editor"}, {"name", "单位维护员"},
                                              {"permissions", {"org.read", "org.write"}}, {"data_scope", "all"}});
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.json().at("builtin"), false);
  auth::create_account(server.db(), audit::system_actor(server.seed().tenant_id, "test"),
                       {"editor", "编辑", "org_editor", server.seed().unit_a, "Editor-pass-1"});
  auto editor = server.client();
  editor.login("editor", "Editor-pass-1", "test");
  EXPECT_EQ(editor.post("/api/v1/units", {{"code", "E1"}, {"name", "新科"}, {"kind", "section"}}).status, 201);
  EXPECT_EQ(editor.get("/api/v1/accounts").status, 403);
  // Taking the write permission away takes effect for the account.
  const auto role_id = created.json().at("id").as_int64();
  ASSERT_EQ(admin.patch("/api/v1/roles/" + std::to_string(role_id), {{"permissions", {"org.read"}}}).status, 200);
  EXPECT_EQ(editor.post("/api/v1/units", {{"code", "E2"}, {"name", "新科2"}, {"kind", "section"}}).status, 403);
}

TEST(Roles, ValidationNamesTheField) {
  TestServer server;
  auto admin = server.admin();
  auto bad_permission = admin.post("/api/v1/roles", {{"code", "r1"}, {"name", "x"}, {"permissions", {"org.read", "nuclear.launch"}}});
  EXPECT_EQ(bad_permission.status, 422);
  EXPECT_EQ(bad_permission.json().at("error").at("field"), "permissions[1]");
  EXPECT_EQ(admin.post("/api/v1/roles", {{"code", "R-1"}, {"name", "x"}}).json().at("error").at("field"), "code");
  EXPECT_EQ(admin.post("/api/v1/roles", {{"code", "r2"}, {"name", "x"}, {"data_scope", "galaxy"}}).json().at("error").at("field"),
            "data_scope");
  EXPECT_EQ(admin.post("/api/v1/roles", {{"code", "admin"}, {"name", "x"}}).status, 409);
  EXPECT_EQ(server.staff().post("/api/v1/roles", {{"code", "r3"}, {"name", "x"}}).status, 403);
}

}  // namespace
}  // namespace jiguan::test
