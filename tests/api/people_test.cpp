// People, their posts, sectors and dictionaries, through the real server.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "core/audit/audit.hpp"
#include "core/auth/accounts.hpp"
#include "core/export/import.hpp"
#include "core/export/xlsx.hpp"
#include "core/org/tenants.hpp"
#include "core/org/units.hpp"
#include "core/people/people.hpp"
#include "support/test_server.hpp"

namespace jiguan::test {
namespace {
namespace json = boost::json;

std::string person_path(std::int64_t id, const std::string& suffix = "") {
  return "/api/v1/people/" + std::to_string(id) + suffix;
}

std::int64_t create_person(HttpClient& client, std::int64_t unit_id, const std::string& name, const std::string& rank = "staff_member",
                           const std::string& post = "科员") {
  auto res = client.post("/api/v1/people", {{"name", name}, {"unit_id", unit_id}, {"rank", rank}, {"post", post}});
  EXPECT_EQ(res.status, 201) << res.body;
  return res.status == 201 ? res.json().at("id").as_int64() : 0;
}

std::int64_t count_people(TestServer& server) {
  return server.db().read([](db::Tx& tx) { return tx.query("SELECT COUNT(*) FROM people").one().int64(0); });
}

std::string error_field(const HttpResponse& res) { return std::string(res.json().at("error").at("field").as_string()); }

// A people sheet as CSV: header, then n rows in unit `unit_code`; `bad_row` (1-based data
// row, 0 for none) carries an unknown rank.
std::string people_csv(int n, const std::string& unit_code, int bad_row) {
  std::string csv = "姓名,单位编码,职级,职务,电话\r\n";
  for (int i = 1; i <= n; ++i) {
    csv += "导入人员" + std::to_string(i) + "," + unit_code + "," + (i == bad_row ? "部级" : (i % 2 ? "科员" : "clerk")) +
           ",\"科员,兼文书\",0539-" + std::to_string(8000000 + i) + "\r\n";
  }
  return csv;
}

TEST(People, CreateReadUpdateDeactivateWithAuditRows) {
  TestServer server;
  auto admin = server.admin();
  auto created = admin.post("/api/v1/people", {{"name", "张三"}, {"gender", "male"}, {"unit_id", server.seed().unit_a},
                                               {"rank", "section_deputy"}, {"post", "副科长"}, {"phone", "0539-8123456"}});
  ASSERT_EQ(created.status, 201) << created.body;
  const auto person = created.json();
  const auto id = person.at("id").as_int64();
  EXPECT_EQ(person.at("unit_name"), "甲科");
  EXPECT_EQ(person.at("rank_label"), "乡科级副职");
  ASSERT_EQ(person.at("posts").as_array().size(), 1u);  // the primary post, active
  EXPECT_EQ(person.at("posts").as_array()[0].at("is_primary"), true);
  EXPECT_EQ(person.at("posts").as_array()[0].at("active_post"), true);

  auto updated = admin.patch(person_path(id), {{"unit_id", server.seed().unit_b}, {"post", "科长"}, {"rank", "section_chief"}});
  ASSERT_EQ(updated.status, 200) << updated.body;
  EXPECT_EQ(updated.json().at("name"), "张三");  // untouched fields stay
  EXPECT_EQ(updated.json().at("unit_name"), "乙科");
  const auto primary = updated.json().at("posts").as_array()[0];  // mirrors the person
  EXPECT_EQ(primary.at("unit_id"), server.seed().unit_b);
  EXPECT_EQ(primary.at("post"), "科长");
  EXPECT_EQ(primary.at("rank"), "section_chief");

  auto deactivated = admin.request("POST", person_path(id, "/deactivate"));
  ASSERT_EQ(deactivated.status, 200) << deactivated.body;
  EXPECT_EQ(deactivated.json().at("active"), false);
  EXPECT_EQ(admin.get(person_path(id)).json().at("active"), false);

  auto audit = server.db().read([&](db::Tx& tx) {
    return tx.query("SELECT action, diff, actor FROM audit_log WHERE entity = 'person' AND entity_id = $1 ORDER BY id", id);
  });
  ASSERT_EQ(audit.rows.size(), 3u);
  EXPECT_EQ(audit.rows[0].text(0), "create");
  EXPECT_EQ(audit.rows[1].text(0), "update");
  const auto diff = json::parse(audit.rows[1].text(1));
  EXPECT_EQ(diff.at("post").at("to"), "科长");
  EXPECT_EQ(diff.at("rank").at("from"), "section_deputy");
  EXPECT_FALSE(diff.as_object().contains("name"));
  EXPECT_EQ(audit.rows[2].text(0), "deactivate");
  EXPECT_EQ(audit.rows[2].text(2), "admin");
}

TEST(People, ValidationNamesTheField) {
  TestServer server;
  auto admin = server.admin();
  const auto unit = server.seed().unit_a;
  auto field_of = [&](json::object body) {
    auto res = admin.post("/api/v1/people", body);
    EXPECT_EQ(res.status, 422) << res.body;
    return error_field(res);
  };
  json::object valid{{"name", "李四"}, {"unit_id", unit}, {"rank", "staff_member"}};
  auto with = [&](const char* key, json::value v) {
    auto body = valid;
    body[key] = std::move(v);
    return body;
  };
  EXPECT_EQ(field_of(with("name", "")), "name");
  EXPECT_EQ(field_of(with("name", json::value(std::string(51, 'a')))), "name");
  EXPECT_EQ(field_of(with("unit_id", 999999)), "unit_id");
  EXPECT_EQ(field_of(with("unit_id", "甲科")), "unit_id");
  EXPECT_EQ(field_of(with("rank", "emperor")), "rank");
  EXPECT_EQ(field_of(with("rank", "科员")), "rank");  // the API takes values; labels only in imports
  EXPECT_EQ(field_of(with("phone", "call me")), "phone");
  EXPECT_EQ(field_of(with("phone", "1234")), "phone");
  EXPECT_EQ(field_of(with("gender", "x")), "gender");
  auto missing = valid;
  missing.erase("rank");
  EXPECT_EQ(field_of(missing), "rank");
  EXPECT_EQ(admin.request("POST", "/api/v1/people", "{not json").status, 400);
  EXPECT_EQ(count_people(server), 0);

  const auto id = create_person(admin, unit, "王五");
  auto bad_patch = admin.patch(person_path(id), {{"phone", "12-ab"}});
  EXPECT_EQ(bad_patch.status, 422);
  EXPECT_EQ(error_field(bad_patch), "phone");
  EXPECT_EQ(admin.get("/api/v1/people?sort=salary").json().at("error").at("field"), "sort");
  EXPECT_EQ(admin.get("/api/v1/people?active=maybe").json().at("error").at("field"), "active");
  EXPECT_EQ(admin.get("/api/v1/people?page_size=500").status, 422);
}

TEST(People, PostsInTwoUnitsAndSwitchingTheActiveOne) {
  TestServer server;
  auto admin = server.admin();
  const auto& seed = server.seed();
  const auto id = create_person(admin, seed.unit_a, "赵六", "section_deputy", "副科长");
  const auto primary_id = admin.get(person_path(id)).json().at("posts").as_array()[0].at("id").as_int64();

  auto added = admin.post(person_path(id, "/posts"), {{"unit_id", seed.unit_b}, {"post", "兼任科长"}, {"start_date", "2016-03-01"}});
  ASSERT_EQ(added.status, 201) << added.body;
  const auto posts = added.json().at("posts").as_array();
  ASSERT_EQ(posts.size(), 2u);
  EXPECT_EQ(posts[1].at("unit_name"), "乙科");
  EXPECT_EQ(posts[1].at("rank"), "section_deputy");  // the person's rank by default
  EXPECT_EQ(posts[1].at("active_post"), false);
  const auto second_id = posts[1].at("id").as_int64();

  EXPECT_EQ(admin.post(person_path(id, "/posts"), {{"unit_id", seed.unit_b}, {"post", "又一职务"}}).status, 409);
  EXPECT_EQ(error_field(admin.post(person_path(id, "/posts"), {{"unit_id", seed.root_unit}, {"post", "x"}, {"start_date", "2016-02-30"}})),
            "start_date");
  EXPECT_EQ(error_field(admin.post(person_path(id, "/posts"), {{"unit_id", seed.root_unit}, {"post", "x"}, {"rank", "king"}})), "rank");

  auto switched = admin.request("POST", person_path(id, "/posts/" + std::to_string(second_id) + "/activate"));
  ASSERT_EQ(switched.status, 200) << switched.body;
  EXPECT_EQ(switched.json().at("posts").as_array()[0].at("active_post"), false);
  EXPECT_EQ(switched.json().at("posts").as_array()[1].at("active_post"), true);

  EXPECT_EQ(admin.request("POST", person_path(id, "/posts/" + std::to_string(primary_id) + "/end")).error_code(), "primary_post");
  auto early = admin.request("POST", person_path(id, "/posts/" + std::to_string(second_id) + "/end"), R"({"end_date":"2016-01-01"})");
  EXPECT_EQ(error_field(early), "end_date");
  auto ended = admin.request("POST", person_path(id, "/posts/" + std::to_string(second_id) + "/end"), R"({"end_date":"2016-12-31"})");
  ASSERT_EQ(ended.status, 200) << ended.body;
  EXPECT_EQ(ended.json().at("posts").as_array()[0].at("active_post"), true);  // back to the primary
  EXPECT_EQ(ended.json().at("posts").as_array()[1].at("end_date"), "2016-12-31");
  EXPECT_EQ(admin.request("POST", person_path(id, "/posts/" + std::to_string(second_id) + "/activate")).error_code(), "post_ended");
  EXPECT_EQ(admin.request("POST", person_path(id, "/posts/999999/activate")).status, 404);

  auto audit = server.db().read([&](db::Tx& tx) {
    return tx.query("SELECT action FROM audit_log WHERE entity = 'person_post' AND entity_id = $1 ORDER BY id", second_id);
  });
  ASSERT_EQ(audit.rows.size(), 3u);
  EXPECT_EQ(audit.rows[0].text(0), "create");
  EXPECT_EQ(audit.rows[1].text(0), "activate");
  EXPECT_EQ(audit.rows[2].text(0), "end");
}

TEST(People, ListSearchFilterAndSort) {
  TestServer server;
  auto admin = server.admin();
  const auto& seed = server.seed();
  create_person(admin, seed.unit_a, "甲一", "staff_member", "科员");
  create_person(admin, seed.unit_a, "甲二", "section_chief", "科长");
  const auto b1 = create_person(admin, seed.unit_b, "乙一", "clerk", "办事员");
  admin.request("POST", person_path(b1, "/deactivate"));

  EXPECT_EQ(admin.get("/api/v1/people").json().at("total"), 3);
  EXPECT_EQ(admin.get("/api/v1/people?unit_id=" + std::to_string(seed.unit_a)).json().at("total"), 2);
  EXPECT_EQ(admin.get("/api/v1/people?rank=clerk").json().at("total"), 1);
  EXPECT_EQ(admin.get("/api/v1/people?active=true").json().at("total"), 2);
  EXPECT_EQ(admin.get("/api/v1/people?q=%E7%A7%91%E9%95%BF").json().at("total"), 1);  // "科长" in post
  auto by_rank = admin.get("/api/v1/people?sort=rank").json().at("items").as_array();
  ASSERT_EQ(by_rank.size(), 3u);
  EXPECT_EQ(by_rank[0].at("rank"), "section_chief");  // the ladder's order, top first
  EXPECT_EQ(by_rank[2].at("rank"), "clerk");
  auto paged = admin.get("/api/v1/people?sort=-created_at&page_size=2&page=2").json();
  EXPECT_EQ(paged.at("total"), 3);
  EXPECT_EQ(paged.at("items").as_array().size(), 1u);
}

TEST(People, ExportsExcelWithChineseHeaders) {
  TestServer server;
  auto admin = server.admin();
  create_person(admin, server.seed().unit_a, "导出甲", "section_chief", "科长");
  create_person(admin, server.seed().unit_b, "导出乙");
  auto res = admin.get("/api/v1/people?format=xlsx&unit_id=" + std::to_string(server.seed().unit_a));
  ASSERT_EQ(res.status, 200) << res.body;
  EXPECT_NE(res.header("content-type").find("spreadsheetml"), std::string::npos);
  const auto table = import::read_table(res.body);
  ASSERT_EQ(table.size(), 2u);  // the filter applies: header + one person
  EXPECT_EQ(table[0], (std::vector<std::string>{"姓名", "单位", "职级", "职务", "电话", "状态"}));
  EXPECT_EQ(table[1][0], "导出甲");
  EXPECT_EQ(table[1][1], "甲科");
  EXPECT_EQ(table[1][2], "乡科级正职");
  EXPECT_EQ(table[1][5], "在职");
}

TEST(People, ImportOfAThousandRowsIsAllOrNothing) {
  TestServer server;
  auto admin = server.admin();
  auto bad = admin.request("POST", "/api/v1/people/import", people_csv(1000, "A", 737), {{"content-type", "text/csv"}});
  ASSERT_EQ(bad.status, 422) << bad.body;
  EXPECT_EQ(bad.error_code(), "import_failed");
  const auto rows = bad.json().at("error").at("rows").as_array();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].at("row"), 738);  // the sheet's row: the header is row 1
  EXPECT_EQ(rows[0].at("column"), "职级");
  EXPECT_EQ(count_people(server), 0);

