// Excel out and in, through the real server: the units list as .xlsx, and the units import
// (CSV and .xlsx) that writes every row or none.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "core/export/import.hpp"
#include "support/test_server.hpp"

namespace jiguan::test {
namespace {
namespace json = boost::json;

using Table = std::vector<std::vector<std::string>>;
constexpr const char* kXlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

HttpResponse upload(HttpClient& client, const std::string& bytes, const std::string& content_type = "text/csv") {
  return client.request("POST", "/api/v1/units/import", bytes, {{"Content-Type", content_type}});
}

std::int64_t count(TestServer& server, const std::string& sql) {
  return server.db().read([&](db::Tx& tx) { return tx.query(sql).one().int64(0); });
}

// 1,000 units U0001…U1000 under ROOT; every tenth starts a group whose other rows name it
// (an earlier row of the same sheet) as their parent. bad_row: a sheet row given an
// unknown 类型.
std::string units_csv(int bad_row = 0) {
  std::string csv = "编码,名称,类型,上级编码,排序\r\n";
  for (int i = 1; i <= 1000; ++i) {
    char code[8], group[8];
    std::snprintf(code, sizeof code, "U%04d", i);
    std::snprintf(group, sizeof group, "U%04d", (i - 1) / 10 * 10 + 1);
    const bool head = i % 10 == 1;
    const std::string kind = i + 1 == bad_row ? "宫" : head ? "部门" : "section";  // sheet row = i + 1
    csv += std::string(code) + ",\"导入单位 " + std::to_string(i) + "号, 第" + std::to_string(i % 10) + "组\"," + kind + "," +
           (head ? "ROOT" : group) + "," + std::to_string(i) + "\r\n";
  }
  return csv;
}

TEST(Excel, UnitsExportHonoursFiltersAndSort) {
  TestServer server;
  auto admin = server.admin();
  auto all = admin.get("/api/v1/units?format=xlsx");
  ASSERT_EQ(all.status, 200) << all.body;
  EXPECT_EQ(all.header("content-type"), kXlsxType);
  EXPECT_EQ(all.header("content-disposition"),
            "attachment; filename=\"export.xlsx\"; filename*=UTF-8''%E5%8D%95%E4%BD%8D%E5%88%97%E8%A1%A8.xlsx");
  const auto table = import::read_table(all.body);
  ASSERT_EQ(table.size(), 4u);  // header + ROOT, A, B (sorted by code)
  EXPECT_EQ(table[0], (std::vector<std::string>{"编码", "名称", "类型", "上级单位", "排序", "状态", "创建时间"}));
  ASSERT_EQ(table[1].size(), 7u);
  EXPECT_EQ(std::vector<std::string>(table[1].begin(), table[1].end() - 1),
            (std::vector<std::string>{"A", "甲科", "科室", "测试局", "10", "启用"}));
  EXPECT_EQ(table[1][6].size(), 16u);  // "YYYY-MM-DD HH:MM", UTC+8
  EXPECT_EQ(table[3][0], "ROOT");
  EXPECT_EQ(table[3][2], "局");
  EXPECT_EQ(table[3][3], "");  // no parent

  auto sections = import::read_table(admin.get("/api/v1/units?format=xlsx&kind=section&sort=-code").body);
  ASSERT_EQ(sections.size(), 3u);
  EXPECT_EQ(sections[1][0], "B");
  EXPECT_EQ(sections[2][0], "A");
  EXPECT_EQ(admin.get("/api/v1/units?format=xlsx&sort=color").status, 422);  // same validation as JSON
}

TEST(Excel, ImportOfAThousandUnitsIsAllOrNothing) {
  TestServer server;
  auto admin = server.admin();
  const auto audit_before = count(server, "SELECT COUNT(*) FROM audit_log");

  auto refused = upload(admin, units_csv(573));
  ASSERT_EQ(refused.status, 422) << refused.body;
  const auto body = refused.json();
  const auto& error = body.at("error");
  EXPECT_EQ(error.at("code"), "import_failed");
  EXPECT_EQ(error.at("error_count"), 1);
  ASSERT_EQ(error.at("rows").as_array().size(), 1u);
  EXPECT_EQ(error.at("rows").at(0).at("row"), 573);
  EXPECT_EQ(error.at("rows").at(0).at("column"), "类型");
  EXPECT_EQ(count(server, "SELECT COUNT(*) FROM units WHERE code LIKE 'U%'"), 0);
  EXPECT_EQ(count(server, "SELECT COUNT(*) FROM audit_log"), audit_before);

  auto imported = upload(admin, units_csv());
  ASSERT_EQ(imported.status, 200) << imported.body;
  EXPECT_EQ(imported.json().at("imported"), 1000);
  EXPECT_EQ(admin.get("/api/v1/units?q=U&page_size=1").json().at("total"), 1000);
  EXPECT_EQ(count(server, "SELECT COUNT(*) FROM audit_log") - audit_before, 1000);  // one create row per unit
  const auto u0002 = admin.get("/api/v1/units?q=U0002").json().at("items").at(0);
  EXPECT_EQ(u0002.at("parent_name"), "导入单位 1号, 第1组");
  EXPECT_EQ(u0002.at("kind"), "section");
  EXPECT_EQ(u0002.at("sort_order"), 2);

  // The same sheet again: every code now exists.
  auto again = upload(admin, units_csv());
  ASSERT_EQ(again.status, 422);
  EXPECT_EQ(again.json().at("error").at("error_count"), 1000);
  EXPECT_EQ(again.json().at("error").at("rows").as_array().size(), import::kMaxRowErrors);
}

TEST(Excel, ImportRowErrorsNameRowAndColumn) {
  TestServer server;
  auto admin = server.admin();
  auto r = upload(admin, "编码,名称,类型,上级编码,排序\nX1,新科,科室,LATER,abc\nX1,,口,,\nA,重名,局,X1,\nLATER,后来,口,,\n");
  ASSERT_EQ(r.status, 422) << r.body;
  std::vector<std::pair<std::int64_t, std::string>> got;
  const auto body = r.json();  // named: a range-for over r.json().at(…) would dangle
  for (const auto& e : body.at("error").at("rows").as_array()) {
    got.emplace_back(e.at("row").as_int64(), std::string(e.at("column").as_string()));
  }
  // A parent must come earlier in the sheet; duplicates within the sheet and against the
  // database; the name rule of the units domain.
  EXPECT_EQ(got, (std::vector<std::pair<std::int64_t, std::string>>{
                     {2, "上级编码"}, {2, "排序"}, {3, "名称"}, {3, "编码"}, {4, "编码"}}));

  auto headers = upload(admin, "编码,名称,颜色\nX,y,红\n");
  ASSERT_EQ(headers.status, 422);
  EXPECT_EQ(headers.json().at("error").at("rows").as_array().size(), 2u);  // 颜色 unknown, 类型 missing
  EXPECT_EQ(headers.json().at("error").at("rows").at(0).at("row"), 1);

  EXPECT_EQ(upload(admin, "\xB1\xE0\xC2\xEB\n", "text/csv").error_code(), "bad_file");  // GBK
  EXPECT_EQ(upload(admin, "PK\x03\x04garbage", kXlsxType).error_code(), "bad_file");
}

TEST(Excel, TemplateFilledInAndImportedAsXlsx) {
  TestServer server;
  auto admin = server.admin();
  auto tmpl = admin.get("/api/v1/units/import/template");
  ASSERT_EQ(tmpl.status, 200);
  EXPECT_EQ(tmpl.header("content-type"), kXlsxType);
  EXPECT_EQ(import::read_table(tmpl.body), (Table{{"编码", "名称", "类型", "上级编码", "排序"}}));

  // A filled-in sheet, written by the same writer (inline strings, a number, a gap).
  std::vector<xlsx::Column> columns;
  for (const auto& h : {"编码", "名称", "类型", "上级编码", "排序"}) columns.push_back({h});
  const auto sheet = xlsx::xlsx_response("单位导入", columns, [](const auto& add_row) {
    add_row({std::string("FIN"), std::string("区财政局"), std::string("部门"), std::string("ROOT"), std::int64_t{3}});
    add_row({std::string("FIN-1"), std::string("国库科"), std::string("科室"), std::string("FIN"), nullptr});
  });
  auto r = upload(admin, sheet.body, kXlsxType);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json().at("imported"), 2);
  const auto fin1 = admin.get("/api/v1/units?q=FIN-1").json().at("items").at(0);
  EXPECT_EQ(fin1.at("parent_name"), "区财政局");
  EXPECT_EQ(fin1.at("sort_order"), 0);
}

TEST(Excel, ImportNeedsOrgWrite) {
  TestServer server;
  auto staff = server.staff();
  EXPECT_EQ(upload(staff, units_csv()).status, 403);
  EXPECT_EQ(staff.get("/api/v1/units/import/template").status, 403);
  EXPECT_EQ(staff.get("/api/v1/units?format=xlsx").status, 200);  // export needs only org.read
  EXPECT_EQ(count(server, "SELECT COUNT(*) FROM units WHERE code LIKE 'U%'"), 0);
}

}  // namespace
}  // namespace jiguan::test

namespace jiguan::test {
namespace {

// "Every list exports to .xlsx": every GET route documented as a list ({items,total})
// answers ?format=xlsx with a workbook. Grows with the router, like the role matrix.
TEST(ExcelEveryList, EveryListRouteExportsAWorkbook) {
  TestServer server;
  auto admin = server.admin();
  int lists = 0;
  for (const auto& route : server.app().router().routes()) {
    const auto& schema = route.doc.response_schema;
    const bool is_list = route.method == "GET" && schema.is_object() && schema.as_object().contains("properties") &&
                         schema.at("properties").as_object().contains("total");
    if (!is_list || route.pattern.find('{') != std::string::npos) continue;
    ++lists;
    auto res = admin.get(route.pattern + "?format=xlsx");
    SCOPED_TRACE(route.pattern);
    EXPECT_EQ(res.status, 200) << res.body.substr(0, 200);
    EXPECT_EQ(res.header("content-type"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    EXPECT_EQ(res.body.substr(0, 2), "PK");
  }
  EXPECT_GE(lists, 8);
}

}  // namespace
}  // namespace jiguan::test
