// Registering items, who may see them, their JSON, the chain of custody's append, locked
// days and the "mail waiting" notification (mail.hpp states the rules).
#include <algorithm>
#include <boost/json.hpp>
#include <charconv>
#include <cstdio>

#include "core/access/roles.hpp"
#include "core/http/api_error.hpp"
#include "core/notify/notify.hpp"
#include "modules/mail/mail.hpp"

namespace jiguan::mail {
namespace json = boost::json;

bool is_kind(std::string_view kind) { return std::ranges::find(kKinds, kind) != std::end(kKinds); }
bool is_batch_kind(std::string_view kind) { return kind == "ordinary" || kind == "periodical"; }
bool is_direction(std::string_view direction) { return direction == "in" || direction == "out"; }
bool is_secrecy_level(std::string_view level) {
  return level == "secret" || level == "confidential" || level == "top_secret";
}

bool is_status(std::string_view status) {
  return status == "received" || status == "notified" || status == "delivered" || status == "returned" ||
         status == "forwarded" || status == "dispatched";
}

const char* kind_label(std::string_view kind) {
  return kind == "registered"     ? "挂号信"
         : kind == "confidential" ? "机要件"
         : kind == "ordinary"     ? "平信"
         : kind == "parcel"       ? "包裹"
                                  : "报刊";
}

const char* status_label(std::string_view status) {
  return status == "received"    ? "已登记"
         : status == "notified"  ? "已通知"
         : status == "delivered" ? "已签收"
         : status == "returned"  ? "已退回"
         : status == "forwarded" ? "已转递"
                                 : "已发出";
}

const char* secrecy_label(std::string_view level) {
  return level == "secret" ? "秘密" : level == "confidential" ? "机密" : level == "top_secret" ? "绝密" : "";
}

std::string item_code(std::int64_t id) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "M%08lld", static_cast<long long>(id));
  return buf;
}

std::optional<std::int64_t> parse_item_code(std::string_view code) {
  if (code.size() < 2 || (code[0] != 'M' && code[0] != 'm')) return std::nullopt;
  std::int64_t id = 0;
  const auto [end, ec] = std::from_chars(code.data() + 1, code.data() + code.size(), id);
  if (ec != std::errc() || end != code.data() + code.size() || id <= 0) return std::nullopt;
  return id;
}

void check_item_fields(const ItemFields& f) {
  if (!is_kind(f.kind)) throw http::invalid("kind", "未知的邮件种类：" + f.kind + "（registered | confidential | ordinary | parcel | periodical）");
  if (!is_direction(f.direction)) throw http::invalid("direction", "方向应为 in（收件）或 out（发件）");
  if (f.count < 1 || f.count > 100000) throw http::invalid("count", "件数应为 1 到 100000 的整数");
  if (f.count > 1 && !is_batch_kind(f.kind)) {
    throw http::invalid("count", std::string(kind_label(f.kind)) + "须逐件登记（件数只能为 1）");
  }
  // Registered letters, confidential items and parcels are traced by their number; outgoing
  // ones get it from the post at dispatch.
  if (!is_batch_kind(f.kind) && f.direction == "in" && !f.tracking_no) {
    throw http::invalid("tracking_no", std::string(kind_label(f.kind)) + "须登记运单号/挂号号码");
  }
  if (f.direction == "in" && !f.addressee_unit_id) throw http::invalid("addressee_unit_id", "收件须指明收件单位");
  if (f.direction == "out" && !f.sender_unit_id) throw http::invalid("sender_unit_id", "发件须指明交寄单位");
  if (f.direction == "out" && f.addressee.empty()) throw http::invalid("addressee", "发件须写明收件人（单位或个人）");
  if (f.kind == "confidential") {
    if (!f.secrecy_level || !is_secrecy_level(*f.secrecy_level)) {
      throw http::invalid("secrecy_level", "机要件须注明密级：secret 秘密 | confidential 机密 | top_secret 绝密");
    }
    if (f.envelope_no.empty()) throw http::invalid("envelope_no", "机要件须登记封号");
    if (f.sending_organ.empty()) throw http::invalid("sending_organ", "机要件须登记发文机关");
  } else if (f.secrecy_level) {
    throw http::invalid("secrecy_level", "只有机要件有密级");
  }
}

