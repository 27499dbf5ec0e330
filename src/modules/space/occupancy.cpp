// PLACEHOLDER — replaced by its owner.
#include "core/http/api_error.hpp"
#include "modules/space/registry.hpp"

namespace jiguan::space {

std::int64_t assign_occupant(db::Tx&, const audit::Actor&, const OccupancyFields&) { throw http::not_found("房间"); }
void end_occupancy(db::Tx&, const audit::Actor&, std::int64_t, const std::string&) { throw http::not_found("使用记录"); }

}  // namespace jiguan::space
