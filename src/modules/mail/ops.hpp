// The mail room's counter operations on an incoming item: notifying the addressee unit,
// delivery against a signature, return and forwarding, the two-person hand-over of
// confidential items (机要件), and corrections of the chain of custody.
//
// Rules (besides those of mail.hpp):
// - Only an incoming item on hand (received or notified) is notified, delivered, returned,
//   forwarded or handed over; anything else is 409 invalid_state naming its status.
// - Every change: one transaction, refused on a locked day (the China date of now), one
//   mail_events row per state change, one audit row (action deliver | return | forward |
//   handover | notify | correct, entity mail_item), and the item answered.
// - An ordinary delivery is signed by the receiver: drawn on screen, or with the password of
//   the receiver's own account (a "PIN").
// - A confidential item changes hands only between two people who each confirm with their own
//   credential: the handing person is the caller, the current custodian, re-entering their
//   password; the receiving person gives username and password. The two differ. A hand-over
//   goes to a holder of mail.confidential; a delivery to the addressee account or, with none,
//   an account of the addressee unit.
// - The chain of custody is never edited: a mistake is corrected by a new "correction" entry
//   referencing the wrong one.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/audit/audit.hpp"
#include "core/auth/principal.hpp"
#include "core/auth/sessions.hpp"
#include "core/db/db.hpp"

namespace jiguan::mail {

// ---- Pure rules (ops_test.cpp) -----------------------------------------------------------

// 409 invalid_state unless the item is incoming and on hand (received or notified).
void check_on_hand(const boost::json::object& item);
// Who holds a confidential item: custodian_account_id, else whoever registered it (nullopt
// when neither is known, e.g. imported items: then any confidential clerk does).
std::optional<std::int64_t> custodian_of(const boost::json::object& item);
// 409 not_custodian unless the account holds the item.
void check_custodian(const boost::json::object& item, std::int64_t account_id);

// A person who confirmed with their own credential.
struct Person {
  std::int64_t account_id = 0;
  std::string name;  // display name
  std::optional<std::int64_t> unit_id;
  std::vector<std::string> permissions;  // of the account's role
};
// 422 receiver when both sides of a hand-over are the same account.
void check_two_people(const Person& handing, const Person& receiving);
// 422 receiver unless the person is the item's addressee account, or with none an account of
// the addressee unit.
void check_addressee(const boost::json::object& item, const Person& receiver);
// 422 receiver unless the person's role names mail.confidential.
void check_confidential_holder(const Person& receiver);

// Max size of a drawn signature's data URL (a 600×200 PNG of strokes is ~20 KB).
inline constexpr std::size_t kMaxSignatureChars = 200 * 1024;
// The PNG bytes of a drawn signature "data:image/png;base64,…"; 422 signature when the prefix,
// the base64 text or the size is wrong.
std::string signature_png(std::string_view data_url);

// ---- Operations (ops.cpp): each verifies credentials first (argon2, ~150 ms, outside any
// transaction), then changes the item in one write transaction and answers it. -------------

struct Credential {
  std::string username;
  std::string password;
};

// Checks an account's password, by username or by id, under the platform's login rules (a
// wrong one counts toward the account's lock and is audited; a locked account answers 423):
// auth::Sessions::check_password bound to the request. The account id, or nullopt.
using PasswordCheck =
    std::function<std::optional<std::int64_t>(const auth::Sessions::AccountKey& account, const std::string& password)>;

// A delivery. Ordinary items: `drawn` (data URL) or `pin` (the receiver's credential);
// receiver_name is required with `drawn` and defaults to the PIN account's name. Confidential
// items: handing_password (the caller's) and `receiver` only.
struct Delivery {
  std::string receiver_name;
  std::optional<std::string> drawn;
  std::optional<Credential> pin;
  std::optional<std::string> handing_password;
  std::optional<Credential> receiver;
  std::string note;
};

// The two people of a confidential hand-over.
struct HandOver {
  std::string handing_password;
  Credential receiver;
  std::string note;
};

boost::json::object notify_item(db::Database& db, const auth::Principal& who, const audit::Actor& actor, std::int64_t id);
boost::json::object deliver_item(db::Database& db, const PasswordCheck& check, const auth::Principal& who,
                                 const audit::Actor& actor, std::int64_t id, const Delivery& delivery);
boost::json::object hand_over_item(db::Database& db, const PasswordCheck& check, const auth::Principal& who,
                                   const audit::Actor& actor, std::int64_t id, const HandOver& handover);
boost::json::object return_item(db::Database& db, const auth::Principal& who, const audit::Actor& actor, std::int64_t id,
                                const std::string& reason);
boost::json::object forward_item(db::Database& db, const auth::Principal& who, const audit::Actor& actor, std::int64_t id,
                                 const std::string& to, const std::string& reason);
// Appends a correction of the item's event (404 when the event is not the item's).
boost::json::object correct_event(db::Database& db, const auth::Principal& who, const audit::Actor& actor, std::int64_t id,
                                  std::int64_t event_id, const std::string& note);

// The drawn signature of a visible item as PNG bytes; 404 when it has none.
std::string item_signature(db::Tx& tx, const auth::Principal& who, std::int64_t id);

}  // namespace jiguan::mail
