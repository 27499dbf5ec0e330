// The building directory: what a visitor may see without logging in, and what the door
// plates and the floor directory print. Domain rules only; no HTTP here (directory.cpp,
// plates.cpp).
//
// Rules:
// - The public sees rooms of buildings marked public_listed, never equipment rooms (设备用房:
//   machine rooms, switch rooms), and never a person's name: a room shows its number, name,
//   use and owning unit only. Search (q) looks in unit names, room names, numbers and the
//   use's label.
// - A door plate's QR code is the absolute URL of the room's public page,
//   <base>/directory/rooms/{id}, where base is the tenant's configured public URL or else the
//   address the request came to (scheme from X-Forwarded-Proto, host from Host). With more
//   than one tenant in the installation the URL adds ?tenant=<code>, since the public page
//   cannot tell them apart otherwise. Rooms the public cannot see get no QR code.
// - Occupants' names are printed on a plate only when asked (names=true), and only those
//   occupying the room today.
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/audit/audit.hpp"
#include "core/db/db.hpp"

namespace jiguan::space {

// The words for a room's use a visitor understands: 办公室, 会议室, 档案室 …
std::string_view use_label(std::string_view room_use, std::string_view service_kind);
// The same as an SQL CASE over the columns of alias r (search and export use it).
std::string use_label_sql();

// ---- The public directory (directory.cpp) ----------------------------------------------

// Columns and FROM … WHERE of the rooms the public sees; $1 is the tenant.
const std::string& public_room_columns();
extern const char* const kPublicRoomFrom;
// A row of those columns as the public room JSON:
// {id, number, name, use, use_label, unit_name, building_id, building, floor_id, floor, floor_level}.
boost::json::object public_room_json(const db::Row& row);
// One room's public card with its building's address; nullopt when the public cannot see it.
std::optional<boost::json::object> public_room(db::Tx& tx, std::int64_t tenant_id, std::int64_t room_id);
// A building the public sees, with its floors; nullopt when unknown or not listed.
std::optional<boost::json::object> public_building(db::Tx& tx, std::int64_t tenant_id, std::int64_t building_id);

// ---- The public URL (directory.cpp) ----------------------------------------------------

// "" (none) or an http(s) URL without trailing '/', ≤ 200 characters; else 422 public_url.
std::string normalize_public_url(std::string_view text);
std::string load_public_url(db::Tx& tx, std::int64_t tenant_id);
// Saves the setting; one audit row when it changes.
void save_public_url(db::Tx& tx, const audit::Actor& actor, const std::string& public_url);
// "http(s)://host" from a request's Host and X-Forwarded-Proto; nullopt when the host is not
// a plain host[:port] (nothing else may reach a printed URL).
std::optional<std::string> base_from_request(std::string_view host, std::string_view forwarded_proto);
// The room's public page <base>/directory/rooms/{id}[?tenant=code], and the directory of a
// building <base>/directory?building={id}[&tenant=code]; tenant_code "" leaves it out.
std::string public_room_url(std::string_view base, std::int64_t room_id, std::string_view tenant_code);
std::string public_directory_url(std::string_view base, std::int64_t building_id, std::string_view tenant_code);

// ---- Door plates and the floor directory (data: directory.cpp; PDF: plates.cpp) --------

inline constexpr std::size_t kMaxPlates = 500;

struct PlateRoom {
  std::int64_t id = 0;
  std::string building;
  std::string floor;
  std::string number;
  std::string name;       // the room's own name, else its use's label
  std::string unit_name;  // "" when no unit owns it
  bool public_listed = false;
  std::vector<std::string> occupants;  // filled only when names are wanted
};

struct PlateSelection {
  std::optional<std::int64_t> building_id;
  std::optional<std::int64_t> floor_id;
  std::vector<std::int64_t> room_ids;  // empty: every room of the building or floor
  bool names = false;
};

// The rooms to print, by building, floor and number. 404 for an unknown building, floor or
// room; 422 when nothing is chosen or more than kMaxPlates rooms are.
std::vector<PlateRoom> plate_rooms(db::Tx& tx, std::int64_t tenant_id, const PlateSelection& selection);
// One plate per half A4 page (A5 landscape). A room the public sees gets the QR code of
// public_room_url(base, id, tenant_code) with that URL printed small under it.
std::string door_plates_pdf(const std::vector<PlateRoom>& rooms, const std::string& base, const std::string& tenant_code);

// 楼层索引: the building's floors, each with its units (or, for rooms no unit owns, their
// names) and their room numbers. Equipment rooms are left out as in the public directory.
struct DirectoryLine {
  std::string label;
  std::vector<std::string> numbers;
};
struct DirectoryFloor {
  std::string name;
  std::vector<DirectoryLine> lines;
};
struct FloorDirectory {
  std::string building;
  std::string address;
  std::vector<DirectoryFloor> floors;  // from the lowest level up
};
// The rows of public_room_columns() grouped: buildings → floors → lines, in the rows' order.
boost::json::array directory_index(const std::vector<db::Row>& rows);
// 404 for an unknown building.
FloorDirectory floor_directory(db::Tx& tx, std::int64_t tenant_id, std::int64_t building_id);
// The PDF; a QR code to the building's public page when directory_url is not empty.
std::string floor_directory_pdf(const FloorDirectory& directory, const std::string& directory_url);

}  // namespace jiguan::space
