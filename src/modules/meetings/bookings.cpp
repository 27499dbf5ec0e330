// Bookings: the checks of a request, the no-clash rule enforced inside the write transaction,
// and cancellation.
#include <boost/json.hpp>

#include "core/access/scope.hpp"
#include "core/http/api_error.hpp"
#include "core/util/time.hpp"
#include "modules/meetings/meetings.hpp"
#include "modules/meetings/operations.hpp"

namespace jiguan::meetings {
namespace json = boost::json;

const char* const kBookingColumns =
    "b.id, b.room_id, r.name, b.series_id, b.title, b.host_unit_id, u.name, b.chair, b.attendees, b.meeting_type, b.start_at, "
    "b.end_at, b.blocked_from, b.blocked_to, b.services, b.notes, b.status, b.booked_by, b.cancel_reason, b.cancelled_at, "
    "b.created_at, b.updated_at, b.request_id, b.displaced_by, b.checked_in_at, b.checked_in_by, b.released";
const char* const kBookingFrom =
    " FROM meeting_bookings b JOIN meeting_rooms r ON r.tenant_id = b.tenant_id AND r.id = b.room_id"
    " JOIN units u ON u.tenant_id = b.tenant_id AND u.id = b.host_unit_id";

json::object booking_json(const db::Row& row) {
  return {{"id", row.int64(0)},
          {"room_id", row.int64(1)},
          {"room_name", row.text(2)},
          {"series_id", row.is_null(3) ? json::value() : json::value(row.int64(3))},
          {"title", row.text(4)},
          {"host_unit_id", row.int64(5)},
          {"host_unit_name", row.text(6)},
          {"chair", row.text(7)},
          {"attendees", row.int64(8)},
          {"meeting_type", row.text(9)},
          {"start", row.text(10)},
          {"end", row.text(11)},
          {"blocked_from", row.text(12)},
          {"blocked_to", row.text(13)},
          {"services", json::parse(row.text(14))},
          {"notes", row.text(15)},
          {"status", row.text(16)},
          {"booked_by", row.is_null(17) ? json::value() : json::value(row.int64(17))},
          {"cancel_reason", row.text(18)},
          {"cancelled_at", row.is_null(19) ? json::value() : json::value(row.text(19))},
          {"created_at", row.text(20)},
          {"updated_at", row.text(21)},
          {"request_id", row.is_null(22) ? json::value() : json::value(row.int64(22))},
          {"displaced_by", row.is_null(23) ? json::value() : json::value(row.int64(23))},
          {"checked_in_at", row.is_null(24) ? json::value() : json::value(row.text(24))},
          {"checked_in_by", row.is_null(25) ? json::value() : json::value(row.int64(25))},
          {"released", row.int64(26) != 0}};
}

std::optional<json::object> find_booking(db::Tx& tx, std::int64_t tenant_id, std::int64_t id) {
  const auto result =
      tx.query(std::string("SELECT ") + kBookingColumns + kBookingFrom + " WHERE b.tenant_id = $1 AND b.id = $2", tenant_id, id);
  if (result.empty()) return std::nullopt;
  return booking_json(result.one());
}

namespace {

Instant instant(const std::string& field, const std::string& text) {
  const auto t = parse_instant(text);
  if (!t) throw http::invalid(field, "时间应为带时区的 ISO-8601 格式，如 2026-03-02T09:00:00+08:00");
  return *t;
}

bool unit_in_scope(db::Tx& tx, const auth::Principal& who, std::int64_t unit_id) {
  std::vector<db::Value> params{who.tenant_id, unit_id};
  const auto scope = access::scope_predicate(who.scope, "u.id", "", params);
  return !tx.exec("SELECT 1 FROM units u WHERE u.tenant_id = $1 AND u.id = $2 AND " + scope, params).empty();
}

// Takes the row locks of the rooms in id order, so that on PostgreSQL two requests for rooms
// that share a part queue here before either checks for a clash (SQLite's single writer
// already serialises them); two such requests always lock a common room.
void lock_rooms(db::Tx& tx, std::int64_t tenant_id, const std::set<std::int64_t>& rooms) {
  for (const auto id : rooms) {
    tx.query("UPDATE meeting_rooms SET updated_at = updated_at WHERE tenant_id = $1 AND id = $2", tenant_id, id);
  }
}

}  // namespace

std::vector<std::int64_t> clashing_bookings(db::Tx& tx, std::int64_t tenant_id, const std::set<std::int64_t>& rooms,
                                            const Interval& blocked) {
  std::vector<db::Value> params{tenant_id, to_utc_text(blocked.to), to_utc_text(blocked.from)};
  std::string in;
  for (const auto id : rooms) {
    params.push_back(id);
    in += (in.empty() ? "$" : ", $") + std::to_string(params.size());
  }
  const auto result = tx.exec(
      "SELECT id FROM meeting_bookings WHERE tenant_id = $1 AND status <> 'cancelled' AND blocked_from < $2 AND blocked_to > $3 "
      "AND room_id IN (" + in + ") ORDER BY blocked_from, id",
      params);
  std::vector<std::int64_t> ids;
  for (const auto& row : result.rows) ids.push_back(row.int64(0));
  return ids;
}

std::optional<std::int64_t> first_clash(db::Tx& tx, std::int64_t tenant_id, const std::set<std::int64_t>& rooms,
                                        const Interval& blocked) {
  const auto ids = clashing_bookings(tx, tenant_id, rooms, blocked);
  return ids.empty() ? std::nullopt : std::optional(ids.front());
}

CheckedBooking check_booking(db::Tx& tx, const auth::Principal& who, const BookingFields& f) {
  const auto start = instant("start", f.start);
  const auto end = instant("end", f.end);
  if (end <= start) throw http::invalid("end", "结束时间应晚于开始时间");
  if (end - start > kMaxBookingLength) throw http::invalid("end", "单次预订不能超过 24 小时，连续多日的会议请分别预订");
  if (f.title.empty()) throw http::invalid("title", "会议名称不能为空");
  if (!is_meeting_type(f.meeting_type)) {
    throw http::invalid("meeting_type", "未知的会议类型：" + f.meeting_type + "（应为 regular、leadership、congress、training 或 external）");
  }
  auto room = find_room_fields(tx, who.tenant_id, f.room_id);
  if (!room) throw http::invalid("room_id", "会议室不存在");
  if (!room->active || !room->bookable) throw http::invalid("room_id", "会议室“" + room->name + "”当前不接受预订");
  if (!role_may_book(room->booking_roles, who.role)) throw http::forbidden("您的角色不能预订会议室“" + room->name + "”");
  if (f.attendees < 1 || f.attendees > room->capacity) {
    throw http::invalid("attendees", "参会人数应在 1 至 " + std::to_string(room->capacity) + " 人之间（会议室“" + room->name + "”容纳 " +
                                         std::to_string(room->capacity) + " 人）");
  }
  if (!unit_in_scope(tx, who, f.host_unit_id)) throw http::invalid("host_unit_id", "主办单位不存在或不在您的数据范围内");
  const auto blocked = blocked_interval(start, end, room->setup_minutes, room->cleanup_minutes);
  auto tied = rooms_tied_to(f.room_id, load_combinations(tx, who.tenant_id));
  return {std::move(*room), start, end, blocked, std::move(tied)};
}

std::optional<std::int64_t> clash_of(db::Tx& tx, std::int64_t tenant_id, const CheckedBooking& checked) {
  lock_rooms(tx, tenant_id, checked.tied);
  return first_clash(tx, tenant_id, checked.tied, checked.blocked);
}

http::ApiError conflict_error(db::Tx& tx, const auth::Principal& who, const BookingFields& f, const CheckedBooking& checked,
                              std::int64_t clash) {
  const auto other = *find_booking(tx, who.tenant_id, clash);
  return http::ApiError(409, "conflict",
                        "该时段会议室已被占用（含准备和整理时间）：与“" + std::string(other.at("room_name").as_string()) + "”的预订《" +
                            std::string(other.at("title").as_string()) + "》冲突",
                        "start")
      .with("booking_id", clash)
      .with("suggestions", available_rooms(tx, who, checked.start, checked.end, f.attendees, f.room_id));
}

std::int64_t insert_booking(db::Tx& tx, const auth::Principal& who, const audit::Actor& actor, const BookingFields& f,
                            const CheckedBooking& checked, const std::optional<SeriesOccurrence>& occurrence) {
  const auto now = util::now_utc();
  const auto series_id = occurrence ? std::optional(occurrence->series_id) : std::nullopt;
  const auto id =
      tx.query(
            "INSERT INTO meeting_bookings (tenant_id, room_id, series_id, occurrence_date, title, host_unit_id, chair, attendees, "
            "meeting_type, start_at, end_at, blocked_from, blocked_to, services, notes, status, booked_by, created_at, updated_at) "
            "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $18) RETURNING id",
            who.tenant_id, f.room_id, db::to_value(series_id),
            db::to_value(occurrence ? std::optional(occurrence->date) : std::nullopt), f.title, f.host_unit_id, f.chair, f.attendees, f.meeting_type,
            to_utc_text(checked.start), to_utc_text(checked.end), to_utc_text(checked.blocked.from),
            to_utc_text(checked.blocked.to), json::serialize(f.services), f.notes,
            checked.room.needs_approval ? "pending" : "confirmed", who.account_id, now)
          .one()
          .int64(0);
  if (checked.room.needs_approval) {
    const auto request_id = approval_request_for(tx, who, actor, id, series_id);
    tx.query("UPDATE meeting_bookings SET request_id = $3 WHERE tenant_id = $1 AND id = $2", who.tenant_id, id, request_id);
  }
  audit::record(tx, actor, {"create", "meeting_booking", id, *find_booking(tx, who.tenant_id, id)});
  sync_service_tasks(tx, actor, id);
  return id;
}

namespace {

void check_displacement(const auth::Principal& who, const BookingFields& f, const std::string& reason) {
  if (!who.can("meetings.manage")) throw http::forbidden("只有会务管理人员（meetings.manage）可以调整已有预订");
  if (!is_priority_meeting(f.meeting_type)) {
    throw http::invalid("displace", "只有人大政协会议（congress）和领导会议（leadership）可以调整已有预订");
  }
  if (reason.find_first_not_of(" \t\r\n") == std::string::npos) throw http::invalid("displace", "调整已有预订须说明原因（displace.reason）");
}

// Each displaced booker hears which meeting took the slot, why, and which rooms are still
// free for it.
void notify_displaced(db::Tx& tx, const auth::Principal& who, const audit::Actor& actor, const json::object& displaced,
                      const json::object& priority, const std::string& reason) {
  const auto start = *parse_instant(std::string(displaced.at("start").as_string()));
  const auto end = *parse_instant(std::string(displaced.at("end").as_string()));
  std::string free;
  for (const auto& room : available_rooms(tx, who, start, end, displaced.at("attendees").as_int64(),
                                          displaced.at("room_id").as_int64())) {
    free += (free.empty() ? "" : "、") + std::string(room.at("name").as_string()) + "（" +
            std::to_string(room.at("capacity").as_int64()) + " 人）";
  }
  notify_booker(tx, actor, displaced, "meetings.displaced",
                "会议室预订因优先会议调整已取消：" + std::string(displaced.at("title").as_string()),
                "您的预订" + booking_label(displaced) + "因优先会议《" + std::string(priority.at("title").as_string()) +
                    "》调整已取消。原因：" + reason + "。" +
                    (free.empty() ? "该时段暂无合适的空闲会议室，请另选时段预订。" : "该时段可改订的空闲会议室：" + free + "。"));
}

}  // namespace

std::int64_t create_booking(db::Tx& tx, const auth::Principal& who, const audit::Actor& actor, const BookingFields& f,
                            const std::optional<std::string>& displace_reason) {
  if (displace_reason) check_displacement(who, f, *displace_reason);
  const auto checked = check_booking(tx, who, f);
  const auto clash = clash_of(tx, who.tenant_id, checked);
  if (!clash) return insert_booking(tx, who, actor, f, checked, std::nullopt);
  if (!displace_reason) throw conflict_error(tx, who, f, checked, *clash);
  // Displacement: every clashing booking gives way, unless one is itself a priority meeting.
  std::vector<json::object> displaced;
  json::array ids;
  for (const auto other : clashing_bookings(tx, who.tenant_id, checked.tied, checked.blocked)) {
    displaced.push_back(*find_booking(tx, who.tenant_id, other));
    if (is_priority_meeting(std::string(displaced.back().at("meeting_type").as_string()))) {
      throw conflict_error(tx, who, f, checked, other);
    }
    ids.push_back(other);
  }
  const auto id = insert_booking(tx, who, actor, f, checked, std::nullopt);
  const auto reason = "因优先会议调整：" + *displace_reason;
  for (const auto& other : displaced) mark_cancelled(tx, actor, other.at("id").as_int64(), {reason, id});
  audit::record(tx, actor, {"displace", "meeting_booking", id, {{"reason", *displace_reason}, {"displaced", ids}}});
  const auto priority = *find_booking(tx, who.tenant_id, id);
  for (const auto& other : displaced) notify_displaced(tx, who, actor, other, priority, *displace_reason);
  return id;
}

bool mark_cancelled(db::Tx& tx, const audit::Actor& actor, std::int64_t id, const Cancellation& c) {
  // Guarded by the status: of two concurrent cancellations (PostgreSQL) the second finds it
  // cancelled and changes nothing.
  const auto updated =
      tx.query("UPDATE meeting_bookings SET status = 'cancelled', cancel_reason = $3, cancelled_at = $4, updated_at = $4, "
               "displaced_by = $5, released = $6 WHERE tenant_id = $1 AND id = $2 AND status <> 'cancelled'",
               actor.tenant_id, id, c.reason, util::now_utc(), db::to_value(c.displaced_by), c.released ? 1 : 0);
  if (updated.affected == 0) return false;
  sync_service_tasks(tx, actor, id);
  return true;
}

void cancel_booking(db::Tx& tx, const audit::Actor& actor, std::int64_t id, const std::string& reason) {
  const auto before = find_booking(tx, actor.tenant_id, id);
  if (!before) throw http::not_found("预订");
  if (!mark_cancelled(tx, actor, id, {reason})) throw http::conflict("该预订已取消");
  audit::record(tx, actor, {"cancel", "meeting_booking", id, audit::diff(*before, *find_booking(tx, actor.tenant_id, id))});
}

}  // namespace jiguan::meetings
