// The demo tenant's mail room at the seed's volume (Luozhuang's 2016 summary: "机关收发室共收发
// 挂号信2万余封,机要件1400余件,平信约10余万封,做到件件不遗漏,封封无差错"): the 365 days ending
// yesterday (China time), mail on working days, nearly all delivered the same or the next
// working day, every day closed (日清) up to the day before yesterday, yesterday left open to
// practise the close.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "core/db/db.hpp"

namespace jiguan::mail {

// What the demo generated, in letters (a batch by its count) unless said otherwise: the
// statistics over [first_day, last_day] must answer exactly these.
struct DemoCounts {
  std::string first_day, last_day;
  std::map<std::string, std::int64_t> by_kind;
  std::int64_t in = 0, out = 0;
  std::int64_t delivered = 0, returned = 0, forwarded = 0, dispatched = 0, on_hand = 0;
  std::int64_t items = 0, events = 0, dispatches = 0, closed_days = 0;  // rows
};

// Idempotent: nullopt (and nothing written) when the tenant already has mail slots.
std::optional<DemoCounts> load_demo_data(db::Database& db, std::int64_t tenant_id);

}  // namespace jiguan::mail
