// The real server for API tests: the App behind the real HTTP server on a free loopback
// port, over a fresh database of the backend under test (see test_db.hpp). It is seeded
// with one tenant ("test"), units ROOT > A, B, the built-in dictionaries and three accounts.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "core/app/app.hpp"
#include "core/db/db.hpp"
#include "core/http/server.hpp"
#include "support/http_client.hpp"
#include "support/test_db.hpp"

namespace jiguan::test {

inline constexpr const char* kAdminPassword = "Admin-pass-1";   // admin, role admin
inline constexpr const char* kStaffPassword = "Staff-pass-1";   // staff, role staff

struct Seed {
  std::int64_t tenant_id = 0;
  std::int64_t root_unit = 0, unit_a = 0, unit_b = 0;
};

class TestServer {
 public:
  // Sessions are not cached unless a test asks for it (policy.cache_ttl), so that changes a
  // test makes directly in the database are seen by the next request.
  explicit TestServer(http::ServerConfig config = {}, const std::string& static_dir = "",
                      auth::SessionPolicy policy = {.cache_ttl = std::chrono::seconds(0)});
  ~TestServer();

  std::uint16_t port() const;
  db::Database& db() { return *db_; }
  const app::App& app() const { return *app_; }
  const Seed& seed() const { return seed_; }
  const std::string& db_url() const { return fresh_.url(); }
  HttpClient client() const { return HttpClient(port()); }
  HttpClient admin() const;  // a client signed in as admin
  HttpClient staff() const;  // a client signed in as staff (read-only for org)
  // A new account of the role in the unit (password Account-pass-1), signed in.
  HttpClient sign_in_as(const std::string& username, const std::string& role, std::int64_t unit);

 private:
  FreshDatabase fresh_;
  std::unique_ptr<db::Database> db_;
  Seed seed_;
  std::unique_ptr<app::App> app_;
  std::unique_ptr<http::Server> server_;
};

}  // namespace jiguan::test
