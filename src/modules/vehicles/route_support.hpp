// Helpers shared by the module's route files (registry_routes.cpp: vehicles, standards,
// quotas, report; reform_routes.cpp: campaigns, steps, board, statistics;
// disposal_routes.cpp: agencies, auctions, remittances; allocation_routes.cpp: sector
// allocations), and the registration functions register_reform_routes() calls.
#pragma once

#include <boost/json/object.hpp>
#include <functional>
#include <string>
#include <vector>

#include "core/export/xlsx.hpp"
#include "core/http/context.hpp"
#include "core/http/router.hpp"

namespace jiguan::vehicles {

// One list: `SELECT <columns> <from_where>` with from_where's params, each row as JSON; in
// Excel (?format=xlsx) every matching row, each column a field of the row's JSON.
struct ListSpec {
  std::string columns;
  std::string from_where;
  std::vector<db::Value> params;
  std::function<boost::json::object(const db::Row&)> to_json;
  std::string sheet;                                        // the workbook's name
  std::vector<std::pair<xlsx::Column, const char*>> cells;  // column, JSON field
};
// The JSON page ({items,total}) or the workbook. `extend` adds fields to the JSON page.
http::Response answer_list(http::Context& ctx, db::Tx& tx, const http::ListQuery& lq, const ListSpec& spec,
                           const std::function<void(boost::json::object&)>& extend = nullptr);

// answer_list() for a list under a campaign: 404 when there is no such campaign.
http::Response answer_campaign_list(http::Context& ctx, std::int64_t campaign_id, const http::ListQuery& lq, const ListSpec& spec,
                                    const std::function<void(db::Tx&, boost::json::object&)>& extend = nullptr);

// The caller's data scope over a unit column, as SQL appended to params (see access::scope_predicate).
std::string scope_sql(const http::Context& ctx, const std::string& unit_column, std::vector<db::Value>& params);
// Whether the unit exists in the tenant and lies in the caller's scope.
bool unit_in_scope(const http::Context& ctx, db::Tx& tx, std::int64_t unit_id);
// Whether `SELECT 1 <from_where>` finds a row whose vehicle (alias v) the caller may see.
bool vehicle_visible(const http::Context& ctx, db::Tx& tx, const std::string& from_where, std::vector<db::Value> params);
// 404 (`what` 不存在) unless vehicle_visible().
void require_visible(const http::Context& ctx, db::Tx& tx, const std::string& from_where, std::vector<db::Value> params,
                     const std::string& what);

// require_visible() for one vehicle by id.
void require_visible_vehicle(const http::Context& ctx, db::Tx& tx, std::int64_t vehicle_id);

void register_disposal_routes(http::Router& router);
void register_allocation_routes(http::Router& router);

}  // namespace jiguan::vehicles
