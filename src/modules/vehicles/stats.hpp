// The reform's statistics (GET /api/v1/vehicles/stats?campaign=ID): the numbers the seed
// reports — units and vehicles taking part, cancelled and retained, scrapped and auctioned,
// auction batches, income from auctions and scrapping, what was remitted, and the retained
// vehicles allocated to each sector. Every amount is integer fen, summed exactly.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>

#include "core/db/db.hpp"

namespace jiguan::vehicles {

// {"participating_units","vehicles","cancelled","retained","scrapped","auctioned",
//  "auction_batches","auction_income_fen","scrap_income_fen","remitted_fen",
//  "retained_by_sector":[{"sector_id","name","lead_unit","vehicles"}]}: auction income =
// hammer prices of sold lots; scrap income = residual income; retained_by_sector counts
// the current allocations of the campaign's retained vehicles, per sector (by its order),
// with the sector's current lead unit. Throws http::not_found for an unknown campaign.
boost::json::object campaign_stats(db::Tx& tx, std::int64_t tenant_id, std::int64_t campaign_id);

}  // namespace jiguan::vehicles
