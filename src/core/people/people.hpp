// People (人员) and their posts, the dictionaries their coded fields use, each sector's
// (口) lead unit, and the account ↔ person link. Domain rules only; no HTTP here, no data
// scopes either (the routes restrict rows to the caller's scope before calling in).
//
// Rules: name 1–50 characters; the owning unit exists in the tenant; rank is an active
// value of the rank dictionary; phone 5–20 of digits and '-'. A person has exactly one
// primary post, which mirrors the person's unit, post and rank; posts in other units are
// added beside it; at most one post is active and an ended post is never active. A
// sector's lead is an active department of that sector. Dictionary values are stable
// ASCII codes; inactive items are rejected for new records but stay on old ones.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/audit/audit.hpp"
#include "core/db/db.hpp"

namespace jiguan::people {

// ---- Dictionaries ----------------------------------------------------------------------

inline constexpr const char* kRankDictionary = "rank";
inline constexpr const char* kPostKindDictionary = "post_kind";

struct BuiltinItem {
  const char* value;
  const char* label;
};

struct BuiltinDictionary {
  const char* code;
  const char* name;
  std::vector<BuiltinItem> items;  // in display order: sort_order 10, 20, …
};

// Inserts a dictionary and its items where missing (idempotent); modules declare theirs.
void ensure_dictionary(db::Tx& tx, std::int64_t tenant_id, const BuiltinDictionary& dictionary);
// The platform's own built-in dictionaries (rank, post_kind).
void ensure_builtin_dictionaries(db::Tx& tx, std::int64_t tenant_id);

struct ItemFields {
  std::string value;  // 1–32 of [a-z0-9_]
  std::string label;  // 1–50 characters
  std::int64_t sort_order = 0;
};

struct ItemPatch {
  std::optional<std::string> label;
  std::optional<std::int64_t> sort_order;
  std::optional<bool> active;
};

inline const std::string kDictionaryColumns =
    "d.id, d.code, d.name, d.builtin, (SELECT COUNT(*) FROM dictionary_items i WHERE i.tenant_id = d.tenant_id "
    "AND i.dictionary_code = d.code)";
inline const std::string kDictionaryFrom = " FROM dictionaries d";
boost::json::object dictionary_json(const db::Row& row);  // row selected with kDictionaryColumns

// The dictionary with all its items (ordered by sort_order), or nullopt.
std::optional<boost::json::object> find_dictionary(db::Tx& tx, std::int64_t tenant_id, const std::string& code);
// Both throw http::not_found for an unknown dictionary or item.
std::int64_t add_dictionary_item(db::Tx& tx, const audit::Actor& actor, const std::string& dictionary, const ItemFields& fields);
void update_dictionary_item(db::Tx& tx, const audit::Actor& actor, const std::string& dictionary, std::int64_t item_id,
                            const ItemPatch& patch);
// The active item whose value or label is `text` (imports accept either), or nullopt.
std::optional<std::string> active_item_value(db::Tx& tx, std::int64_t tenant_id, const std::string& dictionary,
                                             const std::string& text);

// ---- People ----------------------------------------------------------------------------

struct PersonFields {
  std::string name;
  std::optional<std::string> gender;  // "male" | "female"
  std::int64_t unit_id = 0;
  std::string rank;
  std::string post;
  std::string phone;
};

// A partial update: only the fields present change (gender holds nullopt inside to clear it).
struct PersonPatch {
  std::optional<std::string> name;
  std::optional<std::optional<std::string>> gender;
  std::optional<std::int64_t> unit_id;
  std::optional<std::string> rank;
  std::optional<std::string> post;
  std::optional<std::string> phone;
};

// SELECT list for person_json(): the person (alias p), its unit (u) and rank item (r).
inline const std::string kPersonColumns =
    "p.id, p.name, p.gender, p.unit_id, u.code, u.name, p.rank, r.label, p.post, p.phone, p.active, p.created_at, p.updated_at";
inline const std::string kPersonFrom =
    " FROM people p JOIN units u ON u.tenant_id = p.tenant_id AND u.id = p.unit_id"
    " LEFT JOIN dictionary_items r ON r.tenant_id = p.tenant_id AND r.dictionary_code = 'rank' AND r.value = p.rank";
boost::json::object person_json(const db::Row& row);

// The person with its posts ("posts": primary first, then by start), or nullopt.
std::optional<boost::json::object> find_person(db::Tx& tx, std::int64_t tenant_id, std::int64_t id);
std::int64_t create_person(db::Tx& tx, const audit::Actor& actor, const PersonFields& fields);
// Return false when no such person exists in the tenant.
bool update_person(db::Tx& tx, const audit::Actor& actor, std::int64_t id, const PersonPatch& patch);
bool deactivate_person(db::Tx& tx, const audit::Actor& actor, std::int64_t id);

// Checks a person's fields as create_person() would, without writing (imports check every
// row before inserting any). Throws http::ApiError naming the field.
void validate_person(db::Tx& tx, std::int64_t tenant_id, const PersonFields& fields);

// ---- Posts -----------------------------------------------------------------------------

struct PostFields {
  std::int64_t unit_id = 0;
  std::string post;
  std::optional<std::string> rank;        // default: the person's rank
  std::optional<std::string> start_date;  // YYYY-MM-DD
};

// All three throw http::not_found for a person or post that is not there.
std::int64_t add_post(db::Tx& tx, const audit::Actor& actor, std::int64_t person_id, const PostFields& fields);
// Ends a secondary post on end_date (YYYY-MM-DD); if it was active, the primary becomes active.
void end_post(db::Tx& tx, const audit::Actor& actor, std::int64_t person_id, std::int64_t post_id, const std::string& end_date);
void activate_post(db::Tx& tx, const audit::Actor& actor, std::int64_t person_id, std::int64_t post_id);

// ---- Sectors and accounts --------------------------------------------------------------

// SELECT list for sector_json(): the sector unit (alias s) with its lead unit and the count
// of its active member departments.
inline const std::string kSectorColumns =
    "s.id, s.code, s.name, s.sort_order, s.active, s.lead_unit_id, l.code, l.name,"
    " (SELECT COUNT(*) FROM units m WHERE m.tenant_id = s.tenant_id AND m.parent_id = s.id AND m.active = 1"
    " AND m.kind IN ('department', 'bureau'))";
inline const std::string kSectorFrom =
    " FROM units s LEFT JOIN units l ON l.tenant_id = s.tenant_id AND l.id = s.lead_unit_id";
boost::json::object sector_json(const db::Row& row);

std::optional<boost::json::object> find_sector(db::Tx& tx, std::int64_t tenant_id, std::int64_t id);
// Sets (or with nullopt clears) the sector's lead unit. Returns false when `sector_id` is
// not a sector of the tenant.
bool set_sector_lead(db::Tx& tx, const audit::Actor& actor, std::int64_t sector_id, std::optional<std::int64_t> lead_unit_id);

// Links an account to its person (or unlinks with nullopt). Returns false when there is no
// such account in the tenant.
bool link_account_person(db::Tx& tx, const audit::Actor& actor, std::int64_t account_id, std::optional<std::int64_t> person_id);

}  // namespace jiguan::people
