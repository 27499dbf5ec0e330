// Meeting rooms: validation and storage, combinations (parts), and the free rooms for a slot.
#include <algorithm>
#include <map>
#include <boost/json.hpp>

#include "core/access/roles.hpp"
#include "core/http/api_error.hpp"
#include "core/util/time.hpp"
#include "modules/meetings/meetings.hpp"

namespace jiguan::meetings {
namespace json = boost::json;

const char* const kRoomColumns =
    "r.id, r.building, r.floor, r.room_no, r.name, r.capacity, r.layout, r.equipment, r.bookable, r.booking_roles, "
    "r.needs_approval, r.setup_minutes, r.cleanup_minutes, r.active, r.notes, r.created_at, r.updated_at";
const char* const kRoomFrom = " FROM meeting_rooms r";

namespace {

// The longest set-up or clean-up buffer: half a day.
constexpr std::int64_t kMaxBufferMinutes = 12 * 60;

std::set<std::string> code_set(const std::string& stored) {
  std::set<std::string> codes;
  const auto array = json::parse(stored);
  for (const auto& v : array.as_array()) codes.insert(std::string(v.as_string()));
  return codes;
}
std::string code_text(const std::set<std::string>& codes) { return json::serialize(json::value_from(codes)); }

std::vector<std::int64_t> parts_of(std::int64_t id, const Combinations& combinations) {
  const auto it = combinations.find(id);
  return it == combinations.end() ? std::vector<std::int64_t>{} : std::vector<std::int64_t>(it->second.begin(), it->second.end());
}

RoomFields fields_of(const db::Row& row, const Combinations& combinations) {
  return {row.text(1),
          row.text(2),
          row.text(3),
          row.text(4),
          row.int64(5),
          row.text(6),
          code_set(row.text(7)),
          row.int64(8) != 0,
          code_set(row.text(9)),
          row.int64(10) != 0,
          row.int64(11),
          row.int64(12),
          row.int64(13) != 0,
          row.text(14),
          parts_of(row.int64(0), combinations)};
}

void validate(db::Tx& tx, std::int64_t tenant_id, std::optional<std::int64_t> id, const RoomFields& f) {
  if (f.name.empty()) throw http::invalid("name", "会议室名称不能为空");
  if (f.capacity <= 0) throw http::invalid("capacity", "容纳人数应为正整数");
  if (!is_layout(f.layout)) throw http::invalid("layout", "未知的布局：" + f.layout + "（应为 boardroom、theatre、classroom 或 u_shape）");
  for (const auto& code : f.equipment) {
    if (!is_equipment(code)) throw http::invalid("equipment", "未知的设备：" + code);
  }
  for (const auto& role : f.booking_roles) {
    if (!access::find_role(tx, tenant_id, role)) throw http::invalid("booking_roles", "角色不存在：" + role);
  }
  for (const auto& [field, minutes] : {std::pair{"setup_minutes", f.setup_minutes}, std::pair{"cleanup_minutes", f.cleanup_minutes}}) {
    if (minutes < 0 || minutes > kMaxBufferMinutes) throw http::invalid(field, "准备和整理时间应在 0 至 720 分钟之间");
  }
  if (f.part_ids.empty()) return;
  const std::set<std::int64_t> parts(f.part_ids.begin(), f.part_ids.end());
  if (parts.size() < 2 || parts.size() != f.part_ids.size()) throw http::invalid("part_ids", "组合会议室应由两个或以上不同的会议室组成");
  if (id && parts.contains(*id)) throw http::invalid("part_ids", "会议室不能以自身为组成部分");
  const auto combinations = load_combinations(tx, tenant_id);
  for (const auto part : parts) {
    if (tx.query("SELECT 1 FROM meeting_rooms WHERE tenant_id = $1 AND id = $2", tenant_id, part).empty()) {
      throw http::invalid("part_ids", "组成部分的会议室不存在：" + std::to_string(part));
    }
    if (combinations.contains(part)) throw http::invalid("part_ids", "组合会议室不能再作为其他组合的组成部分");
  }
  for (const auto& [combination, its_parts] : combinations) {
    if (id && its_parts.contains(*id)) throw http::invalid("part_ids", "该会议室已是其他组合会议室的组成部分，不能再组合");
  }
}

void store_parts(db::Tx& tx, std::int64_t tenant_id, std::int64_t id, const std::vector<std::int64_t>& part_ids) {
  tx.query("DELETE FROM meeting_room_parts WHERE tenant_id = $1 AND room_id = $2", tenant_id, id);
  for (const auto part : part_ids) {
    tx.query("INSERT INTO meeting_room_parts (tenant_id, room_id, part_id) VALUES ($1, $2, $3)", tenant_id, id, part);
  }
}

std::optional<db::Row> room_row(db::Tx& tx, std::int64_t tenant_id, std::int64_t id) {
  auto result = tx.query(std::string("SELECT ") + kRoomColumns + kRoomFrom + " WHERE r.tenant_id = $1 AND r.id = $2", tenant_id, id);
  if (result.empty()) return std::nullopt;
  return result.rows.front();
}

}  // namespace

bool is_equipment(const std::string& code) {
  static const std::set<std::string> codes = {"projector", "screen", "microphones", "video_conferencing", "led_banner"};
  return codes.contains(code);
}

Combinations load_combinations(db::Tx& tx, std::int64_t tenant_id) {
  Combinations combinations;
  for (const auto& row : tx.query("SELECT room_id, part_id FROM meeting_room_parts WHERE tenant_id = $1", tenant_id).rows) {
    combinations[row.int64(0)].insert(row.int64(1));
  }
  return combinations;
}

json::object room_json(const db::Row& row, const Combinations& combinations) {
  const auto f = fields_of(row, combinations);
  return {{"id", row.int64(0)},
          {"building", f.building},
          {"floor", f.floor},
          {"room_no", f.room_no},
          {"name", f.name},
          {"capacity", f.capacity},
          {"layout", f.layout},
          {"equipment", json::value_from(f.equipment)},
          {"bookable", f.bookable},
          {"booking_roles", json::value_from(f.booking_roles)},
          {"needs_approval", f.needs_approval},
          {"setup_minutes", f.setup_minutes},
          {"cleanup_minutes", f.cleanup_minutes},
          {"active", f.active},
          {"notes", f.notes},
          {"part_ids", json::value_from(f.part_ids)},
          {"created_at", row.text(15)},
          {"updated_at", row.text(16)}};
}

std::optional<RoomFields> find_room_fields(db::Tx& tx, std::int64_t tenant_id, std::int64_t id) {
  const auto row = room_row(tx, tenant_id, id);
  if (!row) return std::nullopt;
  return fields_of(*row, load_combinations(tx, tenant_id));
}

std::optional<json::object> find_room(db::Tx& tx, std::int64_t tenant_id, std::int64_t id) {
  const auto row = room_row(tx, tenant_id, id);
  if (!row) return std::nullopt;
  return room_json(*row, load_combinations(tx, tenant_id));
}

std::int64_t create_room(db::Tx& tx, const audit::Actor& actor, const RoomFields& f) {
  validate(tx, actor.tenant_id, std::nullopt, f);
  const auto now = util::now_utc();
  const auto id = tx.query(
                        "INSERT INTO meeting_rooms (tenant_id, building, floor, room_no, name, capacity, layout, equipment, bookable, "
                        "booking_roles, needs_approval, setup_minutes, cleanup_minutes, active, notes, created_at, updated_at) "
                        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $16) RETURNING id",
                        actor.tenant_id, f.building, f.floor, f.room_no, f.name, f.capacity, f.layout, code_text(f.equipment),
                        f.bookable ? 1 : 0, code_text(f.booking_roles), f.needs_approval ? 1 : 0, f.setup_minutes,
                        f.cleanup_minutes, f.active ? 1 : 0, f.notes, now)
                      .one()
                      .int64(0);
  store_parts(tx, actor.tenant_id, id, f.part_ids);
  audit::record(tx, actor, {"create", "meeting_room", id, *find_room(tx, actor.tenant_id, id)});
  return id;
}

