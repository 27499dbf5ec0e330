#include "modules/vehicles/demo.hpp"

namespace jiguan::vehicles {

void load_demo_data(db::Database&, std::int64_t) {}

}  // namespace jiguan::vehicles
