#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "core/http/api_error.hpp"
#include "modules/mail/ops.hpp"

namespace jiguan::mail {
namespace {

namespace json = boost::json;

// A 1×1 PNG, as a signature pad would send it.
constexpr const char* kPng =
    "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

template <class F>
http::ApiError error_of(F&& f) {
  try {
    f();
  } catch (const http::ApiError& e) {
    return e;
  }
  ADD_FAILURE() << "no error";
  return http::ApiError(0, "", "");
}

json::object item(const char* status, const char* direction = "in") {
  return {{"kind", "confidential"}, {"direction", direction}, {"status", status}, {"registered_by", 7},
          {"custodian_account_id", nullptr}, {"addressee_unit_id", 3}, {"addressee_account_id", nullptr}};
}

// The issue: "States: received → notified → delivered | returned | forwarded".
TEST(MailOps, OnlyIncomingItemsOnHandLeaveTheMailRoom) {
  EXPECT_NO_THROW(check_on_hand(item("received")));
  EXPECT_NO_THROW(check_on_hand(item("notified")));
  for (const char* closed : {"delivered", "returned", "forwarded", "dispatched"}) {
    const auto e = error_of([&] { check_on_hand(item(closed)); });
    EXPECT_EQ(e.status(), 409);
    EXPECT_EQ(e.code(), "invalid_state");
    EXPECT_NE(std::string(e.what()).find(closed), std::string::npos) << e.what();  // names the status
  }
  EXPECT_EQ(error_of([] { check_on_hand(item("received", "out")); }).code(), "invalid_state");
}

// The issue: hand-over "requires two people (handing and receiving)": the handing one holds it.
TEST(MailOps, TheCustodianIsTheLastReceiverElseTheRegistrar) {
  auto i = item("received");
  EXPECT_EQ(custodian_of(i), 7);
  EXPECT_NO_THROW(check_custodian(i, 7));
  EXPECT_EQ(error_of([&] { check_custodian(i, 8); }).code(), "not_custodian");
  i["custodian_account_id"] = 8;
  EXPECT_NO_THROW(check_custodian(i, 8));
  EXPECT_EQ(error_of([&] { check_custodian(i, 7); }).code(), "not_custodian");
  i["custodian_account_id"] = nullptr;
  i["registered_by"] = nullptr;  // e.g. imported: any confidential clerk
  EXPECT_NO_THROW(check_custodian(i, 9));
}

TEST(MailOps, TwoPeopleAreTwoAccounts) {
  const Person a{1, "甲", 3, {}}, b{2, "乙", 3, {}};
  EXPECT_NO_THROW(check_two_people(a, b));
  const auto e = error_of([&] { check_two_people(a, a); });
  EXPECT_EQ(e.status(), 422);
  EXPECT_EQ(e.field(), "receiver");
}

// The issue: "Only the mail-room confidential role and the addressee see these records".
TEST(MailOps, AConfidentialItemIsDeliveredToItsAddressee) {
  auto i = item("notified");
  EXPECT_NO_THROW(check_addressee(i, {5, "单位A", 3, {}}));
  EXPECT_EQ(error_of([&] { check_addressee(i, {5, "单位B", 4, {}}); }).field(), "receiver");
  EXPECT_EQ(error_of([&] { check_addressee(i, {5, "无单位", std::nullopt, {}}); }).field(), "receiver");
  i["addressee_account_id"] = 6;  // a named addressee: only that account
  EXPECT_NO_THROW(check_addressee(i, {6, "收件人", 4, {}}));
  EXPECT_EQ(error_of([&] { check_addressee(i, {5, "同单位他人", 3, {}}); }).field(), "receiver");
}

// mail.confidential is granted by name only (docs/api.md): the administrator's "*" is not it.
TEST(MailOps, AHandOverGoesToAConfidentialClerk) {
  EXPECT_NO_THROW(check_confidential_holder({5, "机要员", 1, {"*.read", "mail.*", "mail.confidential"}}));
  EXPECT_EQ(error_of([] { check_confidential_holder({5, "管理员", 1, {"*"}}); }).field(), "receiver");
  EXPECT_EQ(error_of([] { check_confidential_holder({5, "收发员", 1, {"*.read", "mail.deliver"}}); }).field(), "receiver");
}

TEST(MailOps, ADrawnSignatureIsABase64Png) {
  const auto png = signature_png(kPng);
  EXPECT_EQ(png.substr(1, 3), "PNG");
  EXPECT_EQ(png.size(), 70u);
  for (const std::string& bad : {std::string("data:image/jpeg;base64,/9j/4AAQ"), std::string("iVBORw0KGgo="),
                                std::string("data:image/png;base64,"), std::string("data:image/png;base64,iVBO Rw0KGgo="),
                                std::string("data:image/png;base64,aGVsbG8gd29ybGQ="),  // "hello world": not a PNG
                                std::string("data:image/png;base64,") + std::string(kMaxSignatureChars, 'A')}) {
    EXPECT_EQ(error_of([&] { signature_png(bad); }).field(), "signature") << bad.substr(0, 40);
  }
}

}  // namespace
}  // namespace jiguan::mail
