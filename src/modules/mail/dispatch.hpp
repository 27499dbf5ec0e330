// Outgoing dispatch: the outgoing items units handed in (direction out, status received)
// leave the mail room in a batch handed to the post office or a courier. Domain code, no
// HTTP; output_routes.cpp parses the request and calls these inside one transaction.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "modules/mail/mail.hpp"

namespace jiguan::mail {

inline constexpr std::size_t kMaxDispatchItems = 500;

struct DispatchInput {
  std::string carrier;  // 中国邮政, 机要通信局, a courier …
  std::vector<std::int64_t> item_ids;
  // Numbers the post assigned at the counter to items handed in without one: item id → number.
  std::vector<std::pair<std::int64_t, std::string>> tracking_numbers;
  std::string notes;
};

// Checks what needs no database: a carrier, 1–500 distinct items, tracking numbers only for
// listed items, non-empty and not given twice (422 naming the field; 409
// duplicate_tracking_no for a number given to two items).
void check_dispatch_input(const DispatchInput& input);

// Whether an item of the kind leaves only with a tracking number: the kinds registered one
// by one (registered letters, confidential items, parcels) are traced by it; ordinary letters
// and periodicals are not.
bool needs_tracking_no(std::string_view kind);

// Dispatches the items: each must be visible to the caller (404), outgoing (422 item_ids),
// still received (409 invalid_state) and, when confidential, dispatched by a holder of
// mail.confidential (403); traced kinds need a tracking number (given now or at
// registration, 422 tracking_numbers) no other item has (409 duplicate_tracking_no); today
// must be open (409 day_closed). Sets the items dispatched, appends one "dispatched" event
// each and writes one audit row. Returns the dispatch's id.
std::int64_t create_dispatch(db::Tx& tx, const auth::Principal& who, const audit::Actor& actor, const DispatchInput& input);

// A text field of an item's JSON (item_json), "" when null.
std::string item_text(const boost::json::object& item, const char* key);

// The SELECT list and FROM of a dispatch (alias d, with the dispatcher's name), and its JSON.
extern const char* const kDispatchColumns;
extern const char* const kDispatchFrom;
boost::json::object dispatch_json(const db::Row& row);
// The dispatch with its items the caller may see ("items"), else 404.
boost::json::object find_dispatch(db::Tx& tx, const auth::Principal& who, std::int64_t id);

}  // namespace jiguan::mail
