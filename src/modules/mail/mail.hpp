// The mail room (收发室): items registered at the counter, their chain of custody, delivery
// to the addressee unit, outgoing dispatch, and the daily close (日清). Domain code, no HTTP:
// the *_routes.cpp files parse requests and call these inside one transaction.
//
// Rules that hold everywhere in the module:
// - Registered letters, confidential items and parcels are one record each and carry a
//   tracking number no other item of the tenant has; ordinary letters and periodicals may be
//   one record per addressee unit with a count (a batch).
// - A confidential item (机要件) is visible only to holders of mail.confidential and to its
//   addressee (the addressee account, or with none the accounts of the addressee unit that
//   hold mail.receive). To everyone else it does not exist: lists leave it out, reads 404.
// - Other items follow the caller's data scope over the addressee unit (incoming) or the
//   sender unit (outgoing).
// - Days up to the last closed day are locked: nothing is registered into them and no item
//   changes state on them.
// - mail_events is append-only (the database refuses UPDATE and DELETE); every state change
//   appends one event in the same transaction as the change.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/audit/audit.hpp"
#include "core/auth/principal.hpp"
#include "core/db/db.hpp"
#include "core/util/time.hpp"

namespace jiguan::mail {

using util::Instant;

bool is_kind(std::string_view kind);            // registered | confidential | ordinary | parcel | periodical
bool is_batch_kind(std::string_view kind);      // ordinary | periodical: may be counted batches
bool is_direction(std::string_view direction);  // in | out
bool is_secrecy_level(std::string_view level);  // secret 秘密 | confidential 机密 | top_secret 绝密
bool is_status(std::string_view status);        // received | notified | delivered | returned | forwarded | dispatched
const char* kind_label(std::string_view kind);  // 挂号信 …
const char* status_label(std::string_view status);
const char* secrecy_label(std::string_view level);
inline constexpr const char* kKinds[] = {"registered", "confidential", "ordinary", "parcel", "periodical"};

// The code printed on an item's label (QR code) and typed by a scanner: "M" and the id in 8
// digits, e.g. "M00000123". parse_item_code() accepts it in any letter case.
std::string item_code(std::int64_t id);
std::optional<std::int64_t> parse_item_code(std::string_view code);

struct ItemFields {
  std::string kind;
  std::string direction = "in";
  std::optional<std::string> tracking_no;  // nullopt or non-empty
  std::int64_t count = 1;
  std::string sender;
  std::optional<std::int64_t> sender_unit_id;     // required for outgoing items
  std::optional<std::int64_t> addressee_unit_id;  // required for incoming items
  std::string addressee;                          // a person's name, or the outside addressee of outgoing mail
  std::optional<std::int64_t> addressee_account_id;
  std::optional<std::string> secrecy_level;  // confidential items only, and required for them
  std::string envelope_no;
  std::string sending_organ;
  std::optional<std::int64_t> slot_id;
  Instant received_at;
  std::string notes;
};

// Checks the fields that need no database (422 naming the field).
void check_item_fields(const ItemFields& f);

// Registers an item: validates against the tenant's units, accounts and slots, refuses a
// duplicate tracking number (409 duplicate_tracking_no) and a locked day (409 day_closed),
// appends the "received" event, notifies the addressee unit's receivers (then the status is
// notified) and writes one audit row. Returns the id.
std::int64_t register_item(db::Tx& tx, const audit::Actor& actor, const ItemFields& fields);

// The SELECT list and FROM of an item (alias i, with unit, slot names), and its JSON.
extern const char* const kItemColumns;
extern const char* const kItemFrom;
boost::json::object item_json(const db::Row& row);

// SQL on alias i restricting items to those the caller may see (rules above); parameters
// are appended to params.
std::string visible_items(const auth::Principal& who, std::vector<db::Value>& params);
// The item as JSON when the caller may see it, else 404.
boost::json::object visible_item(db::Tx& tx, const auth::Principal& who, std::int64_t id);
// The item by label code or tracking number, when the caller may see it, else 404.
boost::json::object lookup_item(db::Tx& tx, const auth::Principal& who, std::string_view code);

// The last closed day of the tenant ("" when none); 409 day_closed when `day` is not after it.
std::string last_closed_day(db::Tx& tx, std::int64_t tenant_id);
void ensure_day_open(db::Tx& tx, std::int64_t tenant_id, const std::string& day);

struct Event {
  std::int64_t item_id = 0;
  std::string action;  // received | notified | handover | delivered | returned | forwarded | dispatched | correction
  Instant at;
  std::string from_name;
  std::optional<std::int64_t> from_account_id;
  std::string to_name;
  std::optional<std::int64_t> to_account_id;
  std::string note;
  std::optional<std::int64_t> corrects_id;
};
// Appends one entry to the item's chain of custody; returns its id.
std::int64_t append_event(db::Tx& tx, const audit::Actor& actor, const Event& event);

// Sends the "mail waiting" notification to the addressee unit's receivers (the addressee
// account when set, else the accounts of the unit holding mail.receive); returns how many.
std::int64_t notify_receivers(db::Tx& tx, std::int64_t tenant_id, std::int64_t item_id);

}  // namespace jiguan::mail
