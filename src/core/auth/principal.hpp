// Who is making a request, as established by the authentication step.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

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
};

// Until the roles-and-scopes service arrives, a built-in role grants permissions by action:
// "admin" may do everything, every other role may read ("<module>.read").
bool role_grants(std::string_view role, std::string_view permission);

}  // namespace jiguan::auth
