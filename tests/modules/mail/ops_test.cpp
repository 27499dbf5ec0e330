// The mail room's counter operations through the real HTTP server: notifying, delivery with a
// drawn or PIN signature, return and forwarding, locked days, the two-person hand-over and
// delivery of confidential items per role, and the append-only chain of custody.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/util/time.hpp"
#include "modules/mail/fixtures.hpp"
#include "support/test_server.hpp"

namespace jiguan::test {
namespace {

namespace json = boost::json;
using mail_fixtures::account_id;
using mail_fixtures::confidential;
using mail_fixtures::incoming;
using mail_fixtures::kSignaturePng;
using mail_fixtures::register_item;

constexpr const char* kPassword = "Account-pass-1";  // of sign_in_as accounts

std::string item_path(const json::object& item, const std::string& action = "") {
  return "/api/v1/mail/items/" + std::to_string(item.at("id").as_int64()) + (action.empty() ? "" : "/" + action);
}

json::object drawn(const char* receiver_name) {
  return {{"receiver_name", receiver_name}, {"signature", {{"method", "drawn"}, {"image", kSignaturePng}}}};
}

json::object pin(const std::string& username, const std::string& password) {
  return {{"signature", {{"method", "pin"}, {"username", username}, {"password", password}}}};
}

json::object two_people(const std::string& handing_password, const std::string& receiver, const std::string& password = kPassword) {
  return {{"handing_password", handing_password}, {"receiver", {{"username", receiver}, {"password", password}}}};
}

json::array events_of(HttpClient& client, const json::object& item) {
  return client.get(item_path(item, "events")).json().at("items").as_array();
}

std::int64_t count(TestServer& server, const std::string& sql) {
  return server.db().read([&](db::Tx& tx) { return tx.query(sql).one().int64(0); });
}

std::string today() { return util::china_date(std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now())); }

TEST(MailDelivery, ADrawnSignatureClosesTheItemAndIsServedAsPng) {
  TestServer server;
  auto clerk = server.sign_in_as("shoufa", "mail_clerk", server.seed().root_unit);
  const auto item = register_item(clerk, incoming(server.seed().unit_a, "XA0001"));
  const auto deliver = item_path(item, "deliver");

  expect_invalid(clerk.post(deliver, json::object{}), "signature");
  expect_invalid(clerk.post(deliver, {{"signature", {{"method", "drawn"}, {"image", kSignaturePng}}}}), "receiver_name");
  expect_invalid(clerk.post(deliver, {{"receiver_name", "张三"}, {"signature", {{"method", "drawn"}, {"image", "data:image/png;base64,@@"}}}}),
                 "signature");
  expect_invalid(clerk.post(deliver, {{"receiver_name", "张三"}, {"signature", {{"method", "stamp"}}}}), "signature");
  EXPECT_EQ(clerk.get(item_path(item, "signature")).status, 404);

  auto res = clerk.post(deliver, drawn("张三"));
  ASSERT_EQ(res.status, 200) << res.body;
  const auto done = res.json().as_object();
  EXPECT_EQ(done.at("status"), "delivered");
  EXPECT_EQ(done.at("receiver_name"), "张三");
  EXPECT_EQ(done.at("signature_method"), "drawn");
  EXPECT_EQ(done.at("closed_on"), json::value(today()));
  EXPECT_TRUE(done.at("custodian_account_id").is_null());

  const auto png = clerk.get(item_path(item, "signature"));
  ASSERT_EQ(png.status, 200);
  EXPECT_EQ(png.header("content-type"), "image/png");
  EXPECT_EQ(png.body.substr(0, 4), "\x89PNG");

  const auto events = events_of(clerk, item);
  const auto& last = events.back().as_object();
  EXPECT_EQ(last.at("action"), "delivered");
  EXPECT_EQ(last.at("from_account_id"), account_id(server, "shoufa"));
  EXPECT_EQ(last.at("to_name"), "张三");
  EXPECT_EQ(count(server, "SELECT COUNT(*) FROM audit_log WHERE entity = 'mail_item' AND action = 'deliver'"), 1);

  // Gone from the mail room: a second delivery, a return or a forward is a state error.
  for (const auto& [action, body] : {std::pair<const char*, json::object>{"deliver", drawn("李四")},
                                     {"return", {{"reason", "查无此人"}}},
                                     {"forward", {{"to", "市档案馆"}, {"reason", "改投"}}}}) {
    auto again = clerk.post(item_path(item, action), body);
    EXPECT_EQ(again.status, 409) << action;
    EXPECT_EQ(again.error_code(), "invalid_state");
    EXPECT_EQ(again.json().at("error").at("status"), "delivered");
  }
}

TEST(MailDelivery, APinIsTheReceiversOwnPasswordAndAWrongOneChangesNothing) {
  TestServer server;
  auto liaison = server.sign_in_as("lianluo", "liaison", server.seed().unit_a);
  auto clerk = server.sign_in_as("shoufa", "mail_clerk", server.seed().root_unit);
  const auto item = register_item(clerk, incoming(server.seed().unit_a, "XA0001"));
  ASSERT_EQ(item.at("status"), "notified");
  const auto deliver = item_path(item, "deliver");

  for (const auto& wrong : {pin("lianluo", "Wrong-pass-1"), pin("nobody", kPassword)}) {
    auto res = clerk.post(deliver, wrong);
    ASSERT_EQ(res.status, 422) << res.body;
    EXPECT_EQ(res.error_code(), "bad_credential");
    EXPECT_EQ(res.json().at("error").at("field"), "signature");
    EXPECT_EQ(res.json().at("error").at("message"), "账号或密码不正确");  // never which part
  }
  EXPECT_EQ(clerk.get(item_path(item)).json().at("status"), "notified");
  EXPECT_EQ(events_of(clerk, item).size(), 2u);

  auto res = clerk.post(deliver, pin("lianluo", kPassword));
  ASSERT_EQ(res.status, 200) << res.body;
  EXPECT_EQ(res.json().at("status"), "delivered");
  EXPECT_EQ(res.json().at("signature_method"), "pin");
  EXPECT_EQ(res.json().at("receiver_name"), "lianluo");  // the account's display name
  EXPECT_EQ(res.json().at("receiver_account_id"), account_id(server, "lianluo"));
  EXPECT_EQ(clerk.get(item_path(item, "signature")).status, 404);
  EXPECT_EQ(events_of(clerk, item).back().at("to_account_id"), account_id(server, "lianluo"));
}

// A PIN is a password: guessing it at the counter locks the account as failed logins do
// (5 wrong, then 423 even for the right one), and each failure is in the audit trail.
TEST(MailDelivery, GuessingAPinLocksTheAccountLikeFailedLogins) {
  TestServer server;
  server.sign_in_as("lianluo", "liaison", server.seed().unit_a);
  auto clerk = server.sign_in_as("shoufa", "mail_clerk", server.seed().root_unit);
  const auto deliver = item_path(register_item(clerk, incoming(server.seed().unit_a, "XA0001")), "deliver");
  for (int i = 0; i < 5; ++i) EXPECT_EQ(clerk.post(deliver, pin("lianluo", "Wrong-pass-" + std::to_string(i))).status, 422);
  auto res = clerk.post(deliver, pin("lianluo", kPassword));
  EXPECT_EQ(res.status, 423) << res.body;
  EXPECT_EQ(res.error_code(), "account_locked");
  EXPECT_EQ(count(server, "SELECT COUNT(*) FROM audit_log WHERE action = 'login_failed'"), 5);
  EXPECT_EQ(server.client().post("/api/v1/auth/login", {{"username", "lianluo"}, {"password", kPassword}}).status, 423);
}

TEST(MailDelivery, NotifyingNeedsAReceiverAndRemindsOnce) {
  TestServer server;
  auto clerk = server.sign_in_as("shoufa", "mail_clerk", server.seed().root_unit);
  const auto item = register_item(clerk, incoming(server.seed().unit_a, "XA0001"));
  ASSERT_EQ(item.at("status"), "received");  // unit A has no liaison yet

  auto res = clerk.post(item_path(item, "notify"), json::object{});
  ASSERT_EQ(res.status, 409) << res.body;
  EXPECT_EQ(res.error_code(), "no_receiver");

  auto liaison = server.sign_in_as("lianluo", "liaison", server.seed().unit_a);
  res = clerk.request("POST", item_path(item, "notify"));  // no body needed
  ASSERT_EQ(res.status, 200) << res.body;
  EXPECT_EQ(res.json().at("status"), "notified");
  const auto notified_at = res.json().at("notified_at");
  res = clerk.post(item_path(item, "notify"), json::object{});  // a reminder
  ASSERT_EQ(res.status, 200) << res.body;
  EXPECT_EQ(res.json().at("status"), "notified");
  EXPECT_EQ(res.json().at("notified_at"), notified_at);  // the first notice stays

  const auto events = events_of(clerk, item);
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[1].at("action"), "notified");
  EXPECT_EQ(events[2].at("action"), "notified");
  EXPECT_EQ(liaison.get("/api/v1/notifications").json().at("items").as_array().size(), 2u);
  EXPECT_EQ(server.staff().post(item_path(item, "notify"), json::object{}).status, 403);
}

