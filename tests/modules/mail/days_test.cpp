// The daily close (日清) and statistics through the real HTTP server: a close refused naming
// the missing item, explained and then closed, signed, audited and locked; days closed in
// order, never in the future; a missing confidential item hidden from the ordinary clerk and
// explained only by the confidential clerk; the statistics of a small hand-made set.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "modules/mail/fixtures.hpp"
#include "support/test_server.hpp"

namespace jiguan::test {
namespace {

namespace json = boost::json;
using mail_fixtures::confidential;
using mail_fixtures::incoming;
using mail_fixtures::kItems;
using mail_fixtures::register_item;

constexpr const char* kDay = "/api/v1/mail/days/2026-03-02";
constexpr const char* kClose = "/api/v1/mail/days/2026-03-02/close";

TEST(MailDays, CloseRefusedNamingTheMissingItemThenExplainedClosedAndLocked) {
  TestServer server;
  auto clerk = server.sign_in_as("shoufa", "mail_clerk", server.seed().root_unit);
  const auto item = register_item(clerk, incoming(server.seed().unit_a, "XA123456789CN"));
  const auto shelved = register_item(clerk, incoming(server.seed().unit_b, "XA000000001CN"));
  register_item(clerk, {{"kind", "ordinary"},
                        {"count", 40},
                        {"addressee_unit_id", server.seed().unit_b},
                        {"received_at", "2026-03-02T10:00:00+08:00"}});
  register_item(clerk, incoming(server.seed().unit_a, "XA000000002CN", {{"received_at", "2026-03-03T09:00:00+08:00"}}));

  auto day = clerk.get(kDay).json();
  EXPECT_EQ(day.at("closed"), false);
  EXPECT_EQ(day.at("figures").at("registered").at("received"), 2);
  EXPECT_EQ(day.at("figures").at("ordinary").at("end"), 40);
  EXPECT_EQ(day.at("totals").at("end"), 42);
  EXPECT_EQ(day.at("expected_on_hand").as_array().size(), 2u);  // the batch is counted, not scanned

  // Days close in order; the future cannot close; unknown codes are refused.
  auto res = clerk.post("/api/v1/mail/days/2026-03-03/close", json::object{});
  ASSERT_EQ(res.status, 409) << res.body;
  EXPECT_EQ(res.error_code(), "previous_day_open");
  EXPECT_EQ(res.json().at("error").at("day"), "2026-03-02");
  expect_invalid(clerk.post("/api/v1/mail/days/2999-01-01/close", json::object{}), "date");
  expect_invalid(clerk.post("/api/v1/mail/days/2026-02-30/close", json::object{}), "date");
  expect_invalid(clerk.post(kClose, {{"present", json::array{"XA404"}}}), "present");

  // The first item is not on the shelf: the close names it.
  const json::object checked{{"present", json::array{shelved.at("code"), " XA000000001CN "}}, {"counted", {{"ordinary", 40}}}};
  res = clerk.post(kClose, checked);
  ASSERT_EQ(res.status, 409) << res.body;
  EXPECT_EQ(res.error_code(), "close_blocked");
  const auto message = std::string(res.json().at("error").at("message").as_string());
  const auto code = std::string(item.at("code").as_string());
  EXPECT_NE(message.find("缺少 " + code + "（XA123456789CN，" + std::string(item.at("addressee_unit_name").as_string()) + "）"),
            std::string::npos)
      << message;
  const auto differences = res.json().at("error").at("differences").as_array();
  ASSERT_EQ(differences.size(), 1u);
  EXPECT_EQ(differences[0].at("type"), "missing");
  EXPECT_EQ(differences[0].at("item_id"), item.at("id"));
  // A miscount too, and an explanation of nothing is refused.
  res = clerk.post(kClose, {{"present", checked.at("present")}, {"counted", {{"ordinary", 39}}}});
  EXPECT_EQ(res.json().at("error").at("differences").as_array().size(), 2u);
  auto explained = checked;
  explained["explanations"] = json::array{{{"item_id", shelved.at("id")}, {"note", "无差异"}}};
  expect_invalid(clerk.post(kClose, explained), "explanations");
  EXPECT_EQ(clerk.get(kDay).json().at("closed"), false);  // nothing half-written

  explained["explanations"] = json::array{{{"item_id", item.at("id")}, {"note", "收件人当日下班前直接取走，次日补签"}}};
  res = clerk.post(kClose, explained);
  ASSERT_EQ(res.status, 200) << res.body;
  day = res.json();
  EXPECT_EQ(day.at("closed"), true);
  EXPECT_EQ(day.at("digest").as_string().size(), 64u);
  EXPECT_EQ(day.at("explanations").as_array().size(), 1u);
  EXPECT_EQ(day.at("explanations").at(0).at("code"), item.at("code"));
  EXPECT_EQ(day.at("closed_by_name"), "shoufa");
  EXPECT_EQ(clerk.get(kDay).json(), day);
  EXPECT_EQ(clerk.get("/api/v1/mail/days?from=2026-03-01&to=2026-03-31").json().at("total"), 1);
  EXPECT_EQ(clerk.get("/api/v1/mail/days?from=2026-03-03").json().at("total"), 0);
  EXPECT_EQ(server.db().read([](db::Tx& tx) {
    return tx.query("SELECT COUNT(*) FROM audit_log WHERE entity = 'mail_day' AND action = 'close'").one().int64(0);
  }),
            1);

  // Locked: closing again, or registering into it, is refused.
  EXPECT_EQ(clerk.post(kClose, explained).error_code(), "day_closed");
  res = clerk.post(kItems, incoming(server.seed().unit_a, "XA000000003CN"));
  ASSERT_EQ(res.status, 409) << res.body;
  EXPECT_EQ(res.error_code(), "day_closed");
  // Reading is not closing.
  EXPECT_EQ(server.staff().post("/api/v1/mail/days/2026-03-03/close", json::object{}).status, 403);
}

TEST(MailDays, AMissingConfidentialItemIsHiddenAndExplainedOnlyByTheConfidentialClerk) {
  TestServer server;
  auto keeper = server.sign_in_as("jiyao", "confidential_clerk", server.seed().root_unit);
  auto clerk = server.sign_in_as("shoufa", "mail_clerk", server.seed().root_unit);
  const auto item = register_item(keeper, confidential(server.seed().unit_a, "JY0001"));

  EXPECT_TRUE(clerk.get(kDay).json().at("expected_on_hand").as_array().empty());
  EXPECT_EQ(clerk.get(kDay).json().at("figures").at("confidential").at("end"), 1);  // counted all the same
  auto res = clerk.post(kClose, json::object{});
  ASSERT_EQ(res.status, 409) << res.body;
  EXPECT_NE(res.body.find("机要件 1 件"), std::string::npos) << res.body;
  EXPECT_EQ(res.body.find("JY0001"), std::string::npos);
  const auto difference = res.json().at("error").at("differences").at(0);
  EXPECT_TRUE(difference.at("code").is_null());
  EXPECT_TRUE(difference.at("item_id").is_null());
  const json::object by_kind{{"explanations", json::array{{{"kind", "confidential"}, {"note", "机要员已核对"}}}}};
  expect_invalid(clerk.post(kClose, by_kind), "explanations");

  res = keeper.post(kClose, json::object{});
  ASSERT_EQ(res.status, 409);
  EXPECT_NE(res.body.find(std::string(item.at("code").as_string())), std::string::npos) << res.body;
  res = keeper.post(kClose, by_kind);
  ASSERT_EQ(res.status, 200) << res.body;
  EXPECT_EQ(res.json().at("explanations").at(0).at("code"), item.at("code"));
  const auto shown = clerk.get(kDay).json().at("explanations").at(0);
  EXPECT_TRUE(shown.at("code").is_null());
  EXPECT_EQ(shown.at("note"), "机要员已核对");
}

TEST(MailStats, ASmallHandMadeSet) {
  TestServer server;
  auto keeper = server.sign_in_as("jiyao", "confidential_clerk", server.seed().root_unit);
  const auto a = server.seed().unit_a, b = server.seed().unit_b;
  const auto delivered = register_item(keeper, incoming(a, "XA1"));
  register_item(keeper, confidential(b, "JY1"));
  register_item(keeper,
                {{"kind", "ordinary"}, {"count", 40}, {"addressee_unit_id", b}, {"received_at", "2026-03-02T10:00:00+08:00"}});
  register_item(keeper,
                {{"kind", "periodical"}, {"count", 3}, {"addressee_unit_id", a}, {"received_at", "2026-04-01T10:00:00+08:00"}});
  register_item(keeper, {{"kind", "registered"},
                         {"direction", "out"},
                         {"sender_unit_id", a},
                         {"addressee", "临沂市财政局"},
                         {"received_at", "2026-03-03T10:00:00+08:00"}});
  register_item(keeper, incoming(a, "XA2", {{"received_at", "2025-12-31T09:00:00+08:00"}}));  // before the range
  // Delivered 3.5 hours after receipt (the hand-over itself is the delivery routes' business).
  server.db().write([&](db::Tx& tx) {
    tx.query(
        "UPDATE mail_items SET status = 'delivered', closed_at = '2026-03-02T04:30:00Z', closed_on = '2026-03-02',"
        " receiver_name = '张伟' WHERE id = $1",
        delivered.at("id").as_int64());
  });

  const auto res = server.staff().get("/api/v1/mail/stats?from=2026-01-01&to=2026-12-31");
  ASSERT_EQ(res.status, 200) << res.body;
  const auto stats = res.json();
  EXPECT_EQ(stats.at("by_kind"), json::parse(R"({"registered":2,"confidential":1,"ordinary":40,"parcel":0,"periodical":3})"));
  EXPECT_EQ(stats.at("by_direction"), json::parse(R"({"in":45,"out":1})"));
  EXPECT_EQ(stats.at("delivered"), 1);
  EXPECT_EQ(stats.at("on_hand"), 45);
  EXPECT_EQ(stats.at("dispatched"), 0);
  EXPECT_EQ(stats.at("avg_hours_to_delivery").as_double(), 3.5);
  const auto& units = stats.at("by_unit").as_array();
  ASSERT_EQ(units.size(), 2u);
  EXPECT_EQ(units[0].at("unit_id"), b);  // most first
  EXPECT_EQ(units[0].at("received"), 41);
  EXPECT_EQ(units[1].at("received"), 4);
  EXPECT_EQ(units[1].at("delivered"), 1);
  EXPECT_EQ(units[1].at("on_hand"), 3);
  EXPECT_EQ(stats.at("by_month"), json::parse(R"([{"month":"2026-03","in":42,"out":1},{"month":"2026-04","in":3,"out":0}])"));

  EXPECT_EQ(server.staff().get("/api/v1/mail/stats?from=2026-04-01&to=2026-04-30").json().at("by_direction").at("in"), 3);
  expect_invalid(server.staff().get("/api/v1/mail/stats?from=2026-04-01&to=2026-03-01"), "to");
  expect_invalid(server.staff().get("/api/v1/mail/stats?from=2026-13-01"), "from");
  const auto xlsx = server.staff().get("/api/v1/mail/stats?from=2026-01-01&to=2026-12-31&format=xlsx");
  EXPECT_EQ(xlsx.status, 200);
  EXPECT_EQ(xlsx.body.substr(0, 2), "PK");
}

}  // namespace
}  // namespace jiguan::test
