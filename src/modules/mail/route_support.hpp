// Helpers shared by the mail room's route files (routes.cpp: items, lookup, slots; the other
// *_routes.cpp files: delivery and hand-over, the daily close and statistics, dispatch and
// labels), and the registration functions register_mail_routes() calls.
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/value.hpp>
#include <cstdint>

#include "core/auth/sessions.hpp"
#include "core/db/db.hpp"
#include "core/http/router.hpp"

namespace jiguan::mail {

boost::json::value item_schema();   // an item as answered (OpenAPI)
boost::json::value event_schema();  // one entry of an item's chain of custody (OpenAPI)
// The item's chain of custody, oldest first, as JSON objects.
boost::json::array item_events(db::Tx& tx, std::int64_t tenant_id, std::int64_t item_id);

// Delivery, notification, return, forwarding, hand-over of confidential items and
// corrections of the chain of custody (ops_routes.cpp).
void register_ops_routes(http::Router& router, auth::Sessions& sessions);
// The daily close and statistics (day_routes.cpp).
void register_day_routes(http::Router& router);
// Outgoing dispatch and printed labels (output_routes.cpp).
void register_output_routes(http::Router& router);

}  // namespace jiguan::mail
