// What leaves the mail room, through the real HTTP server: outgoing items dispatched in a
// batch to the post (tracking numbers, events, each refusal naming the item, locked days,
// confidential items) and the printed labels (a PDF whose text pdftotext reads back).
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "core/util/time.hpp"
#include "modules/mail/fixtures.hpp"
#include "support/pdf_text.hpp"
#include "support/test_server.hpp"

namespace jiguan::test {
namespace {

namespace json = boost::json;
using mail_fixtures::confidential;
using mail_fixtures::incoming;
using mail_fixtures::kItems;
using mail_fixtures::outgoing;
using mail_fixtures::register_item;

constexpr const char* kDispatches = "/api/v1/mail/dispatches";
constexpr const char* kLabels = "/api/v1/mail/labels.pdf";

std::string today() { return util::china_date(std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now())); }

std::string id_text(const json::object& item) { return std::to_string(item.at("id").as_int64()); }

json::object dispatch_body(std::initializer_list<json::object> items, json::object numbers = {}) {
  json::array ids;
  for (const auto& item : items) ids.push_back(item.at("id"));
  return {{"carrier", "中国邮政"}, {"item_ids", ids}, {"tracking_numbers", numbers}};
}

json::object item(HttpClient& client, const json::object& any) {
  return client.get(std::string(kItems) + "/" + id_text(any)).json().as_object();
}

TEST(MailDispatch, DispatchesABatchToThePost) {
  TestServer server;
  auto clerk = server.sign_in_as("shoufa", "mail_clerk", server.seed().root_unit);
  const auto unit = server.seed().unit_a;
  const auto letter = register_item(clerk, outgoing(unit));  // the post assigns its number now
  const auto parcel = register_item(clerk, outgoing(unit, {{"kind", "parcel"}, {"tracking_no", "SF1002003"}}));
  const auto batch = register_item(clerk, outgoing(unit, {{"kind", "ordinary"}, {"count", 30}}));
  EXPECT_EQ(letter.at("tracking_no"), nullptr);

  auto body = dispatch_body({letter, parcel, batch}, {{id_text(letter), " XA900100200CN "}});
  body["notes"] = "上午一批";
  auto res = clerk.post(kDispatches, body);
  ASSERT_EQ(res.status, 201) << res.body;
  const auto dispatch = res.json().as_object();
  EXPECT_EQ(dispatch.at("carrier"), "中国邮政");
  EXPECT_EQ(dispatch.at("item_count"), 3);
  EXPECT_EQ(dispatch.at("notes"), "上午一批");
  EXPECT_EQ(dispatch.at("dispatched_by_name"), "shoufa");
  ASSERT_EQ(dispatch.at("items").as_array().size(), 3u);
  for (const auto& any : dispatch.at("items").as_array()) {
    EXPECT_EQ(any.at("status"), "dispatched");
    EXPECT_EQ(any.at("dispatch_id"), dispatch.at("id"));
    EXPECT_EQ(any.at("closed_on").as_string(), today());
  }
  EXPECT_EQ(item(clerk, letter).at("tracking_no"), "XA900100200CN");  // trimmed like a scanner's input
  EXPECT_EQ(item(clerk, parcel).at("tracking_no"), "SF1002003");
  EXPECT_EQ(item(clerk, batch).at("tracking_no"), nullptr);  // ordinary letters are not traced
  EXPECT_EQ(clerk.get("/api/v1/mail/lookup?code=XA900100200CN").json().at("id"), letter.at("id"));

  const auto events = clerk.get(std::string(kItems) + "/" + id_text(letter) + "/events").json().at("items").as_array();
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[1].at("action"), "dispatched");
  EXPECT_EQ(events[1].at("to_name"), "中国邮政");

  const auto audit_rows = server.db().read([&](db::Tx& tx) {
    return tx
        .query("SELECT COUNT(*) FROM audit_log WHERE entity = 'mail_dispatch' AND entity_id = $1", dispatch.at("id").as_int64())
        .one()
        .int64(0);
  });
  EXPECT_EQ(audit_rows, 1);

