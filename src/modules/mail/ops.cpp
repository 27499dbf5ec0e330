// Notifying, delivering, returning, forwarding and handing over incoming items, and
// correcting their chain of custody (ops.hpp states the rules).
#include "modules/mail/ops.hpp"

#include <sodium.h>

#include <boost/json.hpp>
#include <functional>

#include "core/access/roles.hpp"
#include "core/http/api_error.hpp"
#include "modules/mail/mail.hpp"

namespace jiguan::mail {
namespace json = boost::json;

namespace {

std::string field_text(const json::object& item, std::string_view key) {
  const auto* v = item.if_contains(key);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

std::optional<std::int64_t> field_id(const json::object& item, std::string_view key) {
  const auto* v = item.if_contains(key);
  return v && v->is_int64() ? std::optional(v->as_int64()) : std::nullopt;
}

bool is_confidential(const json::object& item) { return field_text(item, "kind") == "confidential"; }

}  // namespace

void check_on_hand(const json::object& item) {
  const auto status = field_text(item, "status");
  if (field_text(item, "direction") != "in") {
    throw http::ApiError(409, "invalid_state", "发件由收发室交寄，不办理签收、退回或转递", "status").with("status", json::string(status));
  }
  if (status != "received" && status != "notified") {
    throw http::ApiError(409, "invalid_state",
                         std::string("邮件当前状态为「") + status_label(status) + "」（" + status + "），已不在收发室", "status")
        .with("status", json::string(status));
  }
}

std::optional<std::int64_t> custodian_of(const json::object& item) {
  if (auto custodian = field_id(item, "custodian_account_id")) return custodian;
  return field_id(item, "registered_by");
}

void check_custodian(const json::object& item, std::int64_t account_id) {
  const auto custodian = custodian_of(item);
  if (custodian && *custodian != account_id) {
    throw http::ApiError(409, "not_custodian", "机要件由其保管人（账号 " + std::to_string(*custodian) + "）办理交接，不是本人保管")
        .with("custodian_account_id", *custodian);
  }
}

void check_two_people(const Person& handing, const Person& receiving) {
  if (handing.account_id == receiving.account_id) throw http::invalid("receiver", "双人交接的移交人和接收人不能是同一账号");
}

void check_addressee(const json::object& item, const Person& receiver) {
  const auto account = field_id(item, "addressee_account_id");
  const bool ok = account ? receiver.account_id == *account
                          : receiver.unit_id && receiver.unit_id == field_id(item, "addressee_unit_id");
  if (!ok) {
    throw http::invalid("receiver", account ? "机要件只能交给收件人本人签收" : "机要件只能交给收件单位的人员签收");
  }
}

void check_confidential_holder(const Person& receiver) {
  if (!access::permissions_grant(receiver.permissions, "mail.confidential")) {
    throw http::invalid("receiver", "接收人没有机要权限（mail.confidential），不能接管机要件");
  }
}

std::string signature_png(std::string_view data_url) {
  constexpr std::string_view prefix = "data:image/png;base64,";
  if (data_url.size() > kMaxSignatureChars) throw http::invalid("signature", "手写签名图片过大（上限 200 KB）");
  if (!data_url.starts_with(prefix)) throw http::invalid("signature", "手写签名应为 data:image/png;base64, 开头的 PNG 图片");
  const auto b64 = data_url.substr(prefix.size());
  std::string png(b64.size() / 4 * 3 + 3, '\0');
  std::size_t length = 0;
  // Without an end pointer, sodium refuses any character outside the base64 alphabet.
  if (b64.empty() || sodium_base642bin(reinterpret_cast<unsigned char*>(png.data()), png.size(), b64.data(), b64.size(), nullptr,
                                       &length, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0) {
    throw http::invalid("signature", "手写签名的 base64 编码无效");
  }
  png.resize(length);
  if (!png.starts_with("\x89PNG\r\n\x1a\n")) throw http::invalid("signature", "手写签名不是 PNG 图片");
  return png;
}

namespace {

struct Stamp {
  Instant at;
  std::string text;  // stored form
  std::string day;   // China date
};

Stamp stamp_now() {
  const Instant at = util::now_instant();
  return {at, util::to_utc_text(at), util::china_date(at)};
}

// The item as the caller may change it: visible (else 404), and a confidential one only with
// mail.confidential (the addressee sees it but may not act for the mail room).
json::object item_for_change(db::Tx& tx, const auth::Principal& who, std::int64_t id) {
  auto item = visible_item(tx, who, id);
  if (is_confidential(item) && !who.can("mail.confidential")) throw http::forbidden("办理机要件须有机要权限（mail.confidential）");
  return item;
}

// A transfer of custody: the item on hand and, when confidential, held by the caller.
void check_transfer(const json::object& item, const auth::Principal& who) {
  check_on_hand(item);
  if (is_confidential(item)) check_custodian(item, who.account_id);
}

// The checks of a transfer, read before credentials are verified so that a wrong state
// answers at once; change_item() repeats them inside the write.
json::object transferable_item(db::Database& db, const auth::Principal& who, std::int64_t id) {
  return db.read([&](db::Tx& tx) {
    auto item = item_for_change(tx, who, id);
    check_transfer(item, who);
    return item;
  });
}

// One change of an item: in one write transaction the item as the caller may change it, the
// open day, `change` (updates the row and appends its event, returning the event's id), one
// audit row with the diff and the event, and the item after.
using Change = std::function<std::int64_t(db::Tx&, const json::object& before, const Stamp& now)>;
json::object change_item(db::Database& db, const auth::Principal& who, const audit::Actor& actor, std::int64_t id,
                         const char* audit_action, const Change& change) {
  return db.write([&](db::Tx& tx) {
    const auto before = item_for_change(tx, who, id);
    const auto now = stamp_now();
    ensure_day_open(tx, who.tenant_id, now.day);
    const auto event_id = change(tx, before, now);
    auto after = visible_item(tx, who, id);
    auto diff = audit::diff(before, after);
    diff["event_id"] = event_id;
    audit::record(tx, actor, {audit_action, "mail_item", id, std::move(diff)});
    return after;
  });
}

// How an item leaves the mail room.
struct Closing {
  std::string status;  // delivered | returned | forwarded
  std::string receiver_name;
  std::optional<std::int64_t> receiver_account_id;
  std::optional<std::string> signature_method;
  std::string signature;
  std::string forwarded_to;
  std::string close_reason;
};

// Closes the item and appends its event from the caller to the receiver (or where it was
// forwarded); nobody in the mail room holds it afterwards.
json::object close_item(db::Database& db, const auth::Principal& who, const audit::Actor& actor, std::int64_t id,
                        const char* audit_action, const Closing& c, const std::string& note) {
  return change_item(db, who, actor, id, audit_action, [&](db::Tx& tx, const json::object& before, const Stamp& now) {
    check_transfer(before, who);
    tx.query("UPDATE mail_items SET status = $3, closed_at = $4, closed_on = $5, updated_at = $4, receiver_name = $6,"
             " receiver_account_id = $7, signature_method = $8, signature = $9, forwarded_to = $10, close_reason = $11,"
             " custodian_account_id = NULL WHERE tenant_id = $1 AND id = $2",
             who.tenant_id, id, c.status, now.text, now.day, c.receiver_name, db::to_value(c.receiver_account_id),
             db::to_value(c.signature_method), c.signature, c.forwarded_to, c.close_reason);
    return append_event(tx, actor,
                        {id, c.status, now.at, who.display_name, who.account_id,
                         c.receiver_name.empty() ? c.forwarded_to : c.receiver_name, c.receiver_account_id, note, std::nullopt});
  });
}

// The account confirmed by its own password (422 bad_credential on `field` when the account or
// the password is wrong, without saying which), with its name, unit and role's permissions.
Person confirm(db::Database& db, const PasswordCheck& check, std::int64_t tenant_id, const auth::Sessions::AccountKey& key,
               const std::string& password, const std::string& field) {
  const auto account_id = check(key, password);
  if (!account_id) throw http::ApiError(422, "bad_credential", "账号或密码不正确", field);
  return db.read([&](db::Tx& tx) {
    const auto rows = tx.query("SELECT id, display_name, unit_id, role FROM accounts WHERE tenant_id = $1 AND id = $2", tenant_id,
                               *account_id);
    const auto& row = rows.one();
    const auto role = access::find_role(tx, tenant_id, row.text(3)).value_or(access::RoleSpec{});
    return Person{row.int64(0), row.text(1), row.opt_int64(2), role.permissions};
  });
}

Person confirm_account(db::Database& db, const PasswordCheck& check, std::int64_t tenant_id, const Credential& c,
                       const std::string& field) {
  return confirm(db, check, tenant_id, {c.username}, c.password, field);
}

// The two people of a confidential transfer: the caller with their password again, and the
// receiver with theirs.
Person confirm_receiver_of_two(db::Database& db, const PasswordCheck& check, const auth::Principal& who,
                               const std::string& handing_password, const Credential& receiver) {
  const auto handing = confirm(db, check, who.tenant_id, {who.username, who.account_id}, handing_password, "handing_password");
  auto receiving = confirm_account(db, check, who.tenant_id, receiver, "receiver");
  check_two_people(handing, receiving);
  return receiving;
}

}  // namespace

json::object notify_item(db::Database& db, const auth::Principal& who, const audit::Actor& actor, std::int64_t id) {
  return change_item(db, who, actor, id, "notify", [&](db::Tx& tx, const json::object& before, const Stamp& now) {
    check_on_hand(before);
    if (notify_receivers(tx, who.tenant_id, id) == 0) {
      throw http::ApiError(409, "no_receiver",
                           "收件单位没有持有接收权限（mail.receive）的联络员，通知无人可收；请为该单位设置联络员或为邮件指定收件人账号");
    }
    const bool first = field_text(before, "status") == "received";
    tx.query("UPDATE mail_items SET status = 'notified', notified_at = COALESCE(notified_at, $3), updated_at = $3"
             " WHERE tenant_id = $1 AND id = $2",
             who.tenant_id, id, now.text);
    return append_event(tx, actor, {id, "notified", now.at, who.display_name, who.account_id, "", std::nullopt,
                                    first ? "已通知收件单位" : "再次通知收件单位（催领）", std::nullopt});
  });
}

json::object deliver_item(db::Database& db, const PasswordCheck& check, const auth::Principal& who,
                          const audit::Actor& actor, std::int64_t id, const Delivery& d) {
  const auto item = transferable_item(db, who, id);
  Closing c{"delivered", d.receiver_name, std::nullopt, std::nullopt, "", "", ""};
  if (is_confidential(item)) {
    if (!d.handing_password) throw http::invalid("handing_password", "机要件须双人交接：移交人须再次输入本人密码");
    if (!d.receiver) throw http::invalid("receiver", "机要件须双人交接：接收人须以本人账号和密码确认");
    const auto receiver = confirm_receiver_of_two(db, check, who, *d.handing_password, *d.receiver);
    check_addressee(item, receiver);
    c.receiver_name = receiver.name;
    c.receiver_account_id = receiver.account_id;
    c.signature_method = "pin";
  } else if (d.pin) {
    const auto receiver = confirm_account(db, check, who.tenant_id, *d.pin, "signature");
    if (c.receiver_name.empty()) c.receiver_name = receiver.name;
    c.receiver_account_id = receiver.account_id;
    c.signature_method = "pin";
  } else if (d.drawn) {
    signature_png(*d.drawn);
    if (c.receiver_name.empty()) throw http::invalid("receiver_name", "手写签名须填写签收人姓名");
    c.signature_method = "drawn";
    c.signature = *d.drawn;
  } else {
    throw http::invalid("signature", "签收须有签名：手写签名（drawn）或签收人账号密码（pin）");
  }
  return close_item(db, who, actor, id, "deliver", c, d.note);
}

json::object hand_over_item(db::Database& db, const PasswordCheck& check, const auth::Principal& who,
                            const audit::Actor& actor, std::int64_t id, const HandOver& h) {
  const auto item = transferable_item(db, who, id);
  if (!is_confidential(item)) throw http::ApiError(409, "not_confidential", "只有机要件办理双人交接");
  const auto receiver = confirm_receiver_of_two(db, check, who, h.handing_password, h.receiver);
  check_confidential_holder(receiver);
  return change_item(db, who, actor, id, "handover", [&](db::Tx& tx, const json::object& before, const Stamp& now) {
    check_transfer(before, who);
    tx.query("UPDATE mail_items SET custodian_account_id = $3, updated_at = $4 WHERE tenant_id = $1 AND id = $2", who.tenant_id, id,
             receiver.account_id, now.text);
    return append_event(tx, actor, {id, "handover", now.at, who.display_name, who.account_id, receiver.name,
                                    receiver.account_id, h.note, std::nullopt});
  });
}

json::object return_item(db::Database& db, const auth::Principal& who, const audit::Actor& actor, std::int64_t id,
                         const std::string& reason) {
  return close_item(db, who, actor, id, "return", {"returned", "", std::nullopt, std::nullopt, "", "", reason}, reason);
}

json::object forward_item(db::Database& db, const auth::Principal& who, const audit::Actor& actor, std::int64_t id,
                          const std::string& to, const std::string& reason) {
  return close_item(db, who, actor, id, "forward", {"forwarded", "", std::nullopt, std::nullopt, "", to, reason}, reason);
}

json::object correct_event(db::Database& db, const auth::Principal& who, const audit::Actor& actor, std::int64_t id,
                           std::int64_t event_id, const std::string& note) {
  return change_item(db, who, actor, id, "correct", [&](db::Tx& tx, const json::object&, const Stamp& now) {
    if (tx.query("SELECT 1 FROM mail_events WHERE tenant_id = $1 AND id = $2 AND item_id = $3", who.tenant_id, event_id, id).empty()) {
      throw http::not_found("收发记录");
    }
    return append_event(tx, actor,
                        {id, "correction", now.at, who.display_name, who.account_id, "", std::nullopt, note, event_id});
  });
}

std::string item_signature(db::Tx& tx, const auth::Principal& who, std::int64_t id) {
  visible_item(tx, who, id);
  const auto signature =
      tx.query("SELECT signature FROM mail_items WHERE tenant_id = $1 AND id = $2 AND signature_method = 'drawn'", who.tenant_id, id);
  if (signature.empty()) throw http::not_found("手写签名");
  return signature_png(signature.one().text(0));
}

}  // namespace jiguan::mail
