#include "modules/meetings/demo.hpp"

#include <boost/json.hpp>
#include <map>
#include <random>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/audit/audit.hpp"
#include "core/calendar/calendar.hpp"
#include "modules/meetings/recurrence.hpp"
#include "modules/meetings/rules.hpp"

// The seed (Luozhuang's 2016 summary, 会议保障): "对五楼会议室进行了装修改造600余平方，投资57万元购置了
// 会议桌椅、设备等"; "将区行政办公大楼罗庄厅与盛庄厅合并进行重新装修改造成多功能厅"; "完成了办公大楼各小
// 会议室的装修提升工作"; "全年共服务大小会议900余场次。圆满完成了人代会、政协会、区委区政府及区直各部门重要
// 会议"; "全年召开班子办公例会和办公会议40余次" (the bureau's weekly 局务会). The rest (room numbers,
// capacities, titles, times) is invented, plausibly and deterministically.

namespace jiguan::meetings {
namespace {

namespace json = boost::json;
using namespace std::chrono;

constexpr const char* kOffices = "区行政办公大楼";
constexpr const char* kCentre = "区会议中心";
constexpr const char* kSmallKit = R"(["projector","screen"])";
constexpr const char* kHallKit = R"(["led_banner","microphones","projector","screen"])";

struct DemoRoom {
  const char* name;
  const char* building;
  const char* floor;
  const char* room_no;
  int capacity;
  const char* layout;
  const char* equipment;
  bool needs_approval;
  int setup_minutes, cleanup_minutes;
  std::vector<std::string> parts;  // a combined room's parts, by name
  const char* notes = "";
};

const std::vector<DemoRoom> kRooms = {
    {"大礼堂", kCentre, "1", "101", 600, "theatre", kHallKit, true, 120, 60, {}, "人代会、政协会等全区大会会场"},
    {"第一分会场", kCentre, "2", "201", 60, "boardroom", R"(["microphones","projector","screen"])", false, 30, 15, {}},
    {"第二分会场", kCentre, "2", "202", 60, "boardroom", R"(["microphones","projector","screen"])", false, 30, 15, {}},
    {"罗庄厅", kOffices, "2", "201", 80, "classroom", R"(["microphones","projector","screen"])", false, 30, 15, {}},
    {"盛庄厅", kOffices, "2", "202", 80, "classroom", R"(["microphones","projector","screen"])", false, 30, 15, {}},
    {"多功能厅",
     kOffices,
     "2",
     "201-202",
     160,
     "theatre",
     R"(["led_banner","microphones","projector","screen","video_conferencing"])",
     false,
     60,
     30,
     {"罗庄厅", "盛庄厅"},
     "罗庄厅与盛庄厅合并改造而成，预订即同时占用两厅"},
    {"五楼会议室", kOffices, "5", "501", 200, "theatre", kHallKit, true, 60, 30, {}, "装修改造600余平方米，新购会议桌椅及设备"},
    {"视频会议室", kOffices, "3", "301", 40, "boardroom", R"(["microphones","screen","video_conferencing"])", false, 30, 15, {}},
    {"机关事务管理局会议室", kOffices, "9", "906", 24, "boardroom", kSmallKit, false, 15, 10, {}},
    {"302小会议室", kOffices, "3", "302", 20, "boardroom", kSmallKit, false, 15, 10, {}},
    {"303小会议室", kOffices, "3", "303", 16, "boardroom", kSmallKit, false, 15, 10, {}},
    {"401小会议室", kOffices, "4", "401", 30, "u_shape", kSmallKit, false, 15, 10, {}},
    {"402小会议室", kOffices, "4", "402", 20, "boardroom", kSmallKit, false, 15, 10, {}},
    {"601小会议室", kOffices, "6", "601", 30, "u_shape", kSmallKit, false, 15, 10, {}},
    {"602小会议室", kOffices, "6", "602", 16, "boardroom", kSmallKit, false, 15, 10, {}},
    {"701小会议室", kOffices, "7", "701", 24, "boardroom", kSmallKit, false, 15, 10, {}},
    {"702小会议室", kOffices, "7", "702", 20, "boardroom", kSmallKit, false, 15, 10, {}},
    {"801小会议室", kOffices, "8", "801", 30, "classroom", kSmallKit, false, 15, 10, {}},
    {"802小会议室", kOffices, "8", "802", 16, "boardroom", kSmallKit, false, 15, 10, {}},
    {"1001小会议室", kOffices, "10", "1001", 24, "boardroom", kSmallKit, false, 15, 10, {}},
};

constexpr int kDayOpens = 8 * 60 + 30;  // bookings lie within 08:30–18:00 local
constexpr int kDayCloses = 18 * 60;
const Date kFirstDay = year(2026) / January / 1;
const Date kLastDay = year(2026) / December / 31;

// std::mt19937_64 is specified exactly, so the demo is the same on every machine.
class Random {
 public:
  explicit Random(std::uint64_t seed) : engine_(seed) {}
  int between(int lo, int hi) { return lo + static_cast<int>(engine_() % static_cast<std::uint64_t>(hi - lo + 1)); }
  bool percent(int p) { return between(1, 100) <= p; }
  template <class T>
  const T& pick(const std::vector<T>& items) {
    return items[static_cast<std::size_t>(between(0, static_cast<int>(items.size()) - 1))];
  }

