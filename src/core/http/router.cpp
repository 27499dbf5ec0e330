#include "core/http/router.hpp"

#include <stdexcept>

namespace jiguan::http {
namespace {

std::vector<std::string> split_path(std::string_view path) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < path.size()) {
    if (path[i] == '/') {
      ++i;
      continue;
    }
    auto end = path.find('/', i);
    if (end == std::string_view::npos) end = path.size();
    out.emplace_back(path.substr(i, end - i));
    i = end;
  }
  return out;
}

bool is_param(const std::string& segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

}  // namespace

void Router::add(Route route) {
  for (const auto& r : routes_) {
    if (r.method == route.method && r.pattern == route.pattern) {
      throw std::logic_error("route registered twice: " + route.method + " " + route.pattern);
    }
  }
  compiled_.push_back({split_path(route.pattern)});
  routes_.push_back(std::move(route));
}

Router::Match Router::match(std::string_view method, std::string_view path) const {
  Match result;
  const auto segments = split_path(path);
  // Literal segments win over parameters ("/units/tree" before "/units/{id}"): a route
  // matches only if no other route matches with a literal where it has a parameter.
  int best_literals = -1;
  for (std::size_t i = 0; i < routes_.size(); ++i) {
    const auto& pattern = compiled_[i].segments;
    if (pattern.size() != segments.size()) continue;
    std::unordered_map<std::string, std::string> params;
    int literals = 0;
    bool ok = true;
    for (std::size_t s = 0; s < pattern.size() && ok; ++s) {
      if (is_param(pattern[s])) {
        params[pattern[s].substr(1, pattern[s].size() - 2)] = segments[s];
      } else if (pattern[s] == segments[s]) {
        ++literals;
      } else {
        ok = false;
      }
    }
    if (!ok) continue;
    const bool method_ok = routes_[i].method == method || (method == "HEAD" && routes_[i].method == "GET");
    if (!method_ok) {
      result.allowed_methods.push_back(routes_[i].method);
      continue;
    }
    if (literals > best_literals) {
      best_literals = literals;
      result.route = &routes_[i];
      result.params = std::move(params);
    }
  }
  return result;
}

}  // namespace jiguan::http
