// The demo tenant, modelled on the seed (Luozhuang district's 2016 summary): the bureau
// with its 10 sections, the district's 67 departments grouped into 15 sectors (口) with
// their lead units, their people (the bureau's 33, 2–3 per department), and one account per
// built-in role. Loading is idempotent: what exists is left alone.
#pragma once

#include <cstdint>
#include <string>

#include "core/db/db.hpp"

namespace jiguan::demo {

inline constexpr const char* kTenantCode = "luozhuang";
inline constexpr const char* kPassword = "Jiguan@2016";  // every demo account's password

struct DemoReport {
  std::int64_t tenant_id = 0;
  bool created_units = false;
  int accounts_created = 0;
};

// The platform's part (units, people, accounts); app::load_module_demo_data() adds the
// business modules' records afterwards.
DemoReport load_demo_data(db::Database& db);

}  // namespace jiguan::demo