  auto good = admin.request("POST", "/api/v1/people/import", people_csv(1000, "A", 0), {{"content-type", "text/csv"}});
  ASSERT_EQ(good.status, 200) << good.body.substr(0, 500);
  EXPECT_EQ(good.json().at("imported"), 1000);
  EXPECT_EQ(count_people(server), 1000);
  auto list = admin.get("/api/v1/people?q=%E5%AF%BC%E5%85%A5%E4%BA%BA%E5%91%98737").json();  // "导入人员737"
  ASSERT_EQ(list.at("total"), 1);
  EXPECT_EQ(list.at("items").as_array()[0].at("rank"), "staff_member");  // by label 科员
  EXPECT_EQ(list.at("items").as_array()[0].at("post"), "科员,兼文书");
  EXPECT_EQ(admin.get("/api/v1/people?rank=clerk").json().at("total"), 500);  // by value
}

TEST(People, ImportReadsExcelAndNamesEveryBadCell) {
  TestServer server;
  auto admin = server.admin();
  auto template_res = admin.get("/api/v1/people/import/template");
  ASSERT_EQ(template_res.status, 200);
  EXPECT_EQ(import::read_table(template_res.body)[0], (std::vector<std::string>{"姓名", "单位编码", "职级", "职务", "电话"}));

  auto sheet = [](const std::vector<std::vector<std::string>>& rows) {
    return xlsx::xlsx_response("人员", {{"姓名"}, {"单位编码"}, {"职级"}, {"职务"}, {"电话"}}, [&](const auto& add_row) {
             for (const auto& r : rows) add_row(std::vector<db::Value>(r.begin(), r.end()));
           }).body;
  };
  auto bad = admin.request("POST", "/api/v1/people/import",
                           sheet({{"甲", "A", "科员", "", ""}, {"乙", "NOPE", "科员", "", ""}, {"丙", "B", "办事员", "", "abc"}}));
  ASSERT_EQ(bad.status, 422) << bad.body;
  const auto rows = bad.json().at("error").at("rows").as_array();
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].at("row"), 3);
  EXPECT_EQ(rows[0].at("column"), "单位编码");
  EXPECT_EQ(rows[1].at("row"), 4);
  EXPECT_EQ(rows[1].at("column"), "电话");
  EXPECT_EQ(count_people(server), 0);

  auto good = admin.request("POST", "/api/v1/people/import", sheet({{"甲", "A", "科员", "科员", ""}, {"丙", "B", "办事员", "", "0539-1234"}}));
  ASSERT_EQ(good.status, 200) << good.body;
  EXPECT_EQ(good.json().at("imported"), 2);
}

