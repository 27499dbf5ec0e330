// The demo tenant's meetings: the seed's rooms (会议保障: the renovated fifth-floor hall, the
// multi-function hall made of 罗庄厅 and 盛庄厅, the small meeting rooms, the conference
// centre of the People's Congress and CPPCC sessions) and a year of bookings (2026: "全年共
// 服务大小会议900余场次"), with weekly series, cancellations and services.
#pragma once

#include <cstdint>

#include "core/db/db.hpp"

namespace jiguan::meetings {

// Idempotent: does nothing when the tenant already has meeting rooms.
void load_demo_data(db::Database& db, std::int64_t tenant_id);

}  // namespace jiguan::meetings
