// Statistics of the mail room over received days (the issue: letters counted, batches by
// their count; by kind, direction, state, per addressee unit and month; average hours from
// receipt to delivery of individually registered items).
#include <algorithm>
#include <boost/json.hpp>
#include <cmath>
#include <map>

#include "core/access/scope.hpp"
#include "modules/mail/days.hpp"
#include "modules/mail/mail.hpp"

namespace jiguan::mail {
namespace json = boost::json;

namespace {

struct UnitTally {
  std::string name;
  std::int64_t received = 0, delivered = 0, on_hand = 0;
};

}  // namespace

json::object mail_stats(db::Tx& tx, const auth::Principal& who, const std::string& from, const std::string& to) {
  // Items of days [from, to] ($2, $3) in the caller's data scope.
  const auto scoped = [&](std::vector<db::Value>& params) {
    return " FROM mail_items i WHERE i.tenant_id = $1 AND i.received_on >= $2 AND i.received_on <= $3 AND " +
           access::scope_predicate(who.scope, "COALESCE(i.addressee_unit_id, i.sender_unit_id)", "i.registered_by", params);
  };
  std::vector<db::Value> params{who.tenant_id, from, to};
  // One row per kind, direction, state, unit and month: a year is a few thousand groups.
  const auto rows =
      tx.exec("SELECT i.kind, i.direction, i.status, i.addressee_unit_id, SUBSTR(i.received_on, 1, 7), SUM(i.item_count)" +
                  scoped(params) + " GROUP BY i.kind, i.direction, i.status, i.addressee_unit_id, SUBSTR(i.received_on, 1, 7)",
              params);
  json::object by_kind;
  for (const auto* kind : kKinds) by_kind[kind] = 0;
  std::map<std::string, std::int64_t> by_status;
  std::int64_t in = 0, out = 0, on_hand = 0;
  std::map<std::int64_t, UnitTally> units;
  std::map<std::string, std::pair<std::int64_t, std::int64_t>> months;
  for (const auto& r : rows.rows) {
    const auto letters = r.int64(5);
    const auto status = r.text(2);
    const bool waiting = status == "received" || status == "notified";
    by_kind[r.text(0)] = by_kind[r.text(0)].as_int64() + letters;
    by_status[status] += letters;
    on_hand += waiting ? letters : 0;
    auto& month = months[r.text(4)];
    if (r.text(1) == "out") {
      out += letters;
      month.second += letters;
      continue;
    }
    in += letters;
    month.first += letters;
    auto& unit = units[r.int64(3)];
    unit.received += letters;
    unit.delivered += status == "delivered" ? letters : 0;
    unit.on_hand += waiting ? letters : 0;
  }

  // Hours to delivery of individually registered items: a batch has no single hand-over.
  std::vector<db::Value> hour_params{who.tenant_id, from, to};
  double seconds = 0;
  std::int64_t delivered_items = 0;
  for (const auto& r : tx.exec("SELECT i.received_at, i.closed_at" + scoped(hour_params) +
                                   " AND i.status = 'delivered' AND i.kind NOT IN ('ordinary', 'periodical')",
                               hour_params)
                           .rows) {
    const auto received = util::parse_instant(r.text(0)), closed = util::parse_instant(r.text(1));
    if (!received || !closed) continue;
    seconds += static_cast<double>((*closed - *received).count());
    ++delivered_items;
  }
  const double avg_hours =
      delivered_items == 0 ? 0.0 : std::round(seconds / 3600.0 / static_cast<double>(delivered_items) * 10) / 10;

  for (const auto& r : tx.query("SELECT id, name FROM units WHERE tenant_id = $1", who.tenant_id).rows) {
    if (const auto it = units.find(r.int64(0)); it != units.end()) it->second.name = r.text(1);
  }
  std::vector<std::pair<std::int64_t, UnitTally>> ranked(units.begin(), units.end());
  std::stable_sort(ranked.begin(), ranked.end(),
                   [](const auto& a, const auto& b) { return a.second.received > b.second.received; });
  json::array by_unit, by_month;
  for (const auto& [id, t] : ranked) {
    by_unit.push_back(json::object{
        {"unit_id", id}, {"unit_name", t.name}, {"received", t.received}, {"delivered", t.delivered}, {"on_hand", t.on_hand}});
  }
  for (const auto& [month, counts] : months) {
    by_month.push_back(json::object{{"month", month}, {"in", counts.first}, {"out", counts.second}});
  }
  const auto status_total = [&](const char* s) { return by_status.count(s) ? by_status.at(s) : 0; };
  return {{"from", from},
          {"to", to},
          {"by_kind", std::move(by_kind)},
          {"by_direction", {{"in", in}, {"out", out}}},
          {"delivered", status_total("delivered")},
          {"on_hand", on_hand},
          {"returned", status_total("returned")},
          {"forwarded", status_total("forwarded")},
          {"dispatched", status_total("dispatched")},
          {"avg_hours_to_delivery", avg_hours},
          {"by_unit", std::move(by_unit)},
          {"by_month", std::move(by_month)}};
}

}  // namespace jiguan::mail
