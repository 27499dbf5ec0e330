// Health: answers 200 when the database answers a query, 503 otherwise.
#include <boost/json.hpp>

#include "core/app/routes.hpp"

namespace jiguan::app {

void register_system_routes(http::Router& router, Services& services) {
  router.add({"GET", "/healthz", http::Access::open, "",
              [&services](http::Context&) {
                const auto backend = std::string(db::dialect_name(services.db.dialect()));
                try {
                  services.db.read([](db::Tx& tx) { tx.query("SELECT 1"); });
                } catch (const db::DbError&) {
                  return http::Response::json({{"status", "unavailable"}, {"db", backend}, {"version", JIGUAN_VERSION}}, 503);
                }
                return http::Response::json({{"status", "ok"}, {"db", backend}, {"version", JIGUAN_VERSION}});
              },
              {"服务健康状态", "system", {}, nullptr,
               http::object_schema({{"status", "string"}, {"db", "string"}, {"version", "string"}}, {"status", "db", "version"})}});
}

}  // namespace jiguan::app
