// The HTTP conventions every route follows (docs/api.md), driven through the real server.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <thread>

#include "core/audit/audit.hpp"
#include "core/auth/accounts.hpp"
#include "core/auth/password.hpp"
#include "support/test_server.hpp"

namespace jiguan::test {
namespace {
namespace json = boost::json;

TEST(HttpConventions, HealthzReportsBackendAndVersion) {
  TestServer server;
  auto res = server.client().get("/healthz");
  ASSERT_EQ(res.status, 200);
  auto body = res.json().as_object();
  EXPECT_EQ(body.at("status"), "ok");
  EXPECT_EQ(body.at("db"), test_backend_is_postgres() ? "postgresql" : "sqlite");
  EXPECT_EQ(body.at("version"), JIGUAN_VERSION);
}

TEST(HttpConventions, EveryResponseCarriesRequestIdAndSecurityHeaders) {
  TestServer server;
  auto client = server.client();
  for (const std::string target : {"/healthz", "/api/v1/units", "/api/v1/nope", "/some/page"}) {
    auto res = client.get(target);
    SCOPED_TRACE(target);
    EXPECT_FALSE(res.header("x-request-id").empty());
    EXPECT_NE(res.header("content-security-policy").find("frame-ancestors 'none'"), std::string::npos);
    EXPECT_EQ(res.header("x-content-type-options"), "nosniff");
    EXPECT_FALSE(res.header("referrer-policy").empty());
  }
  EXPECT_NE(client.get("/healthz").header("x-request-id"), client.get("/healthz").header("x-request-id"));
}

TEST(HttpConventions, WithoutCredentialsApiAnswers401Json) {
  TestServer server;
  auto res = server.client().get("/api/v1/units");
  EXPECT_EQ(res.status, 401);
  EXPECT_EQ(res.error_code(), "unauthenticated");
  EXPECT_EQ(res.header("content-type").rfind("application/json", 0), 0u);
}

TEST(HttpConventions, UnknownRouteIs404Json) {
  TestServer server;
  auto res = server.admin().get("/api/v1/no-such-thing");
  EXPECT_EQ(res.status, 404);
  EXPECT_EQ(res.error_code(), "not_found");
}

TEST(HttpConventions, WrongMethodIs405WithAllow) {
  TestServer server;
  auto res = server.admin().request("DELETE", "/api/v1/units");
  EXPECT_EQ(res.status, 405);
  EXPECT_EQ(res.error_code(), "method_not_allowed");
  EXPECT_NE(res.header("allow").find("GET"), std::string::npos);
}

TEST(HttpConventions, MalformedJsonIs400BadJson) {
  TestServer server;
  auto admin = server.admin();
  auto res = admin.request("POST", "/api/v1/units", "{\"code\": \"X\", ");
  EXPECT_EQ(res.status, 400);
  EXPECT_EQ(res.error_code(), "bad_json");
  EXPECT_EQ(server.client().request("POST", "/api/v1/auth/login", "not json").error_code(), "bad_json");
}

TEST(HttpConventions, MissingOrWronglyTypedFieldIs422NamingTheField) {
  TestServer server;
  auto admin = server.admin();
  auto missing = admin.post("/api/v1/units", {{"name", "新单位"}, {"kind", "department"}});
  EXPECT_EQ(missing.status, 422);
  EXPECT_EQ(missing.json().at("error").at("field"), "code");
  auto wrong = admin.post("/api/v1/units", {{"code", "N1"}, {"name", "新单位"}, {"kind", "department"}, {"sort_order", "first"}});
  EXPECT_EQ(wrong.status, 422);
  EXPECT_EQ(wrong.json().at("error").at("field"), "sort_order");
  EXPECT_EQ(wrong.error_code(), "invalid_type");
  auto not_object = admin.request("POST", "/api/v1/units", "[1,2]");
  EXPECT_EQ(not_object.status, 422);
}

TEST(HttpConventions, TenMegabyteBodyIs413) {
  TestServer server;
  auto admin = server.admin();
  const std::string big(10 * 1024 * 1024, 'x');
  auto res = admin.request("POST", "/api/v1/units", big);
  EXPECT_EQ(res.status, 413);
  EXPECT_EQ(res.error_code(), "payload_too_large");
  // The server is still healthy afterwards.
  EXPECT_EQ(server.client().get("/healthz").status, 200);
}

TEST(HttpConventions, OversizedHeadersAre431) {
  TestServer server;
  auto res = server.client().request("GET", "/healthz", "", {{"X-Filler-1", std::string(10 * 1024, 'h')},
                                                             {"X-Filler-2", std::string(10 * 1024, 'h')}});
  EXPECT_EQ(res.status, 431);
}

TEST(HttpConventions, PageSizeAbove200Is422) {
  TestServer server;
  auto admin = server.admin();
  auto res = admin.get("/api/v1/units?page_size=201");
  EXPECT_EQ(res.status, 422);
  EXPECT_EQ(res.json().at("error").at("field"), "page_size");
  EXPECT_EQ(admin.get("/api/v1/units?page=0").status, 422);
  EXPECT_EQ(admin.get("/api/v1/units?page=abc").status, 422);
  EXPECT_EQ(admin.get("/api/v1/units?sort=password").json().at("error").at("field"), "sort");
}

TEST(HttpConventions, OpenApiDocumentsExactlyTheServedRoutes) {
  TestServer server;
  auto client = server.client();
  auto doc = client.get("/api/v1/openapi.json");
  ASSERT_EQ(doc.status, 200);
  auto paths = doc.json().at("paths").as_object();
  EXPECT_EQ(doc.json().at("openapi"), "3.1.0");

  // Every served route is documented …
  std::size_t operations = 0;
  for (const auto& route : server.app().router().routes()) {
    std::string method = route.method;
    for (auto& c : method) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    ASSERT_TRUE(paths.contains(route.pattern)) << route.pattern;
    EXPECT_TRUE(paths.at(route.pattern).as_object().contains(method)) << route.method << " " << route.pattern;
  }
  // … and every documented operation is served: asking it never gives 404/405 for the route
  // itself (ids that do not exist answer 404 with code not_found, so use an existing one).
  auto admin = server.admin();
  for (const auto& [pattern, ops] : paths) {
    for (const auto& [method, op] : ops.as_object()) {
      ++operations;
      std::string target(pattern);
      if (auto p = target.find("{id}"); p != std::string::npos) target.replace(p, 4, std::to_string(server.seed().unit_b));
      std::string upper(method);
      for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      auto res = upper == "GET" ? admin.get(target) : admin.request(upper, target, "{}");
      SCOPED_TRACE(upper + " " + target);
      EXPECT_NE(res.status, 405);
      EXPECT_FALSE(res.status == 404 && res.body.find("找不到该接口") != std::string::npos);
    }
  }
  EXPECT_EQ(operations, server.app().router().routes().size());
}

TEST(HttpConventions, KeepAliveServesManyRequestsOnOneConnection) {
  TestServer server;
  auto client = server.client();
  for (int i = 0; i < 50; ++i) ASSERT_EQ(client.get("/healthz").status, 200);
}

TEST(HttpConventions, StaticFilesGzipLongCacheAndSpaFallback) {
  const auto dir = std::filesystem::temp_directory_path() / ("jiguan-static-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir / "assets");
  std::ofstream(dir / "index.html") << "<!doctype html><title>机管</title><div id=app></div>";
  std::ofstream(dir / "assets" / "app-1a2b3c.js") << std::string(4096, ';') << "console.log('x')";
  {
    TestServer server({}, dir.string());
    auto client = server.client();
    auto asset = client.request("GET", "/assets/app-1a2b3c.js", "", {{"Accept-Encoding", "gzip, br"}});
    EXPECT_EQ(asset.status, 200);
    EXPECT_EQ(asset.header("content-encoding"), "gzip");
    EXPECT_NE(asset.header("cache-control").find("immutable"), std::string::npos);
    EXPECT_LT(asset.body.size(), 4096u);
    auto plain = client.get("/assets/app-1a2b3c.js");
    EXPECT_EQ(plain.header("content-encoding"), "");
    EXPECT_EQ(plain.body.size(), 4096u + 16u);

    auto deep_link = client.get("/org/units");
    EXPECT_EQ(deep_link.status, 200);
    EXPECT_NE(deep_link.body.find("<div id=app>"), std::string::npos);
    EXPECT_EQ(deep_link.header("cache-control"), "no-cache");
    EXPECT_EQ(client.get("/missing.png").status, 404);
  }
  std::filesystem::remove_all(dir);
}

TEST(HttpConventions, GracefulStopAnswersInFlightRequests) {
  auto server = std::make_unique<TestServer>();
  auto idle = server->client();
  ASSERT_EQ(idle.get("/healthz").status, 200);  // an idle keep-alive connection stays open
  // A login takes a password hash (~100+ ms): stop the server while it is being handled.
  HttpResponse in_flight;
  // An account with a production-cost hash: verifying its password takes 100+ ms.
  auth::set_hash_cost(auth::HashCost::interactive);
  auth::create_account(server->db(), audit::system_actor(server->seed().tenant_id, "test"),
                       {"slow", "慢", "staff", std::nullopt, "Slow-pass-1"});
  auto caller_client = server->client();
  ASSERT_EQ(caller_client.get("/healthz").status, 200);  // connected before the race starts
  std::thread caller([&] {
    try {
      in_flight = caller_client.post("/api/v1/auth/login", {{"username", "slow"}, {"password", "Slow-pass-1"}});
    } catch (const std::exception&) {
      in_flight.status = -1;
    }
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  server.reset();  // stop(): finishes the login, closes the idle connection, returns
  caller.join();
  EXPECT_EQ(in_flight.status, 200);
  EXPECT_THROW(idle.get("/healthz"), std::exception);
}

}  // namespace
}  // namespace jiguan::test
