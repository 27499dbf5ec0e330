#include "modules/space/directory.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "core/http/api_error.hpp"
#include "core/util/time.hpp"
#include "modules/space/space.hpp"

namespace jiguan::space {
namespace json = boost::json;
namespace {

struct UseLabel {
  const char* room_use;
  const char* service_kind;  // "" for any
  const char* label;
};
// Service rooms by their kind; the others by their use (the table of 0001_space.sql).
constexpr UseLabel kUseLabels[] = {
    {"office", "", "办公室"},        {"service", "meeting", "会议室"}, {"service", "archive", "档案室"},
    {"service", "reception", "接待室"}, {"service", "mail", "收发室"},    {"service", "", "服务用房"},
    {"equipment", "", "设备用房"},   {"ancillary", "", "附属用房"},
};

// What a floor's line is called: the owning unit, else the room's name or use (会议室).
std::string line_label(const std::optional<std::string>& unit_name, const std::string& name, const std::string& label) {
  if (unit_name && !unit_name->empty()) return *unit_name;
  return name.empty() ? label : name;
}

void add_to_lines(std::vector<DirectoryLine>& lines, std::string label, std::string number) {
  const auto it = std::find_if(lines.begin(), lines.end(), [&](const auto& l) { return l.label == label; });
  if (it != lines.end()) it->numbers.push_back(std::move(number));
  else lines.push_back({std::move(label), {std::move(number)}});
}

json::array lines_json(const std::vector<DirectoryLine>& lines) {
  json::array out;
  for (const auto& l : lines) {
    json::array numbers;
    for (const auto& n : l.numbers) numbers.emplace_back(n);
    out.push_back(json::object{{"label", l.label}, {"numbers", std::move(numbers)}});
  }
  return out;
}

json::value text_or_null(const std::optional<std::string>& text) { return text ? json::value(*text) : json::value(nullptr); }

bool safe_url_char(char c) {
  const auto u = static_cast<unsigned char>(c);
  return u > 0x20 && u != 0x7f && c != '"' && c != '\'' && c != '<' && c != '>' && c != '\\' && c != '`';
}

}  // namespace

std::string_view use_label(std::string_view room_use, std::string_view service_kind) {
  for (const auto& u : kUseLabels) {
    if (room_use == u.room_use && (*u.service_kind == '\0' || service_kind == u.service_kind)) return u.label;
  }
  return "房间";
}

std::string use_label_sql() {
  std::string sql = "CASE";
  for (const auto& u : kUseLabels) {
    sql += std::string(" WHEN r.room_use = '") + u.room_use + "'" +
           (*u.service_kind ? std::string(" AND r.service_kind = '") + u.service_kind + "'" : "") + " THEN '" + u.label + "'";
  }
  return sql + " ELSE '房间' END";
}

// ---- The public directory ----

const std::string& public_room_columns() {
  static const std::string columns =
      "r.id, r.number, r.name, r.room_use, " + use_label_sql() + ", u.name, b.id, b.name, f.id, f.name, f.level, b.address";
  return columns;
}

const char* const kPublicRoomFrom =
    " FROM space_rooms r JOIN space_buildings b ON b.tenant_id = r.tenant_id AND b.id = r.building_id"
    " JOIN space_floors f ON f.tenant_id = r.tenant_id AND f.id = r.floor_id"
    " LEFT JOIN units u ON u.tenant_id = r.tenant_id AND u.id = r.unit_id"
    " WHERE r.tenant_id = $1 AND b.public_listed = 1 AND r.room_use <> 'equipment'";

json::object public_room_json(const db::Row& row) {
  return {{"id", row.int64(0)},        {"number", row.text(1)},      {"name", row.text(2)},
          {"use", row.text(3)},        {"use_label", row.text(4)},   {"unit_name", text_or_null(row.opt_text(5))},
          {"building_id", row.int64(6)}, {"building", row.text(7)},  {"floor_id", row.int64(8)},
          {"floor", row.text(9)},      {"floor_level", row.int64(10)}};
}

json::array directory_index(const std::vector<db::Row>& rows) {
  json::array buildings;
  std::optional<std::int64_t> building_id, floor_id;
  std::vector<DirectoryLine> lines;
  // Closes the floor being filled: its lines go to the last floor of the last building.
  const auto flush = [&] {
    if (!floor_id) return;
    buildings.back().at("floors").as_array().back().as_object()["lines"] = lines_json(lines);
    lines.clear();
  };
  for (const auto& row : rows) {
    if (building_id != row.int64(6)) {
      flush();
      floor_id.reset();
      building_id = row.int64(6);
      buildings.push_back(json::object{{"id", row.int64(6)}, {"name", row.text(7)}, {"address", row.text(11)}, {"floors", json::array()}});
    }
    if (floor_id != row.int64(8)) {
      flush();
      floor_id = row.int64(8);
      buildings.back().at("floors").as_array().push_back(
          json::object{{"id", row.int64(8)}, {"name", row.text(9)}, {"level", row.int64(10)}, {"lines", json::array()}});
    }
    add_to_lines(lines, line_label(row.opt_text(5), row.text(2), row.text(4)), row.text(1));
  }
  flush();
  return buildings;
}

std::optional<json::object> public_room(db::Tx& tx, std::int64_t tenant_id, std::int64_t room_id) {
  const auto r = tx.query("SELECT " + public_room_columns() + kPublicRoomFrom + " AND r.id = $2", tenant_id, room_id);
  if (r.empty()) return std::nullopt;
  auto room = public_room_json(r.one());
  room["address"] = r.one().text(11);
  return room;
}

std::optional<json::object> public_building(db::Tx& tx, std::int64_t tenant_id, std::int64_t building_id) {
  const auto b = tx.query("SELECT id, name, address FROM space_buildings WHERE tenant_id = $1 AND id = $2 AND public_listed = 1",
                          tenant_id, building_id);
  if (b.empty()) return std::nullopt;
  json::array floors;
  for (const auto& f : tx.query("SELECT f.id, f.level, f.name, COUNT(r.id) FROM space_floors f"
                                " LEFT JOIN space_rooms r ON r.tenant_id = f.tenant_id AND r.floor_id = f.id"
                                " AND r.room_use <> 'equipment'"
                                " WHERE f.tenant_id = $1 AND f.building_id = $2 GROUP BY f.id, f.level, f.name ORDER BY f.level",
                                tenant_id, building_id)
                           .rows) {
    floors.push_back(json::object{{"id", f.int64(0)}, {"level", f.int64(1)}, {"name", f.text(2)}, {"rooms", f.int64(3)}});
  }
  const auto& row = b.one();
  return json::object{{"id", row.int64(0)}, {"name", row.text(1)}, {"address", row.text(2)}, {"floors", std::move(floors)}};
}

// ---- The public URL ----

std::string normalize_public_url(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '/')) text.remove_suffix(1);
  if (text.empty()) return "";
  const auto scheme = text.starts_with("https://") ? 8u : text.starts_with("http://") ? 7u : 0u;
  if (scheme == 0 || text.size() == scheme || text.size() > 200 || !std::all_of(text.begin(), text.end(), safe_url_char) ||
      text.find_first_of("?#") != std::string_view::npos) {
    throw http::invalid("public_url", "公开网址应以 http:// 或 https:// 开头，不含空格、? 或 #，不超过 200 字符，如 https://jgj.example.gov.cn");
  }
  return std::string(text);
}

