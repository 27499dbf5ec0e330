// Statistics of held meetings (the issue: "900+ meetings a year"): totals, per room with
// its utilisation of working hours, per host unit and per meeting type.
#include <algorithm>
#include <boost/json.hpp>
#include <cmath>
#include <map>

#include "core/calendar/calendar.hpp"
#include "modules/meetings/recurrence.hpp"
#include "modules/meetings/views.hpp"

namespace jiguan::meetings {
namespace json = boost::json;
using namespace std::chrono;

namespace {

double one_decimal(double x) { return std::round(x * 10) / 10; }
double hours_of(std::int64_t seconds) { return one_decimal(static_cast<double>(seconds) / 3600); }

const char* type_label(const std::string& type) {
  return type == "regular"      ? "常规会议"
         : type == "leadership" ? "领导会议"
         : type == "congress"   ? "人大政协会议"
         : type == "training"   ? "培训"
                                : "对外会议";
}

struct Tally {
  std::string name;
  std::int64_t meetings = 0;
  std::int64_t seconds = 0;
  std::int64_t attendees = 0;
  std::int64_t work_seconds = 0;  // rooms: booked time inside working hours

  void add(std::int64_t length, std::int64_t people) {
    ++meetings;
    seconds += length;
    attendees += people;
  }
  json::object json_with(const char* id_key, json::value id) const {
    return {{id_key, std::move(id)}, {"meetings", meetings}, {"hours", hours_of(seconds)}, {"attendees", attendees}};
  }
};

// The tallies with the most meetings first (ties by key).
template <class Key>
std::vector<std::pair<Key, Tally>> busiest_first(const std::map<Key, Tally>& tallies) {
  std::vector<std::pair<Key, Tally>> out(tallies.begin(), tallies.end());
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.second.meetings > b.second.meetings; });
  return out;
}

}  // namespace

json::object meeting_stats(db::Tx& tx, std::int64_t tenant_id, const access::Scope& scope, Date from, Date to) {
  const auto range_from = from_local(from, 0);
  const auto range_to = from_local(to, 0) + days(1);
  std::vector<db::Value> params{tenant_id, to_utc_text(range_from), to_utc_text(range_to)};
  const auto in_scope = access::scope_predicate(scope, "b.host_unit_id", "b.booked_by", params);
  const auto rows = tx.exec(
      "SELECT b.room_id, r.name, b.host_unit_id, u.name, b.meeting_type, b.start_at, b.end_at, b.attendees "
      "FROM meeting_bookings b JOIN meeting_rooms r ON r.tenant_id = b.tenant_id AND r.id = b.room_id "
      "JOIN units u ON u.tenant_id = b.tenant_id AND u.id = b.host_unit_id "
      "WHERE b.tenant_id = $1 AND b.status = 'confirmed' AND b.start_at >= $2 AND b.start_at < $3 AND " +
          in_scope,
      params);
  const auto work = calendar::load_calendar(tx, tenant_id);
  const auto working_seconds = work.work_seconds_between(range_from, range_to);
  Tally total;
  std::map<std::int64_t, Tally> by_room, by_unit;
  std::map<std::string, Tally> by_type;
  for (const auto& row : rows.rows) {
    const auto start = *parse_instant(row.text(5)), end = *parse_instant(row.text(6));
    const auto length = (end - start).count();
    const auto people = row.int64(7);
    total.add(length, people);
    auto& room = by_room[row.int64(0)];
    room.name = row.text(1);
    room.add(length, people);
    room.work_seconds += work.work_seconds_between(std::max(start, range_from), std::min(end, range_to));
    auto& unit = by_unit[row.int64(2)];
    unit.name = row.text(3);
    unit.add(length, people);
    by_type[row.text(4)].add(length, people);
  }
  json::array rooms, units, types;
  for (const auto& [id, t] : busiest_first(by_room)) {
    auto o = t.json_with("room_id", id);
    o["room_name"] = t.name;
    o["utilisation_pct"] = working_seconds == 0
                               ? 0.0
                               : one_decimal(100.0 * static_cast<double>(t.work_seconds) / static_cast<double>(working_seconds));
    rooms.push_back(std::move(o));
  }
  for (const auto& [id, t] : busiest_first(by_unit)) {
    auto o = t.json_with("unit_id", id);
    o["unit_name"] = t.name;
    units.push_back(std::move(o));
  }
  for (const auto& [type, t] : busiest_first(by_type)) {
    auto o = t.json_with("meeting_type", json::value(type));
    o["label"] = type_label(type);
    types.push_back(std::move(o));
  }
  return {{"from", calendar::format_date(from)}, {"to", calendar::format_date(to)}, {"meetings", total.meetings},
          {"hours", hours_of(total.seconds)},    {"attendees", total.attendees},    {"working_hours", hours_of(working_seconds)},
          {"by_room", std::move(rooms)},         {"by_unit", std::move(units)},     {"by_type", std::move(types)}};
}

}  // namespace jiguan::meetings
