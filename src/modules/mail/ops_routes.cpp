#include "modules/mail/route_support.hpp"

namespace jiguan::mail {

void register_ops_routes(http::Router&) {}

}  // namespace jiguan::mail
