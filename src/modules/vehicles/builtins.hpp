// Built-in data of the vehicles module for every tenant: the vehicle_category and
// vehicle_funding dictionaries and the national configuration standards (with their
// citations and effective dates). Idempotent; not audited (same for every tenant).
#pragma once

#include <cstdint>

#include "core/db/db.hpp"

namespace jiguan::vehicles {

inline constexpr const char* kCategoryDictionary = "vehicle_category";
inline constexpr const char* kFundingDictionary = "vehicle_funding";

void ensure_builtin_data(db::Tx& tx, std::int64_t tenant_id);

}  // namespace jiguan::vehicles
