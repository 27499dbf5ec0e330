// What route registration functions get: the shared services of one running server.
#pragma once

#include "core/auth/sessions.hpp"
#include "core/db/db.hpp"

namespace jiguan::app {

struct Services {
  db::Database& db;
  auth::Sessions& sessions;
};

}  // namespace jiguan::app
