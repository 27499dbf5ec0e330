// Inspection campaigns of office space (专项整治: 自查 → 督查 → 整改). Domain rules only; no
// HTTP here (campaigns.cpp; the pledge's PDF in pledge.cpp).
//
// The seed's bureau ran one: every unit inspected its own offices, supervisors checked them,
// each unit's head signed a pledge (承诺书) and over-standard offices were put right.
// Rules:
// - A campaign has a name (1–100 characters, unique), a scope (≥ 1 existing active units),
//   a self-inspection deadline and a later supervision deadline. Its stage moves one step at
//   a time: draft → self_check → supervision → rectification → closed (else 409
//   invalid_state); the scope changes only in draft; closing needs every rectification item
//   closed (409 open_rectifications); a closed campaign refuses every change.
// - Self-inspection (stages self_check and supervision, so a late unit can still submit):
//   saving takes a snapshot of the unit's office rooms as the system judges them that day,
//   with the unit's figures, and the corrections. The pledge is then signed once by the unit
//   head (a drawn PNG signature); the signed PDF and its SHA-256 are kept. Only a signed
//   pledge counts as submitted; after it the self-inspection is final (409 already_signed).
// - Status of a unit: submitted (pledge signed), late (not signed and the deadline has
//   passed, China time), pending.
// - Findings (stages supervision and rectification) concern a unit of the scope and maybe
//   one of its rooms; severity minor | major | serious; photo optional.
// - Rectification items (same stages) are due in N working days (1–365) by the working-day
//   calendar (法定节假日 and 调休). The unit adds evidence while an item is open; a re-check
//   that passes closes it, one that fails keeps it open with its note and maybe a new due
//   date. Open past its due date (China time) is overdue.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/audit/audit.hpp"
#include "core/db/db.hpp"

