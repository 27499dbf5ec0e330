// Who is making a request, as established by the authentication step.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/access/scope.hpp"

namespace jiguan::auth {

enum class Credential { session_cookie, api_token };

struct Principal {
  std::int64_t tenant_id = 0;
  std::string tenant_code;
  std::string tenant_name;
  std::int64_t account_id = 0;
  std::string username;
  std::string display_name;
  std::string role;
  std::optional<std::int64_t> unit_id;
  Credential credential = Credential::session_cookie;
  std::vector<std::string> permissions;  // the role's permission patterns (access/roles.hpp)
  access::Scope scope;                   // which records this caller may see

  bool can(std::string_view permission) const;
};

}  // namespace jiguan::auth
