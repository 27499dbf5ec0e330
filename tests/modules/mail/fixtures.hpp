// Fixtures for the mail room's API tests: items registered through the API.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <string>

#include "support/expect.hpp"
#include "support/test_server.hpp"

namespace jiguan::test::mail_fixtures {

inline constexpr const char* kItems = "/api/v1/mail/items";

// An incoming registered letter for the unit, received 2026-03-02 09:00 Beijing time,
// with the given fields over those defaults.
boost::json::object incoming(std::int64_t unit_id, const std::string& tracking_no, boost::json::object fields = {});
// A confidential item (机要件, 机密) for the unit.
boost::json::object confidential(std::int64_t unit_id, const std::string& tracking_no);

// Registers the body with the client (201 expected); returns the item.
boost::json::object register_item(HttpClient& client, const boost::json::object& body);

// The id of the tenant's account with that username (e.g. one made by sign_in_as).
std::int64_t account_id(TestServer& server, const std::string& username);
// A drawn signature as a signature pad sends it: a 1×1 PNG data URL.
inline constexpr const char* kSignaturePng =
    "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

// An outgoing item (direction out) handed in by the unit, received now: a registered letter
// without a tracking number (the post assigns it at dispatch), with the fields over those.
boost::json::object outgoing(std::int64_t sender_unit_id, boost::json::object fields = {});

}  // namespace jiguan::test::mail_fixtures