  const auto path = std::string(kDispatches) + "/" + std::to_string(dispatch.at("id").as_int64());
  EXPECT_EQ(clerk.get(path).json().at("items").as_array().size(), 3u);
  EXPECT_EQ(clerk.get(std::string(kDispatches) + "/999999").status, 404);
  const auto list =
      clerk.get(std::string(kDispatches) + "?q=%E9%82%AE%E6%94%BF&from=" + today() + "&to=" + today()).json();  // "邮政"
  ASSERT_EQ(list.at("total"), 1) << list;
  EXPECT_EQ(list.at("items").at(0).at("item_count"), 3);
  EXPECT_FALSE(list.at("items").at(0).as_object().contains("items"));
  EXPECT_EQ(clerk.get(std::string(kDispatches) + "?q=%E9%A1%BA%E4%B8%B0").json().at("total"), 0);  // "顺丰"
  EXPECT_EQ(clerk.get(std::string(kDispatches) + "?to=2020-01-01").json().at("total"), 0);
  EXPECT_EQ(clerk.get(std::string(kDispatches) + "?from=2020-13-01").status, 422);
  auto xlsx = clerk.get(std::string(kDispatches) + "?format=xlsx&sort=-item_count");
  EXPECT_EQ(xlsx.status, 200);
  EXPECT_EQ(xlsx.body.substr(0, 2), "PK");
}

TEST(MailDispatch, RefusalsNameTheItemAndWriteNothing) {
  TestServer server;
  auto clerk = server.sign_in_as("shoufa", "mail_clerk", server.seed().root_unit);
  const auto unit = server.seed().unit_a;
  const auto in = register_item(clerk, incoming(unit, "XA123"));
  const auto letter = register_item(clerk, outgoing(unit));
  const auto other = register_item(clerk, outgoing(unit));
  const auto code = [](const json::object& any) { return std::string(any.at("code").as_string()); };
  const auto names = [](const HttpResponse& res, const std::string& what) { return res.body.find(what) != std::string::npos; };

  // Not outgoing.
  auto res = clerk.post(kDispatches, dispatch_body({in}));
  expect_invalid(res, "item_ids");
  EXPECT_TRUE(names(res, code(in))) << res.body;
  // A registered letter leaves only with a number.
  res = clerk.post(kDispatches, dispatch_body({letter}));
  expect_invalid(res, "tracking_numbers");
  EXPECT_TRUE(names(res, code(letter))) << res.body;
  // A number another item has, or given twice in the batch.
  res = clerk.post(kDispatches, dispatch_body({letter}, {{id_text(letter), "XA123"}}));
  ASSERT_EQ(res.status, 409) << res.body;
  EXPECT_EQ(res.error_code(), "duplicate_tracking_no");
  EXPECT_EQ(res.json().at("error").at("item_id"), in.at("id"));
  EXPECT_TRUE(names(res, "XA123"));
  res = clerk.post(kDispatches, dispatch_body({letter, other}, {{id_text(letter), "XA7"}, {id_text(other), "XA7"}}));
  EXPECT_EQ(res.error_code(), "duplicate_tracking_no");
  // The body's own rules.
  expect_invalid(clerk.post(kDispatches, {{"item_ids", json::array{letter.at("id")}}}), "carrier");
  expect_invalid(clerk.post(kDispatches, {{"carrier", "中国邮政"}, {"item_ids", json::array{}}}), "item_ids");
  expect_invalid(clerk.post(kDispatches, {{"carrier", "中国邮政"}, {"item_ids", json::array{letter.at("id"), letter.at("id")}}}),
                 "item_ids");
  expect_invalid(clerk.post(kDispatches, {{"carrier", "中国邮政"}, {"item_ids", "1,2"}}), "item_ids");
  expect_invalid(clerk.post(kDispatches, dispatch_body({letter}, {{id_text(other), "XA8"}})), "tracking_numbers");
  expect_invalid(clerk.post(kDispatches, dispatch_body({letter}, {{"abc", "XA8"}})), "tracking_numbers");
  EXPECT_EQ(clerk.post(kDispatches, {{"carrier", "中国邮政"}, {"item_ids", json::array{999999}}}).status, 404);
  EXPECT_EQ(server.staff().post(kDispatches, dispatch_body({letter}, {{id_text(letter), "XA9"}})).status, 403);
  // Nothing was written by any of them.
  EXPECT_EQ(item(clerk, letter).at("status"), "received");
  EXPECT_EQ(clerk.get(kDispatches).json().at("total"), 0);

  // Dispatched once; the second time it is no longer waiting.
  ASSERT_EQ(clerk.post(kDispatches, dispatch_body({letter}, {{id_text(letter), "XA9"}})).status, 201);
  res = clerk.post(kDispatches, dispatch_body({other, letter}, {{id_text(other), "XA10"}}));
  ASSERT_EQ(res.status, 409) << res.body;
  EXPECT_EQ(res.error_code(), "invalid_state");
  EXPECT_TRUE(names(res, code(letter)));
  EXPECT_EQ(item(clerk, other).at("status"), "received");
  EXPECT_EQ(item(clerk, other).at("tracking_no"), nullptr);
}

