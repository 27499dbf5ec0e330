#include "modules/vehicles/fixtures.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "core/org/units.hpp"
#include "core/people/people.hpp"
#include "core/util/time.hpp"

namespace jiguan::test::vehicle_fixtures {

std::int64_t insert_vehicle(TestServer& server, const VehicleRow& v) {
  return server.db().write([&](db::Tx& tx) {
    const auto now = util::now_utc();
    return tx
        .query(
            "INSERT INTO vehicles (tenant_id, plate, brand_model, category, displacement_ml, seats, purchase_date, "
            "purchase_price_fen, funding_source, owner_unit_id, status, created_at, updated_at) "
            "VALUES ($1, $2, '桑塔纳 1.8', $3, 1781, 5, '2012-05-01', $4, 'budget', $5, $6, $7, $7) RETURNING id",
            server.seed().tenant_id, v.plate, v.category, v.purchase_price_fen, v.owner_unit_id, v.status, now)
        .one()
        .int64(0);
  });
}

Sector create_sector(TestServer& server, const std::string& code, const std::string& name) {
  const auto actor = audit::system_actor(server.seed().tenant_id, "test");
  return server.db().write([&](db::Tx& tx) {
    Sector sector;
    sector.id = org::create_unit(tx, actor, {code, name, "sector", server.seed().root_unit, 0});
    sector.lead_unit_id = org::create_unit(tx, actor, {code + "-L", name + "牵头部门", "department", sector.id, 0});
    people::set_sector_lead(tx, actor, sector.id, sector.lead_unit_id);
    return sector;
  });
}

std::int64_t create_campaign(TestServer& server, const std::string& name, const std::vector<std::int64_t>& unit_ids) {
  auto admin = server.admin();
  auto res = admin.post("/api/v1/vehicles/campaigns", {{"name", name},
                                                       {"start_date", "2016-03-01"},
                                                       {"handover_deadline", "2016-06-30"},
                                                       {"unit_ids", boost::json::value_from(unit_ids)}});
  EXPECT_EQ(res.status, 201) << res.body;
  return res.status == 201 ? res.json().at("id").as_int64() : 0;
}

std::int64_t listed_lot(TestServer& server, const std::string& plate, std::int64_t unit_id) {
  namespace json = boost::json;
  auto admin = server.admin();
  const auto vehicle = insert_vehicle(server, {plate, unit_id});
  const auto campaign = "/api/v1/vehicles/campaigns/" + std::to_string(create_campaign(server, "车改 " + plate, {unit_id}));
  const auto created = [&](const std::string& target, const json::object& body) {
    auto res = admin.post(target, body);
    EXPECT_EQ(res.status, 201) << target << " " << res.body;
    return res.status == 201 ? res.json().at("id").as_int64() : 0;
  };
  const auto appraiser = created("/api/v1/vehicles/agencies", {{"kind", "appraiser"}, {"name", "评估 " + plate}});
  const auto house = created("/api/v1/vehicles/agencies", {{"kind", "auction_house"}, {"name", "拍卖 " + plate}});
  const auto vehicle_step = campaign + "/vehicles/" + std::to_string(vehicle) + "/";
  for (const auto& [step, body] : std::vector<std::pair<std::string, json::object>>{
           {"decision", {{"decision", "cancel"}, {"decided_on", "2016-05-10"}}},
           {"seal", {{"sealed_on", "2016-06-10"}, {"seal_place", "停车场"}, {"keys_received", 1}}},
           {"hand-over",
            {{"handed_over_on", "2016-06-20"}, {"handed_over_by", "甲"}, {"received_by", "乙"}, {"custodian", "处置中心"}}},
           {"appraisal",
            {{"agency_id", appraiser},
             {"report_no", "PG " + plate},
             {"appraised_on", "2016-07-15"},
             {"appraised_value_fen", 100'000},
             {"verdict", "auction"}}}}) {
    auto res = admin.post(vehicle_step + step, body);
    EXPECT_EQ(res.status, 200) << step << " " << res.body;
  }
  const auto batch =
      created(campaign + "/batches",
              {{"auction_house_id", house}, {"platform", "网拍"}, {"starts_on", "2016-08-01"}, {"ends_on", "2016-08-03"}});
  return created("/api/v1/vehicles/batches/" + std::to_string(batch) + "/lots",
                 {{"vehicle_id", vehicle}, {"reserve_price_fen", 100'000}});
}

}  // namespace jiguan::test::vehicle_fixtures