void update_room(db::Tx& tx, const audit::Actor& actor, std::int64_t id, const RoomFields& f) {
  const auto before = find_room(tx, actor.tenant_id, id);
  if (!before) throw http::not_found("会议室");
  validate(tx, actor.tenant_id, id, f);
  tx.query(
      "UPDATE meeting_rooms SET building = $3, floor = $4, room_no = $5, name = $6, capacity = $7, layout = $8, equipment = $9, "
      "bookable = $10, booking_roles = $11, needs_approval = $12, setup_minutes = $13, cleanup_minutes = $14, active = $15, "
      "notes = $16, updated_at = $17 WHERE tenant_id = $1 AND id = $2",
      actor.tenant_id, id, f.building, f.floor, f.room_no, f.name, f.capacity, f.layout, code_text(f.equipment), f.bookable ? 1 : 0,
      code_text(f.booking_roles), f.needs_approval ? 1 : 0, f.setup_minutes, f.cleanup_minutes, f.active ? 1 : 0, f.notes,
      util::now_utc());
  store_parts(tx, actor.tenant_id, id, f.part_ids);
  audit::record(tx, actor, {"update", "meeting_room", id, audit::diff(*before, *find_room(tx, actor.tenant_id, id))});
}

namespace {

// The blocked intervals of the live bookings that reach into [lo, hi), by room: one range
// scan on (tenant_id, start_at). A blocked interval starts at most kMaxBufferMinutes before
// its booking and ends at most a day and that buffer after the booking's start.
std::map<std::int64_t, std::vector<Interval>> blocked_near(db::Tx& tx, std::int64_t tenant_id, Instant lo, Instant hi) {
  const auto reach = std::chrono::minutes(kMaxBufferMinutes);
  std::map<std::int64_t, std::vector<Interval>> by_room;
  for (const auto& row : tx.query("SELECT room_id, blocked_from, blocked_to FROM meeting_bookings WHERE tenant_id = $1 "
                                  "AND start_at > $2 AND start_at < $3 AND blocked_from < $4 AND blocked_to > $5 "
                                  "AND status <> 'cancelled'",
                                  tenant_id, to_utc_text(lo - kMaxBookingLength - reach), to_utc_text(hi + reach),
                                  to_utc_text(hi), to_utc_text(lo))
                             .rows) {
    by_room[row.int64(0)].push_back({*parse_instant(row.text(1)), *parse_instant(row.text(2))});
  }
  return by_room;
}

}  // namespace