TEST(People, StaffCannotWrite) {
  TestServer server;
  auto admin = server.admin();
  const auto id = create_person(admin, server.seed().unit_a, "只读");
  auto staff = server.staff();
  EXPECT_EQ(staff.get("/api/v1/people").status, 200);
  EXPECT_EQ(staff.get(person_path(id)).status, 200);
  EXPECT_EQ(staff.post("/api/v1/people", {{"name", "x"}, {"unit_id", server.seed().unit_a}, {"rank", "clerk"}}).status, 403);
  EXPECT_EQ(staff.patch(person_path(id), {{"name", "x"}}).status, 403);
  EXPECT_EQ(staff.request("POST", person_path(id, "/deactivate")).status, 403);
  EXPECT_EQ(staff.post(person_path(id, "/posts"), {{"unit_id", server.seed().unit_b}, {"post", "x"}}).status, 403);
  EXPECT_EQ(staff.request("POST", "/api/v1/people/import", people_csv(1, "A", 0)).status, 403);
  EXPECT_EQ(staff.request("PUT", "/api/v1/sectors/1/lead", R"({"lead_unit_id":null})").status, 403);
  EXPECT_EQ(staff.post("/api/v1/dictionaries/rank/items", {{"value", "x"}, {"label", "x"}}).status, 403);
  EXPECT_EQ(count_people(server), 1);
}

