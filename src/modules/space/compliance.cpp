#include <algorithm>
#include <map>

#include "modules/space/space.hpp"

namespace jiguan::space {
namespace json = boost::json;
namespace {

// The filter as SQL on alias r, its values appended to params.
std::string room_where(const RoomFilter& f, std::vector<db::Value>& params) {
  std::string where;
  const auto add = [&](std::int64_t v, const char* column) {
    params.emplace_back(v);
    where += std::string(" AND ") + column + " = $" + std::to_string(params.size());
  };
  if (f.room_id) add(*f.room_id, "r.id");
  if (f.unit_id) add(*f.unit_id, "r.unit_id");
  if (f.building_id) add(*f.building_id, "r.building_id");
  return where;
}


json::value nullable(const std::optional<std::int64_t>& v) { return v ? json::value(*v) : json::value(nullptr); }

}  // namespace

std::vector<RoomCompliance> assess_rooms(db::Tx& tx, std::int64_t tenant_id, const RoomFilter& filter, std::string_view day) {
  const auto settings = load_settings(tx, tenant_id);
  const auto standards = load_standards(tx, tenant_id);
  std::vector<db::Value> room_params{tenant_id};
  const auto room_filter = room_where(filter, room_params);
  std::vector<db::Value> params{tenant_id, std::string(day)};
  const auto where = room_where(filter, params);
  const auto rooms = tx.exec(
      "SELECT r.id, b.name, f.name, r.number, r.unit_id, u.name, r.status, r.usable_area FROM space_rooms r"
      " JOIN space_buildings b ON b.tenant_id = r.tenant_id AND b.id = r.building_id"
      " JOIN space_floors f ON f.tenant_id = r.tenant_id AND f.id = r.floor_id"
      " LEFT JOIN units u ON u.tenant_id = r.tenant_id AND u.id = r.unit_id"
      " WHERE r.tenant_id = $1 AND r.room_use = 'office'" + room_filter + " ORDER BY b.code, f.level, r.number, r.id",
      room_params);
  const auto occupants = tx.exec(
      std::string("SELECT o.room_id, p.id, p.name, p.rank FROM space_occupancies o"
                  " JOIN space_rooms r ON r.tenant_id = o.tenant_id AND r.id = o.room_id"
                  " JOIN people p ON p.tenant_id = o.tenant_id AND p.id = o.person_id"
                  " WHERE o.tenant_id = $1 AND r.room_use = 'office' AND ") +
          occupancy_covers("$2") + where + " ORDER BY o.room_id, o.start_date, o.id",
      params);
  std::map<std::int64_t, std::vector<OccupantStandard>> by_room;
  for (const auto& o : occupants.rows) {
    by_room[o.int64(0)].push_back({o.int64(1), o.text(2), limit_for(standards, settings, o.text(3), day)});
  }
  std::vector<RoomCompliance> out;
  out.reserve(rooms.rows.size());
  for (const auto& r : rooms.rows) {
    const auto it = by_room.find(r.int64(0));
    out.push_back({r.int64(0), r.text(1), r.text(2), r.text(3), r.opt_int64(4), r.opt_text(5).value_or(""), r.text(6),
                   assess_office(r.int64(7), it == by_room.end() ? std::vector<OccupantStandard>{} : it->second, settings)});
  }
  return out;
}

json::object room_compliance_json(const RoomCompliance& room) {
  const auto& a = room.assessment;
  json::array occupants;
  for (const auto& s : a.shares) {
    occupants.push_back(json::object{{"person_id", s.person_id},
                                     {"name", s.name},
                                     {"grade_label", s.grade_label},
                                     {"standard_area", nullable(s.limit_area)},
                                     {"share_area", s.share_area}});
  }
  return {{"room_id", room.room_id},
          {"building", room.building_name},
          {"floor", room.floor_name},
          {"number", room.number},
          {"unit_id", nullable(room.unit_id)},
          {"unit_name", room.unit_name},
          {"status", room.status},
          {"area", a.area},
          {"entitlement", a.entitlement},
          {"excess_area", a.excess_area},
          {"excess_permille", a.excess_permille},
          {"grade", grade_name(a.grade)},
          {"colour", grade_colour(a.grade)},
          {"rule", a.rule},
          {"occupants", std::move(occupants)}};
}

std::vector<UnitCompliance> assess_units(db::Tx& tx, std::int64_t tenant_id, std::optional<std::int64_t> unit_id,
                                         std::string_view day) {
  const auto settings = load_settings(tx, tenant_id);
  const auto standards = load_standards(tx, tenant_id);
  // A bureau's sections (科室) count with the bureau: its leaders share rooms with section
  // staff (the seed's 副局长 and two 科员), and the entitlement is the bureau's as a whole.
  struct UnitRow {
    std::string code, name;
    std::int64_t owner = 0;
  };
  std::map<std::int64_t, UnitRow> all_units;
  for (const auto& r : tx.query("SELECT id, code, name, kind, parent_id FROM units WHERE tenant_id = $1", tenant_id).rows) {
    const bool section = r.text(3) == "section" && !r.is_null(4);
    all_units[r.int64(0)] = {r.text(1), r.text(2), section ? r.int64(4) : r.int64(0)};
  }
  // Asked for a section, answer for its bureau.
  std::optional<std::int64_t> wanted = unit_id;
  if (unit_id && all_units.count(*unit_id)) wanted = all_units[*unit_id].owner;
  std::map<std::int64_t, UnitCompliance> units;
  // The unit a row counts for, created on first use; nullptr when filtered out.
  const auto unit_for = [&](std::int64_t id) -> UnitCompliance* {
    const auto it = all_units.find(id);
    if (it == all_units.end()) return nullptr;
    const auto owner = it->second.owner;
    if (wanted && owner != *wanted) return nullptr;
    auto [at, fresh] = units.try_emplace(owner);
    if (fresh) at->second = UnitCompliance{owner, all_units[owner].code, all_units[owner].name};
    return &at->second;
  };
  for (const auto& r : tx.query("SELECT unit_id, rank, COUNT(*) FROM people WHERE tenant_id = $1 AND active = 1"
                                " GROUP BY unit_id, rank",
                                tenant_id)
                           .rows) {
    auto* u = unit_for(r.int64(0));
    if (!u) continue;
    u->people += r.int64(2);
    if (const auto* s = limit_for(standards, settings, r.text(1), day)) u->entitlement += s->limit_area * r.int64(2);
    else u->people_without_standard += r.int64(2);
  }
  for (const auto& r : tx.query("SELECT unit_id, room_use, SUM(usable_area) FROM space_rooms WHERE tenant_id = $1"
                                " AND unit_id IS NOT NULL AND room_use IN ('office', 'service') GROUP BY unit_id, room_use",
                                tenant_id)
                           .rows) {
    auto* u = unit_for(r.int64(0));
    if (!u) continue;
    (r.text(1) == "office" ? u->office_area : u->service_area) += r.int64(2);
  }
  for (const auto& room : assess_rooms(tx, tenant_id, {}, day)) {
    auto* u = room.unit_id ? unit_for(*room.unit_id) : nullptr;
    if (!u) continue;
    ++u->office_rooms;
    if (room.assessment.grade == Grade::vacant) ++u->vacant_rooms;
    if (room.assessment.excess_area > 0) ++u->over_standard_rooms;
  }
  std::vector<UnitCompliance> out;
  for (auto& [id, u] : units) {
    if (u.office_area == 0) u.grade = Grade::vacant;
    else if (u.entitlement == 0) u.grade = Grade::unknown;
    else u.grade = grade_of(u.office_area, u.entitlement, settings);
    out.push_back(u);
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.unit_code < b.unit_code; });
  return out;
}

json::object unit_compliance_json(const UnitCompliance& u) {
  return {{"unit_id", u.unit_id},
          {"unit_code", u.unit_code},
          {"unit_name", u.unit_name},
          {"people", u.people},
          {"people_without_standard", u.people_without_standard},
          {"office_rooms", u.office_rooms},
          {"office_area", u.office_area},
          {"entitlement", u.entitlement},
          {"excess_area", u.office_area > u.entitlement ? u.office_area - u.entitlement : 0},
          {"service_area", u.service_area},
          {"service_area_per_person", u.people > 0 ? u.service_area / u.people : 0},
          {"vacant_rooms", u.vacant_rooms},
          {"over_standard_rooms", u.over_standard_rooms},
          {"grade", grade_name(u.grade)},
          {"colour", grade_colour(u.grade)}};
}

}  // namespace jiguan::space
