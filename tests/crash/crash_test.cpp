// Crash safety: the real jiguan binary is killed with SIGKILL in the middle of a burst of
// writes. After a restart every write that was answered 2xx must be there, and the
// database must open cleanly (SQLite: integrity_check ok).
#include <gtest/gtest.h>
#include <signal.h>

#include <atomic>
#include <boost/json.hpp>
#include <chrono>
#include <mutex>
#include <set>
#include <thread>

#include "core/audit/audit.hpp"
#include "core/auth/accounts.hpp"
#include "core/auth/password.hpp"
#include "core/auth/sessions.hpp"
#include "core/db/migrate.hpp"
#include "core/org/tenants.hpp"
#include "support/http_client.hpp"
#include "support/process.hpp"
#include "support/test_db.hpp"

namespace jiguan::test {
namespace {

TEST(CrashSafety, EveryAcknowledgedWriteSurvivesKill9) {
  FreshDatabase fresh;
  std::string token;
  {
    auth::set_hash_cost(auth::HashCost::minimal);
    auto db = db::Database::open(fresh.url());
    db::migrate(*db, db::bundled_migrations());
    const auto tenant = org::ensure_tenant(*db, "crash", "崩溃测试局");
    auth::create_account(*db, audit::system_actor(tenant.id, "test"), {"writer", "写入者", "admin", std::nullopt, "Writer-pass-1"});
    token = auth::Sessions(*db).issue_api_token("crash", "writer");
  }
  const auto port = free_loopback_port();
  auto server = std::make_unique<ServerProcess>(fresh.url(), port);

  std::mutex mutex;
  std::set<std::string> acknowledged;
  std::atomic<bool> stop{false};
  std::atomic<int> failures_after_kill{0};
  std::vector<std::thread> writers;
  for (int w = 0; w < 4; ++w) {
    writers.emplace_back([&, w] {
      HttpClient client(port);
      client.set_bearer(token);
      for (int i = 0; !stop; ++i) {
        const auto code = "W" + std::to_string(w) + "-" + std::to_string(i);
        try {
          auto res = client.post("/api/v1/units", {{"code", code}, {"name", "单位" + code}, {"kind", "department"}});
          if (res.status == 201) {
            std::lock_guard lock(mutex);
            acknowledged.insert(code);
          }
        } catch (const std::exception&) {
          ++failures_after_kill;  // the server is gone
          std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
      }
    });
  }
  // Kill once a good number of writes has been acknowledged, with more in flight.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (std::chrono::steady_clock::now() < deadline) {
    {
      std::lock_guard lock(mutex);
      if (acknowledged.size() >= 200) break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  server->stop(SIGKILL);
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  stop = true;
  for (auto& t : writers) t.join();
  ASSERT_GE(acknowledged.size(), 200u);

  // Restart on the same database: it opens cleanly and holds every acknowledged write.
  server = std::make_unique<ServerProcess>(fresh.url(), port);
  auto db = db::Database::open(fresh.url());
  if (db->dialect() == db::Dialect::sqlite) {
    EXPECT_EQ(db->read([](db::Tx& tx) { return tx.query("PRAGMA integrity_check").one().text(0); }), "ok");
  }
  std::set<std::string> stored;
  db->read([&](db::Tx& tx) {
    for (const auto& row : tx.query("SELECT code FROM units").rows) stored.insert(row.text(0));
  });
  for (const auto& code : acknowledged) EXPECT_TRUE(stored.count(code)) << "acknowledged write lost: " << code;
  EXPECT_GE(stored.size(), acknowledged.size());
  HttpClient client(port);
  client.set_bearer(token);
  EXPECT_EQ(client.get("/api/v1/units?page_size=1").json().at("total").as_int64(), static_cast<std::int64_t>(stored.size()));
}

}  // namespace
}  // namespace jiguan::test