TEST(MailDispatch, ConfidentialItemsNeedTheConfidentialPermission) {
  TestServer server;
  auto clerk = server.sign_in_as("shoufa", "mail_clerk", server.seed().root_unit);
  auto jiyao = server.sign_in_as("jiyao", "confidential_clerk", server.seed().root_unit);
  const json::object secret{
      {"kind", "confidential"}, {"secrecy_level", "secret"}, {"envelope_no", "区机 0042"}, {"sending_organ", "区委办公室"}};
  auto fields = secret;
  fields["tracking_no"] = "JY0001";
  const auto hidden = register_item(jiyao, outgoing(server.seed().unit_a, fields));
  // Addressed to the clerk's own account, the clerk sees the item but may not dispatch it.
  fields["tracking_no"] = "JY0002";
  fields["addressee_account_id"] = mail_fixtures::account_id(server, "shoufa");
  const auto addressed = register_item(jiyao, outgoing(server.seed().unit_a, fields));

  EXPECT_EQ(clerk.post(kDispatches, dispatch_body({hidden})).status, 404);
  EXPECT_EQ(clerk.post(kDispatches, dispatch_body({addressed})).status, 403);
  auto res = jiyao.post(kDispatches, dispatch_body({hidden, addressed}));
  ASSERT_EQ(res.status, 201) << res.body;
  const auto path = std::string(kDispatches) + "/" + std::to_string(res.json().at("id").as_int64());
  // The clerk reads the batch but only the item the clerk may see.
  const auto seen = clerk.get(path).json();
  EXPECT_EQ(seen.at("item_count"), 2);
  ASSERT_EQ(seen.at("items").as_array().size(), 1u);
  EXPECT_EQ(seen.at("items").at(0).at("id"), addressed.at("id"));
}

TEST(MailDispatch, LockedDayIsRefused) {
  TestServer server;
  auto clerk = server.sign_in_as("shoufa", "mail_clerk", server.seed().root_unit);
  const auto letter = register_item(clerk, outgoing(server.seed().unit_a, {{"tracking_no", "XA55"}}));
  server.db().write([&](db::Tx& tx) {
    tx.query("INSERT INTO mail_days (tenant_id, day, figures, closed_at, digest) VALUES ($1, $2, '{}', $3, 'test')",
             server.seed().tenant_id, today(), util::now_utc());
  });
  auto res = clerk.post(kDispatches, dispatch_body({letter}));
  ASSERT_EQ(res.status, 409) << res.body;
  EXPECT_EQ(res.error_code(), "day_closed");
  EXPECT_EQ(item(clerk, letter).at("status"), "received");
}

