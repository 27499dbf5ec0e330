// The application: every route of every module, behind one dispatcher that authenticates,
// checks CSRF and permissions, and turns any failure into a JSON error (never a crash).
#pragma once

#include <boost/json/value.hpp>
#include <memory>
#include <string>

#include "core/app/services.hpp"
#include "core/auth/sessions.hpp"
#include "core/http/message.hpp"
#include "core/http/router.hpp"
#include "core/http/static_files.hpp"

namespace jiguan::app {

struct AppConfig {
  std::string static_dir = "web/dist";
  auth::SessionPolicy session_policy;
};

class App {
 public:
  App(db::Database& db, const AppConfig& config);
  http::Response handle(http::Request& request) noexcept;
  const http::Router& router() const { return router_; }
  const boost::json::value& openapi() const { return openapi_; }

 private:
  http::Response dispatch_api(http::Request& request);
  void record_denial(const auth::Principal& who, const http::Request& request, const std::string& reason);

  db::Database& db_;
  auth::Sessions sessions_;
  Services services_;
  http::Router router_;
  http::StaticFiles static_files_;
  boost::json::value openapi_;
};

// Each area adds its routes here (src/core/app/modules.cpp lists them all, in one place).
void register_all_routes(http::Router& router, Services& services);

}  // namespace jiguan::app