TEST(People, AnotherTenantsPersonIsNotFound) {
  TestServer server;
  const auto other = org::ensure_tenant(server.db(), "other", "另一个局");
  const auto foreign = server.db().write([&](db::Tx& tx) {
    const auto actor = audit::system_actor(other.id, "test");
    people::ensure_builtin_dictionaries(tx, other.id);
    const auto unit = org::create_unit(tx, actor, {"A", "他局甲科", "section", std::nullopt, 0});
    return people::create_person(tx, actor, {"他人", std::nullopt, unit, "clerk", "", ""});
  });
  auto admin = server.admin();
  EXPECT_EQ(admin.get(person_path(foreign)).status, 404);
  EXPECT_EQ(admin.patch(person_path(foreign), {{"name", "x"}}).status, 404);
  EXPECT_EQ(admin.request("POST", person_path(foreign, "/deactivate")).status, 404);
  EXPECT_EQ(admin.get("/api/v1/people").json().at("total"), 0);
  EXPECT_EQ(admin.get("/api/v1/people/abc").status, 404);
}

TEST(People, LiaisonSeesOnlyItsUnitAndBelowAndItsOwnPerson) {
  TestServer server;
  auto admin = server.admin();
  const auto& seed = server.seed();
  const auto sub_unit = admin.post("/api/v1/units", {{"code", "A1"}, {"name", "甲科一组"}, {"kind", "section"}, {"parent_id", seed.unit_a}})
                            .json()
                            .at("id")
                            .as_int64();
  const auto in_a = create_person(admin, seed.unit_a, "甲科人");
  create_person(admin, sub_unit, "甲科一组人");
  const auto in_b = create_person(admin, seed.unit_b, "乙科人");
  const auto actor = audit::system_actor(seed.tenant_id, "test");
  const auto account = auth::create_account(server.db(), actor, {"liaison_a", "甲科联络员", "liaison", seed.unit_a, "Liaison-pass-1"});

  auto liaison = server.client();
  liaison.login("liaison_a", "Liaison-pass-1", "test");
  auto list = liaison.get("/api/v1/people").json();
  EXPECT_EQ(list.at("total"), 2);
  for (const auto& p : list.at("items").as_array()) EXPECT_NE(p.at("id"), in_b);
  EXPECT_EQ(liaison.get(person_path(in_a)).status, 200);
  EXPECT_EQ(liaison.get(person_path(in_b)).status, 404);
  EXPECT_EQ(liaison.get("/api/v1/people?format=xlsx").status, 200);

  // Linked to a person of B, the account may read that one person too.
  server.db().write([&](db::Tx& tx) { ASSERT_TRUE(people::link_account_person(tx, actor, account, in_b)); });
  EXPECT_EQ(liaison.get(person_path(in_b)).status, 200);
  EXPECT_EQ(liaison.get("/api/v1/people").json().at("total"), 3);
}

