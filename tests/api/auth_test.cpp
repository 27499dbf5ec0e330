// Signing in, sessions, API tokens, lock-out and CSRF, through the real server.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <thread>

#include "core/auth/sessions.hpp"
#include "support/test_server.hpp"

namespace jiguan::test {
namespace {

TEST(Auth, LoginSetsHardenedCookieAndMeReturnsTheUser) {
  TestServer server;
  auto client = server.client();
  auto res = client.login("admin", kAdminPassword);
  const auto cookie = res.header("set-cookie");
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos);
  EXPECT_EQ(res.json().at("user").at("username"), "admin");
  EXPECT_EQ(res.json().at("user").at("tenant").at("code"), "test");
  auto me = client.get("/api/v1/auth/me");
  ASSERT_EQ(me.status, 200);
  EXPECT_EQ(me.json().at("user").at("role"), "admin");
  // Only the token's hash is stored.
  const auto token = client.session_cookie().substr(std::string("jiguan_session=").size());
  auto stored = server.db().read([](db::Tx& tx) { return tx.query("SELECT token_hash FROM sessions").one().text(0); });
  EXPECT_EQ(stored.size(), 64u);
  EXPECT_EQ(stored.find(token), std::string::npos);
}

TEST(Auth, WrongPasswordAndUnknownUserGiveTheSame401) {
  TestServer server;
  auto client = server.client();
  auto wrong = client.post("/api/v1/auth/login", {{"username", "admin"}, {"password", "nope-nope-1"}});
  auto unknown = client.post("/api/v1/auth/login", {{"username", "ghost"}, {"password", "nope-nope-1"}});
  EXPECT_EQ(wrong.status, 401);
  EXPECT_EQ(unknown.status, 401);
  EXPECT_EQ(wrong.error_code(), "invalid_credentials");
  EXPECT_EQ(wrong.json().at("error").at("message"), unknown.json().at("error").at("message"));
  EXPECT_EQ(client.get("/api/v1/auth/me").status, 401);
}

TEST(Auth, FiveFailuresLockTheAccountEvenForTheRightPassword) {
  TestServer server;
  auto client = server.client();
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(client.post("/api/v1/auth/login", {{"username", "staff"}, {"password", "wrong-pass-9"}}).status, 401);
  }
  auto locked = client.post("/api/v1/auth/login", {{"username", "staff"}, {"password", kStaffPassword}});
  EXPECT_EQ(locked.status, 423);
  EXPECT_EQ(locked.error_code(), "account_locked");
  // Other accounts are unaffected; after the lock expires the right password works again.
  client.login("admin", kAdminPassword);
  server.db().write([](db::Tx& tx) { tx.query("UPDATE accounts SET locked_until = '2000-01-01T00:00:00Z' WHERE username = 'staff'"); });
  EXPECT_EQ(server.client().post("/api/v1/auth/login", {{"username", "staff"}, {"password", kStaffPassword}}).status, 200);
  // Failed and successful logins are in the audit trail.
  auto failures = server.db().read([](db::Tx& tx) {
    return tx.query("SELECT COUNT(*) FROM audit_log WHERE action = 'login_failed'").one().int64(0);
  });
  EXPECT_EQ(failures, 5);
}

TEST(Auth, LogoutEndsTheSession) {
  TestServer server;
  auto client = server.admin();
  const auto cookie = client.session_cookie();
  auto out = client.request("POST", "/api/v1/auth/logout");
  EXPECT_EQ(out.status, 204);
  EXPECT_NE(out.header("set-cookie").find("Max-Age=0"), std::string::npos);
  client.set_session_cookie(cookie);  // replaying the old cookie does not work
  EXPECT_EQ(client.get("/api/v1/auth/me").status, 401);
}

TEST(Auth, CookieRequestsThatChangeStateNeedTheCsrfHeader) {
  TestServer server;
  auto client = server.admin();
  client.set_csrf_header(false);
  auto res = client.post("/api/v1/units", {{"code", "X1"}, {"name", "新科"}, {"kind", "section"}});
  EXPECT_EQ(res.status, 403);
  EXPECT_EQ(res.error_code(), "csrf");
  EXPECT_EQ(client.get("/api/v1/units").status, 200);  // reads are fine
  client.set_csrf_header(true);
  EXPECT_EQ(client.post("/api/v1/units", {{"code", "X1"}, {"name", "新科"}, {"kind", "section"}}).status, 201);
  // Login too: a cross-site form must not sign the browser in to another account.
  auto fresh = server.client();
  fresh.set_csrf_header(false);
  EXPECT_EQ(fresh.post("/api/v1/auth/login", {{"username", "admin"}, {"password", kAdminPassword}}).error_code(), "csrf");
}

