#include "core/app/modules.hpp"

#include "core/access/roles.hpp"
#include "core/app/app.hpp"
#include "core/app/routes.hpp"
#include "core/people/people.hpp"
#include "modules/mail/demo.hpp"
#include "modules/meetings/demo.hpp"
#include "modules/space/demo.hpp"
#include "modules/space/requests.hpp"
#include "modules/space/space.hpp"
#include "modules/meetings/operations.hpp"
#include "modules/vehicles/builtins.hpp"
#include "modules/vehicles/demo.hpp"

namespace jiguan::app {

void register_all_routes(http::Router& router, Services& services) {
  // Request types first: the workflow routes list their permissions in the catalogue.
  meetings::register_request_types();
  space::register_request_types();
  register_system_routes(router, services);
  register_auth_routes(router, services);
  register_org_routes(router, services);
  register_people_routes(router, services);
  register_calendar_routes(router, services);
  register_workflow_routes(router, services);
  register_access_routes(router, services);
  register_audit_routes(router, services);
  register_notification_routes(router, services);
  register_vehicle_routes(router, services);
  register_meeting_routes(router, services);
  register_mail_routes(router, services);
  register_space_routes(router, services);
}

void ensure_tenant_builtins(db::Tx& tx, std::int64_t tenant_id) {
  access::ensure_builtin_roles(tx, tenant_id);
  people::ensure_builtin_dictionaries(tx, tenant_id);
  vehicles::ensure_builtin_data(tx, tenant_id);
  space::ensure_builtin_data(tx, tenant_id);
}

void ensure_builtins_for_all_tenants(db::Database& db) {
  db.write([](db::Tx& tx) {
    for (const auto& row : tx.query("SELECT id FROM tenants ORDER BY id").rows) ensure_tenant_builtins(tx, row.int64(0));
  });
}

void load_module_demo_data(db::Database& db, std::int64_t tenant_id) {
  vehicles::load_demo_data(db, tenant_id);
  meetings::load_demo_data(db, tenant_id);
  mail::load_demo_data(db, tenant_id);
  space::load_demo_data(db, tenant_id);
}

}  // namespace jiguan::app