TEST(MailDelivery, ReturnAndForwardCloseTheItemWithTheReason) {
  TestServer server;
  auto clerk = server.sign_in_as("shoufa", "mail_clerk", server.seed().root_unit);
  const auto back = register_item(clerk, incoming(server.seed().unit_a, "XA0001"));
  const auto onward = register_item(clerk, incoming(server.seed().unit_a, "XA0002"));

  expect_invalid(clerk.post(item_path(back, "return"), json::object{}), "reason");
  auto res = clerk.post(item_path(back, "return"), {{"reason", "查无此人"}});
  ASSERT_EQ(res.status, 200) << res.body;
  EXPECT_EQ(res.json().at("status"), "returned");
  EXPECT_EQ(res.json().at("close_reason"), "查无此人");
  EXPECT_EQ(res.json().at("closed_on"), json::value(today()));
  EXPECT_EQ(events_of(clerk, back).back().at("action"), "returned");

  expect_invalid(clerk.post(item_path(onward, "forward"), {{"reason", "改投"}}), "to");
  res = clerk.post(item_path(onward, "forward"), {{"to", "区档案馆"}, {"reason", "机构调整后改投"}});
  ASSERT_EQ(res.status, 200) << res.body;
  EXPECT_EQ(res.json().at("status"), "forwarded");
  EXPECT_EQ(res.json().at("forwarded_to"), "区档案馆");
  const auto last = events_of(clerk, onward).back();
  EXPECT_EQ(last.at("action"), "forwarded");
  EXPECT_EQ(last.at("to_name"), "区档案馆");

  // Outgoing mail is dispatched, never delivered at the counter.
  const auto out = register_item(clerk, mail_fixtures::outgoing(server.seed().unit_a));
  EXPECT_EQ(clerk.post(item_path(out, "deliver"), drawn("张三")).error_code(), "invalid_state");
  EXPECT_EQ(clerk.post(item_path(out, "return"), {{"reason", "x"}}).error_code(), "invalid_state");
  EXPECT_EQ(clerk.post("/api/v1/mail/items/999999/return", {{"reason", "x"}}).status, 404);
}