 private:
  std::mt19937_64 engine_;
};

struct Unit {
  std::int64_t id;
  std::string name;
};

struct Room {
  std::int64_t id;
  const DemoRoom* spec;
};

struct Booking {
  const Room* room;
  std::string title;
  const Unit* unit;
  std::string chair;
  int attendees;
  std::string type;
  Instant start, end;
  json::object services;
  std::optional<std::int64_t> series_id;
  std::optional<Date> occurrence;
  std::string cancel_reason;  // empty: live
};

const std::vector<std::string> kChairs = {"王建国", "刘志强", "陈海燕", "张卫东", "李红梅",
                                          "赵国庆", "孙立新", "周文斌", "吴晓光", "郑海峰"};
const std::vector<std::string> kCancelReasons = {"领导另有公务，会议延期", "上级临时通知参加视频会议，改期召开",
                                                 "议题未准备充分，推迟召开", "会议合并至下周例会", "参会人员出差，取消本次会议"};
const std::vector<std::string> kTopics = {"安全生产", "经济运行", "招商引资", "文明城市创建", "乡村振兴", "生态环境保护",
                                          "营商环境", "防汛抗旱", "疫情防控", "信访稳定",     "财政预算", "项目建设"};

// A kind of meeting the units hold: title pattern ({unit}, {topic}), type, size, length in
// half hours, and weight (the weights add up to 100).
struct Kind {
  const char* title;
  const char* type;
  int min_people, max_people;
  int min_half_hours, max_half_hours;
  int weight;
};
const std::vector<Kind> kKinds = {
    {"{unit}工作例会", "regular", 8, 20, 2, 3, 28},       {"{unit}专题调度会", "regular", 8, 28, 2, 4, 18},
    {"{unit}党组会议", "leadership", 6, 15, 2, 4, 12},    {"{unit}{topic}工作推进会", "regular", 15, 60, 2, 4, 16},
    {"{unit}业务培训", "training", 25, 75, 4, 7, 8},      {"{unit}干部能力提升培训班", "training", 40, 150, 5, 7, 3},
    {"{unit}上级检查汇报会", "external", 8, 30, 2, 3, 6}, {"{unit}项目洽谈座谈会", "external", 8, 24, 2, 4, 5},
    {"全区{topic}工作会议", "regular", 80, 190, 3, 5, 4},
};

class Planner {
 public:
  Planner(std::vector<Room> rooms, Combinations combinations)
      : rooms_(std::move(rooms)), combinations_(std::move(combinations)) {}

  const Room& room(const std::string& name) const {
    for (const auto& r : rooms_) {
      if (r.spec->name == name) return r;
    }
    throw std::logic_error("meetings demo: no room " + name);
  }
  const std::vector<Room>& rooms() const { return rooms_; }

