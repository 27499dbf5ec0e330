// The area standards and the judgement of one office, as plain functions.
// 《党政机关办公用房建设标准》(发改投资〔2014〕2674号) 县级机关: 县正 30, 县副 24, 正科 18, 副科 12,
// 科以下 9 m²; the 1999 standard (计投资〔1999〕2250号) 县级: 县正 20, 县副 12, 科级 9, 科以下 6.
// Shared rooms and tolerance bands are local practice (../shared/domain/README.md).
#include <gtest/gtest.h>

#include "modules/space/space.hpp"

namespace jiguan::space {
namespace {

const std::vector<StandardRow>& national() {
  static const auto rows = builtin_standards();
  return rows;
}

const Settings kCounty{};  // 县级, the standard in force on the day, bands 30 % / 50 %

OccupantStandard person(std::int64_t id, const char* rank, std::string_view day = "2016-12-31",
                        const Settings& settings = kCounty) {
  return {id, std::string("P") + std::to_string(id), limit_for(national(), settings, rank, day)};
}

TEST(SpaceStandard, TheCountyTableOf2014) {
  const auto limit = [](const char* rank) { return limit_for(national(), kCounty, rank, "2016-12-31")->limit_area; };
  EXPECT_EQ(limit("county_chief"), 3000);
  EXPECT_EQ(limit("county_deputy"), 2400);
  EXPECT_EQ(limit("section_chief"), 1800);
  EXPECT_EQ(limit("section_deputy"), 1200);
  EXPECT_EQ(limit("staff_member"), 900);
  EXPECT_EQ(limit("clerk"), 900);
  EXPECT_EQ(limit_for(national(), kCounty, "province_chief", "2016-12-31"), nullptr);  // not a county rank
}

TEST(SpaceStandard, TheStandardIsTheOneInForceOnTheDayJudged) {
  EXPECT_EQ(standard_in_force(national(), kCounty, "2014-11-23"), "1999");
  EXPECT_EQ(standard_in_force(national(), kCounty, "2014-11-24"), "2014");
  EXPECT_EQ(standard_in_force(national(), kCounty, "1990-01-01"), std::nullopt);
  Settings pinned;
  pinned.standard_code = "1999";
  EXPECT_EQ(limit_for(national(), pinned, "section_chief", "2026-01-01")->limit_area, 900);
  Settings city;
  city.level = "city";
  EXPECT_EQ(limit_for(national(), city, "bureau_chief", "2026-01-01")->limit_area, 4200);
  EXPECT_EQ(limit_for(national(), city, "bureau_chief", "2010-01-01")->limit_area, 3200);
}

// The seed (2016 summary, §(二)): 局长办公室1间，使用面积12.67平方米; 1名副局长和2名科员共用1间，
// 25.5平方米; 另外2名班子成员和1名科员共用1间，29.6平方米 — "无超标占用". The bureau is 正科级, so
// the 局长 is 正科 (18) and the 副局长 副科 (12).
TEST(SpaceStandard, TheSeedsThreeBureauOfficesComplyUnderThe2014CountyTable) {
  const auto director = assess_office(1267, {person(1, "section_chief")}, kCounty);
  EXPECT_EQ(director.grade, Grade::compliant);
  EXPECT_EQ(director.entitlement, 1800);
  EXPECT_NE(director.rule.find("发改投资〔2014〕2674号"), std::string::npos);

  const auto deputy_and_two = assess_office(2550, {person(2, "section_deputy"), person(3, "staff_member"), person(4, "staff_member")}, kCounty);
  EXPECT_EQ(deputy_and_two.grade, Grade::compliant);
  EXPECT_EQ(deputy_and_two.entitlement, 3000);

  const auto two_leaders_and_one = assess_office(2960, {person(5, "section_deputy"), person(6, "section_deputy"), person(7, "staff_member")}, kCounty);
  EXPECT_EQ(two_leaders_and_one.grade, Grade::compliant);
  EXPECT_EQ(two_leaders_and_one.entitlement, 3300);
  EXPECT_EQ(grade_colour(two_leaders_and_one.grade), "green");
}

TEST(SpaceStandard, ASharedRoomIsSplitInProportionToTheStandards) {
  // 25.50 m² over 12 : 9 : 9 → 10.20, 7.65, 7.65.
  const auto a = assess_office(2550, {person(2, "section_deputy"), person(3, "staff_member"), person(4, "staff_member")}, kCounty);
  ASSERT_EQ(a.shares.size(), 3u);
  EXPECT_EQ(a.shares[0].share_area, 1020);
  EXPECT_EQ(a.shares[1].share_area, 765);
  EXPECT_EQ(a.shares[2].share_area, 765);
  // Rounding never loses area: 10.00 m² over 9 : 9 : 9.
  const auto b = assess_office(1000, {person(1, "staff_member"), person(2, "staff_member"), person(3, "staff_member")}, kCounty);
  EXPECT_EQ(b.shares[0].share_area + b.shares[1].share_area + b.shares[2].share_area, 1000);
  // Two people over 18 m² of standards in 20 m²: over, though each alone would not be.
  const auto c = assess_office(2000, {person(1, "staff_member"), person(2, "staff_member")}, kCounty);
  EXPECT_EQ(c.grade, Grade::within_tolerance);
  EXPECT_EQ(c.excess_area, 200);
  EXPECT_EQ(c.excess_permille, 111);
}

TEST(SpaceStandard, ToleranceBandsIncludeTheirUpperBound) {
  // A 科员 (9 m²): 30 % over is 11.70, 50 % over is 13.50.
  const auto grade = [](std::int64_t area) { return assess_office(area, {person(1, "staff_member")}, kCounty).grade; };
  EXPECT_EQ(grade(900), Grade::compliant);
  EXPECT_EQ(grade(901), Grade::within_tolerance);
  EXPECT_EQ(grade(1170), Grade::within_tolerance);
  EXPECT_EQ(grade(1171), Grade::amber);
  EXPECT_EQ(grade(1349), Grade::amber);
  EXPECT_EQ(grade(1350), Grade::red);
  const auto red = assess_office(2000, {person(1, "staff_member")}, kCounty);
  EXPECT_EQ(grade_colour(red.grade), "red");
  EXPECT_EQ(red.excess_area, 1100);
  EXPECT_EQ(red.excess_permille, 1222);
  EXPECT_NE(red.rule.find("第二十二条"), std::string::npos);
  // The bands are the tenant's: with 10 % / 20 %, 11.70 is already red.
  Settings strict;
  strict.amber_from_pct = 10;
  strict.red_from_pct = 20;
  EXPECT_EQ(assess_office(1170, {person(1, "staff_member", "2016-12-31", strict)}, strict).grade, Grade::red);
}

TEST(SpaceStandard, AChangeOfRankChangesTheVerdict) {
  // 20 m² for a 副科 (12) is 67 % over: red. Promoted to 县副 (24): compliant.
  EXPECT_EQ(assess_office(2000, {person(1, "section_deputy")}, kCounty).grade, Grade::red);
  EXPECT_EQ(assess_office(2000, {person(1, "county_deputy")}, kCounty).grade, Grade::compliant);
}

TEST(SpaceStandard, ABuildingOf1999OccupiedAfter2014IsJudgedBy2014) {
  // The building's age does not matter, the day does: the director's 12.67 m² was 40.8 %
  // over the 1999 科级 9 m² (amber), and complies with the 2014 正科 18 m².
  const auto in_2010 = assess_office(1267, {person(1, "section_chief", "2010-06-01")}, kCounty);
  EXPECT_EQ(in_2010.grade, Grade::amber);
  EXPECT_EQ(in_2010.excess_permille, 407);
  EXPECT_NE(in_2010.rule.find("计投资〔1999〕2250号"), std::string::npos);
  const auto in_2015 = assess_office(1267, {person(1, "section_chief", "2015-03-01")}, kCounty);
  EXPECT_EQ(in_2015.grade, Grade::compliant);
}

TEST(SpaceStandard, VacantAndUnknownOfficesAreNotJudged) {
  EXPECT_EQ(assess_office(2000, {}, kCounty).grade, Grade::vacant);
  const auto unknown = assess_office(2000, {person(1, "staff_member"), person(2, "province_chief")}, kCounty);
  EXPECT_EQ(unknown.grade, Grade::unknown);
  EXPECT_EQ(grade_colour(unknown.grade), "grey");
}

TEST(SpaceStandard, AreaText) {
  EXPECT_EQ(area_text(1267), "12.67");
  EXPECT_EQ(area_text(2550), "25.50");
  EXPECT_EQ(area_text(905), "9.05");
  EXPECT_EQ(area_text(0), "0.00");
}

}  // namespace
}  // namespace jiguan::space
