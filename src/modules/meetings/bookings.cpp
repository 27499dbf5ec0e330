// Bookings: the checks of a request, the no-clash rule enforced inside the write transaction,
// and cancellation.
#include <boost/json.hpp>

#include "core/access/scope.hpp"
#include "core/http/api_error.hpp"
#include "core/util/time.hpp"
#include "modules/meetings/meetings.hpp"

namespace jiguan::meetings {
namespace json = boost::json;

const char* const kBookingColumns =
    "b.id, b.room_id, r.name, b.series_id, b.title, b.host_unit_id, u.name, b.chair, b.attendees, b.meeting_type, b.start_at, "
    "b.end_at, b.blocked_from, b.blocked_to, b.services, b.notes, b.status, b.booked_by, b.cancel_reason, b.cancelled_at, "
    "b.created_at, b.updated_at";
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
          {"updated_at", row.text(21)}};
}

namespace {

Instant instant(const std::string& field, const std::string& text) {
  const auto t = parse_instant(text);
  if (!t) throw http::invalid(field, "时间应为带时区的 ISO-8601 格式，如 2026-03-02T09:00:00+08:00");
  return *t;
}

std::optional<json::object> find_booking(db::Tx& tx, std::int64_t tenant_id, std::int64_t id) {
  const auto result =
      tx.query(std::string("SELECT ") + kBookingColumns + kBookingFrom + " WHERE b.tenant_id = $1 AND b.id = $2", tenant_id, id);
  if (result.empty()) return std::nullopt;
  return booking_json(result.one());
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

std::optional<std::int64_t> first_clash(db::Tx& tx, std::int64_t tenant_id, const std::set<std::int64_t>& rooms,
                                        const Interval& blocked) {
  std::vector<db::Value> params{tenant_id, to_utc_text(blocked.to), to_utc_text(blocked.from)};
  std::string in;
  for (const auto id : rooms) {
    params.push_back(id);
    in += (in.empty() ? "$" : ", $") + std::to_string(params.size());
  }
  const auto result = tx.exec(
      "SELECT id FROM meeting_bookings WHERE tenant_id = $1 AND status <> 'cancelled' AND blocked_from < $2 AND blocked_to > $3 "
      "AND room_id IN (" + in + ") ORDER BY blocked_from, id LIMIT 1",
      params);
  if (result.empty()) return std::nullopt;
  return result.one().int64(0);
}

std::int64_t create_booking(db::Tx& tx, const auth::Principal& who, const audit::Actor& actor, const BookingFields& f) {
  const auto start = instant("start", f.start);
  const auto end = instant("end", f.end);
  if (end <= start) throw http::invalid("end", "结束时间应晚于开始时间");
  if (end - start > kMaxBookingLength) throw http::invalid("end", "单次预订不能超过 24 小时，连续多日的会议请分别预订");
  if (f.title.empty()) throw http::invalid("title", "会议名称不能为空");
  if (!is_meeting_type(f.meeting_type)) {
    throw http::invalid("meeting_type", "未知的会议类型：" + f.meeting_type + "（应为 regular、leadership、congress、training 或 external）");
  }
  const auto room = find_room_fields(tx, who.tenant_id, f.room_id);
  if (!room) throw http::invalid("room_id", "会议室不存在");
  if (!room->active || !room->bookable) throw http::invalid("room_id", "会议室“" + room->name + "”当前不接受预订");
  if (!role_may_book(room->booking_roles, who.role)) throw http::forbidden("您的角色不能预订会议室“" + room->name + "”");
  if (f.attendees < 1 || f.attendees > room->capacity) {
    throw http::invalid("attendees", "参会人数应在 1 至 " + std::to_string(room->capacity) + " 人之间（会议室“" + room->name + "”容纳 " +
                                         std::to_string(room->capacity) + " 人）");
  }
  if (!unit_in_scope(tx, who, f.host_unit_id)) throw http::invalid("host_unit_id", "主办单位不存在或不在您的数据范围内");

  const auto tied = rooms_tied_to(f.room_id, load_combinations(tx, who.tenant_id));
  lock_rooms(tx, who.tenant_id, tied);
  const auto blocked = blocked_interval(start, end, room->setup_minutes, room->cleanup_minutes);
  if (const auto clash = first_clash(tx, who.tenant_id, tied, blocked)) {
    const auto other = *find_booking(tx, who.tenant_id, *clash);
    throw http::ApiError(409, "conflict",
                         "该时段会议室已被占用（含准备和整理时间）：与“" + std::string(other.at("room_name").as_string()) + "”的预订《" +
                             std::string(other.at("title").as_string()) + "》冲突",
                         "start")
        .with("booking_id", *clash)
        .with("suggestions", available_rooms(tx, who, start, end, f.attendees, f.room_id));
  }
  const auto now = util::now_utc();
  const auto id =
      tx.query(
            "INSERT INTO meeting_bookings (tenant_id, room_id, title, host_unit_id, chair, attendees, meeting_type, start_at, end_at, "
            "blocked_from, blocked_to, services, notes, status, booked_by, created_at, updated_at) "
            "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $16) RETURNING id",
            who.tenant_id, f.room_id, f.title, f.host_unit_id, f.chair, f.attendees, f.meeting_type, to_utc_text(start),
            to_utc_text(end), to_utc_text(blocked.from), to_utc_text(blocked.to), json::serialize(f.services), f.notes,
            room->needs_approval ? "pending" : "confirmed", who.account_id, now)
          .one()
          .int64(0);
  audit::record(tx, actor, {"create", "meeting_booking", id, *find_booking(tx, who.tenant_id, id)});
  return id;
}

void cancel_booking(db::Tx& tx, const audit::Actor& actor, std::int64_t id, const std::string& reason) {
  const auto before = find_booking(tx, actor.tenant_id, id);
  if (!before) throw http::not_found("预订");
  if (before->at("status") == "cancelled") throw http::conflict("该预订已取消");
  const auto now = util::now_utc();
  tx.query("UPDATE meeting_bookings SET status = 'cancelled', cancel_reason = $3, cancelled_at = $4, updated_at = $4 "
           "WHERE tenant_id = $1 AND id = $2",
           actor.tenant_id, id, reason, now);
  audit::record(tx, actor, {"cancel", "meeting_booking", id, audit::diff(*before, *find_booking(tx, actor.tenant_id, id))});
}

}  // namespace jiguan::meetings
