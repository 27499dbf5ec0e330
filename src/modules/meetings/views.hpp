// Read views of the meetings module: the rooms × bookings timeline, a room's month calendar,
// iCalendar feeds (per room, per account; authenticated by a feed token, views.cpp) and the
// statistics of held meetings (stats.cpp). Local days are Beijing days (UTC+8).
#pragma once

#include <boost/json/object.hpp>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include "core/access/scope.hpp"
#include "core/audit/audit.hpp"
#include "core/calendar/calendar.hpp"
#include "core/db/db.hpp"
#include "modules/meetings/rules.hpp"

namespace jiguan::meetings {

using calendar::Date;

// {"from","to","rooms":[…],"bookings":[…]}: the active rooms and the live bookings of every
// room overlapping the local days [first, first + days).
boost::json::object timeline(db::Tx& tx, std::int64_t tenant_id, Date first, int days);

// {"room","month","days":[{"date","workday","holiday","bookings"}]}: the live bookings of the
// room and of the rooms tied to it (a combination and its parts) per local day of the month,
// on the tenant's working-day calendar; nullopt when there is no such room.
std::optional<boost::json::object> room_calendar(db::Tx& tx, std::int64_t tenant_id, std::int64_t room_id,
                                                 std::chrono::year_month month);

// ---- Feeds ----

// A new feed token for the actor's account, replacing any earlier one (one audit row).
std::string issue_feed_token(db::Tx& tx, const audit::Actor& actor);
// The hint of a feed token (its last four characters), to tell tokens apart.
std::string feed_token_hint(const std::string& token);
// The hint of the account's feed token; nullopt when it has none.
std::optional<std::string> feed_token_hint(db::Tx& tx, std::int64_t tenant_id, std::int64_t account_id);

struct FeedOwner {
  std::int64_t tenant_id = 0;
  std::string tenant_code;
  std::int64_t account_id = 0;
};
// Whose feed token this is, if the account is active and its role holds meetings.read.
std::optional<FeedOwner> feed_owner(db::Tx& tx, const std::string& token);

// The text/calendar body of a room's live bookings (with those of tied rooms) from 30 days
// ago to a year ahead; nullopt when there is no such room.
std::optional<std::string> room_feed(db::Tx& tx, const FeedOwner& owner, std::int64_t room_id);
// The same for the bookings the owner made.
std::string my_feed(db::Tx& tx, const FeedOwner& owner);

// ---- Statistics ----

// Held meetings (confirmed) starting in the local days [from, to], counted over the host
// units in `scope`: totals, per room (with utilisation of working hours), per unit, per type.
boost::json::object meeting_stats(db::Tx& tx, std::int64_t tenant_id, const access::Scope& scope, Date from, Date to);

}  // namespace jiguan::meetings