namespace {

void check_reference(db::Tx& tx, const char* table, const char* field, std::int64_t tenant_id,
                     std::optional<std::int64_t> id, const char* what) {
  if (!id) return;
  const std::string sql = std::string("SELECT 1 FROM ") + table + " WHERE tenant_id = $1 AND id = $2 AND active = 1";
  if (tx.query(sql, tenant_id, *id).empty()) throw http::invalid(field, std::string(what) + "不存在或已停用");
}

// The accounts that receive the unit's mail: the addressee account, else the active
// accounts of the unit whose role grants mail.receive.
std::vector<std::int64_t> receivers_of(db::Tx& tx, std::int64_t tenant_id, std::int64_t unit_id,
                                       std::optional<std::int64_t> addressee_account_id) {
  if (addressee_account_id) return {*addressee_account_id};
  std::vector<std::int64_t> out;
  const auto rows = tx.query(
      "SELECT a.id, r.permissions FROM accounts a JOIN roles r ON r.tenant_id = a.tenant_id AND r.code = a.role"
      " WHERE a.tenant_id = $1 AND a.unit_id = $2 AND a.active = 1 ORDER BY a.id",
      tenant_id, unit_id);
  for (const auto& row : rows.rows) {
    std::vector<std::string> patterns;
    const auto parsed = json::parse(row.text(1));
    for (const auto& p : parsed.as_array()) patterns.emplace_back(p.as_string());
    if (access::permissions_grant(patterns, "mail.receive")) out.push_back(row.int64(0));
  }
  return out;
}

}  // namespace

std::string last_closed_day(db::Tx& tx, std::int64_t tenant_id) {
  const auto r = tx.query("SELECT MAX(day) FROM mail_days WHERE tenant_id = $1", tenant_id);
  return r.one().opt_text(0).value_or("");
}

void ensure_day_open(db::Tx& tx, std::int64_t tenant_id, const std::string& day) {
  const auto last = last_closed_day(tx, tenant_id);
  if (!last.empty() && day <= last) {
    throw http::ApiError(409, "day_closed", day + " 已日清封账（最近封账日 " + last + "），不能再登记或变更", "day");
  }
}

std::int64_t append_event(db::Tx& tx, const audit::Actor& actor, const Event& e) {
  return tx
      .query("INSERT INTO mail_events (tenant_id, item_id, action, at, actor_account_id, from_name, from_account_id, to_name,"
             " to_account_id, note, corrects_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id",
             actor.tenant_id, e.item_id, e.action, util::to_utc_text(e.at), db::to_value(actor.account_id), e.from_name,
             db::to_value(e.from_account_id), e.to_name, db::to_value(e.to_account_id), e.note, db::to_value(e.corrects_id))
      .one()
      .int64(0);
}

std::int64_t notify_receivers(db::Tx& tx, std::int64_t tenant_id, std::int64_t item_id) {
  const auto item = tx.query(
      "SELECT i.kind, i.item_count, i.addressee_unit_id, i.addressee_account_id, i.tracking_no, s.code FROM mail_items i"
      " LEFT JOIN mail_slots s ON s.tenant_id = i.tenant_id AND s.id = i.slot_id WHERE i.tenant_id = $1 AND i.id = $2",
      tenant_id, item_id);
  const auto& row = item.one();
  if (row.is_null(2)) return 0;
  const auto receivers = receivers_of(tx, tenant_id, row.int64(2), row.opt_int64(3));
  std::string body = std::string(kind_label(row.text(0))) + " " + std::to_string(row.int64(1)) + " 件，编号 " + item_code(item_id);
  if (const auto tracking = row.opt_text(4)) body += "，运单号 " + *tracking;
  if (const auto slot = row.opt_text(5)) body += "，存放格口 " + *slot;
  body += "。请到收发室领取。";
  for (const auto account : receivers) {
    notify::send(tx, tenant_id, account, {"mail.waiting", "收发室有待领取的邮件", body, "/mail/items/" + std::to_string(item_id)});
  }
  return static_cast<std::int64_t>(receivers.size());
}

