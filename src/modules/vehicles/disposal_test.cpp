// The money and closing rules of the reform's disposal. The seed (罗庄区机关事务管理局 2016
// 年工作总结, 车改工作) is the specification: the district's 《罗庄区党政机关公务用车制度改革涉及
// 的车辆处置办法》 had the cancelled vehicles appraised by tendered agencies and sold by
// auction ("62辆车直接进入报废程序外，其余的231辆车通过网上拍卖方式分6批全部处置完毕，拍卖总价
// 达511.178万元"), and every yuan of disposal income went to the treasury ("处置费用513.8004万元
// 已于11月17日全部转入财政专用账户") — received and remitted equal, to the fen.
#include "modules/vehicles/disposal.hpp"

#include <gtest/gtest.h>

#include "core/http/api_error.hpp"
#include "modules/vehicles/reform.hpp"

namespace jiguan::vehicles {
namespace {

// The code of the ApiError that fn throws ("" when it throws none).
template <class F>
std::string refusal(F&& fn) {
  try {
    fn();
  } catch (const http::ApiError& e) {
    return e.code();
  }
  return "";
}

// Appraisal sets the floor: a reserve below the appraised value needs a recorded approval.
TEST(DisposalMoney, ReserveBelowTheAppraisedValueNeedsAnApproval) {
  EXPECT_EQ(refusal([] { check_reserve(1'200'000, 1'200'000, ""); }), "");  // at the value
  EXPECT_EQ(refusal([] { check_reserve(1'500'000, 1'200'000, ""); }), "");
  EXPECT_EQ(refusal([] { check_reserve(1'199'999, 1'200'000, ""); }), "reserve_below_appraisal");     // one fen short
  EXPECT_EQ(refusal([] { check_reserve(1'199'999, 1'200'000, "   "); }), "reserve_below_appraisal");  // blank is no approval
  EXPECT_EQ(refusal([] { check_reserve(800'000, 1'200'000, "区财政局批复〔2016〕12号"); }), "");
  EXPECT_EQ(refusal([] { check_reserve(0, 0, ""); }), "");  // a wreck appraised at nothing
}

TEST(DisposalMoney, NoSaleBelowTheReserve) {
  EXPECT_EQ(refusal([] { check_hammer(950'000, 950'000); }), "");
  EXPECT_EQ(refusal([] { check_hammer(949'999, 950'000); }), "hammer_below_reserve");
  try {
    check_hammer(949'999, 950'000);
  } catch (const http::ApiError& e) {
    EXPECT_EQ(e.status(), 422);
    EXPECT_EQ(e.field(), "hammer_price_fen");
    EXPECT_NE(std::string(e.what()).find("9499.99"), std::string::npos);  // the message shows yuan
  }
}

TEST(DisposalMoney, PaymentsAddUpToTheHammerPriceAndNoFurther) {
  EXPECT_EQ(refusal([] { check_payment(0, 1'000'000, 1'234'567); }), "");
  EXPECT_EQ(refusal([] { check_payment(1'000'000, 234'567, 1'234'567); }), "");  // paid in full
  EXPECT_EQ(refusal([] { check_payment(1'000'000, 234'568, 1'234'567); }), "over_paid");
  EXPECT_EQ(refusal([] { check_payment(0, 0, 1'234'567); }), "invalid_value");  // a payment is money received
}

// The seed's own totals: 5,111,780.00 yuan from auctions and 26,224.00 from scrapping were
// remitted as 5,138,004.00 — exactly, and never more than was received.
TEST(DisposalMoney, RemittancesNeverExceedWhatWasReceived) {
  constexpr std::int64_t kReceived = 511'178'000 + 2'622'400;
  static_assert(kReceived == 513'800'400);
  EXPECT_EQ(refusal([] { check_remittance(0, 513'800'400, kReceived); }), "");
  EXPECT_EQ(refusal([] { check_remittance(500'000'000, 13'800'400, kReceived); }), "");  // the running total, to the fen
  EXPECT_EQ(refusal([] { check_remittance(500'000'000, 13'800'401, kReceived); }), "over_remitted");
  EXPECT_EQ(refusal([] { check_remittance(0, -1, kReceived); }), "invalid_value");
  EXPECT_EQ(yuan(513'800'400), "5138004.00");
  EXPECT_EQ(yuan(7), "0.07");
}

// A campaign closes when every vehicle is decided and disposed of, every sold lot is paid
// and the income is remitted to the fen; the first reason in that order is the answer.
TEST(CampaignClose, RefusedWhileAnyVehicleOrFenIsOutstanding) {
  const auto code = [](const CloseState& s) { return refusal([&] { check_closable(s); }); };
  EXPECT_EQ(code({0, 0, 0, 513'800'400, 513'800'400}), "");
  EXPECT_EQ(code({0, 0, 0, 0, 0}), "");  // nothing to dispose of
  EXPECT_EQ(code({1, 3, 2, 10, 0}), "undecided_vehicles");
  EXPECT_EQ(code({0, 3, 2, 10, 0}), "undisposed_vehicles");
  EXPECT_EQ(code({0, 0, 2, 10, 0}), "unpaid_lots");
  EXPECT_EQ(code({0, 0, 0, 513'800'400, 513'800'399}), "unremitted_income");  // one fen short
  try {
    check_closable({0, 0, 0, 513'800'400, 500'000'000});
  } catch (const http::ApiError& e) {
    EXPECT_EQ(e.status(), 409);
    EXPECT_NE(std::string(e.what()).find("138004.00"), std::string::npos);  // names the difference
  }
}

}  // namespace
}  // namespace jiguan::vehicles
