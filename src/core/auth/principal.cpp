#include "core/auth/principal.hpp"

#include "core/access/roles.hpp"

namespace jiguan::auth {

bool Principal::can(std::string_view permission) const { return access::permissions_grant(permissions, permission); }

}  // namespace jiguan::auth