  // The booking's blocked interval, when no live booking of a room tied to it overlaps it.
  bool is_free(const Room& room, Instant start, Instant end) const {
    const auto blocked = blocked_interval(start, end, room.spec->setup_minutes, room.spec->cleanup_minutes);
    for (const auto tied : rooms_tied_to(room.id, combinations_)) {
      const auto it = taken_.find(tied);
      if (it == taken_.end()) continue;
      for (const auto& other : it->second) {
        if (overlaps(blocked, other)) return false;
      }
    }
    return true;
  }
  // Adds the booking (a live one takes its slot). False when the slot is taken.
  bool add(Booking b) {
    if (!is_free(*b.room, b.start, b.end)) return false;
    if (b.cancel_reason.empty()) {
      taken_[b.room->id].push_back(blocked_interval(b.start, b.end, b.room->spec->setup_minutes, b.room->spec->cleanup_minutes));
    }
    bookings_.push_back(std::move(b));
    return true;
  }
  const std::vector<Booking>& bookings() const { return bookings_; }

 private:
  std::vector<Room> rooms_;
  Combinations combinations_;
  std::map<std::int64_t, std::vector<Interval>> taken_;
  std::vector<Booking> bookings_;
};

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
  for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
  return text;
}

// Services most meetings ask for: tea and water nearly always; name cards, sound, projection,
// a banner and a photographer as the size and kind of meeting call for them.
json::object services_for(Random& rng, const std::string& title, const std::string& type, int attendees) {
  json::object s;
  if (rng.percent(15)) return s;
  s["tea_water"] = true;
  if (attendees >= 20 || type == "leadership") s["name_cards"] = true;
  if (attendees >= 40) s["sound_engineer"] = true;
  if (type == "training" || rng.percent(40)) s["projection"] = true;
  if (attendees >= 60 || type == "congress") {
    s["banner_text"] = title;
    s["photographer"] = true;
  }
  if (type == "external" && rng.percent(50)) s["led_message"] = "热烈欢迎各位领导莅临指导";
  if (type == "training" && attendees >= 40 && rng.percent(50)) s["catering_headcount"] = attendees;
  return s;
}

// The People's Congress and CPPCC sessions in March (人代会、政协会): plenaries in the hall,
// group discussions in the centre's rooms and the multi-function hall.
void plan_sessions(Planner& p, Random& rng, const Unit& npc, const Unit& cppcc) {
  struct Session {
    int day;
    int from, to;  // minutes of day
    const char* room;
    const char* title;
    const Unit* unit;
    int attendees;
  };
  const std::vector<Session> sessions = {
      {9, 510, 690, "大礼堂", "政协罗庄区委员会第三次会议开幕大会", &cppcc, 260},
      {9, 870, 1050, "第一分会场", "政协第三次会议第一组讨论", &cppcc, 55},
      {9, 870, 1050, "第二分会场", "政协第三次会议第二组讨论", &cppcc, 55},
      {10, 510, 690, "第一分会场", "政协第三次会议第三组讨论", &cppcc, 55},
      {10, 510, 690, "第二分会场", "政协第三次会议第四组讨论", &cppcc, 55},
      {10, 900, 1020, "大礼堂", "政协罗庄区委员会第三次会议闭幕大会", &cppcc, 260},
      {11, 540, 690, "大礼堂", "罗庄区人民代表大会第三次会议开幕大会", &npc, 320},
      {11, 870, 1050, "第一分会场", "人代会第一代表团审议", &npc, 58},
      {11, 870, 1050, "第二分会场", "人代会第二代表团审议", &npc, 58},
      {11, 870, 1050, "多功能厅", "人代会第三代表团审议", &npc, 120},
      {12, 510, 690, "第一分会场", "人代会第四代表团审议", &npc, 58},
      {12, 510, 690, "第二分会场", "人代会第五代表团审议", &npc, 58},
      {12, 510, 690, "多功能厅", "人代会第六代表团审议", &npc, 120},
      {12, 870, 1020, "五楼会议室", "人代会主席团第二次会议", &npc, 45},
      {13, 540, 660, "大礼堂", "罗庄区人民代表大会第三次会议闭幕大会", &npc, 320},
  };
  for (const auto& s : sessions) {
    const Date day = year(2026) / March / s.day;
    p.add({&p.room(s.room), s.title, s.unit, rng.pick(kChairs), s.attendees, "congress", from_local(day, s.from),
           from_local(day, s.to), services_for(rng, s.title, "congress", s.attendees), std::nullopt, std::nullopt, ""});
  }
}

struct WeeklySeries {
  const char* title;
  const char* room;
  const Unit* unit;
  const char* chair;
  int attendees;
  const char* type;
  unsigned weekday;  // ISO
  int from, to;
};

void plan_series(db::Tx& tx, std::int64_t tenant_id, Planner& p, Random& rng, const calendar::WorkCalendar& cal,
                 const std::vector<WeeklySeries>& all) {
  for (const auto& s : all) {
    const Rule rule{"weekly", {s.weekday}, kFirstDay, kLastDay, std::nullopt, true};
    const auto services = services_for(rng, s.title, s.type, s.attendees);
    const auto& room = p.room(s.room);
    const auto series_id =
        tx.query(
              "INSERT INTO meeting_series (tenant_id, room_id, title, host_unit_id, chair, attendees, meeting_type, services, "
              "start_time, end_time, freq, weekdays, first_date, until_date, skip_holidays, created_at, updated_at) "
              "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'weekly', $11, $12, $13, 1, $14, $14) RETURNING id",
              tenant_id, room.id, s.title, s.unit->id, s.chair, s.attendees, s.type, json::serialize(services),
              minute_text(s.from), minute_text(s.to), "[" + std::to_string(s.weekday) + "]", calendar::format_date(kFirstDay),
              calendar::format_date(kLastDay), to_utc_text(from_local(year(2025) / December / 26, 600)))
            .one()
            .int64(0);
    for (const auto& day : expand(rule, cal).dates) {
      p.add({&room, s.title, s.unit, s.chair, s.attendees, s.type, from_local(day, s.from), from_local(day, s.to), services,
             series_id, day, rng.percent(3) ? rng.pick(kCancelReasons) : ""});
    }
  }
}

// The units' own meetings on every working day: 2 to 4 a day, a few more now and then, each
// in a free room that fits (not a hall for a handful of people).
void plan_daily(Planner& p, Random& rng, const calendar::WorkCalendar& cal, const std::vector<Unit>& units) {
  for (auto d = sys_days(kFirstDay); d <= sys_days(kLastDay); d += days(1)) {
    if (!cal.is_workday(Date{d})) continue;
    const int count = rng.between(2, 4) + (rng.percent(20) ? 1 : 0);
    for (int placed = 0, tries = 0; placed < count && tries < 40; ++tries) {
      int left = rng.between(1, 100);  // the kinds' weights add up to 100
      std::size_t k = 0;
      while ((left -= kKinds[k].weight) > 0) ++k;
      const auto& kind = kKinds[k];
      const int people = rng.between(kind.min_people, kind.max_people);
      std::vector<const Room*> fitting;
      for (const auto& r : p.rooms()) {
        if (r.spec->capacity >= people && r.spec->capacity <= people * 4 && r.spec->name != std::string("大礼堂"))
          fitting.push_back(&r);
      }
      if (fitting.empty()) continue;
      const auto* room = rng.pick(fitting);
      const int length = 30 * rng.between(kind.min_half_hours, kind.max_half_hours);
      const int start = kDayOpens + 30 * rng.between(0, (kDayCloses - kDayOpens - length) / 30);
      const auto& unit = rng.pick(units);
      const auto title = replace_all(replace_all(kind.title, "{unit}", unit.name), "{topic}", rng.pick(kTopics));
      const bool cancelled = rng.percent(5);
      if (p.add({room, title, &unit, rng.pick(kChairs), people, kind.type, from_local(Date{d}, start),
                 from_local(Date{d}, start + length), services_for(rng, title, kind.type, people), std::nullopt, std::nullopt,
                 cancelled ? rng.pick(kCancelReasons) : ""})) {
        ++placed;
      }
    }
  }
}

}  // namespace

