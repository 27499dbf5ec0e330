#include "core/auth/principal.hpp"

namespace jiguan::auth {

bool role_grants(std::string_view role, std::string_view permission) {
  if (role == "admin") return true;
  return permission.ends_with(".read");
}

}  // namespace jiguan::auth
