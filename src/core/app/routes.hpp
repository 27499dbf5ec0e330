// Route registration functions of each area; modules.cpp calls them all.
#pragma once

#include "core/app/services.hpp"
#include "core/http/openapi.hpp"
#include "core/http/router.hpp"

namespace jiguan::app {

void register_system_routes(http::Router& router, Services& services);
void register_auth_routes(http::Router& router, Services& services);
void register_org_routes(http::Router& router, Services& services);
void register_people_routes(http::Router& router, Services& services);
void register_calendar_routes(http::Router& router, Services& services);
void register_workflow_routes(http::Router& router, Services& services);
void register_access_routes(http::Router& router, Services& services);
void register_audit_routes(http::Router& router, Services& services);
void register_notification_routes(http::Router& router, Services& services);
void register_vehicle_routes(http::Router& router, Services& services);
void register_meeting_routes(http::Router& router, Services& services);
void register_mail_routes(http::Router& router, Services& services);
void register_space_routes(http::Router& router, Services& services);

}  // namespace jiguan::app
