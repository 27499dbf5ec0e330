#include "modules/mail/route_support.hpp"

namespace jiguan::mail {

void register_day_routes(http::Router&) {}

}  // namespace jiguan::mail
