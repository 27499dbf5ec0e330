#include "modules/meetings/rules.hpp"

#include <gtest/gtest.h>

namespace jiguan::meetings {
namespace {

Instant at(const char* text) { return *parse_instant(text); }

TEST(MeetingTimes, OffsetsAreStoredAsUtc) {
  EXPECT_EQ(to_utc_text(at("2026-03-02T09:00:00+08:00")), "2026-03-02T01:00:00Z");
  EXPECT_EQ(to_utc_text(at("2026-03-02T09:30+08:00")), "2026-03-02T01:30:00Z");
  EXPECT_EQ(to_utc_text(at("2026-03-02T01:00:00Z")), "2026-03-02T01:00:00Z");
  EXPECT_EQ(to_utc_text(at("2026-03-01T22:00:00-05:00")), "2026-03-02T03:00:00Z");
}

TEST(MeetingTimes, WithoutAnOffsetOrInvalidIsRefused) {
  for (const char* bad : {"2026-03-02T09:00:00", "2026-02-30T09:00:00Z", "2026-03-02T24:00:00Z", "tomorrow", "",
                          "2026-03-02T09:00:00+8", "2026-03-02T09:00:00Zx"}) {
    EXPECT_FALSE(parse_instant(bad)) << bad;
  }
}

// The issue: "no two bookings overlap, buffers included" — the blocked interval is
// [start - setup, end + cleanup), and back-to-back blocked intervals do not overlap.
TEST(MeetingIntervals, BuffersWidenTheBlockedInterval) {
  const auto blocked = blocked_interval(at("2026-03-02T09:00:00Z"), at("2026-03-02T10:00:00Z"), 30, 15);
  EXPECT_EQ(to_utc_text(blocked.from), "2026-03-02T08:30:00Z");
  EXPECT_EQ(to_utc_text(blocked.to), "2026-03-02T10:15:00Z");
  const auto next_plain = blocked_interval(at("2026-03-02T10:15:00Z"), at("2026-03-02T11:00:00Z"), 0, 0);
  EXPECT_FALSE(overlaps(blocked, next_plain));
  const auto next_early = blocked_interval(at("2026-03-02T10:10:00Z"), at("2026-03-02T11:00:00Z"), 0, 0);
  EXPECT_TRUE(overlaps(blocked, next_early));
  EXPECT_TRUE(overlaps(next_early, blocked));
}

TEST(MeetingIntervals, ContainedAndDisjoint) {
  const Interval day{at("2026-03-02T00:00:00Z"), at("2026-03-03T00:00:00Z")};
  EXPECT_TRUE(overlaps(day, {at("2026-03-02T09:00:00Z"), at("2026-03-02T10:00:00Z")}));
  EXPECT_FALSE(overlaps(day, {at("2026-03-03T00:00:00Z"), at("2026-03-03T01:00:00Z")}));
}

// The seed's multi-function hall is two merged rooms (1 = hall, 2 and 3 its halves); a
// second combination 5 = 3 + 4 shares half 3 with the hall.
TEST(MeetingCombinations, ACombinationTiesItsPartsAndViceVersa) {
  const Combinations combinations = {{1, {2, 3}}, {5, {3, 4}}};
  EXPECT_EQ(rooms_tied_to(1, combinations), (std::set<std::int64_t>{1, 2, 3, 5}));
  EXPECT_EQ(rooms_tied_to(2, combinations), (std::set<std::int64_t>{1, 2}));
  EXPECT_EQ(rooms_tied_to(3, combinations), (std::set<std::int64_t>{1, 3, 5}));
  EXPECT_EQ(rooms_tied_to(4, combinations), (std::set<std::int64_t>{4, 5}));
  EXPECT_EQ(rooms_tied_to(9, combinations), (std::set<std::int64_t>{9}));
}

TEST(MeetingRooms, CodesAndRoles) {
  EXPECT_TRUE(is_layout("u_shape"));
  EXPECT_FALSE(is_layout("banquet"));
  EXPECT_TRUE(is_meeting_type("congress"));
  EXPECT_FALSE(is_meeting_type("party"));
  EXPECT_TRUE(role_may_book({}, "liaison"));
  EXPECT_TRUE(role_may_book({"liaison", "staff"}, "liaison"));
  EXPECT_FALSE(role_may_book({"staff"}, "liaison"));
}

}  // namespace
}  // namespace jiguan::meetings