std::string load_public_url(db::Tx& tx, std::int64_t tenant_id) {
  const auto r = tx.query("SELECT public_url FROM space_directory_settings WHERE tenant_id = $1", tenant_id);
  return r.empty() ? "" : r.one().text(0);
}

void save_public_url(db::Tx& tx, const audit::Actor& actor, const std::string& public_url) {
  const auto before = load_public_url(tx, actor.tenant_id);
  if (before == public_url) return;
  tx.query("INSERT INTO space_directory_settings (tenant_id, public_url, updated_at) VALUES ($1, $2, $3)"
           " ON CONFLICT (tenant_id) DO UPDATE SET public_url = $2, updated_at = $3",
           actor.tenant_id, public_url, util::now_utc());
  audit::record(tx, actor, {"update", "space_directory_settings", std::nullopt, {{"public_url", {{"from", before}, {"to", public_url}}}}});
}

std::optional<std::string> base_from_request(std::string_view host, std::string_view forwarded_proto) {
  const auto host_char = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == ':' ||
           c == '[' || c == ']';
  };
  if (host.empty() || host.size() > 255 || !std::all_of(host.begin(), host.end(), host_char)) return std::nullopt;
  return std::string(forwarded_proto == "https" ? "https://" : "http://") + std::string(host);
}

std::string public_room_url(std::string_view base, std::int64_t room_id, std::string_view tenant_code) {
  return std::string(base) + "/directory/rooms/" + std::to_string(room_id) +
         (tenant_code.empty() ? "" : "?tenant=" + std::string(tenant_code));
}

std::string public_directory_url(std::string_view base, std::int64_t building_id, std::string_view tenant_code) {
  return std::string(base) + "/directory?building=" + std::to_string(building_id) +
         (tenant_code.empty() ? "" : "&tenant=" + std::string(tenant_code));
}

// ---- Door plates and the floor directory ----

