// The vehicles module's route groups; register_vehicle_routes() (app/routes.hpp) calls both.
#pragma once

#include "core/app/services.hpp"
#include "core/http/router.hpp"

namespace jiguan::vehicles {

// Registry: vehicles, their timeline and status actions, standards, quotas, import, report.
void register_registry_routes(http::Router& router, app::Services& services);
// Reform: campaigns, decisions, sealing, hand-over, agencies, appraisal, scrapping,
// auctions, remittances, sector allocations, statistics.
void register_reform_routes(http::Router& router, app::Services& services);

}  // namespace jiguan::vehicles
