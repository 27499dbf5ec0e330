#include "modules/space/demo.hpp"

#include <boost/json.hpp>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/audit/audit.hpp"
#include "core/util/time.hpp"
#include "modules/space/registry.hpp"

// The government building (区行政办公大楼, ZF): B1 and ten floors of 22 rooms, 230 numbered
// rooms in all. The bureau's leaders sit as the seed publishes (局长 alone in 12.67 m²; a
// 副局长 and two 科员 in 25.50 m²; the other two 副局长 and a 科员 in 29.60 m²), its
// sections' staff share one office per section, and every other department has an office
// for its head and one for its deputy (with its 科员 where it has one). A few heads' offices
// are over the 2014 county standard (正科 18 m²): some by 30–50 % (amber), some by more
// (red); two offices stand empty in the pool (no owning unit) and one is lent out (forbidden,
// kept to be found). Services, equipment and ancillary rooms fill each floor. Occupancies
// start in 2015 (before the 2016 rectification). Everything is deterministic.

namespace jiguan::space {
namespace {

struct RoomSpec {
  std::string name;
  std::string use;  // office | service | equipment | ancillary
  std::optional<std::string> service_kind;
  std::string unit_code;  // the owning unit; empty: none
  std::int64_t area = 0;  // hundredths of m²
  std::string status = "in_use";
  std::string notes;
  std::vector<std::int64_t> occupants;
  std::string start_date;
};

RoomSpec service(const std::string& name, const char* kind, const char* unit, std::int64_t area) {
  return {name, "service", kind, unit, area};
}
RoomSpec equipment(const std::string& name, std::int64_t area) { return {name, "equipment", std::nullopt, "JGJ-08", area}; }
RoomSpec ancillary(const std::string& name, const char* unit, std::int64_t area) {
  return {name, "ancillary", std::nullopt, unit, area};
}
RoomSpec office(const std::string& name, const std::string& unit, std::int64_t area, std::vector<std::int64_t> occupants,
                const std::string& start_date) {
  return {name, "office", std::nullopt, unit, area, "in_use", "", std::move(occupants), start_date};
}

constexpr int kFloors = 10;
constexpr int kRoomsPerFloor = 22;

// The rooms every floor has, and those of particular floors: the mail room and reception on
// 1F; on 5F the large meeting room the seed renovated ("五楼会议室…600余平方") and the
// multi-function hall made of 罗庄厅 and 盛庄厅.
std::vector<RoomSpec> fixed_rooms(int floor) {
  std::vector<RoomSpec> out = {
      service("会议室", "meeting", "JGJ-07", 3600),
      floor % 2 == 0 ? service("档案室", "archive", "JGJ-01", 2000) : service("文印室", "other", "JGJ-01", 1500),
      equipment("弱电间", 400),
      ancillary("保洁间", "JGJ-10", 600),
      ancillary("茶水间", "JGJ-10", 800),
  };
  if (floor == 1) {
    out.push_back(service("收发室", "mail", "JGJ-01", 1800));
    out.push_back(service("接待室", "reception", "JGJ-06", 3000));
    out.push_back(service("信访接待室", "reception", "S06-03", 2400));
    out.push_back(ancillary("值班室", "JGJ-09", 1200));
    out.push_back(ancillary("职工餐厅", "JGJ-10", 12000));
    out.push_back(ancillary("医务室", "JGJ-10", 1600));
  }
  if (floor == 5) {
    out.push_back(service("五楼会议室", "meeting", "JGJ-07", 60200));
    out.push_back(service("多功能厅（原罗庄厅、盛庄厅）", "meeting", "JGJ-07", 26000));
  }
  return out;
}

const std::vector<RoomSpec>& basement_rooms() {
  static const std::vector<RoomSpec> rooms = {
      equipment("配电室", 4000),  equipment("水泵房", 3000),     equipment("发电机房", 3600),
      equipment("消防控制室", 2400), equipment("中央空调机房", 8000), equipment("信息机房", 3200),
      ancillary("库房", "JGJ-10", 3000), ancillary("库房", "JGJ-10", 2800), ancillary("维修工具间", "JGJ-08", 1500),
      ancillary("车库管理室", "JGJ-09", 1000)};
  return rooms;
}

struct Person {
  std::int64_t id;
  std::string post, rank;
};

// The offices, in the order they take the floors' free numbers.
std::vector<RoomSpec> offices(db::Tx& tx, std::int64_t tenant_id) {
  std::map<std::string, std::vector<Person>> by_unit;  // unit code → active people by id
  std::map<std::string, std::string> names;            // unit code → name
  std::vector<std::string> departments;
  for (const auto& r : tx.query("SELECT u.code, u.kind, u.name, p.id, p.post, p.rank FROM units u LEFT JOIN people p"
                                " ON p.tenant_id = u.tenant_id AND p.unit_id = u.id AND p.active = 1 WHERE u.tenant_id = $1"
                                " ORDER BY u.code, p.id",
                                tenant_id)
                           .rows) {
    if (names.emplace(r.text(0), r.text(2)).second && r.text(1) == "department") departments.push_back(r.text(0));
    if (!r.is_null(3)) by_unit[r.text(0)].push_back({r.int64(3), r.text(4), r.text(5)});
  }
  const auto& leaders = by_unit["JGJ"];
  if (leaders.size() < 4) throw std::runtime_error("space demo: the demo bureau lacks its 局长 and 副局长");

  // Three of the sections' 科员 share the leaders' offices; the rest of each section's staff
  // (not its 工勤 workers) share one office per section.
  std::vector<std::int64_t> clerks;
  std::vector<RoomSpec> sections;
  for (int s = 1; s <= 10; ++s) {
    const auto code = "JGJ-" + std::string(s < 10 ? "0" : "") + std::to_string(s);
    std::vector<std::int64_t> staff;
    for (const auto& p : by_unit[code]) {
      if (p.rank == "worker") continue;
      if (p.post == "科员" && clerks.size() < 3) clerks.push_back(p.id);
      else staff.push_back(p.id);
    }
    const auto n = static_cast<std::int64_t>(staff.size());
    sections.push_back(office(names[code], code, n * 850 + (s % 3) * 20, std::move(staff), "2015-04-01"));
  }
  if (clerks.size() < 3) throw std::runtime_error("space demo: the demo bureau lacks three 科员");

  std::vector<RoomSpec> out = {
      office("局长办公室", "JGJ", 1267, {leaders[0].id}, "2015-04-01"),
      office("副局长办公室", "JGJ", 2550, {leaders[1].id, clerks[0], clerks[1]}, "2015-04-01"),
      office("副局长办公室", "JGJ", 2960, {leaders[2].id, leaders[3].id, clerks[2]}, "2015-04-01"),
  };
  out.insert(out.end(), sections.begin(), sections.end());

  // Heads' offices: mostly within 正科 18 m²; every 20th from the 6th 24.50 (36 %, amber),
  // from the 13th 28.00 (56 %, red), every 7th from the 4th 20.00 (11 %, within tolerance).
  for (std::size_t i = 0; i < departments.size(); ++i) {
    const auto& code = departments[i];
    const auto& people = by_unit[code];
    const auto start = "2015-0" + std::to_string(1 + i % 9) + "-01";
    std::optional<Person> head, deputy;
    std::vector<std::int64_t> staff;
    for (const auto& p : people) {
      if (p.rank == "section_chief" && !head) head = p;
      else if (p.rank == "section_deputy" && !deputy) deputy = p;
      else staff.push_back(p.id);
    }
    if (head) {
      const std::int64_t area = i % 20 == 5 ? 2450 : i % 20 == 12 ? 2800 : i % 7 == 3 ? 2000 : 1580 + static_cast<std::int64_t>(i % 5) * 50;
      out.push_back(office(head->post + "办公室", code, area, {head->id}, start));
    }
    if (deputy) {
      staff.insert(staff.begin(), deputy->id);
      out.push_back(office(deputy->post + "办公室", code, staff.size() > 1 ? 1950 : 1180, staff, start));
    }
  }
  // The pool has no owning unit until a request assigns its rooms.
  auto pool = office("周转办公室", "", 1400, {}, "");
  pool.status = "vacant";
  out.push_back(pool);
  pool.area = 1650;
  out.push_back(pool);
  auto lent = office("", "S10-04", 3000, {}, "");
  lent.status = "lent";
  lent.notes = "出借给区供销社下属企业使用（《机关事务管理条例》第二十三条禁止出借，待收回）";
  out.push_back(lent);
  return out;
}

struct Inserter {
  db::Tx& tx;
  std::int64_t tenant_id;
  std::string now;
  std::map<std::string, std::int64_t> unit_ids;
  std::int64_t rooms = 0, occupancies = 0;

