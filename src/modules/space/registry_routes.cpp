// PLACEHOLDER — replaced by its owner.
#include "modules/space/route_support.hpp"

namespace jiguan::space {

void register_registry_routes(http::Router&) {}

}  // namespace jiguan::space
