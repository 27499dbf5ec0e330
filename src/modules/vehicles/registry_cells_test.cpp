// The registry's import cells: money in yuan read exactly into fen, and days as Excel
// stores them.
#include <gtest/gtest.h>

#include "modules/vehicles/registry.hpp"

namespace jiguan::vehicles {
namespace {

TEST(VehicleImportCells, YuanBecomeFenExactly) {
  EXPECT_EQ(parse_yuan("180000"), 18'000'000);
  EXPECT_EQ(parse_yuan("123456.78"), 12'345'678);
  EXPECT_EQ(parse_yuan("0.1"), 10);
  EXPECT_EQ(parse_yuan("0.29"), 29);  // 0.29 * 100 is 28.999… in floating point
  EXPECT_EQ(parse_yuan("5111780.00"), 511'178'000);
  EXPECT_EQ(parse_yuan("12.3400"), 1234);  // trailing zeros are no extra precision
  EXPECT_EQ(parse_yuan("9999999999999.99"), 999'999'999'999'999);
  for (const char* bad : {"", "-1", "1.234", "1,000", "12元", " 12", ".5", "1.2.3", "99999999999999", "1e5"}) {
    EXPECT_EQ(parse_yuan(bad), std::nullopt) << bad;
  }
}

TEST(VehicleImportCells, DaysAsTextOrExcelSerials) {
  EXPECT_EQ(parse_sheet_day("2016-03-01"), "2016-03-01");
  EXPECT_EQ(parse_sheet_day("42430"), "2016-03-01");     // a cell formatted as a date
  EXPECT_EQ(parse_sheet_day("42430.75"), "2016-03-01");  // with a time of day
  EXPECT_EQ(parse_sheet_day("61"), "1900-03-01");
  for (const char* bad : {"", "2016-02-30", "2016/03/01", "60", "0", "-42430", "42430.x", "3000000"}) {
    EXPECT_EQ(parse_sheet_day(bad), std::nullopt) << bad;
  }
}

}  // namespace
}  // namespace jiguan::vehicles
