// The jiguan subcommands, run as a user runs them: the real binary, real database.
#include <gtest/gtest.h>

#include <atomic>
#include <boost/json.hpp>
#include <filesystem>
#include <thread>

#include "core/db/db.hpp"
#include "core/db/migrate.hpp"
#include "support/http_client.hpp"
#include "support/process.hpp"
#include "support/test_db.hpp"

namespace jiguan::test {
namespace {

std::string last_line(const std::string& s) {
  auto end = s.find_last_not_of('\n');
  auto start = s.rfind('\n', end);
  return s.substr(start == std::string::npos ? 0 : start + 1, end - (start == std::string::npos ? 0 : start + 1) + 1);
}

TEST(Commands, MigrateAppliesOnceThenNothing) {
  FreshDatabase fresh;
  auto first = run_jiguan({"migrate", "--db", fresh.url()});
  EXPECT_EQ(first.exit_code, 0) << first.output;
  const auto all = std::to_string(db::bundled_migrations().size());
  EXPECT_NE(first.output.find("applied " + all + ","), std::string::npos) << first.output;
  auto second = run_jiguan({"migrate", "--db", fresh.url()});
  EXPECT_NE(second.output.find("applied 0, already applied " + all), std::string::npos) << second.output;
}

TEST(Commands, UserCreateThenLoginAndTokenCreateThenBearer) {
  FreshDatabase fresh;
  auto created = run_jiguan({"user", "create", "--db", fresh.url(), "--username", "boss", "--role", "admin", "--password-stdin"},
                            "Boss-pass-12\n");
  ASSERT_EQ(created.exit_code, 0) << created.output;
  auto duplicate = run_jiguan({"user", "create", "--db", fresh.url(), "--username", "boss", "--role", "admin", "--password-stdin"},
                              "Boss-pass-12\n");
  EXPECT_EQ(duplicate.exit_code, 1);
  EXPECT_NE(duplicate.output.find("用户名已存在"), std::string::npos) << duplicate.output;
  auto weak = run_jiguan({"user", "create", "--db", fresh.url(), "--username", "weak", "--role", "staff", "--password-stdin"}, "abc\n");
  EXPECT_EQ(weak.exit_code, 1);
  EXPECT_NE(weak.output.find("(password)"), std::string::npos) << weak.output;
  EXPECT_NE(run_jiguan({"user", "create", "--username", "x"}).exit_code, 0);  // missing --role: usage error

  auto token = run_jiguan({"token", "create", "--db", fresh.url(), "--username", "boss"});
  ASSERT_EQ(token.exit_code, 0) << token.output;
  ServerProcess server(fresh.url(), free_loopback_port());
  HttpClient by_password(server.port());
  EXPECT_EQ(by_password.login("boss", "Boss-pass-12").json().at("user").at("role"), "admin");
  HttpClient by_token(server.port());
  by_token.set_bearer(last_line(token.output));
  EXPECT_EQ(by_token.get("/api/v1/auth/me").json().at("user").at("username"), "boss");
}

TEST(Commands, DemoDataIsTheSeedsDistrictAndLoadsOnce) {
  FreshDatabase fresh;
  ASSERT_EQ(run_jiguan({"demo-data", "--db", fresh.url()}).exit_code, 0);
  auto again = run_jiguan({"demo-data", "--db", fresh.url()});
  EXPECT_NE(again.output.find("already present, 0 accounts created"), std::string::npos) << again.output;
  auto db = db::Database::open(fresh.url());
  auto count = [&](const char* kind) {
    return db->read([&](db::Tx& tx) { return tx.query("SELECT COUNT(*) FROM units WHERE kind = $1", kind).one().int64(0); });
  };
  EXPECT_EQ(count("sector"), 15);                         // 区级15个口
  EXPECT_EQ(count("department") + count("bureau"), 67);   // 67个参改部门单位
  EXPECT_EQ(count("section"), 10);                        // 下设10个科室
  // Every department sits in a sector, and each sector's first unit is its lead unit.
  auto orphans = db->read([](db::Tx& tx) {
    return tx.query("SELECT COUNT(*) FROM units u JOIN units p ON p.tenant_id = u.tenant_id AND p.id = u.parent_id "
                    "WHERE u.kind IN ('department', 'bureau') AND p.kind <> 'sector'")
        .one()
        .int64(0);
  });
  EXPECT_EQ(orphans, 0);

  // The vehicle reform tells the seed's story to the fen, through the API as the vehicles officer.
  ServerProcess server(fresh.url(), free_loopback_port());
  HttpClient officer(server.port());
  ASSERT_EQ(officer.login("cheguan", "Jiguan@2016", "luozhuang").status, 200);
  const auto campaigns = officer.get("/api/v1/vehicles/campaigns").json();
  ASSERT_EQ(campaigns.at("total"), 1);
  const auto stats =
      officer.get("/api/v1/vehicles/stats?campaign=" + std::to_string(campaigns.at("items").at(0).at("id").as_int64())).json();
  EXPECT_EQ(stats.at("participating_units"), 67);    // 67个参改部门单位
  EXPECT_EQ(stats.at("vehicles"), 507);              // 参改车辆共计507辆
  EXPECT_EQ(stats.at("cancelled"), 293);             // 取消车辆总数293辆
  EXPECT_EQ(stats.at("retained"), 214);
  EXPECT_EQ(stats.at("scrapped"), 62);               // 62辆车直接进入报废程序
  EXPECT_EQ(stats.at("auctioned"), 231);             // 其余的231辆车通过网上拍卖
  EXPECT_EQ(stats.at("auction_batches"), 6);         // 分6批
  EXPECT_EQ(stats.at("auction_income_fen"), 511'178'000);  // 拍卖总价达511.178万元
  EXPECT_EQ(stats.at("remitted_fen"), 513'800'400);        // 513.8004万元转入财政专用账户
  EXPECT_EQ(stats.at("scrap_income_fen"), 513'800'400 - 511'178'000);
  std::int64_t allocated = 0;
  for (const auto& sector : stats.at("retained_by_sector").as_array()) allocated += sector.at("vehicles").as_int64();
  EXPECT_EQ(stats.at("retained_by_sector").as_array().size(), 15u);  // 区级15个口
  EXPECT_EQ(allocated, 57);                                          // 保留的57辆机要通信应急用车
}

class CommandsSqliteOnly : public ::testing::Test {};

TEST_F(CommandsSqliteOnly, BackupIsAConsistentCopyWhileTheServerWrites) {
  FreshDatabase fresh;
  ASSERT_EQ(run_jiguan({"user", "create", "--db", fresh.url(), "--username", "writer", "--role", "admin", "--password-stdin"},
                       "Writer-pass-1\n").exit_code, 0);
  const auto token = last_line(run_jiguan({"token", "create", "--db", fresh.url(), "--username", "writer"}).output);
  ServerProcess server(fresh.url(), free_loopback_port());
  std::atomic<bool> stop{false};
  std::atomic<int> written{0};
  std::thread writer([&] {
    HttpClient client(server.port());
    client.set_bearer(token);
    client.post("/api/v1/units", {{"code", "ROOT"}, {"name", "根"}, {"kind", "bureau"}});
    for (int i = 0; !stop; ++i) {
      if (client.post("/api/v1/units", {{"code", "U" + std::to_string(i)}, {"name", "单位"}, {"kind", "section"}}).status == 201) ++written;
    }
  });
  while (written < 50) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  const auto copy = std::filesystem::path(fresh.url().substr(7)).parent_path() / "backup.db";
  auto result = run_jiguan({"backup", "--db", fresh.url(), "--to", copy.string()});
  const int written_after_backup = written;
  stop = true;
  writer.join();
  ASSERT_EQ(result.exit_code, 0) << result.output;
  auto backup = db::Database::open("sqlite:" + copy.string());
  EXPECT_EQ(backup->read([](db::Tx& tx) { return tx.query("PRAGMA integrity_check").one().text(0); }), "ok");
  const auto units = backup->read([](db::Tx& tx) { return tx.query("SELECT COUNT(*) FROM units WHERE kind = 'section'").one().int64(0); });
  EXPECT_GE(units, 50);
  EXPECT_LE(units, written_after_backup);
  // Each unit's audit row is in the copy too: the copy is one transaction-consistent state.
  const auto audited = backup->read([](db::Tx& tx) {
    return tx.query("SELECT COUNT(*) FROM audit_log WHERE entity = 'unit' AND action = 'create'").one().int64(0);
  });
  EXPECT_EQ(audited, units + 1);
}

class CommandsPostgresOnly : public ::testing::Test {};

TEST_F(CommandsPostgresOnly, BackupRefusesPostgresqlAndSaysWhatToUse) {
  FreshDatabase fresh;
  auto result = run_jiguan({"backup", "--db", fresh.url(), "--to", "/tmp/never-written.db"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.output.find("pg_dump"), std::string::npos) << result.output;
}

}  // namespace
}  // namespace jiguan::test