TEST(MailDelivery, ALockedDayRefusesEveryChange) {
  TestServer server;
  auto liaison = server.sign_in_as("lianluo", "liaison", server.seed().unit_a);
  auto clerk = server.sign_in_as("shoufa", "mail_clerk", server.seed().root_unit);
  const auto item = register_item(clerk, incoming(server.seed().unit_a, "XA0001"));
  server.db().write([&](db::Tx& tx) {
    tx.query("INSERT INTO mail_days (tenant_id, day, figures, closed_at, digest) VALUES ($1, $2, '{}', $3, 'test')",
             server.seed().tenant_id, today(), util::now_utc());
  });
  const auto first_event = events_of(clerk, item)[0].at("id").as_int64();
  for (const auto& [action, body] :
       {std::pair<std::string, json::object>{"notify", {}},
        {"deliver", drawn("张三")},
        {"deliver", pin("lianluo", kPassword)},
        {"return", {{"reason", "查无此人"}}},
        {"forward", {{"to", "区档案馆"}, {"reason", "改投"}}},
        {"events/" + std::to_string(first_event) + "/correct", {{"note", "更正"}}}}) {
    auto res = clerk.post(item_path(item, action), body);
    EXPECT_EQ(res.status, 409) << action << res.body;
    EXPECT_EQ(res.error_code(), "day_closed") << action;
  }
  EXPECT_EQ(clerk.get(item_path(item)).json().at("status"), "notified");
  EXPECT_EQ(events_of(clerk, item).size(), 2u);
}

