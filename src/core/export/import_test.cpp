// Reading CSV and .xlsx into text cells, the .xlsx writer read back, and run_import's
// all-or-nothing rule (on the backend FreshDatabase provides).
#include "core/export/import.hpp"

#include <gtest/gtest.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "core/http/api_error.hpp"
#include "support/test_db.hpp"

namespace jiguan::test {
namespace {

using Table = std::vector<std::vector<std::string>>;

std::string bad_file_code(const std::string& bytes) {
  try {
    import::read_table(bytes);
  } catch (const http::ApiError& e) {
    return e.status() == 422 ? e.code() : "status " + std::to_string(e.status());
  }
  return "no error";
}

std::size_t temp_xlsx_files() {
  std::size_t n = 0;
  for (const auto& entry : std::filesystem::directory_iterator(std::filesystem::temp_directory_path())) {
    n += entry.path().filename().string().starts_with("jiguan-xlsx-");
  }
  return n;
}

TEST(ImportCsv, QuotesCommasNewlinesAndEscapedQuotes) {
  EXPECT_EQ(import::read_table("编码,名称\nA,\"区财政局, 国库科\"\nB,\"第一行\n第二行\"\nC,\"他说\"\"好\"\"\"\n"),
            (Table{{"编码", "名称"}, {"A", "区财政局, 国库科"}, {"B", "第一行\n第二行"}, {"C", "他说\"好\""}}));
}

TEST(ImportCsv, BomCrlfEmptyFieldsAndLastLineWithoutBreak) {
  EXPECT_EQ(import::read_table("\xEF\xBB\xBF"
                               "a,b,c\r\n1,,3\r\n\r\n,x,"),
            (Table{{"a", "b", "c"}, {"1", "", "3"}, {""}, {"", "x", ""}}));
  EXPECT_EQ(import::read_table("a\r\n\"q\"\r\n"), (Table{{"a"}, {"q"}}));  // a line break inside no record
  EXPECT_TRUE(import::read_table("").empty());
}

TEST(ImportCsv, UnreadableFilesAre422BadFile) {
  EXPECT_EQ(bad_file_code("a,\"unterminated\nb,c\n"), "bad_file");
  EXPECT_EQ(bad_file_code("\xB1\xE0\xC2\xEB,\xC3\xFB\xB3\xC6\n"), "bad_file");  // "编码,名称" in GBK
  EXPECT_EQ(bad_file_code(std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + "old xls"), "bad_file");
  EXPECT_EQ(bad_file_code("PK\x03\x04 not really a zip"), "bad_file");
}

TEST(ImportXlsx, RoundTripThroughTheWriter) {
  using xlsx::CellType;
  const std::vector<xlsx::Column> columns = {{"名称"},
                                             {"数量", CellType::integer},
                                             {"金额（元）", CellType::money_fen},
                                             {"面积（m²）", CellType::area_centi_m2},
                                             {"在用", CellType::boolean},
                                             {"购置日期", CellType::date},
                                             {"登记时间", CellType::datetime}};
  const std::vector<std::vector<db::Value>> rows = {
      {std::string("区机关事务管理局"), std::int64_t{42}, std::int64_t{123456789}, std::int64_t{5025}, std::int64_t{1},
       std::string("2016-03-01"), std::string("2026-11-28T16:46:40Z")},
      {std::string("空值 , \"引号\""), nullptr, std::int64_t{-5}, nullptr, std::int64_t{0}, nullptr, nullptr},
  };
  const auto before = temp_xlsx_files();
  auto response = xlsx::xlsx_response("资产清单", columns, [&](const auto& add_row) {
    for (const auto& row : rows) add_row(row);
  });
  EXPECT_EQ(temp_xlsx_files(), before);
  EXPECT_EQ(response.content_type, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  ASSERT_EQ(response.headers.size(), 1u);
  EXPECT_EQ(response.headers[0].second,
            "attachment; filename=\"export.xlsx\"; filename*=UTF-8''%E8%B5%84%E4%BA%A7%E6%B8%85%E5%8D%95.xlsx");

  EXPECT_EQ(import::read_table(response.body),
            (Table{{"名称", "数量", "金额（元）", "面积（m²）", "在用", "购置日期", "登记时间"},
                   {"区机关事务管理局", "42", "1234567.89", "50.25", "是", "2016-03-01", "2026-11-29 00:46"},
                   {"空值 , \"引号\"", "", "-0.05", "", "否"}}));
}

TEST(ImportXlsx, SheetNamesAreMadeValidAndErrorsLeaveNoTempFile) {
  const auto before = temp_xlsx_files();
  // 40 characters with every character Excel forbids in a sheet name.
  EXPECT_NO_THROW(xlsx::xlsx_response("'[单位]:列表*?/\\" + std::string(40, 'x'), {{"a"}}, [](const auto&) {}));
  EXPECT_THROW(xlsx::xlsx_response("x", {{"a"}},
                                   [](const auto& add_row) {
                                     add_row({std::string("1")});
                                     throw std::runtime_error("query failed");
                                   }),
               std::runtime_error);
  EXPECT_EQ(temp_xlsx_files(), before);
}

// A workbook as Excel itself writes it: shared strings, numbers, a gap column and a gap row.
TEST(ImportXlsx, SharedStringsAndGapsLandByCellReference) {
  const auto path =
      (std::filesystem::temp_directory_path() / ("jiguan-import-test-" + std::to_string(::getpid()) + ".xlsx")).string();
  lxw_workbook* wb = workbook_new(path.c_str());
  lxw_worksheet* ws = workbook_add_worksheet(wb, "第一页");
  worksheet_write_string(ws, 0, 0, "编码", nullptr);
  worksheet_write_string(ws, 0, 2, "名称", nullptr);  // B1 left empty
  worksheet_write_number(ws, 1, 0, 7, nullptr);
  worksheet_write_string(ws, 1, 2, "编码", nullptr);  // a repeated shared string
  worksheet_write_boolean(ws, 3, 1, 1, nullptr);      // row 3 left empty
  worksheet_write_number(ws, 3, 3, 2.5, nullptr);
  workbook_add_worksheet(wb, "第二页");  // only the first sheet is read
  ASSERT_EQ(workbook_close(wb), LXW_NO_ERROR);
  std::ifstream in(path, std::ios::binary);
  const std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  std::filesystem::remove(path);

  EXPECT_EQ(import::read_table(bytes), (Table{{"编码", "", "名称"}, {"7", "", "编码"}, {}, {"", "TRUE", "", "2.5"}}));
}

struct Item {
  std::string name;
};

using ItemSpec = import::ImportSpec<Item>;

class RunImport : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = db::Database::open(fresh_.url());
    db_->write([](db::Tx& tx) { tx.exec_script("CREATE TABLE import_items (name TEXT NOT NULL)"); });
  }
  void TearDown() override { db_.reset(); }

