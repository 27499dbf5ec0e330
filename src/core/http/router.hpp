// Routes: method + path pattern ("/api/v1/units/{id}") → handler, with the documentation
// that the OpenAPI document is generated from, so the two cannot drift apart.
#pragma once

#include <boost/json/value.hpp>
#include <functional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/http/context.hpp"
#include "core/http/message.hpp"

namespace jiguan::http {

using Handler = std::function<Response(Context&)>;

enum class Access {
  open,           // no credentials needed (health, login, public pages)
  authenticated,  // any signed-in account
};

struct QueryParamDoc {
  std::string name;
  std::string type;  // "string" | "integer" | "boolean"
  std::string description;
};

struct RouteDoc {
  std::string summary;
  std::string tag;
  std::vector<QueryParamDoc> query;
  boost::json::value request_schema;   // null when the route takes no body
  boost::json::value response_schema;  // schema of the success body; null for 204
  int success_status = 200;
};

struct Route {
  std::string method;
  std::string pattern;
  Access access = Access::authenticated;
  std::string permission;  // e.g. "org.write"; empty = any authenticated account
  Handler handler;
  RouteDoc doc;
};

class Router {
 public:
  void add(Route route);
  const std::vector<Route>& routes() const { return routes_; }

  struct Match {
    const Route* route = nullptr;  // null: no route for this path+method
    std::unordered_map<std::string, std::string> params;
    std::vector<std::string> allowed_methods;  // non-empty when the path exists for other methods
  };
  Match match(std::string_view method, std::string_view path) const;

 private:
  struct Compiled {
    std::vector<std::string> segments;  // "{name}" marks a parameter
  };
  std::vector<Route> routes_;
  std::vector<Compiled> compiled_;
};

}  // namespace jiguan::http
