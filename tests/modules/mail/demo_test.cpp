// The demo tenant's mail room (the seed: "机关收发室共收发挂号信2万余封,机要件1400余件,平信约
// 10余万封"): a year at that volume whose statistics answer exactly what was generated, and
// whose closed days (every day but yesterday) balance and match the close's own figures.
#include "modules/mail/demo.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <chrono>
#include <iostream>
#include <memory>

#include "core/app/modules.hpp"
#include "core/auth/password.hpp"
#include "core/db/migrate.hpp"
#include "core/demo/demo_data.hpp"
#include "modules/mail/days.hpp"
#include "support/demo_suite.hpp"
#include "support/http_client.hpp"
#include "support/process.hpp"
#include "support/test_db.hpp"

namespace jiguan {
namespace {

namespace json = boost::json;

// The demo tenant with the mail room's demo alone, loaded once, keeping what it generated.
class MailDemo : public test::DemoSuite {
 protected:
  static void SetUpTestSuite() {
    open_core_demo();
    const auto started = std::chrono::steady_clock::now();
    counts_ = mail::load_demo_data(*db_, tenant_);
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count();
    std::cout << "[ mail demo: " << (counts_ ? counts_->items : 0) << " items, " << (counts_ ? counts_->events : 0)
              << " events, loaded in " << ms << " ms on " << db::dialect_name(db_->dialect()) << " ]\n";
  }
  static inline std::optional<mail::DemoCounts> counts_;
};

TEST_F(MailDemo, TheSeedsVolumeLoadedOnce) {
  ASSERT_TRUE(counts_);
  const auto& c = *counts_;
  EXPECT_GE(c.by_kind.at("registered"), 20'000);  // 挂号信2万余封
  EXPECT_LT(c.by_kind.at("registered"), 21'000);
  EXPECT_GE(c.by_kind.at("confidential"), 1'400);  // 机要件1400余件
  EXPECT_LT(c.by_kind.at("confidential"), 1'500);
  EXPECT_GE(c.by_kind.at("ordinary"), 100'000);  // 平信约10余万封
  EXPECT_GT(c.by_kind.at("parcel"), 0);
  EXPECT_GT(c.by_kind.at("periodical"), 0);
  EXPECT_GT(c.out * 100, c.by_kind.at("registered") * 3);
  EXPECT_GT(c.on_hand, 0);  // the last day's mail partly waits
  EXPECT_LT(c.on_hand, 2'000);
  EXPECT_GT(c.returned + c.forwarded, 0);
  EXPECT_EQ(c.closed_days, 364);
  EXPECT_FALSE(mail::load_demo_data(*db_, tenant_));  // loading again changes nothing
}

TEST_F(MailDemo, TheStatisticsEqualTheGeneratedCountsExactly) {
  ASSERT_TRUE(counts_);
  const auto& c = *counts_;
  test::ServerProcess server(fresh_->url(), test::free_loopback_port());
  test::HttpClient leader(server.port());
  leader.login("juzhang", demo::kPassword, demo::kTenantCode);
  auto res = leader.get("/api/v1/mail/stats?from=" + c.first_day + "&to=" + c.last_day);
  ASSERT_EQ(res.status, 200) << res.body;
  const auto stats = res.json();
  std::cout << "[ " << json::serialize(stats.at("by_kind")) << ", avg " << stats.at("avg_hours_to_delivery") << " h ]\n";
  for (const auto& [kind, letters] : c.by_kind) EXPECT_EQ(stats.at("by_kind").at(kind), letters) << kind;
  EXPECT_EQ(stats.at("by_direction").at("in"), c.in);
  EXPECT_EQ(stats.at("by_direction").at("out"), c.out);
  EXPECT_EQ(stats.at("delivered"), c.delivered);
  EXPECT_EQ(stats.at("returned"), c.returned);
  EXPECT_EQ(stats.at("forwarded"), c.forwarded);
  EXPECT_EQ(stats.at("dispatched"), c.dispatched);
  EXPECT_EQ(stats.at("on_hand"), c.on_hand);
  EXPECT_GT(stats.at("avg_hours_to_delivery").as_double(), 0.5);
  EXPECT_LT(stats.at("avg_hours_to_delivery").as_double(), 72);

  // Yesterday is open to practise the close; the day before it is closed.
  res = leader.get("/api/v1/mail/days/" + c.last_day);
  ASSERT_EQ(res.status, 200) << res.body;
  EXPECT_EQ(res.json().at("closed"), false);
  EXPECT_EQ(leader.get("/api/v1/mail/days?page_size=1").json().at("total"), 364);
}

// Every closed day balances, and its stored figures are what the close computes from the
// items now (checked on a sample of days: the SQL path of the same figure code).
TEST_F(MailDemo, EveryClosedDayBalancesAndMatchesTheClose) {
  db_->read([&](db::Tx& tx) {
    const auto rows = tx.query("SELECT day, figures FROM mail_days WHERE tenant_id = $1 ORDER BY day", tenant_);
    ASSERT_EQ(rows.rows.size(), 364u);
    std::int64_t previous_end = -1;
    for (std::size_t i = 0; i < rows.rows.size(); ++i) {
      const auto& row = rows.rows[i];
      const auto stored = json::parse(row.text(1)).as_object();
      SCOPED_TRACE(row.text(0));
      for (const auto& [kind, f] : stored.at("by_kind").as_object()) {
        const auto& o = f.as_object();
        const mail::Flow flow{o.at("start").as_int64(),    o.at("received").as_int64(),  o.at("delivered").as_int64(),
                              o.at("returned").as_int64(), o.at("forwarded").as_int64(), o.at("dispatched").as_int64(),
                              o.at("end").as_int64()};
        EXPECT_TRUE(mail::balances(flow)) << kind;
      }
      // One day's end is the next day's start.
      const auto& totals = stored.at("totals").as_object();
      if (previous_end >= 0) {
        EXPECT_EQ(totals.at("start").as_int64(), previous_end);
      }
      previous_end = totals.at("end").as_int64();
      if (i % 45 == 0 || i + 1 == rows.rows.size()) {
        EXPECT_EQ(json::serialize(mail::figures_json(mail::day_figures(tx, tenant_, row.text(0)))), row.text(1));
      }
    }
  });
}

}  // namespace
}  // namespace jiguan