  std::int64_t building(const char* code, const char* name, const char* address, int year, int above, int below,
                        std::int64_t total_area, std::int64_t usable_area) {
    return tx.query("INSERT INTO space_buildings (tenant_id, code, name, address, year_built, floors_above, floors_below,"
                    " total_area, usable_area, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10)"
                    " RETURNING id",
                    tenant_id, std::string(code), std::string(name), std::string(address), std::int64_t{year},
                    std::int64_t{above}, std::int64_t{below}, total_area, usable_area, now)
        .one()
        .int64(0);
  }

  // Floors as the registry creates them: 1F … nF, B1 … Bn.
  std::map<int, std::int64_t> floors(std::int64_t building_id, int above, int below) {
    std::map<int, std::int64_t> out;
    for (int level = -below; level <= above; ++level) {
      if (level == 0) continue;
      out[level] = tx.query("INSERT INTO space_floors (tenant_id, building_id, level, name, created_at)"
                            " VALUES ($1, $2, $3, $4, $5) RETURNING id",
                            tenant_id, building_id, std::int64_t{level}, floor_name(level), now)
                       .one()
                       .int64(0);
    }
    return out;
  }

  void room(std::int64_t building_id, std::int64_t floor_id, const std::string& number, const RoomSpec& r) {
    const auto unit = unit_ids.find(r.unit_code);
    if (!r.unit_code.empty() && unit == unit_ids.end()) {
      throw std::runtime_error("space demo: the demo tenant has no unit " + r.unit_code);
    }
    const auto id = tx.query("INSERT INTO space_rooms (tenant_id, building_id, floor_id, number, name, usable_area, room_use,"
                             " service_kind, unit_id, status, notes, created_at, updated_at)"
                             " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12) RETURNING id",
                             tenant_id, building_id, floor_id, number, r.name, r.area, r.use, r.service_kind,
                             unit == unit_ids.end() ? db::Value(nullptr) : db::Value(unit->second),
                             r.status, r.notes, now)
                        .one()
                        .int64(0);
    ++rooms;
    for (const auto person : r.occupants) {
      tx.query("INSERT INTO space_occupancies (tenant_id, room_id, person_id, start_date, created_at, updated_at)"
               " VALUES ($1, $2, $3, $4, $5, $5)",
               tenant_id, id, person, r.start_date, now);
      ++occupancies;
    }
  }
};

// 101 … 122 on 1F, B101 … on B1.
std::string number_of(int floor, int n) {
  return (floor > 0 ? std::to_string(floor) : floor_name(floor)) + (n < 10 ? "0" : "") + std::to_string(n);
}

std::int64_t area_of(const std::vector<RoomSpec>& rooms) {
  std::int64_t sum = 0;
  for (const auto& r : rooms) sum += r.area;
  return sum;
}

}  // namespace

void load_demo_data(db::Database& db, std::int64_t tenant_id) {
  db.write([&](db::Tx& tx) {
    if (!tx.query("SELECT 1 FROM space_buildings WHERE tenant_id = $1 LIMIT 1", tenant_id).empty()) return;
    Inserter in{tx, tenant_id, util::now_utc()};
    for (const auto& r : tx.query("SELECT code, id FROM units WHERE tenant_id = $1", tenant_id).rows) {
      in.unit_ids[r.text(0)] = r.int64(1);
    }

    // Each floor: its offices first, storage rooms where offices run out, then its fixed rooms.
    const auto queue = offices(tx, tenant_id);
    std::map<int, std::vector<RoomSpec>> plan{{-1, basement_rooms()}};
    std::size_t next = 0;
    for (int floor = 1; floor <= kFloors; ++floor) {
      auto fixed = fixed_rooms(floor);
      auto& rooms = plan[floor];
      while (rooms.size() + fixed.size() < kRoomsPerFloor) {
        rooms.push_back(next < queue.size() ? queue[next++] : ancillary("储藏室", "JGJ-10", 1000));
      }
      rooms.insert(rooms.end(), fixed.begin(), fixed.end());
    }
    if (next < queue.size()) throw std::runtime_error("space demo: more offices than the building holds");
    std::int64_t usable = 0;
    for (const auto& [floor, rooms] : plan) usable += area_of(rooms);
    const auto zf = in.building("ZF", "区行政办公大楼", "罗庄区沂河路1号", 2003, kFloors, 1, usable * 3 / 2, usable);
    const auto zf_floors = in.floors(zf, kFloors, 1);
    for (const auto& [floor, rooms] : plan) {
      for (std::size_t i = 0; i < rooms.size(); ++i) {
        in.room(zf, zf_floors.at(floor), number_of(floor, static_cast<int>(i) + 1), rooms[i]);
      }
    }

    // The conference centre (区会议中心), whose roof the seed's year waterproofed.
    const std::map<int, std::vector<RoomSpec>> centre = {
        {1, {service("大会议厅", "meeting", "JGJ-07", 48000), service("贵宾接待室", "reception", "JGJ-06", 6000),
             equipment("音控室", 1800)}},
        {2, {service("第一会议室", "meeting", "JGJ-07", 9000), service("第二会议室", "meeting", "JGJ-07", 7200),
             ancillary("会务储藏室", "JGJ-07", 2000)}}};
    std::int64_t centre_usable = 0;
    for (const auto& [floor, rooms] : centre) centre_usable += area_of(rooms);
    const auto hy = in.building("HY", "区会议中心", "罗庄区沂河路3号", 1999, 2, 0, centre_usable * 3 / 2, centre_usable);
    const auto hy_floors = in.floors(hy, 2, 0);
    for (const auto& [floor, rooms] : centre) {
      for (std::size_t i = 0; i < rooms.size(); ++i) {
        in.room(hy, hy_floors.at(floor), number_of(floor, static_cast<int>(i) + 1), rooms[i]);
      }
    }
    audit::record(tx, audit::system_actor(tenant_id, "demo-data"),
                  {"create", "space_demo", std::nullopt,
                   {{"buildings", 2}, {"rooms", in.rooms}, {"occupancies", in.occupancies}}});
  });
}

}  // namespace jiguan::space
