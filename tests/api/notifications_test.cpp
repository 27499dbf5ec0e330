// Notifications through the real HTTP server: each account lists, reads and marks read its
// own notifications only.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "core/notify/notify.hpp"
#include "support/test_server.hpp"

namespace jiguan::test {
namespace {

namespace json = boost::json;

std::int64_t account_id(TestServer& server, const std::string& username) {
  return server.db().read(
      [&](db::Tx& tx) { return tx.query("SELECT id FROM accounts WHERE username = $1", username).one().int64(0); });
}

std::int64_t send(TestServer& server, const std::string& username, const std::string& title) {
  const auto to = account_id(server, username);
  return server.db().write([&](db::Tx& tx) {
    return notify::send(tx, server.seed().tenant_id, to, {"test", title, title + "的详细内容", "/meetings/bookings/1"});
  });
}

TEST(Notifications, EachAccountSeesReadsAndMarksOnlyItsOwn) {
  TestServer server;
  auto staff = server.staff();
  auto admin = server.admin();
  const auto first = send(server, "staff", "会议室预订已批准");
  send(server, "staff", "会议室预订因优先会议调整已取消");
  const auto admins = send(server, "admin", "管理员的通知");

  auto list = staff.get("/api/v1/notifications").json();
  EXPECT_EQ(list.at("total"), 2);
  EXPECT_EQ(list.at("unread"), 2);
  EXPECT_EQ(list.at("items").at(0).at("read"), false);
  EXPECT_EQ(list.at("items").at(0).at("link"), "/meetings/bookings/1");
  EXPECT_EQ(staff.get("/api/v1/notifications?q=%E4%BC%98%E5%85%88").json().at("total"), 1);  // "优先"

  // Another's notification does not exist for the caller.
  EXPECT_EQ(staff.post("/api/v1/notifications/" + std::to_string(admins) + "/read", json::object{}).status, 404);
  EXPECT_EQ(staff.post("/api/v1/notifications/999999/read", json::object{}).status, 404);

  auto read = staff.post("/api/v1/notifications/" + std::to_string(first) + "/read", json::object{});
  ASSERT_EQ(read.status, 200) << read.body;
  EXPECT_EQ(read.json().at("read"), true);
  EXPECT_TRUE(read.json().at("read_at").is_string());
  EXPECT_EQ(staff.post("/api/v1/notifications/" + std::to_string(first) + "/read", json::object{}).status,
            200);  // again: no change
  auto unread = staff.get("/api/v1/notifications?unread=true").json();
  EXPECT_EQ(unread.at("total"), 1);
  EXPECT_EQ(unread.at("unread"), 1);

  auto all = staff.post("/api/v1/notifications/read-all", json::object{});
  ASSERT_EQ(all.status, 200) << all.body;
  EXPECT_EQ(all.json().at("marked"), 1);
  EXPECT_EQ(staff.post("/api/v1/notifications/read-all", json::object{}).json().at("marked"), 0);
  EXPECT_EQ(staff.get("/api/v1/notifications").json().at("unread"), 0);
  // The admin's stays unread.
  EXPECT_EQ(admin.get("/api/v1/notifications").json().at("unread"), 1);
  EXPECT_EQ(admin.get("/api/v1/notifications?unread=maybe").status, 422);

  auto xlsx = staff.get("/api/v1/notifications?format=xlsx");
  EXPECT_EQ(xlsx.status, 200);
  EXPECT_EQ(xlsx.body.substr(0, 2), "PK");
}

}  // namespace
}  // namespace jiguan::test
