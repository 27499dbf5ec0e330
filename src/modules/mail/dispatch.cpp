// Outgoing dispatch (dispatch.hpp states the rules).
#include "modules/mail/dispatch.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <set>

#include "core/http/api_error.hpp"

namespace jiguan::mail {
namespace json = boost::json;

namespace {

http::ApiError duplicate_tracking_no(const std::string& number, std::optional<std::int64_t> holder) {
  auto error = http::ApiError(409, "duplicate_tracking_no",
                              "运单号已登记：" + number + (holder ? "（" + item_code(*holder) + "）" : "（本批次重复填写）"),
                              "tracking_numbers");
  return holder ? error.with("item_id", *holder) : error;
}

db::Result dispatch_rows(db::Tx& tx, std::int64_t tenant_id, std::int64_t id) {
  return tx.query(std::string("SELECT ") + kDispatchColumns + kDispatchFrom + " WHERE d.tenant_id = $1 AND d.id = $2", tenant_id,
                  id);
}

}  // namespace

std::string item_text(const json::object& item, const char* key) {
  const auto& v = item.at(key);
  return v.is_string() ? std::string(v.as_string()) : std::string();
}

bool needs_tracking_no(std::string_view kind) { return !is_batch_kind(kind); }

void check_dispatch_input(const DispatchInput& in) {
  if (in.carrier.empty()) throw http::invalid("carrier", "请填写承运方（如 中国邮政）");
  if (in.item_ids.empty() || in.item_ids.size() > kMaxDispatchItems) {
    throw http::invalid("item_ids", "每批发运 1 到 " + std::to_string(kMaxDispatchItems) + " 件");
  }
  const std::set<std::int64_t> ids(in.item_ids.begin(), in.item_ids.end());
  if (ids.size() != in.item_ids.size()) throw http::invalid("item_ids", "同一邮件不能在一批中出现两次");
  std::set<std::string> numbers;
  for (const auto& [id, number] : in.tracking_numbers) {
    if (!ids.contains(id)) throw http::invalid("tracking_numbers", "运单号对应的邮件 " + item_code(id) + " 不在本批次中");
    if (number.empty()) throw http::invalid("tracking_numbers", item_code(id) + " 的运单号为空");
    if (!numbers.insert(number).second) throw duplicate_tracking_no(number, std::nullopt);
  }
}

std::int64_t create_dispatch(db::Tx& tx, const auth::Principal& who, const audit::Actor& actor, const DispatchInput& in) {
  check_dispatch_input(in);
  const auto tenant = actor.tenant_id;
  const Instant now_at = util::now_instant();
  const auto now = util::to_utc_text(now_at);
  const auto today = util::china_date(now_at);
  ensure_day_open(tx, tenant, today);

  // Each item's number after dispatch, checked before anything is written.
  std::vector<std::optional<std::string>> numbers;
  for (const auto id : in.item_ids) {
    const auto item = visible_item(tx, who, id);
    const auto code = item_code(id);
    const auto kind = item_text(item, "kind");
    if (kind == "confidential" && !who.can("mail.confidential"))
      throw http::forbidden("发运机要件须有机要权限（mail.confidential）");
    if (item_text(item, "direction") != "out") throw http::invalid("item_ids", code + " 是收件，不能发运");
    if (const auto status = item_text(item, "status"); status != "received") {
      throw http::ApiError(409, "invalid_state", code + " 状态为" + status_label(status) + "，不能发运", "item_ids")
          .with("item_id", id);
    }
    const auto given = std::ranges::find(in.tracking_numbers, id, &std::pair<std::int64_t, std::string>::first);
    const auto existing = item_text(item, "tracking_no");
    std::optional<std::string> number = existing.empty() ? std::nullopt : std::optional(existing);
    if (given != in.tracking_numbers.end() && given->second != existing) {
      if (number) throw http::invalid("tracking_numbers", code + " 登记时已有运单号 " + existing);
      const auto taken = tx.query("SELECT id FROM mail_items WHERE tenant_id = $1 AND tracking_no = $2", tenant, given->second);
      if (!taken.empty()) throw duplicate_tracking_no(given->second, taken.one().int64(0));
      number = given->second;
    }
    if (!number && needs_tracking_no(kind)) {
      throw http::invalid("tracking_numbers", code + "（" + kind_label(kind) + "）须填写邮局给的运单号后才能发运");
    }
    numbers.push_back(number);
  }

  const auto id =
      tx.query(
            "INSERT INTO mail_dispatches (tenant_id, carrier, dispatched_at, dispatched_by, item_count, notes, created_at)"
            " VALUES ($1, $2, $3, $4, $5, $6, $3) RETURNING id",
            tenant, in.carrier, now, db::to_value(actor.account_id), static_cast<std::int64_t>(in.item_ids.size()), in.notes)
          .one()
          .int64(0);
  json::array item_ids;
  for (std::size_t i = 0; i < in.item_ids.size(); ++i) {
    const auto item_id = in.item_ids[i];
    // The status condition keeps a concurrent delivery or second dispatch from being overwritten.
    const auto updated = tx.query(
        "UPDATE mail_items SET status = 'dispatched', dispatch_id = $3, closed_at = $4, closed_on = $5, tracking_no = $6,"
        " updated_at = $4 WHERE tenant_id = $1 AND id = $2 AND status = 'received' RETURNING id",
        tenant, item_id, id, now, today, db::to_value(numbers[i]));
    if (updated.empty())
      throw http::ApiError(409, "invalid_state", item_code(item_id) + " 已被他人处理，请刷新后重试", "item_ids");
    const auto note = "发运批次 #" + std::to_string(id) + (numbers[i] ? "，运单号 " + *numbers[i] : std::string());
    append_event(tx, actor,
                 {item_id, "dispatched", now_at, actor.name, actor.account_id, in.carrier, std::nullopt, note, std::nullopt});
    item_ids.push_back(item_id);
  }
  auto record = dispatch_json(dispatch_rows(tx, tenant, id).one());
  record["item_ids"] = std::move(item_ids);
  audit::record(tx, actor, {"create", "mail_dispatch", id, record});
  return id;
}

const char* const kDispatchColumns = "d.id, d.carrier, d.dispatched_at, d.dispatched_by, a.display_name, d.item_count, d.notes";
const char* const kDispatchFrom =
    " FROM mail_dispatches d LEFT JOIN accounts a ON a.tenant_id = d.tenant_id AND a.id = d.dispatched_by";

json::object dispatch_json(const db::Row& row) {
  const auto by = row.opt_int64(3);
  return {{"id", row.int64(0)},
          {"carrier", row.text(1)},
          {"dispatched_at", row.text(2)},
          {"dispatched_by", by ? json::value(*by) : json::value(nullptr)},
          {"dispatched_by_name", row.opt_text(4).value_or("")},
          {"item_count", row.int64(5)},
          {"notes", row.text(6)}};
}

json::object find_dispatch(db::Tx& tx, const auth::Principal& who, std::int64_t id) {
  const auto rows = dispatch_rows(tx, who.tenant_id, id);
  if (rows.empty()) throw http::not_found("发运批次");
  auto out = dispatch_json(rows.one());
  std::vector<db::Value> params{who.tenant_id, id};
  const auto visible = visible_items(who, params);
  const auto items = tx.exec(std::string("SELECT ") + kItemColumns + kItemFrom +
                                 " WHERE i.tenant_id = $1 AND i.dispatch_id = $2 AND " + visible + " ORDER BY i.id",
                             params);
  json::array list;
  for (const auto& row : items.rows) list.push_back(item_json(row));
  out["items"] = std::move(list);
  return out;
}

}  // namespace jiguan::mail
