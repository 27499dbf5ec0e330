// The mail room's registration through the real HTTP server: items and counted batches,
// duplicate tracking numbers, validation, the liaison notified and seeing what waits,
// confidential items hidden from everyone but the confidential clerk and the addressee,
// lookup by scanned code, the append-only chain of custody, slots, and Excel.
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

TEST(MailItems, RegisterListAndRefuseDuplicates) {
  TestServer server;
  auto clerk = server.sign_in_as("shoufa", "mail_clerk", server.seed().root_unit);
  const auto item = register_item(clerk, incoming(server.seed().unit_a, " XA123456789CN "));
  EXPECT_EQ(item.at("tracking_no"), "XA123456789CN");  // the scanner's spaces trimmed
  EXPECT_EQ(item.at("status"), "received");             // unit A has no receiver yet
  EXPECT_EQ(item.at("received_on"), "2026-03-02");
  EXPECT_EQ(item.at("code").as_string().size(), 9u);

  auto again = clerk.post(kItems, incoming(server.seed().unit_b, "XA123456789CN"));
  ASSERT_EQ(again.status, 409) << again.body;
  EXPECT_EQ(again.error_code(), "duplicate_tracking_no");
  EXPECT_EQ(again.json().at("error").at("item_id"), item.at("id"));

  // 400 ordinary letters for one unit are one counted batch.
  const auto batch = register_item(clerk, {{"kind", "ordinary"}, {"count", 400}, {"addressee_unit_id", server.seed().unit_b},
                                           {"received_at", "2026-03-02T10:00:00+08:00"}});
  EXPECT_EQ(batch.at("count"), 400);

  auto list = clerk.get(std::string(kItems) + "?kind=ordinary").json();
  EXPECT_EQ(list.at("total"), 1);
  list = clerk.get(std::string(kItems) + "?q=XA1234&from=2026-03-02&to=2026-03-02").json();
  EXPECT_EQ(list.at("total"), 1);
  EXPECT_EQ(clerk.get(std::string(kItems) + "?status=on_hand").json().at("total"), 2);
  auto xlsx = clerk.get(std::string(kItems) + "?format=xlsx");
  EXPECT_EQ(xlsx.status, 200);
  EXPECT_EQ(clerk.get("/api/v1/mail/lookup?code=" + std::string(item.at("code").as_string())).json().at("id"), item.at("id"));
  EXPECT_EQ(clerk.get("/api/v1/mail/lookup?code=XA123456789CN").json().at("id"), item.at("id"));
  EXPECT_EQ(clerk.get("/api/v1/mail/lookup?code=nothing").status, 404);
}

TEST(MailItems, ValidationNamesTheField) {
  TestServer server;
  auto clerk = server.sign_in_as("jiyao", "confidential_clerk", server.seed().root_unit);
  const auto unit = server.seed().unit_a;
  expect_invalid(clerk.post(kItems, incoming(unit, "A1", {{"kind", "telegram"}})), "kind");
  expect_invalid(clerk.post(kItems, incoming(unit, "A1", {{"count", 3}})), "count");
  expect_invalid(clerk.post(kItems, incoming(unit, "", {})), "tracking_no");
  expect_invalid(clerk.post(kItems, {{"kind", "ordinary"}, {"count", 2}}), "addressee_unit_id");
  expect_invalid(clerk.post(kItems, incoming(unit, "A1", {{"kind", "confidential"}})), "secrecy_level");
  expect_invalid(clerk.post(kItems, incoming(unit, "A1", {{"secrecy_level", "secret"}})), "secrecy_level");
  expect_invalid(clerk.post(kItems, incoming(unit, "A1", {{"received_at", "2026-03-02 09:00"}})), "received_at");
  expect_invalid(clerk.post(kItems, incoming(999999, "A1")), "addressee_unit_id");
  expect_invalid(clerk.post(kItems, {{"kind", "registered"}, {"direction", "out"}, {"addressee", "市政府"}}), "sender_unit_id");
  EXPECT_EQ(clerk.get(std::string(kItems) + "?status=lost").status, 422);
  EXPECT_EQ(server.admin().get(kItems).json().at("total"), 0);  // nothing half-written
  // Reading is not registering.
  EXPECT_EQ(server.staff().post(kItems, incoming(unit, "A2")).status, 403);
}