// The issue: "Hand-over requires two people (handing and receiving) to confirm, each with
// their own credential" — per role.
TEST(MailConfidential, HandOverAndDeliveryNeedTwoPeoplePerRole) {
  TestServer server;
  auto jiyao = server.sign_in_as("jiyao", "confidential_clerk", server.seed().root_unit);
  auto jiyao2 = server.sign_in_as("jiyao2", "confidential_clerk", server.seed().root_unit);
  auto clerk = server.sign_in_as("shoufa", "mail_clerk", server.seed().root_unit);
  auto liaison = server.sign_in_as("lianluo", "liaison", server.seed().unit_a);
  server.sign_in_as("lianluob", "liaison", server.seed().unit_b);
  auto admin = server.admin();
  const auto item = register_item(jiyao, confidential(server.seed().unit_a, "JY0001"));
  ASSERT_EQ(item.at("custodian_account_id"), account_id(server, "jiyao"));
  const auto handover = item_path(item, "handover");
  const auto deliver = item_path(item, "deliver");

  // The plain mail clerk and the administrator: no mail.confidential, and the item does not
  // exist for them.
  for (auto* other : {&clerk, &admin}) {
    EXPECT_EQ(other->post(handover, two_people(kPassword, "jiyao2")).status, 403);
    EXPECT_EQ(other->post(deliver, two_people(kPassword, "lianluo")).status, 404);
    EXPECT_EQ(other->post(item_path(item, "return"), {{"reason", "x"}}).status, 404);
  }
  // The addressee's liaison sees it but is not the mail room.
  EXPECT_EQ(liaison.post(deliver, two_people(kPassword, "lianluo")).status, 403);

  // The confidential clerk: each side's own credential, two different people, and the
  // receiver of a hand-over a confidential clerk too.
  auto res = jiyao.post(handover, two_people(kPassword, "jiyao"));
  EXPECT_EQ(res.status, 422);
  EXPECT_EQ(res.json().at("error").at("field"), "receiver");
  res = jiyao.post(handover, two_people("Wrong-pass-1", "jiyao2"));
  EXPECT_EQ(res.error_code(), "bad_credential");
  EXPECT_EQ(res.json().at("error").at("field"), "handing_password");
  res = jiyao.post(handover, two_people(kPassword, "jiyao2", "Wrong-pass-1"));
  EXPECT_EQ(res.error_code(), "bad_credential");
  EXPECT_EQ(res.json().at("error").at("field"), "receiver");
  expect_invalid(jiyao.post(handover, two_people(kPassword, "shoufa")), "receiver");
  expect_invalid(jiyao.post(handover, json::object{{"handing_password", kPassword}}), "receiver");
  // A drawn signature is not enough for a confidential item.
  expect_invalid(jiyao.post(deliver, drawn("张三")), "handing_password");
  EXPECT_EQ(events_of(jiyao, item).size(), 2u);  // received, notified: nothing else written

  res = jiyao.post(handover, two_people(kPassword, "jiyao2"));
  ASSERT_EQ(res.status, 200) << res.body;
  EXPECT_EQ(res.json().at("custodian_account_id"), account_id(server, "jiyao2"));
  EXPECT_EQ(res.json().at("status"), "notified");

  // Only the custodian hands it on.
  EXPECT_EQ(jiyao.post(deliver, two_people(kPassword, "lianluo")).error_code(), "not_custodian");
  EXPECT_EQ(jiyao.post(handover, two_people(kPassword, "jiyao2")).error_code(), "not_custodian");
  // Delivered only to the addressee unit.
  expect_invalid(jiyao2.post(deliver, two_people(kPassword, "lianluob")), "receiver");
  res = jiyao2.post(deliver, two_people(kPassword, "lianluo"));
  ASSERT_EQ(res.status, 200) << res.body;
  EXPECT_EQ(res.json().at("status"), "delivered");
  EXPECT_EQ(res.json().at("receiver_account_id"), account_id(server, "lianluo"));
  EXPECT_EQ(res.json().at("signature_method"), "pin");

  // The chain shows every hand with both account ids.
  const auto events = events_of(jiyao, item);
  std::vector<std::string> actions;
  for (const auto& e : events) actions.emplace_back(e.at("action").as_string());
  EXPECT_EQ(actions, (std::vector<std::string>{"received", "notified", "handover", "delivered"}));
  EXPECT_EQ(events[2].at("from_account_id"), account_id(server, "jiyao"));
  EXPECT_EQ(events[2].at("to_account_id"), account_id(server, "jiyao2"));
  EXPECT_EQ(events[3].at("from_account_id"), account_id(server, "jiyao2"));
  EXPECT_EQ(events[3].at("to_account_id"), account_id(server, "lianluo"));
  EXPECT_EQ(count(server, "SELECT COUNT(*) FROM audit_log WHERE entity = 'mail_item' AND action IN ('handover', 'deliver')"), 2);
}