  // Names must not be "bad"; inserting "boom" fails inside the write transaction.
  static std::optional<Item> parse(db::Tx&, const std::vector<std::string>& cells, int,
                                   const std::function<void(const std::string&, const std::string&)>& error) {
    if (cells[0] == "bad") error("名称", "名称不能为 bad");
    return Item{cells[0]};
  }
  static void insert(db::Tx& tx, const Item& item) {
    if (item.name == "boom") throw std::runtime_error("insert failed");
    tx.query("INSERT INTO import_items (name) VALUES ($1)", item.name);
  }
  static ItemSpec spec() { return {{{"名称", true}, {"备注", false}}, parse, insert}; }

  std::int64_t count() {
    return db_->read([](db::Tx& tx) { return tx.query("SELECT COUNT(*) FROM import_items").one().int64(0); });
  }

  FreshDatabase fresh_;
  std::unique_ptr<db::Database> db_;
};

TEST_F(RunImport, HeaderErrorsAreRowOne) {
  auto result = import::run_import(*db_, Table{{"备注", "颜色"}, {"x", "y"}}, spec());
  ASSERT_EQ(result.errors.size(), 2u);
  EXPECT_EQ(result.errors[0].row, 1);
  EXPECT_EQ(result.errors[0].column, "颜色");
  EXPECT_EQ(result.errors[1].column, "名称");  // the required column is missing
  EXPECT_EQ(count(), 0);
}

TEST_F(RunImport, EmptyRowsAreSkippedAndRowsKeepTheirSheetNumbers) {
  auto result = import::run_import(*db_, Table{{" 名称 "}, {"a"}, {}, {"  ", ""}, {"bad"}, {"c"}}, spec());
  ASSERT_EQ(result.errors.size(), 1u);
  EXPECT_EQ(result.errors[0].row, 5);
  EXPECT_EQ(result.imported, 0);
  EXPECT_EQ(count(), 0);

  result = import::run_import(*db_, Table{{"名称"}, {" a "}, {}, {"c"}}, spec());
  EXPECT_TRUE(result.errors.empty());
  EXPECT_EQ(result.imported, 2);
  EXPECT_EQ(db_->read([](db::Tx& tx) { return tx.query("SELECT name FROM import_items ORDER BY name").rows[0].text(0); }), "a");
}

TEST_F(RunImport, ErrorListIsCappedButAllAreCounted) {
  Table table{{"名称"}};
  table.resize(1 + 250, {"bad"});
  auto result = import::run_import(*db_, table, spec());
  EXPECT_EQ(result.errors.size(), import::kMaxRowErrors);
  EXPECT_EQ(result.error_count, 250);
  auto response = import::import_response(result);
  EXPECT_EQ(response.status, 422);
  EXPECT_NE(response.body.find("\"error_count\":250"), std::string::npos);
}

TEST_F(RunImport, AFailedInsertImportsNothing) {
  EXPECT_THROW(import::run_import(*db_, Table{{"名称"}, {"a"}, {"boom"}}, spec()), std::runtime_error);
  EXPECT_EQ(count(), 0);
}

}  // namespace
}  // namespace jiguan::test
