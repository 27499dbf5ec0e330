#include "modules/mail/days.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "modules/mail/mail.hpp"

namespace jiguan::mail {
namespace {

// The issue (日清): "for each kind, on hand at start + received = delivered + returned +
// forwarded + on hand at end" (and dispatched for outgoing mail). Items that came before,
// on and after the day, leaving in every way, balance every day and count as they should.
TEST(MailDayFigures, EveryDayBalancesAndCountsLettersNotRows) {
  const std::vector<Movement> items = {
      {"registered", 1, "2026-03-01", std::nullopt, "notified"},   // on hand throughout
      {"registered", 1, "2026-03-01", "2026-03-02", "delivered"},  // start, leaves on the 2nd
      {"registered", 1, "2026-03-02", "2026-03-02", "returned"},   // in and out the same day
      {"ordinary", 400, "2026-03-02", "2026-03-03", "delivered"},  // a batch: 400 letters
      {"parcel", 1, "2026-03-02", "2026-03-02", "forwarded"},
      {"registered", 1, "2026-03-02", "2026-03-02", "dispatched"},  // outgoing
      {"confidential", 1, "2026-03-03", std::nullopt, "notified"},  // after the day
      {"periodical", 30, "2026-02-27", "2026-02-28", "delivered"},  // gone before the day
  };
  for (const auto* day : {"2026-02-28", "2026-03-01", "2026-03-02", "2026-03-03"}) {
    auto figures = empty_figures();
    for (const auto& m : items) tally(figures, day, m);
    for (const auto& [kind, f] : figures) EXPECT_TRUE(balances(f)) << day << " " << kind;
    EXPECT_TRUE(balances(totals_of(figures)));
  }
  auto figures = empty_figures();
  for (const auto& m : items) tally(figures, "2026-03-02", m);
  const auto& r = figures.at("registered");
  EXPECT_EQ(r.start, 2);
  EXPECT_EQ(r.received, 2);
  EXPECT_EQ(r.delivered, 1);
  EXPECT_EQ(r.returned, 1);
  EXPECT_EQ(r.dispatched, 1);
  EXPECT_EQ(r.end, 1);
  EXPECT_EQ(figures.at("ordinary").received, 400);
  EXPECT_EQ(figures.at("ordinary").end, 400);
  EXPECT_EQ(figures.at("parcel").forwarded, 1);
  EXPECT_EQ(figures.at("confidential").received, 0);
  EXPECT_EQ(figures.at("periodical").start, 0);
  EXPECT_EQ(totals_of(figures).end, 401);
  EXPECT_FALSE(balances({.start = 1, .received = 1, .delivered = 1}));  // one item unaccounted for

  const auto j = figures_json(figures);
  EXPECT_EQ(j.at("by_kind").at("ordinary").at("end"), 400);
  EXPECT_EQ(j.at("totals").at("received"), 403);
}

const std::vector<Expected> kShelf = {{5, "registered", "XA123", "区教育和体育局"}, {6, "confidential", "JY9", "区委办公室"}};

// "Any difference blocks the close until each item is explained": the physical check's
// differences, with the batch kinds counted against the figures' end.
TEST(MailDayDifferences, MissingUnexpectedAndMiscounted) {
  auto figures = empty_figures();
  figures["ordinary"].end = 14;
  const std::vector<Expected> present = {{6, "confidential", "JY9", "区委办公室"},
                                         {9, "parcel", "SF1", "区财政局"},
                                         {9, "parcel", "SF1", "区财政局"}};  // scanned twice, one difference
  const auto d = find_differences(kShelf, present, {{"ordinary", 12}}, figures);
  ASSERT_EQ(d.size(), 3u);
  EXPECT_EQ(d[0].type, "missing");
  EXPECT_EQ(d[0].item_id, 5);
  EXPECT_EQ(d[1].type, "unexpected");
  EXPECT_EQ(d[1].item_id, 9);
  EXPECT_EQ(d[2].type, "count_mismatch");
  EXPECT_EQ(d[2].kind, "ordinary");
  EXPECT_EQ(d[2].expected, 14);
  EXPECT_EQ(d[2].counted, 12);
  EXPECT_EQ(describe(d[0], false), "缺少 M00000005（XA123，区教育和体育局）");
  EXPECT_EQ(describe(d[2], false), "平信应有 14 件，清点 12 件");
  // All present and counted: nothing to explain; a kind not counted counts 0.
  EXPECT_TRUE(find_differences(kShelf, kShelf, {{"ordinary", 14}}, figures).empty());
  EXPECT_EQ(find_differences(kShelf, kShelf, {}, figures).size(), 1u);
}

// Confidential items are counted, but whoever may not see them is not shown which one is
// missing, and only a holder of mail.confidential explains it.
TEST(MailDayDifferences, ConfidentialIdentityHiddenAndExplainedOnlyByItsHolder) {
  const auto d = find_differences(kShelf, {kShelf[0]}, {}, empty_figures());
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(describe(d[0], false), "缺少机要件 1 件（须由机要员说明）");
  EXPECT_EQ(describe(d[0], true), "缺少 M00000006（JY9，区委办公室）");
  const auto hidden = difference_json(d[0], false);
  EXPECT_TRUE(hidden.at("item_id").is_null());
  EXPECT_TRUE(hidden.at("code").is_null());
  EXPECT_TRUE(hidden.at("tracking_no").is_null());
  EXPECT_EQ(hidden.at("kind"), "confidential");
  EXPECT_EQ(difference_json(d[0], true).at("code"), "M00000006");

  const std::vector<Explanation> by_kind = {{std::nullopt, "confidential", "交机要局核对"}};
  EXPECT_EQ(explanation_for(d[0], by_kind, false), nullptr);
  ASSERT_NE(explanation_for(d[0], by_kind, true), nullptr);
  const std::vector<Explanation> by_item = {{6, "", "已由收件人当日取走，补签"}};
  EXPECT_EQ(explanation_for(d[0], by_item, true)->note, "已由收件人当日取走，补签");
  // A batch count is explained by its kind, an item by its id only.
  const Difference miscount{"count_mismatch", std::nullopt, std::nullopt, "ordinary", std::nullopt, 14, 12};
  EXPECT_NE(explanation_for(miscount, {{std::nullopt, "ordinary", "两封错投，已追回"}}, false), nullptr);
  EXPECT_EQ(explanation_for(miscount, {{std::nullopt, "periodical", "…"}}, false), nullptr);
  const Difference missing{"missing", 5, "XA123", "registered", "区教育和体育局", 1, 0};
  EXPECT_EQ(explanation_for(missing, {{7, "", "…"}}, false), nullptr);
}

// The close record is signed: SHA-256 of "day|figures|explanations".
TEST(MailDayDigest, IsTheSha256OfDayFiguresAndExplanations) {
  EXPECT_EQ(close_digest("2026-03-02", "{}", "[]"), "d0a6e4a0e5f17909049495cae9813283e57195359e0b014d894219641372af44");
  EXPECT_NE(close_digest("2026-03-02", "{}", "[]"), close_digest("2026-03-03", "{}", "[]"));
}

}  // namespace
}  // namespace jiguan::mail
