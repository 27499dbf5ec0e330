// The daily close (日清) and the statistics of the mail room. For each kind, counting letters
// (a batch by its count): on hand at start + received = delivered + returned + forwarded +
// dispatched + on hand at end. The figures always balance by construction; what can fail is
// the physical check at close: the clerk scans every individually registered item on the
// shelf and counts the batch kinds, and each difference from the expected stock must be
// explained before the day closes. A closed day is locked (mail.hpp) and signed (digest).
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/audit/audit.hpp"
#include "core/auth/principal.hpp"
#include "core/db/db.hpp"

namespace jiguan::mail {

// One kind's movement over a day, in letters.
struct Flow {
  std::int64_t start = 0, received = 0, delivered = 0, returned = 0, forwarded = 0, dispatched = 0, end = 0;
};
// The rule: start + received = delivered + returned + forwarded + dispatched + end.
bool balances(const Flow& f);
using Figures = std::map<std::string, Flow>;  // by kind, every kind of kKinds present
Figures empty_figures();
Flow totals_of(const Figures& figures);

// What the close counts of an item: its kind, letters and the days it came and left.
struct Movement {
  std::string kind;
  std::int64_t count = 1;
  std::string received_on;
  std::optional<std::string> closed_on;  // nullopt while on hand
  std::string status;
};
// Adds the item to the figures of `day` (nothing when it was not in the mail room that day).
void tally(Figures& figures, const std::string& day, const Movement& item);
// The tenant's figures of the day from the items as they are now.
Figures day_figures(db::Tx& tx, std::int64_t tenant_id, const std::string& day);
// {"by_kind":{kind:{start,…,end}},"totals":{…}}: the stored and answered form.
boost::json::object figures_json(const Figures& figures);
// The signature of a closed day: SHA-256 hex of "day|figures|explanations" (serialised JSON).
std::string close_digest(const std::string& day, const std::string& figures, const std::string& explanations);

// An item expected on the shelf at the end of the day (individually registered kinds).
struct Expected {
  std::int64_t id = 0;
  std::string kind;
  std::optional<std::string> tracking_no;
  std::optional<std::string> addressee_unit_name;
};

struct Difference {
  std::string type;  // missing | unexpected | count_mismatch
  std::optional<std::int64_t> item_id;
  std::optional<std::string> tracking_no;
  std::string kind;
  std::optional<std::string> addressee_unit_name;
  std::int64_t expected = 0, counted = 0;
};
// The differences between the expected stock and the physical check: expected items not
// present (missing), present items not expected (unexpected), batch kinds whose count differs
// from `end_letters` (the figures' end; a kind not counted counts 0). Order: missing,
// unexpected, count_mismatch, each by id or kind.
std::vector<Difference> find_differences(const std::vector<Expected>& expected, const std::vector<Expected>& present,
                                         const std::map<std::string, std::int64_t>& counted, const Figures& end_letters);

// A clerk's explanation of a difference: by item (missing, unexpected), by batch kind
// (count_mismatch) or by kind "confidential" (every confidential item's difference, given by a
// holder of mail.confidential only).
struct Explanation {
  std::optional<std::int64_t> item_id;
  std::string kind;
  std::string note;
};
// The explanation that covers the difference, or nullptr. Confidential differences are
// explained only when `confidential_holder` (the explanations come from such a caller).
const Explanation* explanation_for(const Difference& d, const std::vector<Explanation>& explanations, bool confidential_holder);
// The difference as JSON; a confidential item's identity is hidden unless `reveal`.
boost::json::object difference_json(const Difference& d, bool reveal);
// "缺少 M00000123（XA123，区教育和体育局）", or "缺少机要件 1 件" when hidden.
std::string describe(const Difference& d, bool reveal);

struct CloseInput {
  std::vector<std::string> present;  // label codes or tracking numbers scanned
  std::map<std::string, std::int64_t> counted;
  std::vector<Explanation> explanations;
};

// Closes the day (rules in days.cpp); one mail_days row and one audit row. Returns day_json().
boost::json::object close_day(db::Tx& tx, const auth::Principal& who, const audit::Actor& actor, const std::string& day,
                              const CloseInput& input);
// The day as answered by GET /mail/days/{date}: closed or not, figures (as stored when closed,
// else as of now), and the items the caller may see that are expected on the shelf.
boost::json::object day_json(db::Tx& tx, const auth::Principal& who, const std::string& day);
// A stored explanations array with confidential identities hidden unless `reveal`.
boost::json::array shown_explanations(const std::string& stored, bool reveal);

// GET /mail/stats over days [from, to] by received_on (incoming by addressee unit, data scope
// of the caller; confidential items are counted, being numbers, not records).
boost::json::object mail_stats(db::Tx& tx, const auth::Principal& who, const std::string& from, const std::string& to);

}  // namespace jiguan::mail