TEST(Auth, ExpiredAndIdleSessionsAreRefused) {
  TestServer server;
  auto client = server.admin();
  server.db().write([](db::Tx& tx) { tx.query("UPDATE sessions SET last_seen_at = '2000-01-01T00:00:00Z'"); });
  EXPECT_EQ(client.get("/api/v1/auth/me").status, 401);
  auto again = server.admin();
  server.db().write([](db::Tx& tx) { tx.query("UPDATE sessions SET expires_at = '2000-01-01T00:00:00Z'"); });
  EXPECT_EQ(again.get("/api/v1/auth/me").status, 401);
}

TEST(Auth, ValidatedSessionsAreCachedBrieflyButLogoutIsImmediate) {
  TestServer server({}, "", {.cache_ttl = std::chrono::seconds(1)});
  auto client = server.admin();
  ASSERT_EQ(client.get("/api/v1/auth/me").status, 200);
  // A change made behind the server's back reaches a cached session within cache_ttl …
  server.db().write([](db::Tx& tx) { tx.query("UPDATE sessions SET expires_at = '2999-01-01T00:00:00Z', last_seen_at = '2000-01-01T00:00:00Z'"); });
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  EXPECT_EQ(client.get("/api/v1/auth/me").status, 401);
  // … while logout ends a cached session at once.
  auto other = server.admin();
  ASSERT_EQ(other.get("/api/v1/auth/me").status, 200);
  const auto cookie = other.session_cookie();
  ASSERT_EQ(other.request("POST", "/api/v1/auth/logout").status, 204);
  other.set_session_cookie(cookie);
  EXPECT_EQ(other.get("/api/v1/auth/me").status, 401);
}

TEST(Auth, BearerTokenAuthenticatesWithoutCsrfHeader) {
  TestServer server;
  auth::Sessions sessions(server.db());
  const auto token = sessions.issue_api_token("test", "admin");
  auto client = server.client();
  client.set_bearer(token);
  client.set_csrf_header(false);
  EXPECT_EQ(client.get("/api/v1/auth/me").json().at("user").at("username"), "admin");
  EXPECT_EQ(client.post("/api/v1/units", {{"code", "T1"}, {"name", "令牌科"}, {"kind", "section"}}).status, 201);
  client.set_bearer(token.substr(0, token.size() - 1) + (token.back() == 'A' ? "B" : "A"));
  EXPECT_EQ(client.get("/api/v1/auth/me").status, 401);
  client.set_bearer("garbage");
  EXPECT_EQ(client.get("/api/v1/auth/me").status, 401);
}

TEST(Auth, AdminCreatesAccountsOthersCannot) {
  TestServer server;
  auto admin = server.admin();
  auto created = admin.post("/api/v1/accounts", {{"username", "liaison1"}, {"display_name", "联络员"}, {"role", "liaison"},
                                                 {"unit_id", server.seed().unit_b}, {"password", "Liaison-pass-1"}});
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.json().at("role"), "liaison");
  EXPECT_FALSE(created.json().as_object().contains("password_hash"));
  EXPECT_EQ(admin.post("/api/v1/accounts", {{"username", "liaison1"}, {"display_name", "x"}, {"role", "liaison"},
                                            {"password", "Liaison-pass-1"}})
                .status,
            409);
  auto weak = admin.post("/api/v1/accounts", {{"username", "weak1"}, {"display_name", "x"}, {"role", "staff"}, {"password", "short"}});
  EXPECT_EQ(weak.status, 422);
  EXPECT_EQ(weak.json().at("error").at("field"), "password");
  EXPECT_EQ(admin.post("/api/v1/accounts", {{"username", "role1"}, {"display_name", "x"}, {"role", "emperor"}, {"password", "Strong-pass-1"}})
                .json().at("error").at("field"),
            "role");
  auto list = admin.get("/api/v1/accounts?q=liaison");
  EXPECT_EQ(list.json().at("total"), 1);
  auto staff = server.staff();
  EXPECT_EQ(staff.get("/api/v1/accounts").status, 403);
  EXPECT_EQ(staff.post("/api/v1/accounts", {{"username", "x2"}, {"display_name", "x"}, {"role", "staff"}, {"password", "Strong-pass-1"}})
                .status,
            403);
}

}  // namespace
}  // namespace jiguan::test