TEST(MailItems, LiaisonIsNotifiedAndSeesWhatWaits) {
  TestServer server;
  auto liaison = server.sign_in_as("lianluo", "liaison", server.seed().unit_a);
  auto clerk = server.sign_in_as("shoufa", "mail_clerk", server.seed().root_unit);
  const auto item = register_item(clerk, incoming(server.seed().unit_a, "XA0001"));
  EXPECT_EQ(item.at("status"), "notified");
  register_item(clerk, incoming(server.seed().unit_b, "XB0001"));

  const auto inbox = liaison.get("/api/v1/notifications").json();
  ASSERT_EQ(inbox.at("items").as_array().size(), 1u) << inbox;
  EXPECT_EQ(inbox.at("items").at(0).at("kind"), "mail.waiting");
  const auto waiting = liaison.get("/api/v1/mail/waiting?sort=received_at").json();
  ASSERT_EQ(waiting.at("total"), 1);
  EXPECT_EQ(waiting.at("items").at(0).at("id"), item.at("id"));
  // The liaison's data scope: unit B's letter is not theirs.
  EXPECT_EQ(liaison.get(kItems).json().at("total"), 1);

  const auto events = liaison.get("/api/v1/mail/items/" + std::to_string(item.at("id").as_int64()) + "/events").json();
  ASSERT_EQ(events.at("items").as_array().size(), 2u);
  EXPECT_EQ(events.at("items").at(0).at("action"), "received");
  EXPECT_EQ(events.at("items").at(1).at("action"), "notified");
}

TEST(MailItems, ConfidentialItemsAreSeenOnlyByTheConfidentialClerkAndTheAddressee) {
  TestServer server;
  auto jiyao = server.sign_in_as("jiyao", "confidential_clerk", server.seed().root_unit);
  auto clerk = server.sign_in_as("shoufa", "mail_clerk", server.seed().root_unit);
  auto liaison_a = server.sign_in_as("lianluo", "liaison", server.seed().unit_a);
  auto liaison_b = server.sign_in_as("lianluob", "liaison", server.seed().unit_b);
  auto admin = server.admin();
  const auto secret = register_item(jiyao, confidential(server.seed().unit_a, "JY0001"));
  EXPECT_EQ(secret.at("secrecy_level"), "confidential");
  const auto path = "/api/v1/mail/items/" + std::to_string(secret.at("id").as_int64());

  EXPECT_EQ(jiyao.get(path).status, 200);
  EXPECT_EQ(liaison_a.get(path).status, 200);  // the addressee unit's receiver
  for (auto* other : {&clerk, &liaison_b, &admin}) {
    EXPECT_EQ(other->get(path).status, 404);
    EXPECT_EQ(other->get(path + "/events").status, 404);
    EXPECT_EQ(other->get(std::string(kItems) + "?kind=confidential").json().at("total"), 0);
    EXPECT_EQ(other->get("/api/v1/mail/lookup?code=JY0001").status, 404);
  }
  // The plain clerk may not register one either: registering shows its secrets.
  EXPECT_EQ(clerk.post(kItems, confidential(server.seed().unit_a, "JY0002")).status, 403);
}

TEST(MailItems, TheChainOfCustodyCannotBeChangedEvenInSql) {
  TestServer server;
  auto clerk = server.sign_in_as("shoufa", "mail_clerk", server.seed().root_unit);
  register_item(clerk, incoming(server.seed().unit_a, "XA0001"));
  for (const char* change : {"UPDATE mail_events SET note = 'x'", "DELETE FROM mail_events"}) {
    EXPECT_THROW(server.db().write([&](db::Tx& tx) { tx.query(change); }), db::DbError) << change;
  }
  EXPECT_EQ(server.db().read([](db::Tx& tx) { return tx.query("SELECT COUNT(*) FROM mail_events").one().int64(0); }), 1);
}

TEST(MailSlots, CreateRenameListAndRefuseDuplicates) {
  TestServer server;
  auto clerk = server.sign_in_as("shoufa", "mail_clerk", server.seed().root_unit);
  auto res = clerk.post("/api/v1/mail/slots", {{"code", "a-01"}, {"name", "教育局"}});
  ASSERT_EQ(res.status, 201) << res.body;
  EXPECT_EQ(res.json().at("code"), "A-01");
  const auto slot = res.json().at("id").as_int64();
  EXPECT_EQ(clerk.post("/api/v1/mail/slots", {{"code", "A-01"}}).error_code(), "conflict");
  expect_invalid(clerk.post("/api/v1/mail/slots", {{"code", "A 01"}}), "code");
  register_item(clerk, incoming(server.seed().unit_a, "XA0001", {{"slot_id", slot}}));
  EXPECT_EQ(clerk.patch("/api/v1/mail/slots/" + std::to_string(slot), {{"name", "教体局"}}).json().at("name"), "教体局");
  const auto list = clerk.get("/api/v1/mail/slots").json();
  EXPECT_EQ(list.at("items").at(0).at("on_hand"), 1);
}

}  // namespace
}  // namespace jiguan::test
