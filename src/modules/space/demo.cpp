// PLACEHOLDER — replaced by its owner.
#include "modules/space/demo.hpp"

namespace jiguan::space {

void load_demo_data(db::Database&, std::int64_t) {}

}  // namespace jiguan::space
