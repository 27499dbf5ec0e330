// The demo tenant's vehicles: the seed's reform replayed exactly (67 units, 507 vehicles,
// 293 cancelled: 62 scrapped and 231 auctioned in 6 batches for 5,111,780.00 yuan;
// 5,138,004.00 yuan remitted; 214 retained, 57 of them allocated to the 15 sectors).
#pragma once

#include <cstdint>

#include "core/db/db.hpp"

namespace jiguan::vehicles {

// Idempotent: does nothing when the tenant already has vehicles.
void load_demo_data(db::Database& db, std::int64_t tenant_id);

}  // namespace jiguan::vehicles
