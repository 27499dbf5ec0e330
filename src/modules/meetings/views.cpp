// The timeline, a room's month calendar and the iCalendar feeds.
#include "modules/meetings/views.hpp"

#include <boost/json.hpp>
#include <map>

#include "core/access/roles.hpp"
#include "core/auth/tokens.hpp"
#include "core/calendar/calendar.hpp"
#include "core/util/time.hpp"
#include "modules/meetings/ical.hpp"
#include "modules/meetings/meetings.hpp"
#include "modules/meetings/recurrence.hpp"

namespace jiguan::meetings {
namespace json = boost::json;
using namespace std::chrono;

namespace {

// The short booking shape of the timeline and the calendar.
constexpr const char* kShortColumns =
    "SELECT b.id, b.room_id, b.title, b.host_unit_id, u.name, b.start_at, b.end_at, b.blocked_from, b.blocked_to, b.status, "
    "b.meeting_type, b.series_id, b.attendees FROM meeting_bookings b "
    "JOIN units u ON u.tenant_id = b.tenant_id AND u.id = b.host_unit_id ";

json::object short_booking(const db::Row& row) {
  return {{"id", row.int64(0)},
          {"room_id", row.int64(1)},
          {"title", row.text(2)},
          {"host_unit_id", row.int64(3)},
          {"host_unit_name", row.text(4)},
          {"start", row.text(5)},
          {"end", row.text(6)},
          {"blocked_from", row.text(7)},
          {"blocked_to", row.text(8)},
          {"status", row.text(9)},
          {"meeting_type", row.text(10)},
          {"series_id", row.is_null(11) ? json::value() : json::value(row.int64(11))},
          {"attendees", row.int64(12)}};
}

// "b.room_id IN ($n, …)" over the rooms, parameters appended.
std::string room_in(const std::set<std::int64_t>& rooms, std::vector<db::Value>& params) {
  std::string in;
  for (const auto id : rooms) {
    params.push_back(id);
    in += (in.empty() ? "$" : ", $") + std::to_string(params.size());
  }
  return "b.room_id IN (" + in + ")";
}

// The live bookings overlapping [from, to) (of `rooms`, when given), in start order. A
// booking lasts at most a day, so those starting from a day before `from` on are all there
// are: the range stays on the (tenant_id, start_at) index.
db::Result live_bookings(db::Tx& tx, std::int64_t tenant_id, Instant from, Instant to, const std::set<std::int64_t>* rooms,
                         const std::string& columns = kShortColumns) {
  std::vector<db::Value> params{tenant_id, to_utc_text(from - kMaxBookingLength), to_utc_text(to), to_utc_text(from)};
  const auto in_rooms = rooms ? " AND " + room_in(*rooms, params) : std::string();
  return tx.exec(
      columns + "WHERE b.tenant_id = $1 AND b.status <> 'cancelled' AND b.start_at >= $2 AND b.start_at < $3 AND b.end_at > $4" +
          in_rooms + " ORDER BY b.start_at, b.id",
      params);
}

// The instant a local day begins (00:00 Beijing time).
Instant day_start(Date day) { return from_local(day, 0); }

}  // namespace

json::object timeline(db::Tx& tx, std::int64_t tenant_id, Date first, int days_count) {
  const auto from = day_start(first);
  const auto to = from + days(days_count);
  const auto combinations = load_combinations(tx, tenant_id);
  json::array rooms;
  for (const auto& row : tx.query("SELECT id, name, building, floor, capacity, bookable FROM meeting_rooms "
                                  "WHERE tenant_id = $1 AND active = 1 ORDER BY building, floor, name, id",
                                  tenant_id)
                             .rows) {
    const auto parts = combinations.find(row.int64(0));
    rooms.push_back({{"id", row.int64(0)},
                     {"name", row.text(1)},
                     {"building", row.text(2)},
                     {"floor", row.text(3)},
                     {"capacity", row.int64(4)},
                     {"part_ids", parts == combinations.end() ? json::array() : json::value_from(parts->second).as_array()},
                     {"bookable", row.int64(5) != 0}});
  }
  json::array bookings;
  for (const auto& row : live_bookings(tx, tenant_id, from, to, nullptr).rows) bookings.push_back(short_booking(row));
  return {{"from", to_utc_text(from)}, {"to", to_utc_text(to)}, {"rooms", std::move(rooms)}, {"bookings", std::move(bookings)}};
}

std::optional<json::object> room_calendar(db::Tx& tx, std::int64_t tenant_id, std::int64_t room_id, year_month month) {
  auto room = find_room(tx, tenant_id, room_id);
  if (!room) return std::nullopt;
  const Date first = month / 1, last = month / std::chrono::last;
  const auto tied = rooms_tied_to(room_id, load_combinations(tx, tenant_id));
  std::map<Date, json::array> by_day;
  for (const auto& row : live_bookings(tx, tenant_id, day_start(first), day_start(last) + days(1), &tied).rows) {
    // A booking shows on its local start day (one begun the evening before shows there).
    by_day[to_local(*parse_instant(row.text(5))).date].push_back(short_booking(row));
  }
  const auto work = calendar::load_calendar(tx, tenant_id);
  std::map<Date, std::string> holidays;
  for (const auto& d : work.special_days_of_year(static_cast<int>(month.year()))) {
    if (d.off) holidays[d.date] = d.name;
  }
  json::array out;
  for (auto d = sys_days(first); d <= sys_days(last); d += days(1)) {
    const Date date{d};
    const auto holiday = holidays.find(date);
    out.push_back({{"date", calendar::format_date(date)},
                   {"workday", work.is_workday(date)},
                   {"holiday", holiday == holidays.end() ? json::value() : json::value(holiday->second)},
                   {"bookings", std::move(by_day[date])}});
  }
  return json::object{{"room", std::move(*room)}, {"month", calendar::format_date(first).substr(0, 7)}, {"days", std::move(out)}};
}

// ---- Feeds ----

std::string issue_feed_token(db::Tx& tx, const audit::Actor& actor) {
  const auto account = actor.account_id.value();
  const auto token = auth::new_token(actor.tenant_id);
  const auto hint = feed_token_hint(token);
  const auto before = feed_token_hint(tx, actor.tenant_id, account);
  tx.query("DELETE FROM meeting_feed_tokens WHERE tenant_id = $1 AND account_id = $2", actor.tenant_id, account);
  tx.query(
      "INSERT INTO meeting_feed_tokens (tenant_id, account_id, token_hash, token_hint, created_at) VALUES ($1, $2, $3, $4, $5)",
      actor.tenant_id, account, auth::token_hash(token), hint, util::now_utc());
  audit::record(tx, actor,
                {before ? "reset" : "create",
                 "meeting_feed_token",
                 account,
                 {{"token_hint", {{"from", before ? json::value(*before) : json::value()}, {"to", hint}}}}});
  return token;
}

std::string feed_token_hint(const std::string& token) { return token.substr(token.size() - 4); }

std::optional<std::string> feed_token_hint(db::Tx& tx, std::int64_t tenant_id, std::int64_t account_id) {
  const auto r =
      tx.query("SELECT token_hint FROM meeting_feed_tokens WHERE tenant_id = $1 AND account_id = $2", tenant_id, account_id);
  if (r.empty()) return std::nullopt;
  return r.one().text(0);
}

std::optional<FeedOwner> feed_owner(db::Tx& tx, const std::string& token) {
  const auto tenant = auth::token_tenant(token);
  if (!tenant) return std::nullopt;
  const auto r = tx.query(
      "SELECT f.account_id, a.role, t.code FROM meeting_feed_tokens f "
      "JOIN accounts a ON a.tenant_id = f.tenant_id AND a.id = f.account_id JOIN tenants t ON t.id = f.tenant_id "
      "WHERE f.tenant_id = $1 AND f.token_hash = $2 AND a.active = 1",
      *tenant, auth::token_hash(token));
  if (r.empty()) return std::nullopt;
  const auto role = access::find_role(tx, *tenant, r.one().text(1));
  if (!role || !access::permissions_grant(role->permissions, "meetings.read")) return std::nullopt;
  return FeedOwner{*tenant, r.one().text(2), r.one().int64(0)};
}

namespace {

constexpr days kFeedPast{30};
constexpr days kFeedAhead{365};

const std::string kFeedColumns = std::string("SELECT ") + kBookingColumns + kBookingFrom + " ";

std::string feed(db::Tx& tx, const FeedOwner& owner, const std::string& name, const db::Result& rows) {
  std::map<std::int64_t, std::string> buildings;
  for (const auto& r : tx.query("SELECT id, building FROM meeting_rooms WHERE tenant_id = $1", owner.tenant_id).rows) {
    buildings[r.int64(0)] = r.text(1);
  }
  std::vector<ical::Event> events;
  for (const auto& row : rows.rows) {
    const auto b = booking_json(row);
    const auto text = [&](const char* key) { return std::string(b.at(key).as_string()); };
    std::string description = "主办单位：" + text("host_unit_name");
    if (!text("chair").empty()) description += "\n主持人：" + text("chair");
    description += "\n参会人数：" + std::to_string(b.at("attendees").as_int64());
    const auto& building = buildings[b.at("room_id").as_int64()];
    events.push_back({"booking-" + std::to_string(b.at("id").as_int64()) + "@" + owner.tenant_code + ".jiguan",
                      *parse_instant(text("start")), *parse_instant(text("end")), text("title"),
                      text("room_name") + (building.empty() ? "" : ", " + building), description, text("status") == "pending",
                      // updated_at only grows, so its distance from created_at is a valid SEQUENCE.
                      (*parse_instant(text("updated_at")) - *parse_instant(text("created_at"))).count()});
  }
  return ical::calendar(name, now_instant(), events);
}

std::pair<Instant, Instant> feed_window() {
  const auto now = now_instant();
  return {now - kFeedPast, now + kFeedAhead};
}

}  // namespace

std::optional<std::string> room_feed(db::Tx& tx, const FeedOwner& owner, std::int64_t room_id) {
  const auto room = find_room(tx, owner.tenant_id, room_id);
  if (!room) return std::nullopt;
  const auto tied = rooms_tied_to(room_id, load_combinations(tx, owner.tenant_id));
  const auto [from, to] = feed_window();
  return feed(tx, owner, std::string(room->at("name").as_string()) + " · 会议室预订",
              live_bookings(tx, owner.tenant_id, from, to, &tied, kFeedColumns));
}

std::string my_feed(db::Tx& tx, const FeedOwner& owner) {
  const auto [from, to] = feed_window();
  std::vector<db::Value> params{owner.tenant_id, to_utc_text(from), to_utc_text(to), owner.account_id};
  return feed(
      tx, owner, "我的会议预订",
      tx.exec(kFeedColumns + "WHERE b.tenant_id = $1 AND b.status <> 'cancelled' AND b.start_at >= $2 AND b.start_at < $3 "
                             "AND b.booked_by = $4 ORDER BY b.start_at, b.id",
              params));
}

}  // namespace jiguan::meetings
