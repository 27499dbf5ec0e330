#include "modules/vehicles/stats.hpp"

#include <boost/json.hpp>

#include "core/http/api_error.hpp"
#include "modules/vehicles/disposal.hpp"
#include "modules/vehicles/reform.hpp"

namespace jiguan::vehicles {
namespace json = boost::json;

json::object campaign_stats(db::Tx& tx, std::int64_t tenant_id, std::int64_t campaign_id) {
  if (tx.query("SELECT 1 FROM vehicle_campaigns WHERE tenant_id = $1 AND id = $2", tenant_id, campaign_id).empty()) {
    throw http::not_found("车改");
  }
  // COUNT(*) of rows of the campaign ($2) in the tenant ($1).
  const auto count = [](const std::string& from, const std::string& alias, const std::string& condition = "") {
    return "(SELECT COUNT(*) FROM " + from + " WHERE " + alias + ".tenant_id = $1 AND " + alias + ".campaign_id = $2" +
           condition + ")";
  };
  const std::string sold_lots = "auction_lots l JOIN auction_batches b ON b.tenant_id = l.tenant_id AND b.id = l.batch_id";
  const auto counts = tx.query("SELECT " + count("campaign_units cu", "cu") + ", " + count("campaign_vehicles cv", "cv") + ", " +
                                   count("campaign_vehicles cv", "cv", " AND cv.decision = 'cancel'") + ", " +
                                   count("campaign_vehicles cv", "cv", " AND cv.decision = 'retain'") + ", " +
                                   count("vehicle_scrappings s", "s") + ", " + count(sold_lots, "b", " AND l.result = 'sold'") +
                                   ", " + count("auction_batches b", "b", " AND b.status <> 'draft'"),  // held, not drafts
                               tenant_id, campaign_id);
  const auto& c = counts.one();
  const auto money = campaign_money(tx, tenant_id, campaign_id);

  json::array by_sector;
  for (const auto& row :
       tx.query("SELECT s.id, s.name, l.name, COUNT(*) FROM vehicle_sector_allocations a"
                " JOIN campaign_vehicles cv ON cv.tenant_id = a.tenant_id AND cv.vehicle_id = a.vehicle_id"
                " JOIN units s ON s.tenant_id = a.tenant_id AND s.id = a.sector_id"
                " LEFT JOIN units l ON l.tenant_id = s.tenant_id AND l.id = s.lead_unit_id"
                " WHERE a.tenant_id = $1 AND cv.campaign_id = $2 AND cv.decision = 'retain' AND a.effective_to IS NULL"
                " GROUP BY s.id, s.name, l.name, s.sort_order ORDER BY s.sort_order, s.id",
                tenant_id, campaign_id)
           .rows) {
    by_sector.push_back(
        {{"sector_id", row.int64(0)}, {"name", row.text(1)}, {"lead_unit", nullable_text(row, 2)}, {"vehicles", row.int64(3)}});
  }
  return {{"participating_units", c.int64(0)},
          {"vehicles", c.int64(1)},
          {"cancelled", c.int64(2)},
          {"retained", c.int64(3)},
          {"scrapped", c.int64(4)},
          {"auctioned", c.int64(5)},
          {"auction_batches", c.int64(6)},
          {"auction_income_fen", money.auction_income_fen},
          {"scrap_income_fen", money.scrap_income_fen},
          {"remitted_fen", money.remitted_fen},
          {"retained_by_sector", std::move(by_sector)}};
}

}  // namespace jiguan::vehicles
