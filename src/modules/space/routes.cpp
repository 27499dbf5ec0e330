// HTTP routes of office space: each route file registers its part.
#include "core/app/routes.hpp"
#include "modules/space/route_support.hpp"

namespace jiguan::app {

void register_space_routes(http::Router& router, Services&) {
  space::register_registry_routes(router);
  space::register_compliance_routes(router);
  space::register_campaign_routes(router);
  space::register_directory_routes(router);
}

}  // namespace jiguan::app
