// RFC 5545 text: TEXT escaping (§3.3.11), folding at 75 octets (§3.1) without cutting the
// 3-octet UTF-8 of Chinese text, and a whole small calendar as Outlook reads it.
#include "modules/meetings/ical.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace jiguan::meetings::ical {
namespace {

Instant at(const char* text) { return *parse_instant(text); }

// The physical lines of a text with CRLF line ends (each without its CRLF).
std::vector<std::string> physical_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t from = 0;
  for (auto crlf = text.find("\r\n"); crlf != std::string::npos; crlf = text.find("\r\n", from)) {
    lines.push_back(text.substr(from, crlf - from));
    from = crlf + 2;
  }
  EXPECT_EQ(from, text.size()) << "text must end with CRLF";
  return lines;
}

// Unfolding (§3.1: drop each CRLF followed by one space) gives back the logical line.
std::string unfolded(const std::string& text) {
  std::string out;
  const auto lines = physical_lines(text);
  for (std::size_t i = 0; i < lines.size(); ++i) out += i == 0 ? lines[i] : lines[i].substr(1);
  return out;
}

bool valid_utf8(const std::string& s) {
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    const std::size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (n == 0 || i + n > s.size()) return false;
    for (std::size_t k = 1; k < n; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    }
    i += n;
  }
  return true;
}

TEST(Ical, EscapesBackslashSemicolonCommaAndNewlines) {
  EXPECT_EQ(escape_text("a\\b;c,d\ne\r\nf"), "a\\\\b\\;c\\,d\\ne\\nf");
  EXPECT_EQ(escape_text("区委常委会:第一会议室"), "区委常委会:第一会议室");  // a colon needs no escape in TEXT
}

TEST(Ical, ShortLinesAreNotFolded) {
  EXPECT_EQ(content_line("SUMMARY:局务会"), "SUMMARY:局务会\r\n");
  const std::string exactly75(75, 'x');
  EXPECT_EQ(content_line(exactly75), exactly75 + "\r\n");
}

TEST(Ical, FoldsAsciiAt75Octets) {
  const std::string line = "DESCRIPTION:" + std::string(200, 'a');
  const auto folded = content_line(line);
  const auto lines = physical_lines(folded);
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0].size(), 75u);
  EXPECT_EQ(lines[1].size(), 75u);  // a space and 74 octets
  EXPECT_EQ(lines[1][0], ' ');
  EXPECT_EQ(unfolded(folded), line);
}

TEST(Ical, FoldsChineseTextWithoutSplittingACharacter) {
  // "SUMMARY:" is 8 octets, each Chinese character 3: 75 is not a character boundary.
  std::string line = "SUMMARY:";
  for (int i = 0; i < 12; ++i) line += "政协罗庄区委员会全体会议";
  const auto folded = content_line(line);
  const auto lines = physical_lines(folded);
  ASSERT_GT(lines.size(), 5u);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    EXPECT_LE(lines[i].size(), 75u) << i;
    if (i + 1 < lines.size()) {
      EXPECT_GE(lines[i].size(), 72u + (i == 0 ? 0 : 1)) << i;  // cut at most two octets early
    }
    EXPECT_TRUE(valid_utf8(i == 0 ? lines[i] : lines[i].substr(1))) << i;
  }
  EXPECT_EQ(unfolded(folded), line);
}

TEST(Ical, UtcStampIsTheBasicUtcForm) {
  EXPECT_EQ(utc_stamp(at("2026-03-02T09:05:07+08:00")), "20260302T010507Z");
  EXPECT_EQ(utc_stamp(at("2026-12-31T23:30:00Z")), "20261231T233000Z");
}

TEST(Ical, AWholeSmallCalendar) {
  const std::vector<Event> events = {
      {"booking-7@luozhuang.jiguan", at("2026-03-02T09:00:00+08:00"), at("2026-03-02T10:30:00+08:00"), "局务会",
       "第一会议室, 区行政办公大楼", "主办单位：罗庄区机关事务管理局\n主持人：王建国\n参会人数：12", false, 3},
      {"booking-8@luozhuang.jiguan", at("2026-03-03T14:00:00+08:00"), at("2026-03-03T16:00:00+08:00"), "培训; 第二期", "", "",
       true, 0}};
  const auto text = calendar("罗庄区机关事务管理局 · 第一会议室", at("2026-03-01T00:00:00Z"), events);
  EXPECT_EQ(text,
            "BEGIN:VCALENDAR\r\n"
            "PRODID:-//Jiguan//Meetings//ZH\r\n"
            "VERSION:2.0\r\n"
            "CALSCALE:GREGORIAN\r\n"
            "METHOD:PUBLISH\r\n"
            "X-WR-CALNAME:罗庄区机关事务管理局 · 第一会议室\r\n"
            "X-WR-TIMEZONE:Asia/Shanghai\r\n"
            "BEGIN:VEVENT\r\n"
            "UID:booking-7@luozhuang.jiguan\r\n"
            "DTSTAMP:20260301T000000Z\r\n"
            "DTSTART:20260302T010000Z\r\n"
            "DTEND:20260302T023000Z\r\n"
            "SEQUENCE:3\r\n"
            "SUMMARY:局务会\r\n"
            "LOCATION:第一会议室\\, 区行政办公大楼\r\n"
            "DESCRIPTION:主办单位：罗庄区机关事务管理局\\n主持人：王\r\n"
            " 建国\\n参会人数：12\r\n"
            "STATUS:CONFIRMED\r\n"
            "END:VEVENT\r\n"
            "BEGIN:VEVENT\r\n"
            "UID:booking-8@luozhuang.jiguan\r\n"
            "DTSTAMP:20260301T000000Z\r\n"
            "DTSTART:20260303T060000Z\r\n"
            "DTEND:20260303T080000Z\r\n"
            "SEQUENCE:0\r\n"
            "SUMMARY:培训\\; 第二期\r\n"
            "STATUS:TENTATIVE\r\n"
            "END:VEVENT\r\n"
            "END:VCALENDAR\r\n");
}

}  // namespace
}  // namespace jiguan::meetings::ical