namespace jiguan::space {

// ---- Pure rules (unit-tested in campaigns_test.cpp) ---------------------------------------

inline constexpr const char* kStages[] = {"draft", "self_check", "supervision", "rectification", "closed"};
bool is_stage(std::string_view stage);
std::string_view next_stage(std::string_view stage);  // "" after closed
const char* stage_label(std::string_view stage);      // 草稿 自查 督查 整改 结束
bool is_severity(std::string_view severity);          // minor | major | serious
const char* severity_label(std::string_view severity);

// 422 naming the field unless both are valid days and supervision is after self-check.
void check_deadlines(const std::string& self_check_deadline, const std::string& supervision_deadline);
// submitted | late | pending (rules above); today is a China-time day.
std::string_view self_check_status(bool pledge_signed, std::string_view deadline, std::string_view today);
bool is_overdue(std::string_view status, std::string_view due_date, std::string_view today);

// An image sent as a data URL ("data:image/png;base64,…"): its bytes and type. 422 naming
// `field` when the prefix, type (PNG, or JPEG too unless png_only), base64 or size is wrong.
struct Image {
  std::string mime;
  std::string bytes;
};
Image decode_image(const std::string& field, std::string_view data_url, std::size_t max_bytes, bool png_only);
inline constexpr std::size_t kMaxPhotoBytes = 2 * 1024 * 1024;
inline constexpr std::size_t kMaxSignatureBytes = 200 * 1024;

// ---- Campaigns ----------------------------------------------------------------------------

struct CampaignFields {
  std::string name;
  std::string self_check_deadline;
  std::string supervision_deadline;
  std::string notes;
  std::vector<std::int64_t> unit_ids;
};
struct CampaignPatch {
  std::optional<std::string> name;
  std::optional<std::string> self_check_deadline;
  std::optional<std::string> supervision_deadline;
  std::optional<std::string> notes;
  std::optional<std::vector<std::int64_t>> unit_ids;  // draft only
};

// The SELECT list and FROM of a campaign (alias c) with its counts, for campaign_json().
extern const char* const kCampaignColumns;
extern const char* const kCampaignFrom;
boost::json::object campaign_json(const db::Row& row);
// The campaign with its units [{unit_id, unit_name, unit_code}]; 404 when unknown.
boost::json::object find_campaign(db::Tx& tx, std::int64_t tenant_id, std::int64_t id);

std::int64_t create_campaign(db::Tx& tx, const audit::Actor& actor, const CampaignFields& fields);
void update_campaign(db::Tx& tx, const audit::Actor& actor, std::int64_t id, const CampaignPatch& patch);
// Moves the campaign to `stage`, which must be the next one.
void change_stage(db::Tx& tx, const audit::Actor& actor, std::int64_t id, const std::string& stage);

// ---- Self-inspection and pledge -----------------------------------------------------------

struct SelfCheckInput {
  std::string corrections;                         // 0–2000 characters
  std::map<std::int64_t, std::string> room_corrections;  // room id → 1–500 characters
};
// The unit's self-inspection: the snapshot once saved (else today's live rooms), status,
// corrections and pledge. 404 when the unit is not in the campaign's scope.
boost::json::object self_check_json(db::Tx& tx, std::int64_t tenant_id, std::int64_t campaign_id, std::int64_t unit_id);
void save_self_check(db::Tx& tx, const audit::Actor& actor, std::int64_t campaign_id, std::int64_t unit_id,
                     const SelfCheckInput& input);

struct PledgeInput {
  std::string signer_name;  // the unit head, 1–50 characters
  std::string signature;    // PNG data URL
  std::string signed_at;    // ISO-8601 with offset; empty = now
};
// The pledge's PDF: the signed one as stored, or (not signed yet) rendered from the saved
// self-inspection, or today's live figures before it is saved.
std::string pledge_document(db::Tx& tx, std::int64_t tenant_id, std::int64_t campaign_id, std::int64_t unit_id);
// Signs: needs the self-inspection saved (409 self_check_not_saved) and not signed.
void sign_pledge(db::Tx& tx, const audit::Actor& actor, std::int64_t campaign_id, std::int64_t unit_id,
                 const PledgeInput& input);

// What the pledge shows (pledge.cpp renders it).
struct PledgeText {
  std::string campaign_name;
  std::string unit_name;
  std::int64_t rooms = 0;
  std::int64_t area = 0;  // hundredths of m²
  std::int64_t entitlement = 0;
  std::int64_t over_standard_rooms = 0;
  std::string signer_name;    // empty until signed
  std::string signed_on;      // China-time day, empty until signed
  std::string signature_png;  // bytes, empty until signed
};
std::string render_pledge(const PledgeText& pledge);

// ---- Findings and rectification -----------------------------------------------------------

struct FindingInput {
  std::int64_t campaign_id = 0;
  std::int64_t unit_id = 0;
  std::optional<std::int64_t> room_id;  // an office room of the unit
  std::string description;              // 1–1000 characters
  std::string severity;
  std::optional<std::string> photo;  // data URL
};
std::int64_t add_finding(db::Tx& tx, const audit::Actor& actor, const FindingInput& input);

struct RectificationInput {
  std::int64_t campaign_id = 0;
  std::optional<std::int64_t> finding_id;  // of this campaign; gives unit and room when they are not set
  std::optional<std::int64_t> unit_id;
  std::optional<std::int64_t> room_id;
  std::string description;  // 1–1000 characters
  std::string owner_name;   // 1–50 characters
  std::int64_t due_in_days = 0;
};
std::int64_t open_rectification(db::Tx& tx, const audit::Actor& actor, const RectificationInput& input);
// The unit's evidence on an open item (409 invalid_state when closed): text 1–2000 characters.
void add_evidence(db::Tx& tx, const audit::Actor& actor, std::int64_t id, const std::string& text,
                  const std::optional<std::string>& photo);
// A supervisor's re-check: passed closes the item; failed needs a note and may set a new due
// date N working days from today.
void recheck(db::Tx& tx, const audit::Actor& actor, std::int64_t id, bool passed, const std::string& note,
             std::optional<std::int64_t> due_in_days);
// The unit (for the caller's access check) and campaign of an item; 404 when unknown.
struct ItemOwner {
  std::int64_t campaign_id = 0;
  std::int64_t unit_id = 0;
};
ItemOwner rectification_owner(db::Tx& tx, std::int64_t tenant_id, std::int64_t id);

// SELECT lists and FROM of the findings (alias f) and rectification items (alias r) lists.
extern const char* const kFindingColumns;
extern const std::string kFindingFrom;
boost::json::object finding_json(const db::Row& row);
extern const char* const kRectificationColumns;
extern const std::string kRectificationFrom;
boost::json::object rectification_json(const db::Row& row);
boost::json::object find_rectification(db::Tx& tx, std::int64_t tenant_id, std::int64_t id);

// A stored photo (finding: the finding's; rectification: the evidence), 404 when none.
Image stored_photo(db::Tx& tx, std::int64_t tenant_id, const char* table, const char* column, std::int64_t id);

// ---- Progress board -------------------------------------------------------------------------

// Per unit in scope (only units_in_scope when given): self-check status, pledge, findings,
// items open / closed / overdue; and the totals.
boost::json::object campaign_board(db::Tx& tx, std::int64_t tenant_id, std::int64_t campaign_id,
                                   const std::optional<std::vector<std::int64_t>>& units_in_scope);

}  // namespace jiguan::space
