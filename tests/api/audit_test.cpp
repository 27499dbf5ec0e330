// The audit trail: every change leaves a row, rows form a hash chain per tenant, and any
// edit made behind the application's back is found and named by verify.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "core/access/roles.hpp"
#include "core/auth/accounts.hpp"
#include "support/test_server.hpp"

namespace jiguan::test {
namespace {

void make_some_history(HttpClient& admin) {
  for (int i = 0; i < 5; ++i) {
    ASSERT_EQ(admin.post("/api/v1/units", {{"code", "H" + std::to_string(i)}, {"name", "历史" + std::to_string(i)}, {"kind", "section"}})
                  .status,
              201);
  }
}

TEST(Audit, ChainVerifiesAfterNormalActivity) {
  TestServer server;
  auto admin = server.admin();
  make_some_history(admin);
  auto v = admin.get("/api/v1/audit/verify").json();
  EXPECT_EQ(v.at("ok"), true);
  EXPECT_GE(v.at("checked").as_int64(), 10);  // seed + login + 5 units
  EXPECT_FALSE(v.as_object().contains("first_bad_id"));
}

TEST(Audit, EditingARowDirectlyInTheDatabaseIsNamedByVerify) {
  TestServer server;
  auto admin = server.admin();
  make_some_history(admin);
  const auto victim = server.db().read([](db::Tx& tx) {
    return tx.query("SELECT id FROM audit_log WHERE entity = 'unit' AND action = 'create' ORDER BY id DESC LIMIT 1 OFFSET 2").one().int64(0);
  });
  server.db().write([&](db::Tx& tx) {
    tx.query("UPDATE audit_log SET actor = 'someone-else' WHERE id = $1", victim);
  });
  auto v = admin.get("/api/v1/audit/verify").json();
  EXPECT_EQ(v.at("ok"), false);
  EXPECT_EQ(v.at("first_bad_id").as_int64(), victim);
}

TEST(Audit, DeletingARowOrTheNewestRowIsFound) {
  TestServer server;
  auto admin = server.admin();
  make_some_history(admin);
  auto ids = server.db().read([](db::Tx& tx) { return tx.query("SELECT id FROM audit_log ORDER BY id").rows; });
  ASSERT_GE(ids.size(), 4u);
  const auto middle = ids[ids.size() / 2].int64(0);
  server.db().write([&](db::Tx& tx) { tx.query("DELETE FROM audit_log WHERE id = $1", middle); });
  auto v = admin.get("/api/v1/audit/verify").json();
  EXPECT_EQ(v.at("ok"), false);
  EXPECT_GT(v.at("first_bad_id").as_int64(), middle);  // the row after the gap no longer links

  TestServer second;
  auto admin2 = second.admin();
  make_some_history(admin2);
  const auto newest = second.db().read([](db::Tx& tx) { return tx.query("SELECT MAX(id) FROM audit_log").one().int64(0); });
  second.db().write([&](db::Tx& tx) { tx.query("DELETE FROM audit_log WHERE id = $1", newest); });
  auto v2 = admin2.get("/api/v1/audit/verify").json();
  EXPECT_EQ(v2.at("ok"), false);
  EXPECT_EQ(v2.at("first_bad_id").as_int64(), newest);
}

TEST(Audit, ListFiltersAndWhoMayReadIt) {
  TestServer server;
  auto admin = server.admin();
  make_some_history(admin);
  auto units = admin.get("/api/v1/audit?entity=unit&action=create&actor=admin").json();
  EXPECT_EQ(units.at("total"), 5);
  const auto& first = units.at("items").as_array()[0];
  EXPECT_EQ(first.at("entity"), "unit");
  EXPECT_FALSE(first.at("request_id").as_string().empty());
  EXPECT_EQ(first.at("client_addr"), "127.0.0.1");
  EXPECT_EQ(first.at("diff").at("code"), "H4");  // newest first
  EXPECT_EQ(admin.get("/api/v1/audit?from=2000-01-01&to=2000-12-31").json().at("total"), 0);
  EXPECT_EQ(admin.get("/api/v1/audit?from=yesterday").json().at("error").at("field"), "from");
  auto logins = admin.get("/api/v1/audit?action=login").json();
  EXPECT_GE(logins.at("total").as_int64(), 1);
  // Reading business records does not include the audit trail.
  EXPECT_EQ(server.staff().get("/api/v1/audit").status, 403);
}

TEST(Audit, DeniedRequestsAreRecorded) {
  TestServer server;
  auto staff = server.staff();
  EXPECT_EQ(staff.post("/api/v1/units", {{"code", "Z"}, {"name", "z"}, {"kind", "section"}}).status, 403);
  auto denied = server.admin().get("/api/v1/audit?action=denied").json();
  ASSERT_EQ(denied.at("total"), 1);
  const auto& row = denied.at("items").as_array()[0];
  EXPECT_EQ(row.at("actor"), "staff");
  EXPECT_EQ(row.at("diff").at("path"), "/api/v1/units");
  EXPECT_EQ(row.at("diff").at("reason"), "org.write");
}

TEST(Audit, RowsWrittenBeforeTheChainAreChainedOnce) {
  TestServer server;
  server.db().write([](db::Tx& tx) { tx.query("UPDATE audit_log SET prev_hash = '', hash = ''"); tx.query("DELETE FROM audit_heads"); });
  audit::chain_unchained_rows(server.db());
  audit::chain_unchained_rows(server.db());  // idempotent
  auto v = audit::verify(server.db(), server.seed().tenant_id);
  EXPECT_TRUE(v.ok);
  EXPECT_GT(v.checked, 0);
}

}  // namespace
}  // namespace jiguan::test