std::vector<PlateRoom> plate_rooms(db::Tx& tx, std::int64_t tenant_id, const PlateSelection& sel) {
  if (!sel.building_id && !sel.floor_id && sel.room_ids.empty()) {
    throw http::invalid("building_id", "请指定楼宇（building_id）、楼层（floor_id）或房间（rooms）");
  }
  std::vector<db::Value> params{tenant_id};
  std::string where;
  const auto add = [&](std::int64_t v, const char* column) {
    params.emplace_back(v);
    where += std::string(" AND ") + column + " = $" + std::to_string(params.size());
  };
  if (sel.building_id) {
    if (tx.query("SELECT 1 FROM space_buildings WHERE tenant_id = $1 AND id = $2", tenant_id, *sel.building_id).empty()) {
      throw http::not_found("楼宇");
    }
    add(*sel.building_id, "r.building_id");
  }
  if (sel.floor_id) {
    const auto f = tx.query("SELECT building_id FROM space_floors WHERE tenant_id = $1 AND id = $2", tenant_id, *sel.floor_id);
    if (f.empty() || (sel.building_id && f.one().int64(0) != *sel.building_id)) throw http::not_found("楼层");
    add(*sel.floor_id, "r.floor_id");
  }
  const std::set<std::int64_t> wanted(sel.room_ids.begin(), sel.room_ids.end());
  if (!wanted.empty()) {
    where += " AND r.id IN (";
    for (const auto id : wanted) {
      params.emplace_back(id);
      where += (where.back() == '(' ? "$" : ", $") + std::to_string(params.size());
    }
    where += ")";
  }
  const auto rows = tx.exec("SELECT r.id, b.name, f.name, r.number, r.name, " + use_label_sql() +
                                ", u.name, b.public_listed, r.room_use FROM space_rooms r"
                                " JOIN space_buildings b ON b.tenant_id = r.tenant_id AND b.id = r.building_id"
                                " JOIN space_floors f ON f.tenant_id = r.tenant_id AND f.id = r.floor_id"
                                " LEFT JOIN units u ON u.tenant_id = r.tenant_id AND u.id = r.unit_id"
                                " WHERE r.tenant_id = $1" + where + " ORDER BY b.code, f.level, r.number, r.id",
                            params);
  if (rows.rows.size() < wanted.size()) {
    std::set<std::int64_t> found;
    for (const auto& row : rows.rows) found.insert(row.int64(0));
    for (const auto id : wanted) {
      if (!found.contains(id)) throw http::not_found("房间 " + std::to_string(id));
    }
  }
  if (rows.rows.size() > kMaxPlates) {
    throw http::invalid(sel.room_ids.empty() ? (sel.floor_id ? "floor_id" : "building_id") : "rooms",
                        "所选 " + std::to_string(rows.rows.size()) + " 间房，一次最多打印 " + std::to_string(kMaxPlates) +
                            " 张门牌，请按楼层或房间分批打印");
  }
  if (rows.empty()) throw http::not_found("所选范围内的房间");
  std::vector<PlateRoom> out;
  for (const auto& r : rows.rows) {
    const auto name = r.text(4);
    out.push_back({r.int64(0), r.text(1), r.text(2), r.text(3), name.empty() ? r.text(5) : name, r.opt_text(6).value_or(""),
                   r.int64(7) == 1 && r.text(8) != "equipment", {}});
  }
  if (sel.names) {
    params.emplace_back(util::china_today());
    const auto day = "$" + std::to_string(params.size());
    std::map<std::int64_t, std::vector<std::string>> names;
    for (const auto& o : tx.exec("SELECT o.room_id, p.name FROM space_occupancies o"
                                 " JOIN space_rooms r ON r.tenant_id = o.tenant_id AND r.id = o.room_id"
                                 " JOIN people p ON p.tenant_id = o.tenant_id AND p.id = o.person_id"
                                 " WHERE o.tenant_id = $1" + where + " AND " + occupancy_covers(day) +
                                     " ORDER BY o.room_id, o.start_date, o.id",
                                 params)
                             .rows) {
      names[o.int64(0)].push_back(o.text(1));
    }
    for (auto& room : out) {
      if (const auto it = names.find(room.id); it != names.end()) room.occupants = std::move(it->second);
    }
  }
  return out;
}

FloorDirectory floor_directory(db::Tx& tx, std::int64_t tenant_id, std::int64_t building_id) {
  const auto b = tx.query("SELECT name, address FROM space_buildings WHERE tenant_id = $1 AND id = $2", tenant_id, building_id);
  if (b.empty()) throw http::not_found("楼宇");
  FloorDirectory directory{b.one().text(0), b.one().text(1), {}};
  std::optional<std::int64_t> floor_id;
  for (const auto& r : tx.query("SELECT f.id, f.name, r.number, r.name, " + use_label_sql() + ", u.name FROM space_floors f"
                                " LEFT JOIN space_rooms r ON r.tenant_id = f.tenant_id AND r.floor_id = f.id"
                                " AND r.room_use <> 'equipment'"
                                " LEFT JOIN units u ON u.tenant_id = r.tenant_id AND u.id = r.unit_id"
                                " WHERE f.tenant_id = $1 AND f.building_id = $2 ORDER BY f.level, r.number",
                                tenant_id, building_id)
                           .rows) {
    if (floor_id != r.int64(0)) {
      floor_id = r.int64(0);
      directory.floors.push_back({r.text(1), {}});
    }
    if (r.is_null(2)) continue;  // a floor without rooms the public sees
    add_to_lines(directory.floors.back().lines, line_label(r.opt_text(5), r.text(3), r.text(4)), r.text(2));
  }
  return directory;
}

}  // namespace jiguan::space
