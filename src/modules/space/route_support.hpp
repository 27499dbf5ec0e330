// The registration functions register_space_routes() (routes.cpp) calls, one per route file.
#pragma once

#include "core/http/router.hpp"

namespace jiguan::space {

// Buildings, floors, rooms, import, occupancy (registry_routes.cpp).
void register_registry_routes(http::Router& router);
// Standards, settings, live compliance, statistics, the leaders' offices report
// (compliance_routes.cpp).
void register_compliance_routes(http::Router& router);
// Inspection campaigns: self-inspection, pledges, findings, rectification (campaign_routes.cpp).
void register_campaign_routes(http::Router& router);
// Door plates, floor directory and the public building directory (directory_routes.cpp).
void register_directory_routes(http::Router& router);

}  // namespace jiguan::space
