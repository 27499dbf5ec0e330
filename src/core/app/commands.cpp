#include "core/app/commands.hpp"

#include <spdlog/spdlog.h>

#include <charconv>
#include <csignal>
#include <filesystem>
#include <iostream>

#include "core/app/app.hpp"
#include "core/app/modules.hpp"
#include "core/audit/audit.hpp"
#include "core/auth/accounts.hpp"
#include "core/db/migrate.hpp"
#include "core/demo/demo_data.hpp"
#include "core/http/api_error.hpp"
#include "core/org/tenants.hpp"

namespace jiguan::app {
namespace {

// A SQLite file's folder is created on first use, so `make run` works from a fresh clone.
std::unique_ptr<db::Database> open_database(const std::string& url, int readers = 4) {
  constexpr std::string_view prefix = "sqlite:";
  if (url.starts_with(prefix) && url != "sqlite::memory:") {
    const auto parent = std::filesystem::path(url.substr(prefix.size())).parent_path();
    if (!parent.empty()) std::filesystem::create_directories(parent);
  }
  return db::Database::open(url, {.readers = readers});
}

// Migrations, then the data upkeep that SQL cannot do: built-in data (roles, dictionaries,
// standards) for every tenant and hash-chaining audit rows written before the chain
// existed. Both are no-ops when done.
std::unique_ptr<db::Database> open_migrated(const std::string& url, int readers = 4) {
  auto db = open_database(url, readers);
  const auto report = db::migrate(*db, db::bundled_migrations());
  if (report.applied > 0) spdlog::info("migrations applied: {} (already applied: {})", report.applied, report.already_applied);
  ensure_builtins_for_all_tenants(*db);
  audit::chain_unchained_rows(*db);
  return db;
}

// The demo tenant: the platform's part, the built-ins of the tenant it may have just
// created, then every module's records.
demo::DemoReport load_demo(db::Database& db) {
  const auto report = demo::load_demo_data(db);
  ensure_builtins_for_all_tenants(db);
  load_module_demo_data(db, report.tenant_id);
  return report;
}

// Runs a command body, reporting expected failures as one line on stderr.
template <class F>
int guarded(F&& body) {
  try {
    return body();
  } catch (const http::ApiError& e) {
    std::cerr << "error: " << e.what() << (e.field().empty() ? "" : " (" + e.field() + ")") << "\n";
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << "\n";
  }
  return 1;
}

}  // namespace

bool parse_listen(const std::string& listen, http::ServerConfig& config) {
  const auto colon = listen.rfind(':');
  if (colon == std::string::npos || colon == 0) return false;
  unsigned port = 0;
  const char* first = listen.data() + colon + 1;
  const char* last = listen.data() + listen.size();
  auto [end, ec] = std::from_chars(first, last, port);
  if (ec != std::errc() || end != last || port > 65535) return false;
  config.host = listen.substr(0, colon);
  if (config.host.size() > 2 && config.host.front() == '[' && config.host.back() == ']') {
    config.host = config.host.substr(1, config.host.size() - 2);
  }
  config.port = static_cast<std::uint16_t>(port);
  return true;
}

int serve(const ServeOptions& options) {
  return guarded([&] {
    // Signals are taken by this thread alone (sigwait below): block them before any other
    // thread starts, so every thread inherits the mask.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);

    auto db = open_migrated(options.db_url, std::max(2, options.server.workers));
    if (options.load_demo_data) {
      const auto report = load_demo(*db);
      if (report.created_units || report.accounts_created > 0) {
        spdlog::info("demo data loaded: tenant '{}', {} accounts (password {})", demo::kTenantCode, report.accounts_created,
                     demo::kPassword);
      }
    }
    AppConfig config;
    config.static_dir = options.static_dir;
    config.session_policy.secure_cookie = options.secure_cookie;
    App app(*db, config);
    http::Server server(options.server, [&app](http::Request& r) { return app.handle(r); });
    server.start();
    spdlog::info("jiguan {} serving http://{}:{} (db: {}, workers: {})", JIGUAN_VERSION, options.server.host, server.port(),
                 db::dialect_name(db->dialect()), options.server.workers);
    int received = 0;
    sigwait(&signals, &received);
    spdlog::info("signal {}: finishing in-flight requests", received);
    server.stop();
    spdlog::info("stopped");
    return 0;
  });
}

int migrate(const std::string& db_url) {
  return guarded([&] {
    auto db = open_database(db_url);
    const auto report = db::migrate(*db, db::bundled_migrations());
    std::cout << "applied " << report.applied << ", already applied " << report.already_applied << "\n";
    return 0;
  });
}

int demo_data(const std::string& db_url) {
  return guarded([&] {
    auto db = open_migrated(db_url);
    const auto report = load_demo(*db);
    std::cout << "demo tenant '" << demo::kTenantCode << "': units " << (report.created_units ? "created" : "already present")
              << ", " << report.accounts_created << " accounts created (password " << demo::kPassword << ")\n";
    return 0;
  });
}

int create_user(const std::string& db_url, const std::string& tenant_code, const std::string& username, const std::string& role,
                const std::string& display_name, const std::string& unit_code) {
  return guarded([&] {
    std::string password;
    std::getline(std::cin, password);
    auto db = open_migrated(db_url);
    const auto tenant = tenant_code.empty() && db->read([](db::Tx& tx) { return tx.query("SELECT 1 FROM tenants").empty(); })
                            ? org::ensure_tenant(*db, "default", "机关事务管理局")
                            : db->read([&](db::Tx& tx) { return org::resolve_tenant(tx, tenant_code); });
    ensure_builtins_for_all_tenants(*db);
    std::optional<std::int64_t> unit_id;
    if (!unit_code.empty()) {
      auto found = db->read([&](db::Tx& tx) { return tx.query("SELECT id FROM units WHERE tenant_id = $1 AND code = $2", tenant.id, unit_code); });
      if (found.empty()) throw http::invalid("unit", "单位代码不存在：" + unit_code);
      unit_id = found.one().int64(0);
    }
    const auto id = auth::create_account(*db, audit::system_actor(tenant.id, "user create"),
                                         {username, display_name.empty() ? username : display_name, role, unit_id, password});
    std::cout << "created account " << username << " (id " << id << ", role " << role << ", tenant " << tenant.code << ")\n";
    return 0;
  });
}

int create_token(const std::string& db_url, const std::string& tenant, const std::string& username) {
  return guarded([&] {
    auto db = open_migrated(db_url);
    auth::Sessions sessions(*db);
    std::cout << sessions.issue_api_token(tenant, username) << "\n";
    return 0;
  });
}

int backup(const std::string& db_url, const std::string& to_path) {
  return guarded([&] {
    db::backup_sqlite(db_url, to_path);
    std::cout << "backup written to " << to_path << "\n";
    return 0;
  });
}

}  // namespace jiguan::app