json::array available_rooms(db::Tx& tx, const auth::Principal& who, Instant from, Instant to, std::int64_t attendees,
                            std::optional<std::int64_t> except_room) {
  const auto combinations = load_combinations(tx, who.tenant_id);
  std::vector<RoomFields> rooms;
  std::vector<db::Row> fitting;
  std::int64_t widest_setup = 0, widest_cleanup = 0;
  for (auto& row : tx.query(std::string("SELECT ") + kRoomColumns + kRoomFrom +
                                " WHERE r.tenant_id = $1 AND r.active = 1 AND r.bookable = 1 AND r.capacity >= $2 "
                                "ORDER BY r.capacity, r.name, r.id",
                            who.tenant_id, attendees)
                       .rows) {
    auto room = fields_of(row, combinations);
    if (row.int64(0) == except_room || !role_may_book(room.booking_roles, who.role)) continue;
    widest_setup = std::max(widest_setup, room.setup_minutes);
    widest_cleanup = std::max(widest_cleanup, room.cleanup_minutes);
    rooms.push_back(std::move(room));
    fitting.push_back(std::move(row));
  }
  const auto near = blocked_near(tx, who.tenant_id, from - std::chrono::minutes(widest_setup), to + std::chrono::minutes(widest_cleanup));
  const auto clashes = [&](std::int64_t room_id, const Interval& blocked) {
    for (const auto tied : rooms_tied_to(room_id, combinations)) {
      const auto it = near.find(tied);
      if (it == near.end()) continue;
      for (const auto& other : it->second) {
        if (overlaps(blocked, other)) return true;
      }
    }
    return false;
  };
  json::array free;
  for (std::size_t i = 0; i < fitting.size(); ++i) {
    if (!clashes(fitting[i].int64(0), blocked_interval(from, to, rooms[i].setup_minutes, rooms[i].cleanup_minutes))) {
      free.push_back(room_json(fitting[i], combinations));
    }
  }
  return free;
}

}  // namespace jiguan::meetings
