#include "support/test_server.hpp"

#include "core/app/modules.hpp"
#include "core/audit/audit.hpp"
#include "core/auth/accounts.hpp"
#include "core/auth/password.hpp"
#include "core/db/migrate.hpp"
#include "core/org/tenants.hpp"
#include "core/org/units.hpp"

namespace jiguan::test {

TestServer::TestServer(http::ServerConfig config, const std::string& static_dir, auth::SessionPolicy policy) {
  auth::set_hash_cost(auth::HashCost::minimal);
  db_ = db::Database::open(fresh_.url());
  db::migrate(*db_, db::bundled_migrations());
  const auto tenant = org::ensure_tenant(*db_, "test", "测试机关事务管理局");
  seed_.tenant_id = tenant.id;
  const auto actor = audit::system_actor(tenant.id, "test-seed");
  db_->write([&](db::Tx& tx) {
    seed_.root_unit = org::create_unit(tx, actor, {"ROOT", "测试局", "bureau", std::nullopt, 0});
    seed_.unit_a = org::create_unit(tx, actor, {"A", "甲科", "section", seed_.root_unit, 10});
    seed_.unit_b = org::create_unit(tx, actor, {"B", "乙科", "section", seed_.root_unit, 20});
    app::ensure_tenant_builtins(tx, tenant.id);
  });
  auth::create_account(*db_, actor, {"admin", "管理员", "admin", seed_.root_unit, kAdminPassword});
  auth::create_account(*db_, actor, {"staff", "科员", "staff", seed_.unit_a, kStaffPassword});

  app::AppConfig app_config;
  app_config.static_dir = static_dir.empty() ? "/nonexistent" : static_dir;
  app_config.session_policy = policy;
  app_ = std::make_unique<app::App>(*db_, app_config);
  config.port = 0;
  config.access_log = std::getenv("JIGUAN_TEST_ACCESS_LOG") != nullptr;
  server_ = std::make_unique<http::Server>(config, [this](http::Request& r) { return app_->handle(r); });
  server_->start();
}

TestServer::~TestServer() {
  server_->stop();
  server_.reset();
  app_.reset();
  db_.reset();
}

std::uint16_t TestServer::port() const { return server_->port(); }

HttpClient TestServer::admin() const {
  auto c = client();
  c.login("admin", kAdminPassword, "test");
  return c;
}

HttpClient TestServer::staff() const {
  auto c = client();
  c.login("staff", kStaffPassword, "test");
  return c;
}

HttpClient TestServer::sign_in_as(const std::string& username, const std::string& role, std::int64_t unit) {
  auth::create_account(*db_, audit::system_actor(seed_.tenant_id, "test"), {username, username, role, unit, "Account-pass-1"});
  auto c = client();
  c.login(username, "Account-pass-1", "test");
  return c;
}

}  // namespace jiguan::test
