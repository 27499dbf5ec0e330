// Demo data of office space: the government building's 230 numbered rooms (the seed: "对办公
// 大楼230个房间进行门牌编号"), the bureau's own offices as the seed describes them, the other
// units' offices with a few over the standard.
#pragma once

#include <cstdint>

#include "core/db/db.hpp"

namespace jiguan::space {

// Idempotent: does nothing when the tenant has buildings already.
void load_demo_data(db::Database& db, std::int64_t tenant_id);

}  // namespace jiguan::space