std::int64_t register_item(db::Tx& tx, const audit::Actor& actor, const ItemFields& f) {
  check_item_fields(f);
  const auto tenant = actor.tenant_id;
  check_reference(tx, "units", "addressee_unit_id", tenant, f.addressee_unit_id, "收件单位");
  check_reference(tx, "units", "sender_unit_id", tenant, f.sender_unit_id, "交寄单位");
  check_reference(tx, "accounts", "addressee_account_id", tenant, f.addressee_account_id, "收件人账号");
  check_reference(tx, "mail_slots", "slot_id", tenant, f.slot_id, "格口");
  const auto day = util::china_date(f.received_at);
  ensure_day_open(tx, tenant, day);
  if (f.tracking_no) {
    const auto taken = tx.query("SELECT id FROM mail_items WHERE tenant_id = $1 AND tracking_no = $2", tenant, *f.tracking_no);
    if (!taken.empty()) {
      throw http::ApiError(409, "duplicate_tracking_no", "运单号已登记：" + *f.tracking_no + "（" + item_code(taken.one().int64(0)) + "）",
                           "tracking_no")
          .with("item_id", taken.one().int64(0));
    }
  }
  const Instant now_at = util::now_instant();
  const auto now = util::to_utc_text(now_at);
  const auto received_at = util::to_utc_text(f.received_at);
  const auto id =
      tx.query("INSERT INTO mail_items (tenant_id, kind, direction, tracking_no, item_count, sender, sender_unit_id,"
               " addressee_unit_id, addressee, addressee_account_id, secrecy_level, envelope_no, sending_organ, slot_id,"
               " received_at, received_on, registered_by, custodian_account_id, notes, created_at, updated_at)"
               " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $17, $18, $19, $19)"
               " RETURNING id",
               tenant, f.kind, f.direction, db::to_value(f.tracking_no), f.count, f.sender, db::to_value(f.sender_unit_id),
               db::to_value(f.addressee_unit_id), f.addressee, db::to_value(f.addressee_account_id),
               db::to_value(f.secrecy_level), f.envelope_no, f.sending_organ, db::to_value(f.slot_id), received_at, day,
               db::to_value(actor.account_id), f.notes, now)
          .one()
          .int64(0);
  // The chain names people as they sign: by display name.
  const auto clerk = actor.account_id
                         ? tx.query("SELECT display_name FROM accounts WHERE tenant_id = $1 AND id = $2", tenant, *actor.account_id)
                               .one()
                               .text(0)
                         : actor.name;
  append_event(tx, actor, {id, "received", f.received_at, f.direction == "in" ? f.sender : f.addressee, std::nullopt, clerk,
                           actor.account_id, "", std::nullopt});
  if (f.direction == "in" && notify_receivers(tx, tenant, id) > 0) {
    tx.query("UPDATE mail_items SET status = 'notified', notified_at = $3 WHERE tenant_id = $1 AND id = $2", tenant, id, now);
    append_event(tx, actor, {id, "notified", now_at, clerk, actor.account_id, "", std::nullopt, "已通知收件单位", std::nullopt});
  }
  const auto rows = tx.query(std::string("SELECT ") + kItemColumns + kItemFrom + " WHERE i.tenant_id = $1 AND i.id = $2", tenant, id);
  audit::record(tx, actor, {"create", "mail_item", id, item_json(rows.one())});
  return id;
}

const char* const kItemColumns =
    "i.id, i.kind, i.direction, i.tracking_no, i.item_count, i.sender, i.sender_unit_id, su.name, i.addressee_unit_id, au.name,"
    " i.addressee, i.addressee_account_id, i.secrecy_level, i.envelope_no, i.sending_organ, i.slot_id, s.code, i.received_at,"
    " i.received_on, i.registered_by, i.status, i.notified_at, i.closed_at, i.closed_on, i.receiver_name, i.receiver_account_id,"
    " i.signature_method, i.forwarded_to, i.close_reason, i.dispatch_id, i.custodian_account_id, i.notes, i.created_at,"
    " i.updated_at";
