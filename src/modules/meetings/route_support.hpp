// Helpers shared by the module's route files (routes.cpp: rooms and bookings; the other
// *_routes.cpp files: series, approvals and services, views, feeds and statistics), and the
// registration functions register_meeting_routes() calls.
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <string>
#include <vector>

#include "core/http/context.hpp"
#include "core/http/router.hpp"
#include "modules/meetings/meetings.hpp"

namespace jiguan::meetings {

boost::json::value booking_schema();        // a booking as answered (OpenAPI)
boost::json::value booking_input_schema();  // the body of POST /meetings/bookings (OpenAPI)
// The fields of a booking body (POST /meetings/bookings and the series' template).
BookingFields booking_fields(const http::JsonBody& body);
// A query parameter that must be an ISO-8601 time with an offset (422 naming it otherwise).
Instant query_instant(const http::Context& ctx, const char* name);
// The same as stored UTC text, for comparing with stored times; "" when absent or empty.
std::string optional_query_utc(const http::Context& ctx, const char* name);
// The caller's bookings as SQL on alias b: those of units in the data scope (and, for
// `self`, their own), parameters appended to params.
std::string booking_scope(const http::Context& ctx, std::vector<db::Value>& params);
// The booking as JSON when the caller may see it, else 404.
boost::json::object visible_booking(const http::Context& ctx, db::Tx& tx, std::int64_t id);

// The timeline, month calendar, iCalendar feeds and statistics (views_routes.cpp).
void register_views_routes(http::Router& router);

// Recurring series and editing bookings (series_routes.cpp).
void register_series_routes(http::Router& router);
// Approval, displacement, check-in and release, settings, service tasks (ops_routes.cpp).
void register_ops_routes(http::Router& router);
// The reason of a body's "displace":{"reason":"…"} (a priority booking taking the slot of
// others), nullopt without one; 422 "displace" when it is not such an object.
std::optional<std::string> displace_reason(const http::JsonBody& body);

}  // namespace jiguan::meetings
