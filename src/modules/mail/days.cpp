// The daily close (日清): the figures of a day, the physical check's differences and their
// explanations, and the signed, locked close record (days.hpp states the rules).
#include "modules/mail/days.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <chrono>

#include "core/http/api_error.hpp"
#include "core/util/sha256.hpp"
#include "modules/mail/mail.hpp"

namespace jiguan::mail {
namespace json = boost::json;

bool balances(const Flow& f) { return f.start + f.received == f.delivered + f.returned + f.forwarded + f.dispatched + f.end; }

Figures empty_figures() {
  Figures out;
  for (const auto* kind : kKinds) out[kind] = {};
  return out;
}

Flow totals_of(const Figures& figures) {
  Flow t;
  for (const auto& [kind, f] : figures) {
    t.start += f.start;
    t.received += f.received;
    t.delivered += f.delivered;
    t.returned += f.returned;
    t.forwarded += f.forwarded;
    t.dispatched += f.dispatched;
    t.end += f.end;
  }
  return t;
}

void tally(Figures& figures, const std::string& day, const Movement& m) {
  if (m.received_on > day || (m.closed_on && *m.closed_on < day)) return;
  auto& f = figures[m.kind];
  (m.received_on < day ? f.start : f.received) += m.count;
  if (!m.closed_on || *m.closed_on > day) {
    f.end += m.count;
    return;
  }
  // Left on the day: closed_on is set exactly for these four states (0001_mail.sql).
  (m.status == "delivered"   ? f.delivered
   : m.status == "returned"  ? f.returned
   : m.status == "forwarded" ? f.forwarded
                             : f.dispatched) += m.count;
}

Figures day_figures(db::Tx& tx, std::int64_t tenant_id, const std::string& day) {
  auto figures = empty_figures();
  const auto rows = tx.query(
      "SELECT kind, item_count, received_on, closed_on, status FROM mail_items"
      " WHERE tenant_id = $1 AND received_on <= $2 AND (closed_on IS NULL OR closed_on >= $2)",
      tenant_id, day);
  for (const auto& r : rows.rows) tally(figures, day, {r.text(0), r.int64(1), r.text(2), r.opt_text(3), r.text(4)});
  return figures;
}

namespace {

json::object flow_json(const Flow& f) {
  return {{"start", f.start},
          {"received", f.received},
          {"delivered", f.delivered},
          {"returned", f.returned},
          {"forwarded", f.forwarded},
          {"dispatched", f.dispatched},
          {"end", f.end}};
}

// A confidential item's identity, hidden from whoever may not see confidential records.
void hide_identity(json::object& o) {
  for (const auto* key : {"item_id", "code", "tracking_no", "addressee_unit_name"}) o[key] = nullptr;
}

std::string item_label(const Difference& d) {
  return item_code(*d.item_id) + "（" + d.tracking_no.value_or("无运单号") + "，" + d.addressee_unit_name.value_or("无收件单位") +
         "）";
}

// The individually registered items on the shelf at the end of day $2 (alias i).
constexpr const char* kOnShelfAtEnd =
    " i.tenant_id = $1 AND i.kind NOT IN ('ordinary', 'periodical') AND i.received_on <= $2"
    " AND (i.closed_on IS NULL OR i.closed_on > $2)";
constexpr const char* kExpectedColumns =
    "SELECT i.id, i.kind, i.tracking_no, au.name FROM mail_items i"
    " LEFT JOIN units au ON au.tenant_id = i.tenant_id AND au.id = i.addressee_unit_id WHERE";

Expected expected_of(const db::Row& r) { return {r.int64(0), r.text(1), r.opt_text(2), r.opt_text(3)}; }

// The scanned codes as items: a label code or a tracking number of the tenant; an unknown
// code or a batch (counted, not scanned) is refused naming it.
std::vector<Expected> resolve_present(db::Tx& tx, std::int64_t tenant_id, const std::vector<std::string>& codes) {
  std::vector<Expected> out;
  for (const auto& code : codes) {
    const auto id = parse_item_code(code);
    const auto rows = tx.query(std::string(kExpectedColumns) + " i.tenant_id = $1 AND (i.id = $2 OR i.tracking_no = $3)",
                               tenant_id, id.value_or(0), code);
    if (rows.empty()) throw http::invalid("present", "未登记的编号：" + code);
    auto item = expected_of(rows.rows.front());
    if (is_batch_kind(item.kind))
      throw http::invalid("present", code + " 是" + kind_label(item.kind) + "，按件数清点（counted），不扫描");
    out.push_back(std::move(item));
  }
  return out;
}

// The first day after the last closed one and before `day` on which an item came or left.
std::optional<std::string> earlier_open_day(db::Tx& tx, std::int64_t tenant_id, const std::string& last_closed,
                                            const std::string& day) {
  return tx
      .query(
          "SELECT MIN(d) FROM (SELECT received_on AS d FROM mail_items WHERE tenant_id = $1 AND received_on > $2"
          " AND received_on < $3 UNION ALL SELECT closed_on FROM mail_items WHERE tenant_id = $1 AND closed_on > $2"
          " AND closed_on < $3) AS activity",
          tenant_id, last_closed, day)
      .one()
      .opt_text(0);
}

}  // namespace

json::object figures_json(const Figures& figures) {
  json::object by_kind;
  for (const auto* kind : kKinds) by_kind[kind] = flow_json(figures.count(kind) ? figures.at(kind) : Flow{});
  return {{"by_kind", std::move(by_kind)}, {"totals", flow_json(totals_of(figures))}};
}

std::string close_digest(const std::string& day, const std::string& figures, const std::string& explanations) {
  return util::sha256_hex(day + "|" + figures + "|" + explanations);
}

std::vector<Difference> find_differences(const std::vector<Expected>& expected, const std::vector<Expected>& present,
                                         const std::map<std::string, std::int64_t>& counted, const Figures& end_letters) {
  std::set<std::int64_t> expected_ids, present_ids;
  for (const auto& e : expected) expected_ids.insert(e.id);
  for (const auto& p : present) present_ids.insert(p.id);
  std::vector<Difference> out;
  for (const auto& e : expected) {
    if (!present_ids.count(e.id)) out.push_back({"missing", e.id, e.tracking_no, e.kind, e.addressee_unit_name, 1, 0});
  }
  std::set<std::int64_t> seen;
  for (const auto& p : present) {
    if (!expected_ids.count(p.id) && seen.insert(p.id).second) {
      out.push_back({"unexpected", p.id, p.tracking_no, p.kind, p.addressee_unit_name, 0, 1});
    }
  }
  for (const auto* kind : kKinds) {
    if (!is_batch_kind(kind)) continue;
    const auto want = end_letters.count(kind) ? end_letters.at(kind).end : 0;
    const auto got = counted.count(kind) ? counted.at(kind) : 0;
    if (want != got) out.push_back({"count_mismatch", std::nullopt, std::nullopt, kind, std::nullopt, want, got});
  }
  return out;
}

const Explanation* explanation_for(const Difference& d, const std::vector<Explanation>& explanations, bool confidential_holder) {
  if (d.kind == "confidential" && !confidential_holder) return nullptr;
  for (const auto& e : explanations) {
    const bool covers = d.item_id ? (e.item_id == d.item_id || (d.kind == "confidential" && e.kind == "confidential"))
                                  : (!e.item_id && e.kind == d.kind);
    if (covers) return &e;
  }
  return nullptr;
}

json::object difference_json(const Difference& d, bool reveal) {
  json::object o{{"type", d.type},
                 {"item_id", d.item_id ? json::value(*d.item_id) : json::value(nullptr)},
                 {"code", d.item_id ? json::value(item_code(*d.item_id)) : json::value(nullptr)},
                 {"tracking_no", d.tracking_no ? json::value(*d.tracking_no) : json::value(nullptr)},
                 {"kind", d.kind},
                 {"addressee_unit_name", d.addressee_unit_name ? json::value(*d.addressee_unit_name) : json::value(nullptr)},
                 {"expected", d.expected},
                 {"counted", d.counted}};
  if (d.kind == "confidential" && !reveal) hide_identity(o);
  return o;
}

std::string describe(const Difference& d, bool reveal) {
  if (d.type == "count_mismatch") {
    return std::string(kind_label(d.kind)) + "应有 " + std::to_string(d.expected) + " 件，清点 " + std::to_string(d.counted) +
           " 件";
  }
  const std::string verb = d.type == "missing" ? "缺少" : "多出";
  if (d.kind == "confidential" && !reveal) return verb + "机要件 1 件（须由机要员说明）";
  return verb + " " + item_label(d);
}

json::object close_day(db::Tx& tx, const auth::Principal& who, const audit::Actor& actor, const std::string& day,
                       const CloseInput& input) {
  const auto tenant = who.tenant_id;
  const bool holder = who.can("mail.confidential");
  ensure_day_open(tx, tenant, day);
  const auto last = last_closed_day(tx, tenant);
  if (const auto open = earlier_open_day(tx, tenant, last, day)) {
    throw http::ApiError(409, "previous_day_open", "须先日清 " + *open + "（日清按日期顺序进行）", "day")
        .with("day", json::string(*open));
  }
  std::vector<Expected> expected;
  for (const auto& r : tx.query(std::string(kExpectedColumns) + kOnShelfAtEnd + " ORDER BY i.id", tenant, day).rows) {
    expected.push_back(expected_of(r));
  }
  const auto figures = day_figures(tx, tenant, day);
  const auto differences = find_differences(expected, resolve_present(tx, tenant, input.present), input.counted, figures);

  for (const auto& e : input.explanations) {
    if (e.kind == "confidential" && !holder) throw http::invalid("explanations", "机要件的差异只能由机要员说明");
    const bool used = std::ranges::any_of(differences, [&](const Difference& d) { return explanation_for(d, {e}, holder); });
    if (!used) throw http::invalid("explanations", "说明不对应任何差异：" + (e.item_id ? item_code(*e.item_id) : e.kind));
  }
  json::array explained, blocking;
  for (const auto& d : differences) {
    const auto* e = explanation_for(d, input.explanations, holder);
    if (!e) {
      blocking.push_back(difference_json(d, holder));
      continue;
    }
    auto o = difference_json(d, true);
    o["note"] = e->note;
    explained.push_back(std::move(o));
  }
  if (!blocking.empty()) {
    const auto first =
        std::ranges::find_if(differences, [&](const Difference& d) { return !explanation_for(d, input.explanations, holder); });
    throw http::ApiError(409, "close_blocked",
                         day + " 日清未通过，" + std::to_string(blocking.size()) + " 处差异未说明：" + describe(*first, holder))
        .with("differences", std::move(blocking));
  }
  const auto figures_text = json::serialize(figures_json(figures));
  const auto explanations_text = json::serialize(explained);
  const auto digest = close_digest(day, figures_text, explanations_text);
  try {
    tx.query(
        "INSERT INTO mail_days (tenant_id, day, figures, explanations, closed_at, closed_by, digest)"
        " VALUES ($1, $2, $3, $4, $5, $6, $7)",
        tenant, day, figures_text, explanations_text, util::now_utc(), who.account_id, digest);
  } catch (const db::DbError& e) {
    // A concurrent close of the same day committed first.
    if (e.kind() == db::ErrorKind::unique_violation) throw http::ApiError(409, "day_closed", day + " 已日清封账", "day");
    throw;
  }
  audit::record(tx, actor,
                {"close",
                 "mail_day",
                 std::nullopt,
                 {{"day", day}, {"totals", flow_json(totals_of(figures))}, {"explained", explained.size()}, {"digest", digest}}});
  return day_json(tx, who, day);
}

json::array shown_explanations(const std::string& stored, bool reveal) {
  auto list = json::parse(stored).as_array();
  for (auto& v : list) {
    auto& o = v.as_object();
    if (!reveal && o.at("kind") == "confidential") hide_identity(o);
  }
  return list;
}

json::object day_json(db::Tx& tx, const auth::Principal& who, const std::string& day) {
  std::vector<db::Value> params{who.tenant_id, day};
  const auto visible = visible_items(who, params);
  json::array on_hand;
  for (const auto& r : tx.exec(std::string("SELECT ") + kItemColumns + kItemFrom + " WHERE" + kOnShelfAtEnd + " AND " + visible +
                                   " ORDER BY i.id",
                               params)
                           .rows) {
    on_hand.push_back(item_json(r));
  }
  const auto closed = tx.query(
      "SELECT d.figures, d.explanations, d.closed_at, d.closed_by, a.display_name, d.digest FROM mail_days d"
      " LEFT JOIN accounts a ON a.tenant_id = d.tenant_id AND a.id = d.closed_by WHERE d.tenant_id = $1 AND d.day = $2",
      who.tenant_id, day);
  json::object out{{"day", day}, {"closed", !closed.empty()}, {"expected_on_hand", std::move(on_hand)}};
  if (closed.empty()) {
    auto figures = figures_json(day_figures(tx, who.tenant_id, day));
    out["figures"] = std::move(figures["by_kind"]);
    out["totals"] = std::move(figures["totals"]);
    for (const auto* key : {"closed_at", "closed_by", "closed_by_name", "digest"}) out[key] = nullptr;
    out["explanations"] = json::array{};
    return out;
  }
  const auto& r = closed.one();
  auto figures = json::parse(r.text(0)).as_object();
  out["figures"] = std::move(figures["by_kind"]);
  out["totals"] = std::move(figures["totals"]);
  out["closed_at"] = r.text(2);
  out["closed_by"] = r.is_null(3) ? json::value(nullptr) : json::value(r.int64(3));
  out["closed_by_name"] = r.is_null(4) ? json::value(nullptr) : json::value(r.text(4));
  out["digest"] = r.text(5);
  out["explanations"] = shown_explanations(r.text(1), who.can("mail.confidential"));
  return out;
}

}  // namespace jiguan::mail
