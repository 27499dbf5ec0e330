#include "modules/vehicles/routes.hpp"

#include "core/app/routes.hpp"

namespace jiguan::vehicles {

void register_registry_routes(http::Router&, app::Services&) {}
void register_reform_routes(http::Router&, app::Services&) {}

}  // namespace jiguan::vehicles

namespace jiguan::app {

void register_vehicle_routes(http::Router& router, Services& services) {
  vehicles::register_registry_routes(router, services);
  vehicles::register_reform_routes(router, services);
}

}  // namespace jiguan::app