void load_demo_data(db::Database& db, std::int64_t tenant_id) {
  db.write([&](db::Tx& tx) {
    if (!tx.query("SELECT 1 FROM meeting_rooms WHERE tenant_id = $1 LIMIT 1", tenant_id).empty()) return;
    std::vector<Unit> units;
    for (const auto& r :
         tx.query("SELECT id, name FROM units WHERE tenant_id = $1 AND kind IN ('department', 'bureau') AND active = 1 "
                  "ORDER BY code",
                  tenant_id)
             .rows) {
      units.push_back({r.int64(0), r.text(1)});
    }
    const auto unit = [&](const std::string& name) -> const Unit& {
      for (const auto& u : units) {
        if (u.name == name) return u;
      }
      throw std::runtime_error("meetings demo: the demo tenant has no unit " + name);
    };
    const auto& bureau = unit("罗庄区机关事务管理局");
    const auto admin = tx.query("SELECT id FROM accounts WHERE tenant_id = $1 AND username = 'admin'", tenant_id).one().int64(0);
    const auto liaison = tx.query("SELECT id, unit_id FROM accounts WHERE tenant_id = $1 AND username = 'jiaoyu'", tenant_id);

    const auto created = to_utc_text(from_local(year(2025) / December / 15, 600));
    std::vector<Room> rooms;
    std::map<std::string, std::int64_t> room_ids;
    Combinations combinations;
    for (const auto& r : kRooms) {
      const auto id = tx.query(
                            "INSERT INTO meeting_rooms (tenant_id, building, floor, room_no, name, capacity, layout, equipment, "
                            "needs_approval, "
                            "setup_minutes, cleanup_minutes, notes, created_at, updated_at) "
                            "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13) RETURNING id",
                            tenant_id, r.building, r.floor, r.room_no, r.name, r.capacity, r.layout, r.equipment,
                            r.needs_approval ? 1 : 0, r.setup_minutes, r.cleanup_minutes, r.notes, created)
                          .one()
                          .int64(0);
      room_ids[r.name] = id;
      rooms.push_back({id, &r});
      for (const auto& part : r.parts) {
        tx.query("INSERT INTO meeting_room_parts (tenant_id, room_id, part_id) VALUES ($1, $2, $3)", tenant_id, id,
                 room_ids.at(part));
        combinations[id].insert(room_ids.at(part));
      }
    }

    Random rng(20260101);
    Planner plan(std::move(rooms), std::move(combinations));
    const auto cal = calendar::load_calendar(tx, tenant_id);
    plan_sessions(plan, rng, unit("区人大常委会办公室"), unit("区政协办公室"));
    plan_series(tx, tenant_id, plan, rng, cal,
                {{"局务会", "机关事务管理局会议室", &bureau, "王建国", 14, "leadership", 1, 510, 600},
                 {"区政府常务会议", "五楼会议室", &unit("区政府办公室"), "刘志强", 45, "leadership", 4, 540, 720},
                 {"区委常委会会议", "视频会议室", &unit("区委办公室"), "张卫东", 18, "leadership", 2, 900, 1050}});
    plan_daily(plan, rng, cal, units);

    for (const auto& b : plan.bookings()) {
      const auto blocked = blocked_interval(b.start, b.end, b.room->spec->setup_minutes, b.room->spec->cleanup_minutes);
      const bool cancelled = !b.cancel_reason.empty();
      // Booked one to three weeks ahead. Bookings of the rooms that need approval are stored as
      // approved: a pending one would need its workflow request, which the demo does not make.
      const auto booked_at = b.start - days(rng.between(7, 21));
      const auto status = cancelled ? "cancelled" : "confirmed";
      const bool by_liaison = !liaison.empty() && liaison.one().opt_int64(1) == b.unit->id;
      const auto cancelled_at = cancelled ? std::optional(to_utc_text(booked_at + days(3))) : std::nullopt;
      tx.query(
          "INSERT INTO meeting_bookings (tenant_id, room_id, series_id, occurrence_date, title, host_unit_id, chair, attendees, "
          "meeting_type, start_at, end_at, blocked_from, blocked_to, services, status, booked_by, cancel_reason, cancelled_at, "
          "created_at, updated_at) "
          "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, COALESCE(CAST($18 AS "
          "TEXT), $19))",
          tenant_id, b.room->id, db::to_value(b.series_id),
          b.occurrence ? db::Value(calendar::format_date(*b.occurrence)) : db::Value(nullptr), b.title, b.unit->id, b.chair,
          b.attendees, b.type, to_utc_text(b.start), to_utc_text(b.end), to_utc_text(blocked.from), to_utc_text(blocked.to),
          json::serialize(b.services), status, by_liaison ? liaison.one().int64(0) : admin, b.cancel_reason,
          db::to_value(cancelled_at), to_utc_text(booked_at));
    }
    audit::record(tx, audit::system_actor(tenant_id, "demo-data"),
                  {"create",
                   "meeting_demo",
                   std::nullopt,
                   {{"rooms", kRooms.size()}, {"bookings", plan.bookings().size()}, {"year", 2026}}});
  });
}

}  // namespace jiguan::meetings
