// HTTP handlers of the allocation of retained vehicles to sectors (口): the allocation
// history, the by-sector table, and allocating or ending an allocation. Rows follow the
// caller's data scope over the vehicle's owning unit.
#include <boost/json.hpp>

#include "core/http/api_error.hpp"
#include "core/http/openapi.hpp"
#include "modules/vehicles/allocation.hpp"
#include "modules/vehicles/reform.hpp"
#include "modules/vehicles/route_support.hpp"

namespace jiguan::vehicles {
namespace json = boost::json;

namespace {

using xlsx::CellType;

json::value allocation_schema() {
  return http::object_schema({{"id", "integer"},
                              {"vehicle_id", "integer"},
                              {"plate", "string"},
                              {"brand_model", "string"},
                              {"category", "string"},
                              {"sector_id", "integer"},
                              {"sector_name", "string"},
                              {"lead_unit_id", "integer"},
                              {"lead_unit_name", "string"},
                              {"effective_from", "string"},
                              {"effective_to", "string"},
                              {"reason", "string"}},
                             {"id", "vehicle_id", "sector_id", "effective_from"});
}

json::value sector_table_schema() {
  return http::object_schema({{"sector_id", "integer"},
                              {"name", "string"},
                              {"lead_unit_id", "integer"},
                              {"lead_unit", "string"},
                              {"vehicles", "array"},
                              {"count", "integer"},
                              {"plates", "string"}},
                             {"sector_id", "name", "vehicles", "count"});
}

// A change to a vehicle's allocation, once the caller may see the vehicle; answers its
// latest allocation (the one the change made or ended) with `status`.
using AllocationFn = std::function<void(db::Tx&, const audit::Actor&, std::int64_t vehicle_id, const http::JsonBody&)>;
http::Handler allocation_change(int status, AllocationFn change) {
  return [status, change = std::move(change)](http::Context& ctx) {
    const auto id = ctx.path_id("id", "车辆");
    return ctx.db().write([&](db::Tx& tx) {
      require_visible_vehicle(ctx, tx, id);
      change(tx, audit::actor_of(ctx.who(), ctx.request), id, ctx.json_body());
      auto latest = tx.query("SELECT " + kAllocationColumns + kAllocationFrom +
                                 " WHERE a.tenant_id = $1 AND a.vehicle_id = $2 ORDER BY a.id DESC LIMIT 1",
                             ctx.tenant_id(), id);
      return http::Response::json(allocation_json(latest.one()), status);
    });
  };
}

http::Response list_allocations(http::Context& ctx) {
  const auto lq = ctx.list_query({{"effective_from", "a.effective_from"}, {"plate", "v.plate"}, {"sector", "s.sort_order"}},
                                 "-effective_from", "a.id");
  const auto sector = ctx.query_int("sector_id");
  const auto vehicle = ctx.query_int("vehicle_id");
  const auto current = ctx.query_bool("current");
  std::vector<db::Value> params{ctx.tenant_id(), lq.like_pattern(), db::to_value(sector), db::to_value(vehicle),
                                db::to_value(current)};
  const auto where =
      kAllocationFrom +
      " WHERE a.tenant_id = $1 AND (v.plate LIKE $2 ESCAPE '\\' OR s.name LIKE $2 ESCAPE '\\' OR a.reason LIKE $2 ESCAPE '\\')"
      " AND (CAST($3 AS BIGINT) IS NULL OR a.sector_id = $3) AND (CAST($4 AS BIGINT) IS NULL OR a.vehicle_id = $4)"
      " AND (CAST($5 AS BIGINT) IS NULL OR (CASE WHEN a.effective_to IS NULL THEN 1 ELSE 0 END) = $5) AND " +
      scope_sql(ctx, "v.owner_unit_id", params);
  ListSpec spec{kAllocationColumns,
                where,
                params,
                allocation_json,
                "车辆分配到口记录",
                {{{"车牌号", CellType::text, 12}, "plate"},
                 {{"品牌型号", CellType::text, 20}, "brand_model"},
                 {{"口", CellType::text, 16}, "sector_name"},
                 {{"牵头单位", CellType::text, 24}, "lead_unit_name"},
                 {{"生效日期", CellType::date, 12}, "effective_from"},
                 {{"结束日期", CellType::date, 12}, "effective_to"},
                 {{"原因", CellType::text, 24}, "reason"}}};
  return ctx.db().read([&](db::Tx& tx) { return answer_list(ctx, tx, lq, spec); });
}

// Per sector: its current lead unit and the vehicles allocated to it now (those in the
// caller's scope).
http::Response sector_table(http::Context& ctx) {
  const auto lq = ctx.list_query({{"sort_order", "s.sort_order"}, {"name", "s.name"}}, "sort_order", "s.id");
  return ctx.db().read([&](db::Tx& tx) {
    const auto with_vehicles = [&](const db::Row& row) {
      std::vector<db::Value> params{ctx.tenant_id(), row.int64(0)};
      const auto scope = scope_sql(ctx, "v.owner_unit_id", params);
      json::array vehicles;
      std::string plates;
      for (const auto& v : tx.exec("SELECT v.id, v.plate, v.brand_model, v.category FROM vehicle_sector_allocations a"
                                   " JOIN vehicles v ON v.tenant_id = a.tenant_id AND v.id = a.vehicle_id"
                                   " WHERE a.tenant_id = $1 AND a.sector_id = $2 AND a.effective_to IS NULL AND " +
                                       scope + " ORDER BY v.plate, v.id",
                                   params)
                               .rows) {
        vehicles.push_back({{"id", v.int64(0)}, {"plate", v.text(1)}, {"brand_model", v.text(2)}, {"category", v.text(3)}});
        plates += (plates.empty() ? "" : "、") + v.text(1);
      }
      const auto count = static_cast<std::int64_t>(vehicles.size());
      return json::object{{"sector_id", row.int64(0)},
                          {"name", row.text(1)},
                          {"lead_unit_id", nullable_int(row, 2)},
                          {"lead_unit", nullable_text(row, 3)},
                          {"vehicles", std::move(vehicles)},
                          {"count", count},
                          {"plates", plates}};
    };
    ListSpec spec{kSectorTableColumns,
                  kSectorTableFrom + " AND s.name LIKE $2 ESCAPE '\\'",
                  {ctx.tenant_id(), lq.like_pattern()},
                  with_vehicles,
                  "各口车辆分配表",
                  {{{"口", CellType::text, 16}, "name"},
                   {{"牵头单位", CellType::text, 24}, "lead_unit"},
                   {{"车辆数", CellType::integer, 8}, "count"},
                   {{"车牌号", CellType::text, 60}, "plates"}}};
    return answer_list(ctx, tx, lq, spec);
  });
}

}  // namespace

void register_allocation_routes(http::Router& router) {
  const std::string tag = "vehicles";
  router.add({"GET",
              "/api/v1/vehicles/allocations",
              http::Access::authenticated,
              "vehicles.read",
              list_allocations,
              {"车辆分配到口的记录（含生效、结束日期）", tag,
               http::list_docs("按车牌号、口名称或原因搜索", "effective_from | plate | sector（默认 -effective_from）",
                         {{"sector_id", "integer", "口"},
                          {"vehicle_id", "integer", "车辆"},
                          {"current", "boolean", "true：只看当前有效的分配"}}),
               nullptr, http::list_schema(allocation_schema())}});

  router.add({"GET",
              "/api/v1/vehicles/allocations/by-sector",
              http::Access::authenticated,
              "vehicles.read",
              sector_table,
              {"各口车辆分配表：每个口的牵头单位和当前分配的车辆", tag, http::list_docs("按口名称搜索", "sort_order | name"), nullptr,
               http::list_schema(sector_table_schema())}});

  router.add({"POST",
              "/api/v1/vehicles/{id}/allocation",
              http::Access::authenticated,
              "vehicles.write",
              allocation_change(201,
                                [](db::Tx& tx, const audit::Actor& actor, std::int64_t id, const http::JsonBody& b) {
                                  allocate(tx, actor, id,
                                           {b.required_int("sector_id"), b.required_string("effective_from", 10),
                                            b.optional_string("reason", 200).value_or("")});
                                }),
              {"把在用的机要通信、应急保障车辆分配到口（记录当日的牵头单位，原分配同日结束）",
               tag,
               {},
               http::object_schema({{"sector_id", "integer"}, {"effective_from", "string"}, {"reason", "string"}},
                                   {"sector_id", "effective_from"}),
               allocation_schema(),
               201}});

  router.add({"POST",
              "/api/v1/vehicles/{id}/allocation/end",
              http::Access::authenticated,
              "vehicles.write",
              allocation_change(200,
                                [](db::Tx& tx, const audit::Actor& actor, std::int64_t id, const http::JsonBody& b) {
                                  end_allocation(tx, actor, id, b.required_string("effective_to", 10),
                                                 b.optional_string("reason", 200).value_or(""));
                                }),
              {"结束车辆当前的分配",
               tag,
               {},
               http::object_schema({{"effective_to", "string"}, {"reason", "string"}}, {"effective_to"}),
               allocation_schema()}});
}

}  // namespace jiguan::vehicles
