// Notifications (站内通知): short messages to one account — a booking displaced by a priority
// meeting, an approval decision, a released booking — that the recipient lists and marks
// read (routes.cpp). Any module sends them with send(), inside the transaction of the change
// that causes them, so a notification exists exactly when its change does; that change's
// audit row covers it.
//
// Rules:
// - A notification belongs to its recipient alone: every read or change is restricted to
//   the caller's own, and another's answers 404, like a missing one.
// - Marking read sets read_at once; marking a read notification again changes nothing.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <string>

#include "core/audit/audit.hpp"
#include "core/auth/principal.hpp"
#include "core/db/db.hpp"

namespace jiguan::notify {

struct Message {
  std::string kind;   // what it is about, e.g. "meetings.displaced" (clients may pick an icon)
  std::string title;  // one line
  std::string body;   // the details, plain text
  std::string link;   // where the web app shows the subject, e.g. "/meetings/bookings/12"; may be empty
};

// Stores a notification for the account of the tenant. Returns its id.
std::int64_t send(db::Tx& tx, std::int64_t tenant_id, std::int64_t account_id, const Message& message);

// The SELECT list and FROM of notifications (alias n), and one row of it as JSON
// {id, kind, title, body, link, created_at, read_at, read}.
extern const char* const kColumns;
extern const char* const kFrom;
boost::json::object notification_json(const db::Row& row);

// Marks the caller's notification read (404 when it is not theirs); returns it.
boost::json::object mark_read(db::Tx& tx, const auth::Principal& who, const audit::Actor& actor, std::int64_t id);
// Marks every unread notification of the caller read; returns how many.
std::int64_t mark_all_read(db::Tx& tx, const auth::Principal& who, const audit::Actor& actor);

}  // namespace jiguan::notify
