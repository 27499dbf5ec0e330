// Recurring series: the rule's dates materialised as bookings through the single-booking
// checks, and the edits and cancellations that keep cancelled dates cancelled.
#include "modules/meetings/series.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <map>

#include "core/calendar/calendar.hpp"
#include "core/http/api_error.hpp"
#include "core/util/time.hpp"

namespace jiguan::meetings {
namespace json = boost::json;

const char* const kSeriesColumns =
    "s.id, s.room_id, r.name, s.title, s.host_unit_id, u.name, s.chair, s.attendees, s.meeting_type, s.services, s.notes, "
    "s.start_time, s.end_time, s.freq, s.weekdays, s.first_date, s.until_date, s.occurrence_count, s.skip_holidays, "
    "s.created_by, s.created_at, s.updated_at";
const char* const kSeriesFrom =
    " FROM meeting_series s JOIN meeting_rooms r ON r.tenant_id = s.tenant_id AND r.id = s.room_id"
    " JOIN units u ON u.tenant_id = s.tenant_id AND u.id = s.host_unit_id";

json::object series_json(const db::Row& row) {
  const auto nullable_int = [&](std::size_t i) { return row.is_null(i) ? json::value() : json::value(row.int64(i)); };
  return {{"id", row.int64(0)},
          {"room_id", row.int64(1)},
          {"room_name", row.text(2)},
          {"title", row.text(3)},
          {"host_unit_id", row.int64(4)},
          {"host_unit_name", row.text(5)},
          {"chair", row.text(6)},
          {"attendees", row.int64(7)},
          {"meeting_type", row.text(8)},
          {"services", json::parse(row.text(9))},
          {"notes", row.text(10)},
          {"start_time", row.text(11)},
          {"end_time", row.text(12)},
          {"first_date", row.text(15)},
          {"recurrence", json::object{{"freq", row.text(13)},
                                      {"weekdays", json::parse(row.text(14))},
                                      {"until", row.is_null(16) ? json::value() : json::value(row.text(16))},
                                      {"count", nullable_int(17)},
                                      {"skip_holidays", row.int64(18) == 1}}},
          {"created_by", nullable_int(19)},
          {"created_at", row.text(20)},
          {"updated_at", row.text(21)}};
}

namespace {

using std::chrono::days;
using std::chrono::sys_days;

// ---- Reading -------------------------------------------------------------------------------

int minute_of(const std::string& hhmm) { return std::stoi(hhmm.substr(0, 2)) * 60 + std::stoi(hhmm.substr(3, 2)); }

std::optional<db::Row> series_row(db::Tx& tx, std::int64_t tenant_id, std::int64_t id) {
  auto result = tx.query(std::string("SELECT ") + kSeriesColumns + kSeriesFrom + " WHERE s.tenant_id = $1 AND s.id = $2",
                         tenant_id, id);
  if (result.empty()) return std::nullopt;
  return result.one();
}

SeriesFields fields_of(const db::Row& row) {
  SeriesFields s;
  s.booking = {row.int64(1), row.text(3), row.int64(4), row.text(6), row.int64(7), "", "", row.text(8),
               json::parse(row.text(9)).as_object(), row.text(10)};
  s.start_minute = minute_of(row.text(11));
  s.end_minute = minute_of(row.text(12));
  s.rule.freq = row.text(13);
  const auto weekdays = json::parse(row.text(14));
  for (const auto& d : weekdays.as_array()) s.rule.weekdays.insert(static_cast<unsigned>(d.as_int64()));
  s.rule.first = *calendar::parse_date(row.text(15));
  if (const auto until = row.opt_text(16)) s.rule.until = calendar::parse_date(*until);
  if (const auto count = row.opt_int64(17)) s.rule.count = static_cast<int>(*count);
  s.rule.skip_holidays = row.int64(18) == 1;
  return s;
}

// The columns of meeting_series a SeriesFields sets, as parameters $3… of `sql`.
db::Result write_series(db::Tx& tx, const std::string& sql, std::int64_t tenant_id, std::int64_t id_or_actor,
                        const SeriesFields& s, const std::string& now) {
  const auto& b = s.booking;
  json::array weekdays;
  for (const auto d : s.rule.weekdays) weekdays.push_back(d);
  return tx.query(sql, tenant_id, id_or_actor, b.room_id, b.title, b.host_unit_id, b.chair, b.attendees, b.meeting_type,
                  json::serialize(b.services), b.notes, minute_text(s.start_minute), minute_text(s.end_minute), s.rule.freq,
                  json::serialize(weekdays), calendar::format_date(s.rule.first),
                  db::to_value(s.rule.until ? std::optional(calendar::format_date(*s.rule.until)) : std::nullopt),
                  db::to_value(s.rule.count ? std::optional<std::int64_t>(*s.rule.count) : std::nullopt),
                  s.rule.skip_holidays ? 1 : 0, now);
}

std::int64_t insert_series(db::Tx& tx, const auth::Principal& who, const SeriesFields& s) {
  return write_series(tx,
                      "INSERT INTO meeting_series (tenant_id, created_by, room_id, title, host_unit_id, chair, attendees, "
                      "meeting_type, services, notes, start_time, end_time, freq, weekdays, first_date, until_date, "
                      "occurrence_count, skip_holidays, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, "
                      "$10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $19) RETURNING id",
                      who.tenant_id, who.account_id, s, util::now_utc())
      .one()
      .int64(0);
}

void update_series(db::Tx& tx, std::int64_t tenant_id, std::int64_t id, const SeriesFields& s) {
  write_series(tx,
               "UPDATE meeting_series SET room_id = $3, title = $4, host_unit_id = $5, chair = $6, attendees = $7, "
               "meeting_type = $8, services = $9, notes = $10, start_time = $11, end_time = $12, freq = $13, weekdays = $14, "
               "first_date = $15, until_date = $16, occurrence_count = $17, skip_holidays = $18, updated_at = $19 "
               "WHERE tenant_id = $1 AND id = $2",
               tenant_id, id, s, util::now_utc());
}

// A series' bookings: each a booking_json plus its occurrence_date and detached flag (the
// last two columns, after however many kBookingColumns has).
const std::string kOccurrenceWhere = std::string("SELECT ") + kBookingColumns + ", b.occurrence_date, b.detached" +
                                     kBookingFrom + " WHERE b.tenant_id = $1";
const std::string kOccurrenceSelect = kOccurrenceWhere + " AND b.series_id = $2";

json::object occurrence_json(const db::Row& row) {
  auto out = booking_json(row);
  const auto date = row.size() - 2;
  out["occurrence_date"] = row.is_null(date) ? json::value() : json::value(row.text(date));
  out["detached"] = row.int64(row.size() - 1) == 1;
  return out;
}

json::array occurrences_of(db::Tx& tx, std::int64_t tenant_id, std::int64_t series_id) {
  json::array out;
  for (const auto& row : tx.query(kOccurrenceSelect + " ORDER BY b.occurrence_date, b.id", tenant_id, series_id).rows) {
    out.push_back(occurrence_json(row));
  }
  return out;
}

// The booking with its series columns; 404 when there is none.
struct Occurrence {
  json::object booking;
  std::optional<std::int64_t> series_id;
  std::optional<Date> date;
};
Occurrence occurrence(db::Tx& tx, std::int64_t tenant_id, std::int64_t id) {
  const auto result = tx.query(kOccurrenceWhere + " AND b.id = $2", tenant_id, id);
  if (result.empty()) throw http::not_found("预订");
  auto booking = occurrence_json(result.one());
  const auto& series = booking.at("series_id");
  const auto& date = booking.at("occurrence_date");
  return {booking, series.is_null() ? std::nullopt : std::optional(series.as_int64()),
          date.is_null() ? std::nullopt : calendar::parse_date(date.as_string())};
}

// ---- Placing occurrences -------------------------------------------------------------------

// One date of the rule to book: a new booking, or the existing row to move (`before` it moved).
struct Placement {
  Date date;
  std::optional<json::object> before;
};

struct Outcome {
  json::array occurrences;  // the preview list: date, start, end, status, booking_id of a clash
  int conflicts = 0;
};

http::ApiError series_conflict(const Outcome& outcome) {
  return http::ApiError(409, "series_conflict",
                        "系列中有 " + std::to_string(outcome.conflicts) +
                            " 个日期冲突，未保存；可调整时间或会议室，或设置 skip_conflicts 跳过冲突日期",
                        "recurrence")
      .with("occurrences", outcome.occurrences);
}

BookingFields occurrence_fields(const SeriesFields& s, Date date) {
  auto f = s.booking;
  f.start = to_utc_text(from_local(date, s.start_minute));
  f.end = to_utc_text(from_local(date, s.end_minute));
  return f;
}

// Rewrites a live booking with checked fields and records the change. Its status (and any
// approval request) stays: moving into another room that needs approval would skip that
// room's approval, so it is refused.
void move_booking(db::Tx& tx, const auth::Principal& who, const audit::Actor& actor, const json::object& before,
                  const BookingFields& f, const CheckedBooking& checked, bool detached) {
  const auto id = before.at("id").as_int64();
  if (before.at("room_id").as_int64() != f.room_id && checked.room.needs_approval) {
    throw http::invalid("room_id", "会议室“" + checked.room.name + "”需审批，不能改到该会议室，请取消后重新预订");
  }
  const std::string status(before.at("status").as_string());
  tx.query("UPDATE meeting_bookings SET room_id = $3, title = $4, chair = $5, attendees = $6, meeting_type = $7, start_at = $8, "
           "end_at = $9, blocked_from = $10, blocked_to = $11, services = $12, notes = $13, status = $14, "
           "detached = $15, updated_at = $16 WHERE tenant_id = $1 AND id = $2",
           who.tenant_id, id, f.room_id, f.title, f.chair, f.attendees, f.meeting_type, to_utc_text(checked.start),
           to_utc_text(checked.end), to_utc_text(checked.blocked.from), to_utc_text(checked.blocked.to),
           json::serialize(f.services), f.notes, status, detached ? 1 : 0, util::now_utc());
  audit::record(tx, actor, {"update", "meeting_booking", id, audit::diff(before, occurrence(tx, who.tenant_id, id).booking)});
  sync_service_tasks(tx, actor, id);
}

// Takes the rows about to move out of the clash check: they are marked cancelled for the rest
// of the transaction and each gets its real status back when placed (or the transaction fails).
void set_aside(db::Tx& tx, std::int64_t tenant_id, const std::vector<Placement>& plan) {
  for (const auto& p : plan) {
    if (p.before) {
      tx.query("UPDATE meeting_bookings SET status = 'cancelled' WHERE tenant_id = $1 AND id = $2", tenant_id,
               p.before->at("id").as_int64());
    }
  }
}

// Checks every placement in date order, booking or moving it unless this is a preview (no
// series_id). A clash is listed; with skip_conflicts a new date that clashes is left out.
Outcome place(db::Tx& tx, const auth::Principal& who, const audit::Actor& actor, std::optional<std::int64_t> series_id,
              const SeriesFields& s, const std::vector<Placement>& plan, bool skip_conflicts) {
  Outcome out;
  bool moved_clash = false;  // an existing row cannot be skipped: it would stay set aside
  if (series_id) set_aside(tx, who.tenant_id, plan);
  for (const auto& p : plan) {
    const auto f = occurrence_fields(s, p.date);
    const auto checked = check_booking(tx, who, f);
    const auto clash = series_id ? clash_of(tx, who.tenant_id, checked) : first_clash(tx, who.tenant_id, checked.tied, checked.blocked);
    json::object entry{{"date", calendar::format_date(p.date)},
                       {"start", to_utc_text(checked.start)},
                       {"end", to_utc_text(checked.end)},
                       {"status", clash ? "conflict" : "free"}};
    if (clash) {
      entry["booking_id"] = *clash;
      ++out.conflicts;
      moved_clash = moved_clash || p.before.has_value();
    }
    out.occurrences.push_back(std::move(entry));
    if (!series_id || clash) continue;
    if (p.before) {
      move_booking(tx, who, actor, *p.before, f, checked, false);
    } else {
      insert_booking(tx, who, actor, f, checked, SeriesOccurrence{*series_id, calendar::format_date(p.date)});
    }
  }
  const bool nothing_left = out.conflicts == static_cast<int>(out.occurrences.size());
  if (series_id && out.conflicts > 0 && (!skip_conflicts || moved_clash || nothing_left)) throw series_conflict(out);
  return out;
}

// What regenerating the series over `dates` does to its rows: the placements (dates with no
// row, or with a live, non-detached row starting after `horizon`) and the live, non-detached
// rows after `horizon` whose date the rule no longer produces. Cancelled and detached rows and
// rows that started are left alone, so a cancelled date is never booked again.
struct Plan {
  std::vector<Placement> placements;
  std::vector<std::int64_t> dropped;
};
Plan plan_of(db::Tx& tx, std::int64_t tenant_id, std::optional<std::int64_t> series_id, const SeriesFields& s,
             const std::vector<Date>& dates, Instant horizon) {
  std::map<std::string, json::object> rows;
  if (series_id) {
    for (const auto& row : tx.query(kOccurrenceSelect, tenant_id, *series_id).rows) {
      auto occurrence = occurrence_json(row);
      rows.emplace(occurrence.at("occurrence_date").as_string(), std::move(occurrence));
    }
  }
  const auto movable = [&](const json::object& row) {
    return row.at("status") != "cancelled" && !row.at("detached").as_bool() &&
           *parse_instant(row.at("start").as_string()) > horizon;
  };
  Plan plan;
  for (const auto d : dates) {
    const auto it = rows.find(calendar::format_date(d));
    if (it == rows.end()) {
      if (from_local(d, s.start_minute) > horizon) plan.placements.push_back({d, std::nullopt});
      continue;
    }
    if (movable(it->second)) plan.placements.push_back({d, it->second});
    rows.erase(it);
  }
  for (const auto& [date, row] : rows) {
    if (movable(row)) plan.dropped.push_back(row.at("id").as_int64());
  }
  return plan;
}

// Regenerates the series' occurrences after `horizon` from its fields (see plan_of); 409
// series_conflict on a clash unless skip_conflicts.
Outcome regenerate(db::Tx& tx, const auth::Principal& who, const audit::Actor& actor, std::int64_t series_id,
                   const SeriesFields& s, Instant horizon, bool skip_conflicts) {
  validate_rule(s.rule);
  const auto expansion = expand(s.rule, calendar::load_calendar(tx, who.tenant_id));
  const auto plan = plan_of(tx, who.tenant_id, series_id, s, expansion.dates, horizon);
  for (const auto id : plan.dropped) {
    cancel_booking(tx, actor, id, "系列调整");
  }
  return place(tx, who, actor, series_id, s, plan.placements, skip_conflicts);
}

void require_live(const json::object& booking) {
  if (booking.at("status") == "cancelled") throw http::conflict("已取消的预订不能再修改或取消");
}

// The template fields of a change, over `f`.
void apply(const BookingChanges& c, BookingFields& f) {
  if (c.room_id) f.room_id = *c.room_id;
  if (c.title) f.title = *c.title;
  if (c.chair) f.chair = *c.chair;
  if (c.attendees) f.attendees = *c.attendees;
  if (c.meeting_type) f.meeting_type = *c.meeting_type;
  if (c.services) f.services = *c.services;
  if (c.notes) f.notes = *c.notes;
}

// The Beijing-local start and end of one occurrence: same day, end after start (422 naming the
// fields otherwise).
std::pair<LocalTime, LocalTime> local_span(const std::string& start, const std::string& end, const char* start_field,
                                           const char* end_field) {
  const auto from = parse_instant(start);
  if (!from) throw http::invalid(start_field, "时间应为带时区的 ISO-8601 格式，如 2026-12-07T09:00:00+08:00");
  const auto to = parse_instant(end);
  if (!to) throw http::invalid(end_field, "时间应为带时区的 ISO-8601 格式，如 2026-12-07T10:00:00+08:00");
  const auto a = to_local(*from), b = to_local(*to);
  if (b.date != a.date || b.minute <= a.minute) {
    throw http::invalid(end_field, "系列的每次会议应在同一天（北京时间）内结束，且结束晚于开始");
  }
  return {a, b};
}

}  // namespace

SeriesFields series_from_first(BookingFields booking, Rule rule) {
  const auto [from, to] = local_span(booking.start, booking.end, "first_start", "first_end");
  rule.first = from.date;
  return {std::move(booking), from.minute, to.minute, std::move(rule)};
}

std::optional<json::object> find_series(db::Tx& tx, std::int64_t tenant_id, std::int64_t id) {
  const auto row = series_row(tx, tenant_id, id);
  if (!row) return std::nullopt;
  auto out = series_json(*row);
  out["occurrences"] = occurrences_of(tx, tenant_id, id);
  return out;
}

json::object preview_series(db::Tx& tx, const auth::Principal& who, const SeriesFields& s) {
  validate_rule(s.rule);
  const auto expansion = expand(s.rule, calendar::load_calendar(tx, who.tenant_id));
  const auto plan = plan_of(tx, who.tenant_id, std::nullopt, s, expansion.dates, Instant::min());
  const auto outcome = place(tx, who, audit::Actor{}, std::nullopt, s, plan.placements, false);
  json::array skipped;
  for (const auto& d : expansion.skipped) skipped.push_back({{"date", calendar::format_date(d.date)}, {"reason", d.reason}});
  return {{"occurrences", outcome.occurrences}, {"skipped", std::move(skipped)}, {"conflicts", outcome.conflicts}};
}

std::int64_t create_series(db::Tx& tx, const auth::Principal& who, const audit::Actor& actor, const SeriesFields& s,
                           bool skip_conflicts) {
  validate_rule(s.rule);
  const auto id = insert_series(tx, who, s);
  regenerate(tx, who, actor, id, s, Instant::min(), skip_conflicts);
  audit::record(tx, actor, {"create", "meeting_series", id, *find_series(tx, who.tenant_id, id)});
  return id;
}

std::int64_t repeat_booking(db::Tx& tx, const auth::Principal& who, const audit::Actor& actor, std::int64_t booking_id,
                            Rule rule, bool skip_conflicts) {
  const auto b = occurrence(tx, who.tenant_id, booking_id);
  require_live(b.booking);
  if (b.series_id) throw http::conflict("该预订已属于一个系列，请修改系列", "recurrence");
  const auto& j = b.booking;
  BookingFields template_fields{j.at("room_id").as_int64(), std::string(j.at("title").as_string()),
                                j.at("host_unit_id").as_int64(), std::string(j.at("chair").as_string()),
                                j.at("attendees").as_int64(), std::string(j.at("start").as_string()),
                                std::string(j.at("end").as_string()), std::string(j.at("meeting_type").as_string()),
                                j.at("services").as_object(), std::string(j.at("notes").as_string())};
  const auto s = series_from_first(std::move(template_fields), std::move(rule));
  validate_rule(s.rule);
  const auto dates = expand(s.rule, calendar::load_calendar(tx, who.tenant_id)).dates;
  if (dates.front() != s.rule.first) {
    throw http::invalid("recurrence", "该预订的日期 " + calendar::format_date(s.rule.first) + " 不符合重复规则");
  }
  const auto id = insert_series(tx, who, s);
  tx.query("UPDATE meeting_bookings SET series_id = $3, occurrence_date = $4 WHERE tenant_id = $1 AND id = $2", who.tenant_id,
           booking_id, id, calendar::format_date(s.rule.first));
  regenerate(tx, who, actor, id, s, Instant::min(), skip_conflicts);
  auto created = *find_series(tx, who.tenant_id, id);
  created["from_booking_id"] = booking_id;
  audit::record(tx, actor, {"create", "meeting_series", id, created});
  return id;
}

std::optional<std::int64_t> edit_booking(db::Tx& tx, const auth::Principal& who, const audit::Actor& actor,
                                         std::int64_t booking_id, const std::string& scope, const BookingChanges& c) {
  if (scope != "one" && scope != "following" && scope != "all") throw http::invalid("scope", "scope 应为 one、following 或 all");
  const auto b = occurrence(tx, who.tenant_id, booking_id);
  require_live(b.booking);
  if (scope == "one") {
    if (c.recurrence) throw http::invalid("recurrence", "只有修改“此次及以后”或“全部”时才能修改重复规则");
    const auto& j = b.booking;
    BookingFields f{j.at("room_id").as_int64(), std::string(j.at("title").as_string()), j.at("host_unit_id").as_int64(),
                    std::string(j.at("chair").as_string()), j.at("attendees").as_int64(),
                    c.start.value_or(std::string(j.at("start").as_string())), c.end.value_or(std::string(j.at("end").as_string())),
                    std::string(j.at("meeting_type").as_string()), j.at("services").as_object(),
                    std::string(j.at("notes").as_string())};
    apply(c, f);
    const auto checked = check_booking(tx, who, f);
    set_aside(tx, who.tenant_id, {{Date{}, j}});
    if (const auto clash = clash_of(tx, who.tenant_id, checked)) throw conflict_error(tx, who, f, checked, *clash);
    move_booking(tx, who, actor, j, f, checked, b.series_id.has_value());
    return std::nullopt;
  }
  if (!b.series_id) throw http::invalid("scope", "该预订不属于系列，只能修改本次（scope=one）");
  const auto row = *series_row(tx, who.tenant_id, *b.series_id);
  const auto before = series_json(row);
  const auto current = fields_of(row);
  auto changed = current;
  apply(c, changed.booking);
  if (c.start || c.end) {
    const auto [from, to] = local_span(c.start.value_or(to_utc_text(from_local(*b.date, current.start_minute))),
                                       c.end.value_or(to_utc_text(from_local(*b.date, current.end_minute))), "start", "end");
    changed.start_minute = from.minute;
    changed.end_minute = to.minute;
  }
  if (c.recurrence) changed.rule = *c.recurrence;
  const bool split = scope == "following" && *b.date != current.rule.first;
  if (!split) {
    changed.rule.first = current.rule.first;
    regenerate(tx, who, actor, *b.series_id, changed, now_instant(), false);
    update_series(tx, who.tenant_id, *b.series_id, changed);
    audit::record(tx, actor, {"update", "meeting_series", *b.series_id, audit::diff(before, *find_series(tx, who.tenant_id, *b.series_id))});
    return b.series_id;
  }
  // This and following: the old series ends the day before; a new one takes this date on,
  // with the rows of those dates (cancelled ones too, so none comes back).
  changed.rule.first = *b.date;
  if (!c.recurrence && current.rule.count) {
    const auto earlier = expand(current.rule, calendar::load_calendar(tx, who.tenant_id)).dates;
    changed.rule.count = *current.rule.count - static_cast<int>(std::count_if(earlier.begin(), earlier.end(), [&](Date d) {
                           return sys_days(d) < sys_days(*b.date);
                         }));
  }
  auto ended = current;
  ended.rule.until = Date(sys_days(*b.date) - days(1));
  ended.rule.count.reset();
  update_series(tx, who.tenant_id, *b.series_id, ended);
  const auto next = insert_series(tx, who, changed);
  tx.query("UPDATE meeting_bookings SET series_id = $3 WHERE tenant_id = $1 AND series_id = $2 AND occurrence_date >= $4",
           who.tenant_id, *b.series_id, next, calendar::format_date(*b.date));
  regenerate(tx, who, actor, next, changed, now_instant(), false);
  auto diff = audit::diff(before, series_json(*series_row(tx, who.tenant_id, *b.series_id)));
  diff["new_series"] = *find_series(tx, who.tenant_id, next);
  audit::record(tx, actor, {"split", "meeting_series", *b.series_id, diff});
  return next;
}

void cancel_with_scope(db::Tx& tx, const audit::Actor& actor, std::int64_t booking_id, const std::string& reason,
                       const std::string& scope) {
  if (scope != "one" && scope != "following" && scope != "all") throw http::invalid("scope", "scope 应为 one、following 或 all");
  const auto b = occurrence(tx, actor.tenant_id, booking_id);
  require_live(b.booking);
  if (scope != "one" && !b.series_id) throw http::invalid("scope", "该预订不属于系列，只能取消本次（scope=one）");
  std::vector<std::int64_t> ids{booking_id};
  if (scope != "one") {
    ids.clear();
    const auto rows = scope == "following"
                          ? tx.query("SELECT id FROM meeting_bookings WHERE tenant_id = $1 AND series_id = $2 AND "
                                     "status <> 'cancelled' AND occurrence_date >= $3 ORDER BY occurrence_date",
                                     actor.tenant_id, *b.series_id, calendar::format_date(*b.date))
                          : tx.query("SELECT id FROM meeting_bookings WHERE tenant_id = $1 AND series_id = $2 AND "
                                     "status <> 'cancelled' AND start_at > $3 ORDER BY occurrence_date",
                                     actor.tenant_id, *b.series_id, to_utc_text(now_instant()));
    for (const auto& row : rows.rows) ids.push_back(row.int64(0));
    if (ids.empty()) throw http::conflict("该系列没有尚未开始的场次可取消");
  }
  for (const auto id : ids) {
    cancel_booking(tx, actor, id, reason);
  }
  if (scope != "one") {
    json::array cancelled(ids.begin(), ids.end());
    audit::record(tx, actor, {"cancel", "meeting_series", *b.series_id,
                              {{"scope", scope}, {"reason", reason}, {"booking_ids", std::move(cancelled)}}});
  }
}

}  // namespace jiguan::meetings