TEST(MailLabels, PdfOfItemsSlotsAndADay) {
  TestServer server;
  auto clerk = server.sign_in_as("shoufa", "mail_clerk", server.seed().root_unit);
  const auto a = register_item(clerk, incoming(server.seed().unit_a, "XA3001", {{"addressee", "张伟"}}));
  const auto b = register_item(clerk, incoming(server.seed().unit_b, "XA3002", {{"kind", "parcel"}}));
  register_item(clerk, {{"kind", "ordinary"},
                        {"count", 40},
                        {"addressee_unit_id", server.seed().unit_b},
                        {"received_at", "2026-03-02T10:00:00+08:00"}});  // a batch: no label
  const auto out = register_item(clerk, outgoing(server.seed().unit_a));

  auto res = clerk.get(std::string(kLabels) + "?items=" + id_text(a) + "," + id_text(b) + "," + id_text(out));
  ASSERT_EQ(res.status, 200) << res.body;
  EXPECT_EQ(res.header("content-type"), "application/pdf");
  EXPECT_EQ(res.header("content-disposition").rfind("inline; filename=", 0), 0u);
  EXPECT_EQ(res.body.substr(0, 5), "%PDF-");
  auto text = pdf_text(res.body);
  for (const auto& any : {a, b, out}) EXPECT_NE(text.find(std::string(any.at("code").as_string())), std::string::npos) << text;
  for (const char* expected : {"甲科", "乙科", "张伟", "XA3001", "挂号信", "包裹", "2026-03-02", "临沂市人民政府办公室"}) {
    EXPECT_NE(text.find(expected), std::string::npos) << expected << "\n" << text;
  }

  // The day's individually registered items: both letters, not the batch.
  text = pdf_text(clerk.get(std::string(kLabels) + "?received_on=2026-03-02").body);
  EXPECT_NE(text.find(std::string(a.at("code").as_string())), std::string::npos) << text;
  EXPECT_NE(text.find(std::string(b.at("code").as_string())), std::string::npos);
  EXPECT_EQ(text.find("平信"), std::string::npos);
  EXPECT_EQ(clerk.get(std::string(kLabels) + "?received_on=2020-01-01").status, 404);

  // Slots: all active ones, or chosen ones.
  const auto slot = clerk.post("/api/v1/mail/slots", {{"code", "a01"}, {"name", "一号格口"}}).json();
  clerk.post("/api/v1/mail/slots", {{"code", "B02"}, {"name", "二号格口"}});
  text = pdf_text(clerk.get(std::string(kLabels) + "?slots=all").body);
  for (const char* expected : {"A01", "一号格口", "B02", "二号格口"}) EXPECT_NE(text.find(expected), std::string::npos) << text;
  text = pdf_text(clerk.get(std::string(kLabels) + "?slots=" + std::to_string(slot.at("id").as_int64())).body);
  EXPECT_NE(text.find("A01"), std::string::npos);
  EXPECT_EQ(text.find("B02"), std::string::npos);
  EXPECT_EQ(clerk.get(std::string(kLabels) + "?slots=999999").status, 404);
}

TEST(MailLabels, SelectorsAreCheckedAndConfidentialLabelsHidden) {
  TestServer server;
  auto clerk = server.sign_in_as("shoufa", "mail_clerk", server.seed().root_unit);
  auto jiyao = server.sign_in_as("jiyao", "confidential_clerk", server.seed().root_unit);
  auto body = confidential(server.seed().unit_a, "JY3001");
  body["notes"] = "内含年度考核材料";
  const auto secret = register_item(jiyao, body);

  for (const char* query :
       {"", "?items=", "?items=abc", "?items=1,,2", "?items=-3", "?received_on=2026-3-2", "?slots=some", "?items=1&slots=all"}) {
    EXPECT_EQ(clerk.get(std::string(kLabels) + query).status, 422) << query;
  }
  std::string many = "?items=1";
  for (int i = 2; i <= 201; ++i) many += "," + std::to_string(i);
  expect_invalid(clerk.get(std::string(kLabels) + many), "items");

  // To the plain clerk the confidential item does not exist.
  EXPECT_EQ(clerk.get(std::string(kLabels) + "?items=" + id_text(secret)).status, 404);
  EXPECT_EQ(clerk.get(std::string(kLabels) + "?received_on=2026-03-02").status, 404);
  // Its label shows the secrecy level and envelope number, never the notes.
  auto res = jiyao.get(std::string(kLabels) + "?items=" + id_text(secret));
  ASSERT_EQ(res.status, 200) << res.body;
  const auto text = pdf_text(res.body);
  for (const char* expected : {"机要件", "机密", "临机 0117", "JY3001", "甲科"}) {
    EXPECT_NE(text.find(expected), std::string::npos) << expected << "\n" << text;
  }
  EXPECT_EQ(text.find("考核"), std::string::npos);
}

}  // namespace
}  // namespace jiguan::test