TEST(MailConfidential, ADeliveryToANamedAddresseeTakesOnlyThatAccount) {
  TestServer server;
  auto jiyao = server.sign_in_as("jiyao", "confidential_clerk", server.seed().root_unit);
  server.sign_in_as("lianluo", "liaison", server.seed().unit_a);
  server.sign_in_as("juzhang", "staff", server.seed().unit_a);
  auto body = confidential(server.seed().unit_a, "JY0001");
  body["addressee_account_id"] = account_id(server, "juzhang");
  const auto item = register_item(jiyao, body);
  expect_invalid(jiyao.post(item_path(item, "deliver"), two_people(kPassword, "lianluo")), "receiver");
  auto res = jiyao.post(item_path(item, "deliver"), two_people(kPassword, "juzhang"));
  ASSERT_EQ(res.status, 200) << res.body;
  EXPECT_EQ(res.json().at("receiver_account_id"), account_id(server, "juzhang"));
}

// The issue: "a mistake is corrected by a new entry that references it".
TEST(MailCustody, ACorrectionAppendsAnEntryReferencingTheWrongOne) {
  TestServer server;
  auto clerk = server.sign_in_as("shoufa", "mail_clerk", server.seed().root_unit);
  auto jiyao = server.sign_in_as("jiyao", "confidential_clerk", server.seed().root_unit);
  const auto item = register_item(clerk, incoming(server.seed().unit_a, "XA0001"));
  const auto other = register_item(clerk, incoming(server.seed().unit_a, "XA0002"));
  ASSERT_EQ(clerk.post(item_path(item, "deliver"), drawn("张山")).status, 200);
  const auto before = events_of(clerk, item);
  const auto wrong = before.back().at("id").as_int64();
  const auto correct = item_path(item, "events/" + std::to_string(wrong) + "/correct");

  expect_invalid(clerk.post(correct, json::object{}), "note");
  const auto foreign = events_of(clerk, other)[0].at("id").as_int64();
  EXPECT_EQ(clerk.post(item_path(item, "events/" + std::to_string(foreign) + "/correct"), {{"note", "x"}}).status, 404);

  auto res = clerk.post(correct, {{"note", "签收人应为张三（笔误）"}});
  ASSERT_EQ(res.status, 200) << res.body;
  EXPECT_EQ(res.json().at("receiver_name"), "张山");  // nothing else changes
  const auto after = events_of(clerk, item);
  ASSERT_EQ(after.size(), before.size() + 1);
  for (std::size_t i = 0; i < before.size(); ++i) EXPECT_EQ(after[i], before[i]);  // untouched
  EXPECT_EQ(after.back().at("action"), "correction");
  EXPECT_EQ(after.back().at("corrects_id"), wrong);
  EXPECT_EQ(after.back().at("note"), "签收人应为张三（笔误）");
  EXPECT_EQ(after.back().at("from_account_id"), account_id(server, "shoufa"));
  EXPECT_EQ(count(server, "SELECT COUNT(*) FROM audit_log WHERE entity = 'mail_item' AND action = 'correct'"), 1);

  // A confidential item's chain is corrected only by a confidential clerk.
  const auto secret = register_item(jiyao, confidential(server.seed().unit_a, "JY0001"));
  const auto first = events_of(jiyao, secret)[0].at("id").as_int64();
  const auto fix = item_path(secret, "events/" + std::to_string(first) + "/correct");
  EXPECT_EQ(clerk.post(fix, {{"note", "x"}}).status, 404);
  EXPECT_EQ(jiyao.post(fix, {{"note", "封号应为 临机 0118"}}).status, 200);
}

// The issue: "no route or SQL path in the code edits a custody entry". The database refuses
// it too (items_test.cpp); this holds the code to it: outside migrations no source file
// says UPDATE mail_events or DELETE FROM mail_events.
TEST(MailCustody, NoSourceFileEditsTheChainOfCustody) {
  namespace fs = std::filesystem;
  const fs::path src = fs::path(JIGUAN_SOURCE_DIR) / "src";
  int scanned = 0;
  for (const auto& entry : fs::recursive_directory_iterator(src)) {
    const auto ext = entry.path().extension();
    if (!entry.is_regular_file() || (ext != ".cpp" && ext != ".hpp" && ext != ".sql")) continue;
    if (entry.path().parent_path().filename() == "migrations") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    // Lower-cased, with every run of white space one space, so line breaks hide nothing.
    std::string flat;
    for (const char c : text.str()) {
      const bool space = std::isspace(static_cast<unsigned char>(c));
      if (space && (flat.empty() || flat.back() == ' ')) continue;
      flat += space ? ' ' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    for (const char* edit : {"update mail_events", "delete from mail_events"}) {
      EXPECT_EQ(flat.find(edit), std::string::npos) << entry.path() << " contains " << edit;
    }
    ++scanned;
  }
  EXPECT_GT(scanned, 50);
}

}  // namespace
}  // namespace jiguan::test
