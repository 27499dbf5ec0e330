#include "modules/vehicles/routes.hpp"

#include "core/app/routes.hpp"

namespace jiguan::app {

void register_vehicle_routes(http::Router& router, Services& services) {
  vehicles::register_registry_routes(router, services);
  vehicles::register_reform_routes(router, services);
}

}  // namespace jiguan::app