const char* const kItemFrom =
    " FROM mail_items i LEFT JOIN units su ON su.tenant_id = i.tenant_id AND su.id = i.sender_unit_id"
    " LEFT JOIN units au ON au.tenant_id = i.tenant_id AND au.id = i.addressee_unit_id"
    " LEFT JOIN mail_slots s ON s.tenant_id = i.tenant_id AND s.id = i.slot_id";

json::object item_json(const db::Row& row) {
  const auto text_or_null = [&](std::size_t i) { return row.is_null(i) ? json::value(nullptr) : json::value(row.text(i)); };
  const auto int_or_null = [&](std::size_t i) { return row.is_null(i) ? json::value(nullptr) : json::value(row.int64(i)); };
  return {{"id", row.int64(0)},
          {"code", item_code(row.int64(0))},
          {"kind", row.text(1)},
          {"direction", row.text(2)},
          {"tracking_no", text_or_null(3)},
          {"count", row.int64(4)},
          {"sender", row.text(5)},
          {"sender_unit_id", int_or_null(6)},
          {"sender_unit_name", text_or_null(7)},
          {"addressee_unit_id", int_or_null(8)},
          {"addressee_unit_name", text_or_null(9)},
          {"addressee", row.text(10)},
          {"addressee_account_id", int_or_null(11)},
          {"secrecy_level", text_or_null(12)},
          {"envelope_no", row.text(13)},
          {"sending_organ", row.text(14)},
          {"slot_id", int_or_null(15)},
          {"slot_code", text_or_null(16)},
          {"received_at", row.text(17)},
          {"received_on", row.text(18)},
          {"registered_by", int_or_null(19)},
          {"status", row.text(20)},
          {"notified_at", text_or_null(21)},
          {"closed_at", text_or_null(22)},
          {"closed_on", text_or_null(23)},
          {"receiver_name", row.text(24)},
          {"receiver_account_id", int_or_null(25)},
          {"signature_method", text_or_null(26)},
          {"forwarded_to", row.text(27)},
          {"close_reason", row.text(28)},
          {"dispatch_id", int_or_null(29)},
          {"custodian_account_id", int_or_null(30)},
          {"notes", row.text(31)},
          {"created_at", row.text(32)},
          {"updated_at", row.text(33)}};
}

std::string visible_items(const auth::Principal& who, std::vector<db::Value>& params) {
  if (who.can("mail.confidential")) {
    return "(i.kind = 'confidential' OR " +
           access::scope_predicate(who.scope, "COALESCE(i.addressee_unit_id, i.sender_unit_id)", "i.registered_by", params) + ")";
  }
  std::string sql = "((i.kind <> 'confidential' AND " +
                    access::scope_predicate(who.scope, "COALESCE(i.addressee_unit_id, i.sender_unit_id)", "i.registered_by", params) +
                    ")";
  params.emplace_back(who.account_id);
  sql += " OR (i.kind = 'confidential' AND (i.addressee_account_id = $" + std::to_string(params.size());
  if (who.can("mail.receive") && who.unit_id) {
    params.emplace_back(*who.unit_id);
    sql += " OR (i.addressee_account_id IS NULL AND i.addressee_unit_id = $" + std::to_string(params.size()) + ")";
  }
  return sql + ")))";
}

json::object visible_item(db::Tx& tx, const auth::Principal& who, std::int64_t id) {
  std::vector<db::Value> params{who.tenant_id, id};
  const auto where = visible_items(who, params);
  const auto rows = tx.exec(std::string("SELECT ") + kItemColumns + kItemFrom + " WHERE i.tenant_id = $1 AND i.id = $2 AND " + where, params);
  if (rows.empty()) throw http::not_found("邮件");
  return item_json(rows.one());
}

json::object lookup_item(db::Tx& tx, const auth::Principal& who, std::string_view code) {
  if (const auto id = parse_item_code(code)) return visible_item(tx, who, *id);
  const auto found = tx.query("SELECT id FROM mail_items WHERE tenant_id = $1 AND tracking_no = $2", who.tenant_id, std::string(code));
  if (found.empty()) throw http::not_found("邮件");
  return visible_item(tx, who, found.one().int64(0));
}

}  // namespace jiguan::mail
