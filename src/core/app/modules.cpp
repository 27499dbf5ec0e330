#include "core/app/app.hpp"
#include "core/app/routes.hpp"

namespace jiguan::app {

void register_all_routes(http::Router& router, Services& services) {
  register_system_routes(router, services);
  register_auth_routes(router, services);
  register_org_routes(router, services);
  register_people_routes(router, services);
  register_calendar_routes(router, services);
  register_workflow_routes(router, services);
  register_access_routes(router, services);
  register_audit_routes(router, services);
}

}  // namespace jiguan::app
