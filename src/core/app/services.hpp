// What route registration functions get: the shared services of one running server.
#pragma once

#include "core/auth/sessions.hpp"
#include "core/db/db.hpp"

#include <string>
#include <vector>

namespace jiguan::app {

struct Services {
  db::Database& db;
  auth::Sessions& sessions;
  // Every permission some route requires, sorted; filled once all routes are registered.
  std::vector<std::string> permission_catalogue;
};

}  // namespace jiguan::app