TEST(Sectors, LeadMustBeAnActiveDepartmentOfThatSector) {
  TestServer server;
  auto admin = server.admin();
  auto unit = [&](const char* code, const char* kind, json::value parent) {
    auto res = admin.post("/api/v1/units", {{"code", code}, {"name", std::string("单位") + code}, {"kind", kind}, {"parent_id", parent}});
    EXPECT_EQ(res.status, 201) << res.body;
    return res.json().at("id").as_int64();
  };
  const auto s1 = unit("S01", "sector", nullptr);
  const auto s2 = unit("S02", "sector", nullptr);
  const auto d11 = unit("S01-01", "department", s1);
  unit("S01-02", "department", s1);
  const auto d21 = unit("S02-01", "department", s2);

  auto list = admin.get("/api/v1/sectors").json();
  ASSERT_EQ(list.at("total"), 2);
  EXPECT_EQ(list.at("items").as_array()[0].at("department_count"), 2);
  EXPECT_TRUE(list.at("items").as_array()[0].at("lead_unit_id").is_null());

  const auto lead_path = "/api/v1/sectors/" + std::to_string(s1) + "/lead";
  auto set = admin.request("PUT", lead_path, json::serialize(json::object{{"lead_unit_id", d11}}));
  ASSERT_EQ(set.status, 200) << set.body;
  EXPECT_EQ(set.json().at("lead_unit_name"), "单位S01-01");
  EXPECT_EQ(error_field(admin.request("PUT", lead_path, json::serialize(json::object{{"lead_unit_id", d21}}))), "lead_unit_id");
  EXPECT_EQ(error_field(admin.request("PUT", lead_path, json::serialize(json::object{{"lead_unit_id", 999999}}))), "lead_unit_id");
  EXPECT_EQ(error_field(admin.request("PUT", lead_path, "{}")), "lead_unit_id");
  EXPECT_EQ(admin.request("PUT", "/api/v1/sectors/" + std::to_string(d11) + "/lead", R"({"lead_unit_id":null})").status, 404);
  EXPECT_EQ(admin.get("/api/v1/sectors?q=S02").json().at("items").as_array()[0].at("id"), s2);

  const auto audit = server.db().read([&](db::Tx& tx) {
    return tx.query("SELECT diff FROM audit_log WHERE entity = 'unit' AND entity_id = $1 AND action = 'update'", s1);
  });
  ASSERT_EQ(audit.rows.size(), 1u);
  EXPECT_EQ(json::parse(audit.rows[0].text(0)).at("lead_unit_id").at("to"), d11);

  auto cleared = admin.request("PUT", lead_path, R"({"lead_unit_id":null})");
  EXPECT_TRUE(cleared.json().at("lead_unit_id").is_null());
}

