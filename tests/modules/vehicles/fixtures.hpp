// Fixtures for the vehicles module's API tests: vehicles inserted straight into the test
// server's database (so the reform's tests do not depend on the registry's API), sectors
// with a lead department, and a campaign with a unit's vehicles enrolled.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "support/test_server.hpp"

namespace jiguan::test::vehicle_fixtures {

struct VehicleRow {
  std::string plate;
  std::int64_t owner_unit_id = 0;
  std::string category = "general";
  std::int64_t purchase_price_fen = 15'000'000;  // 150,000.00 yuan
  std::string status = "in_service";
};
std::int64_t insert_vehicle(TestServer& server, const VehicleRow& vehicle);

// A sector (口) under the root unit with one department under it as its lead unit.
struct Sector {
  std::int64_t id = 0;
  std::int64_t lead_unit_id = 0;
};
Sector create_sector(TestServer& server, const std::string& code, const std::string& name);

// A campaign started 2016-03-01 with hand-over deadline 2016-06-30, created by admin
// through the API with the units given; returns its id.
std::int64_t create_campaign(TestServer& server, const std::string& name, const std::vector<std::int64_t>& unit_ids);

// A vehicle of the unit taken through a campaign of its own (cancelled, sealed, handed over,
// appraised for auction) and listed in a draft batch; returns the lot's id.
std::int64_t listed_lot(TestServer& server, const std::string& plate, std::int64_t unit_id);

}  // namespace jiguan::test::vehicle_fixtures
