// Units: the organisation tree, through the real server.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "core/audit/audit.hpp"
#include "core/org/tenants.hpp"
#include "core/org/units.hpp"
#include "support/test_server.hpp"

namespace jiguan::test {
namespace {
namespace json = boost::json;

std::string unit_path(std::int64_t id, const std::string& suffix = "") { return "/api/v1/units/" + std::to_string(id) + suffix; }

TEST(Units, CreateReadUpdateWithAuditRows) {
  TestServer server;
  auto admin = server.admin();
  auto created = admin.post("/api/v1/units", {{"code", "EDU"}, {"name", "区教育和体育局"}, {"kind", "department"},
                                              {"parent_id", server.seed().root_unit}, {"sort_order", 5}});
  ASSERT_EQ(created.status, 201) << created.body;
  const auto id = created.json().at("id").as_int64();
  EXPECT_EQ(created.json().at("parent_name"), "测试局");
  EXPECT_EQ(admin.get(unit_path(id)).json().at("name"), "区教育和体育局");

  auto renamed = admin.patch(unit_path(id), {{"name", "区教育局"}});
  ASSERT_EQ(renamed.status, 200) << renamed.body;
  EXPECT_EQ(renamed.json().at("name"), "区教育局");
  EXPECT_EQ(renamed.json().at("code"), "EDU");  // untouched fields stay
  auto moved = admin.patch(unit_path(id), {{"parent_id", nullptr}});
  EXPECT_TRUE(moved.json().at("parent_id").is_null());

  auto audit = server.db().read([&](db::Tx& tx) {
    return tx.query("SELECT action, diff, actor FROM audit_log WHERE entity = 'unit' AND entity_id = $1 ORDER BY id", id);
  });
  ASSERT_EQ(audit.rows.size(), 3u);
  EXPECT_EQ(audit.rows[0].text(0), "create");
  EXPECT_EQ(audit.rows[1].text(0), "update");
  EXPECT_EQ(json::parse(audit.rows[1].text(1)).at("name").at("to"), "区教育局");
  EXPECT_EQ(audit.rows[1].text(2), "admin");
}

TEST(Units, DuplicateCodeIs409AndNothingIsWritten) {
  TestServer server;
  auto admin = server.admin();
  auto before = server.db().read([](db::Tx& tx) { return tx.query("SELECT COUNT(*) FROM audit_log").one().int64(0); });
  auto dup = admin.post("/api/v1/units", {{"code", "A"}, {"name", "重复"}, {"kind", "section"}});
  EXPECT_EQ(dup.status, 409);
  EXPECT_EQ(dup.json().at("error").at("field"), "code");
  auto after = server.db().read([](db::Tx& tx) { return tx.query("SELECT COUNT(*) FROM audit_log").one().int64(0); });
  EXPECT_EQ(before, after);
  EXPECT_EQ(admin.patch(unit_path(server.seed().unit_b), {{"code", "A"}}).status, 409);
}

TEST(Units, ValidationNamesTheField) {
  TestServer server;
  auto admin = server.admin();
  auto field_of = [&](json::value body) { return std::string(admin.post("/api/v1/units", body).json().at("error").at("field").as_string()); };
  EXPECT_EQ(field_of({{"code", "has space"}, {"name", "x"}, {"kind", "section"}}), "code");
  EXPECT_EQ(field_of({{"code", "K"}, {"name", "x"}, {"kind", "palace"}}), "kind");
  EXPECT_EQ(field_of({{"code", "K"}, {"name", std::string(101 * 3, 'a')}, {"kind", "section"}}), "name");
  EXPECT_EQ(field_of({{"code", "K"}, {"name", "x"}, {"kind", "section"}, {"parent_id", 999999}}), "parent_id");
}

TEST(Units, ParentCannotBeSelfOrDescendant) {
  TestServer server;
  auto admin = server.admin();
  const auto& seed = server.seed();
  EXPECT_EQ(admin.patch(unit_path(seed.root_unit), {{"parent_id", seed.root_unit}}).json().at("error").at("field"), "parent_id");
  EXPECT_EQ(admin.patch(unit_path(seed.root_unit), {{"parent_id", seed.unit_a}}).status, 422);
  EXPECT_EQ(admin.patch(unit_path(seed.unit_a), {{"parent_id", seed.unit_b}}).status, 200);
}

TEST(Units, DeactivateRefusedWhileChildrenAreActive) {
  TestServer server;
  auto admin = server.admin();
  const auto& seed = server.seed();
  auto refused = admin.request("POST", unit_path(seed.root_unit, "/deactivate"));
  EXPECT_EQ(refused.status, 409);
  EXPECT_EQ(refused.error_code(), "has_active_children");
  EXPECT_EQ(admin.request("POST", unit_path(seed.unit_a, "/deactivate")).json().at("active"), false);
  EXPECT_EQ(admin.request("POST", unit_path(seed.unit_b, "/deactivate")).status, 200);
  EXPECT_EQ(admin.request("POST", unit_path(seed.root_unit, "/deactivate")).status, 200);
  EXPECT_EQ(admin.request("POST", unit_path(seed.unit_a, "/activate")).error_code(), "parent_inactive");
  EXPECT_EQ(admin.request("POST", unit_path(seed.root_unit, "/activate")).json().at("active"), true);
  EXPECT_EQ(admin.get("/api/v1/units?active=false").json().at("total"), 2);
}

TEST(Units, ListSearchFilterSortAndPage) {
  TestServer server;
  auto admin = server.admin();
  for (int i = 1; i <= 25; ++i) {
    char code[8];
    std::snprintf(code, sizeof code, "D%02d", i);
    ASSERT_EQ(admin.post("/api/v1/units", {{"code", code}, {"name", std::string("部门") + code}, {"kind", "department"},
                                           {"parent_id", server.seed().root_unit}, {"sort_order", 100 - i}})
                  .status,
              201);
  }
  auto page1 = admin.get("/api/v1/units?kind=department&page_size=10").json();  // default: by code
  EXPECT_EQ(page1.at("total"), 25);
  ASSERT_EQ(page1.at("items").as_array().size(), 10u);
  EXPECT_EQ(page1.at("items").as_array()[0].at("code"), "D01");
  auto page3 = admin.get("/api/v1/units?kind=department&page_size=10&page=3&sort=code").json();
  EXPECT_EQ(page3.at("items").as_array().size(), 5u);
  EXPECT_EQ(page3.at("items").as_array()[4].at("code"), "D25");
  auto past_end = admin.get("/api/v1/units?kind=department&page_size=10&page=9").json();
  EXPECT_EQ(past_end.at("total"), 25);
  EXPECT_TRUE(past_end.at("items").as_array().empty());
  auto desc = admin.get("/api/v1/units?kind=department&sort=-code&page_size=1").json();
  EXPECT_EQ(desc.at("items").as_array()[0].at("code"), "D25");
  auto by_order = admin.get("/api/v1/units?kind=department&page_size=1&sort=sort_order").json();
  EXPECT_EQ(by_order.at("items").as_array()[0].at("code"), "D25");
  EXPECT_EQ(admin.get("/api/v1/units?q=%E7%94%B2").json().at("total"), 1);  // "甲"
  EXPECT_EQ(admin.get("/api/v1/units?q=D1").json().at("total"), 10);
  EXPECT_EQ(admin.get("/api/v1/units?q=%25").json().at("total"), 0);  // '%' is literal, not a wildcard
  EXPECT_EQ(admin.get("/api/v1/units?parent_id=" + std::to_string(server.seed().root_unit)).json().at("total"), 27);
  auto empty = admin.get("/api/v1/units?q=nothing-matches").json();
  EXPECT_EQ(empty.at("total"), 0);
  EXPECT_TRUE(empty.at("items").as_array().empty());
}

TEST(Units, TreeNestsChildrenInOrder) {
  TestServer server;
  auto tree = server.admin().get("/api/v1/units/tree").json().at("items").as_array();
  ASSERT_EQ(tree.size(), 1u);
  EXPECT_EQ(tree[0].at("code"), "ROOT");
  const auto& children = tree[0].at("children").as_array();
  ASSERT_EQ(children.size(), 2u);
  EXPECT_EQ(children[0].at("code"), "A");
  EXPECT_EQ(children[1].at("code"), "B");
}

TEST(Units, ReadOnlyRoleCannotWrite) {
  TestServer server;
  auto staff = server.staff();
  EXPECT_EQ(staff.get("/api/v1/units").status, 200);
  auto res = staff.post("/api/v1/units", {{"code", "Z"}, {"name", "z"}, {"kind", "section"}});
  EXPECT_EQ(res.status, 403);
  EXPECT_EQ(res.error_code(), "forbidden");
  EXPECT_EQ(staff.patch(unit_path(server.seed().unit_a), {{"name", "x"}}).status, 403);
}

TEST(Units, AnotherTenantsUnitsAreInvisible) {
  TestServer server;
  const auto other = org::ensure_tenant(server.db(), "other", "另一个局");
  const auto foreign = server.db().write([&](db::Tx& tx) {
    return org::create_unit(tx, audit::system_actor(other.id, "test"), {"A", "他局甲科", "section", std::nullopt, 0});
  });
  auto admin = server.admin();
  EXPECT_EQ(admin.get(unit_path(foreign)).status, 404);
  EXPECT_EQ(admin.patch(unit_path(foreign), {{"name", "x"}}).status, 404);
  EXPECT_EQ(admin.get("/api/v1/units").json().at("total"), 3);
  EXPECT_EQ(admin.get(unit_path(0)).status, 404);
  EXPECT_EQ(admin.get("/api/v1/units/abc").status, 404);
}

}  // namespace
}  // namespace jiguan::test