TEST(Dictionaries, BuiltinRankCanBeExtendedAndItemsDeactivated) {
  TestServer server;
  auto admin = server.admin();
  auto list = admin.get("/api/v1/dictionaries?q=rank").json();
  EXPECT_EQ(list.at("total"), 1);
  auto rank = admin.get("/api/v1/dictionaries/rank").json();
  EXPECT_EQ(rank.at("builtin"), true);
  ASSERT_EQ(rank.at("total"), 11);
  EXPECT_EQ(rank.at("items").as_array()[0].at("value"), "province_chief");
  EXPECT_EQ(admin.get("/api/v1/dictionaries/nope").status, 404);

  auto added = admin.post("/api/v1/dictionaries/rank/items", {{"value", "contract_staff"}, {"label", "聘用人员"}, {"sort_order", 120}});
  ASSERT_EQ(added.status, 201) << added.body;
  EXPECT_EQ(added.json().at("total"), 12);
  const auto item_id = added.json().at("items").as_array()[11].at("id").as_int64();
  EXPECT_EQ(admin.post("/api/v1/dictionaries/rank/items", {{"value", "contract_staff"}, {"label", "x"}}).status, 409);
  EXPECT_EQ(error_field(admin.post("/api/v1/dictionaries/rank/items", {{"value", "Bad Value"}, {"label", "x"}})), "value");
  EXPECT_EQ(error_field(admin.post("/api/v1/dictionaries/rank/items", {{"value", "ok"}})), "label");
  EXPECT_EQ(admin.post("/api/v1/dictionaries/nope/items", {{"value", "a"}, {"label", "a"}}).status, 404);
  const auto person = create_person(admin, server.seed().unit_a, "聘用甲", "contract_staff", "协管员");

  const auto item_path = "/api/v1/dictionaries/rank/items/" + std::to_string(item_id);
  auto renamed = admin.patch(item_path, {{"label", "编外聘用人员"}, {"active", false}});
  ASSERT_EQ(renamed.status, 200) << renamed.body;
  EXPECT_EQ(renamed.json().at("items").as_array()[11].at("active"), false);
  EXPECT_EQ(error_field(admin.patch(item_path, {{"active", "no"}})), "active");
  EXPECT_EQ(admin.patch("/api/v1/dictionaries/post_kind/items/" + std::to_string(item_id), {{"label", "x"}}).status, 404);

  // Inactive values are refused for new records and stay on old ones.
  EXPECT_EQ(error_field(admin.post("/api/v1/people", {{"name", "聘用乙"}, {"unit_id", server.seed().unit_a}, {"rank", "contract_staff"}})),
            "rank");
  auto old = admin.get(person_path(person)).json();
  EXPECT_EQ(old.at("rank_label"), "编外聘用人员");
  EXPECT_EQ(admin.patch(person_path(person), {{"phone", "0539-1234"}}).status, 200);

  const auto audit = server.db().read([&](db::Tx& tx) {
    return tx.query("SELECT action FROM audit_log WHERE entity = 'dictionary_item' AND entity_id = $1 ORDER BY id", item_id);
  });
  ASSERT_EQ(audit.rows.size(), 2u);
  EXPECT_EQ(audit.rows[1].text(0), "update");
}

}  // namespace
}  // namespace jiguan::test
