// HTTP handlers of the reform (车改): campaigns, the units' board, the campaign's vehicles
// and their steps (decision, sealing, hand-over, appraisal, scrapping), the close and the
// statistics; plus the list, Excel and data-scope helpers the reform's route files share.
// Per-unit and per-vehicle rows follow the caller's data scope over the vehicle's owning
// unit; campaigns and their totals are the bureau's and are not scoped.
#include "modules/vehicles/route_support.hpp"

#include <boost/json.hpp>

#include "core/access/scope.hpp"
#include "core/http/api_error.hpp"
#include "core/http/openapi.hpp"
#include "modules/vehicles/disposal.hpp"
#include "modules/vehicles/reform.hpp"
#include "modules/vehicles/routes.hpp"
#include "modules/vehicles/stats.hpp"

namespace jiguan::vehicles {
namespace json = boost::json;

// ---- Shared helpers ------------------------------------------------------------------------

http::Response answer_list(http::Context& ctx, db::Tx& tx, const http::ListQuery& lq, const ListSpec& spec,
                           const std::function<void(json::object&)>& extend) {
  if (xlsx::wants_xlsx(ctx.request)) {
    std::vector<xlsx::Column> columns;
    for (const auto& [column, field] : spec.cells) columns.push_back(column);
    return xlsx::export_list(tx, spec.sheet, columns, spec.columns, spec.from_where, spec.params, lq, [&](const db::Row& row) {
      const auto item = spec.to_json(row);
      std::vector<db::Value> cells;
      for (const auto& [column, field] : spec.cells) cells.push_back(xlsx::json_cell(item, field));
      return cells;
    });
  }
  const auto page = http::fetch_page(tx, spec.columns, spec.from_where, spec.params, lq);
  json::array items;
  for (const auto& row : page.rows) items.push_back(spec.to_json(row));
  json::object body{{"items", std::move(items)}, {"total", page.total}};
  if (extend) extend(body);
  return http::Response::json(body);
}

http::Response answer_campaign_list(http::Context& ctx, std::int64_t campaign_id, const http::ListQuery& lq, const ListSpec& spec,
                                    const std::function<void(db::Tx&, json::object&)>& extend) {
  return ctx.db().read([&](db::Tx& tx) {
    if (!find_campaign(tx, ctx.tenant_id(), campaign_id)) throw http::not_found("车改");
    if (!extend) return answer_list(ctx, tx, lq, spec);
    return answer_list(ctx, tx, lq, spec, [&](json::object& body) { extend(tx, body); });
  });
}

std::string scope_sql(const http::Context& ctx, const std::string& unit_column, std::vector<db::Value>& params) {
  return access::scope_predicate(ctx.scope(), unit_column, "", params);
}

bool unit_in_scope(const http::Context& ctx, db::Tx& tx, std::int64_t unit_id) {
  std::vector<db::Value> params{ctx.tenant_id(), unit_id};
  const auto scope = scope_sql(ctx, "u.id", params);
  return !tx.exec("SELECT 1 FROM units u WHERE u.tenant_id = $1 AND u.id = $2 AND " + scope, params).empty();
}

bool vehicle_visible(const http::Context& ctx, db::Tx& tx, const std::string& from_where, std::vector<db::Value> params) {
  const auto scope = scope_sql(ctx, "v.owner_unit_id", params);
  return !tx.exec("SELECT 1" + from_where + " AND " + scope, params).empty();
}

void require_visible(const http::Context& ctx, db::Tx& tx, const std::string& from_where, std::vector<db::Value> params,
                     const std::string& what) {
  if (!vehicle_visible(ctx, tx, from_where, std::move(params))) throw http::not_found(what);
}

void require_visible_vehicle(const http::Context& ctx, db::Tx& tx, std::int64_t vehicle_id) {
  require_visible(ctx, tx, " FROM vehicles v WHERE v.tenant_id = $1 AND v.id = $2", {ctx.tenant_id(), vehicle_id}, "车辆");
}

namespace {

using xlsx::CellType;

audit::Actor actor_of(const http::Context& ctx) { return audit::actor_of(ctx.who(), ctx.request); }

// ---- Schemas -------------------------------------------------------------------------------

json::value campaign_schema() {
  return http::object_schema({{"id", "integer"},
                              {"name", "string"},
                              {"start_date", "string"},
                              {"handover_deadline", "string"},
                              {"status", "string"},
                              {"status_label", "string"},
                              {"closed_at", "string"},
                              {"notes", "string"},
                              {"units", "integer"},
                              {"vehicles", "integer"},
                              {"pending", "integer"},
                              {"retained", "integer"},
                              {"cancelled", "integer"},
                              {"created_at", "string"},
                              {"updated_at", "string"}},
                             {"id", "name", "start_date", "handover_deadline", "status"});
}

json::value campaign_vehicle_schema() {
  return http::object_schema({{"vehicle_id", "integer"},
                              {"plate", "string"},
                              {"brand_model", "string"},
                              {"category", "string"},
                              {"category_label", "string"},
                              {"unit_id", "integer"},
                              {"unit_name", "string"},
                              {"decision", "string"},
                              {"decision_label", "string"},
                              {"retained_category", "string"},
                              {"sealed_on", "string"},
                              {"seal_place", "string"},
                              {"keys_received", "integer"},
                              {"documents_received", "string"},
                              {"handed_over_on", "string"},
                              {"handed_over_by", "string"},
                              {"received_by", "string"},
                              {"custodian", "string"},
                              {"verdict", "string"},
                              {"verdict_label", "string"},
                              {"appraised_value_fen", "integer"},
                              {"disposal", "string"},
                              {"disposal_label", "string"},
                              {"income_fen", "integer"},
                              {"stage", "string"},
                              {"stage_label", "string"},
                              {"status", "string"},
                              {"status_label", "string"},
                              {"decided_at", "string"},
                              {"campaign_id", "integer"}},
                             {"vehicle_id", "plate", "unit_id", "decision", "stage"});
}

json::value board_schema() {
  return http::object_schema({{"unit_id", "integer"},
                              {"unit_code", "string"},
                              {"unit_name", "string"},
                              {"vehicles", "integer"},
                              {"pending", "integer"},
                              {"retained", "integer"},
                              {"cancelled", "integer"},
                              {"sealed", "integer"},
                              {"handed_over", "integer"},
                              {"overdue", "boolean"}},
                             {"unit_id", "vehicles", "overdue"});
}

json::value stats_schema() {
  return http::object_schema({{"participating_units", "integer"},
                              {"vehicles", "integer"},
                              {"cancelled", "integer"},
                              {"retained", "integer"},
                              {"scrapped", "integer"},
                              {"auctioned", "integer"},
                              {"auction_batches", "integer"},
                              {"auction_income_fen", "integer"},
                              {"scrap_income_fen", "integer"},
                              {"remitted_fen", "integer"},
                              {"retained_by_sector", "array"}},
                             {"participating_units", "vehicles", "auction_income_fen", "remitted_fen", "retained_by_sector"});
}

// ---- Input ---------------------------------------------------------------------------------

// A list of ids (absent: empty); anything but an array of positive integers is 422.
std::vector<std::int64_t> id_list(const http::JsonBody& body, const char* key) {
  std::vector<std::int64_t> ids;
  const auto* value = body.object().if_contains(key);
  if (!value || value->is_null()) return ids;
  const auto fail = [&] { return http::ApiError(422, "invalid_type", std::string("字段 ") + key + " 应为单位 id 的数组", key); };
  if (!value->is_array()) throw fail();
  for (const auto& item : value->as_array()) {
    if (!item.is_int64() || item.as_int64() <= 0) throw fail();
    ids.push_back(item.as_int64());
  }
  return ids;
}

// Units joining must be in the caller's scope: nobody enrols vehicles they could not then see.
void require_units_in_scope(const http::Context& ctx, db::Tx& tx, const std::vector<std::int64_t>& unit_ids) {
  for (const auto unit_id : unit_ids) {
    std::vector<db::Value> params{ctx.tenant_id(), unit_id};
    const auto scope = scope_sql(ctx, "u.id", params);
    if (tx.exec("SELECT 1 FROM units u WHERE u.tenant_id = $1 AND u.id = $2 AND " + scope, params).empty()) {
      throw http::invalid("unit_ids", "单位不存在或不在您的数据范围内：" + std::to_string(unit_id));
    }
  }
}

http::Response campaign_response(http::Context& ctx, db::Tx& tx, std::int64_t id, int status = 200) {
  auto campaign = find_campaign(tx, ctx.tenant_id(), id);
  if (!campaign) throw http::not_found("车改");
  return http::Response::json(*campaign, status);
}

const std::string kStepVehicleFrom =
    " FROM campaign_vehicles cv JOIN vehicles v ON v.tenant_id = cv.tenant_id AND v.id = cv.vehicle_id"
    " WHERE cv.tenant_id = $1 AND cv.campaign_id = $2 AND cv.vehicle_id = $3";

// A step on one of the campaign's vehicles: visible to the caller (404 before the body is
// read, so a 422 never reveals an out-of-scope vehicle), then the domain, then the row.
using StepFn =
    std::function<void(db::Tx&, const audit::Actor&, std::int64_t campaign_id, std::int64_t vehicle_id, const http::JsonBody&)>;
http::Handler vehicle_step(StepFn step) {
  return [step = std::move(step)](http::Context& ctx) {
    const auto campaign_id = ctx.path_id("id", "车改");
    const auto vehicle_id = ctx.path_id("vehicle_id", "参改车辆");
    return ctx.db().write([&](db::Tx& tx) {
      require_visible(ctx, tx, kStepVehicleFrom, {ctx.tenant_id(), campaign_id, vehicle_id}, "参改车辆");
      step(tx, actor_of(ctx), campaign_id, vehicle_id, ctx.json_body());
      return http::Response::json(*find_campaign_vehicle(tx, ctx.tenant_id(), campaign_id, vehicle_id));
    });
  };
}

// ---- Lists ---------------------------------------------------------------------------------

http::Response list_campaigns(http::Context& ctx) {
  const auto lq =
      ctx.list_query({{"name", "c.name"}, {"start_date", "c.start_date"}, {"created_at", "c.created_at"}}, "-start_date", "c.id");
  const auto status = ctx.request.query_param("status").value_or("");
  if (!status.empty() && status != "open" && status != "closed") throw http::invalid("status", "status 应为 open 或 closed");
  ListSpec spec{kCampaignColumns,
                kCampaignFrom + " WHERE c.tenant_id = $1 AND c.name LIKE $2 ESCAPE '\\' AND ($3 = '' OR c.status = $3)",
                {ctx.tenant_id(), lq.like_pattern(), status},
                campaign_json,
                "车改列表",
                {{{"名称", CellType::text, 30}, "name"},
                 {{"开始日期", CellType::date, 12}, "start_date"},
                 {{"封存移交截止日期", CellType::date, 16}, "handover_deadline"},
                 {{"状态", CellType::text, 8}, "status_label"},
                 {{"参改单位", CellType::integer, 10}, "units"},
                 {{"参改车辆", CellType::integer, 10}, "vehicles"},
                 {{"待决定", CellType::integer, 10}, "pending"},
                 {{"保留", CellType::integer, 10}, "retained"},
                 {{"取消", CellType::integer, 10}, "cancelled"}}};
  return ctx.db().read([&](db::Tx& tx) { return answer_list(ctx, tx, lq, spec); });
}

http::Response campaign_board(http::Context& ctx) {
  const auto id = ctx.path_id("id", "车改");
  const auto lq = ctx.list_query({{"unit_code", "b.unit_code"},
                                  {"unit_name", "b.unit_name"},
                                  {"vehicles", "b.vehicles"},
                                  {"pending", "b.pending"},
                                  {"overdue", "b.overdue"}},
                                 "unit_code", "b.unit_id");
  const auto overdue = ctx.query_bool("overdue");
  std::vector<db::Value> params{ctx.tenant_id(), id, local_today(), lq.like_pattern(), db::to_value(overdue)};
  const auto where = kBoardFrom +
                     " WHERE (b.unit_code LIKE $4 ESCAPE '\\' OR b.unit_name LIKE $4 ESCAPE '\\')"
                     " AND (CAST($5 AS BIGINT) IS NULL OR b.overdue = $5) AND " +
                     scope_sql(ctx, "b.unit_id", params);
  ListSpec spec{kBoardColumns,
                where,
                params,
                board_json,
                "车改进度",
                {{{"单位编码", CellType::text, 12}, "unit_code"},
                 {{"单位名称", CellType::text, 28}, "unit_name"},
                 {{"参改车辆", CellType::integer, 10}, "vehicles"},
                 {{"待决定", CellType::integer, 10}, "pending"},
                 {{"保留", CellType::integer, 10}, "retained"},
                 {{"取消", CellType::integer, 10}, "cancelled"},
                 {{"已封存", CellType::integer, 10}, "sealed"},
                 {{"已移交", CellType::integer, 10}, "handed_over"},
                 {{"逾期", CellType::boolean, 8}, "overdue"}}};
  return answer_campaign_list(ctx, id, lq, spec);
}

http::Response campaign_vehicles(http::Context& ctx) {
  const auto id = ctx.path_id("id", "车改");
  const auto lq = ctx.list_query(
      {{"plate", "r.plate"}, {"unit", "r.unit_name"}, {"stage", "r.stage"}, {"decision", "r.decision"}}, "plate", "r.vehicle_id");
  const auto unit = ctx.query_int("unit_id");
  std::vector<db::Value> params{ctx.tenant_id(),
                                id,
                                lq.like_pattern(),
                                db::to_value(unit),
                                ctx.request.query_param("decision").value_or(""),
                                ctx.request.query_param("stage").value_or("")};
  const auto where =
      kCampaignVehicleFrom +
      " WHERE r.tenant_id = $1 AND r.campaign_id = $2 AND (r.plate LIKE $3 ESCAPE '\\' OR r.brand_model LIKE $3 ESCAPE '\\')"
      " AND (CAST($4 AS BIGINT) IS NULL OR r.unit_id = $4) AND ($5 = '' OR r.decision = $5) AND ($6 = '' OR r.stage = $6)"
      " AND " +
      scope_sql(ctx, "r.owner_unit_id", params);
  ListSpec spec{kCampaignVehicleColumns,
                where,
                params,
                campaign_vehicle_json,
                "参改车辆",
                {{{"车牌号", CellType::text, 12}, "plate"},
                 {{"品牌型号", CellType::text, 20}, "brand_model"},
                 {{"车辆类别", CellType::text, 14}, "category_label"},
                 {{"单位", CellType::text, 24}, "unit_name"},
                 {{"决定", CellType::text, 8}, "decision_label"},
                 {{"进度", CellType::text, 10}, "stage_label"},
                 {{"封存日期", CellType::date, 12}, "sealed_on"},
                 {{"封存地点", CellType::text, 16}, "seal_place"},
                 {{"移交日期", CellType::date, 12}, "handed_over_on"},
                 {{"鉴定结论", CellType::text, 8}, "verdict_label"},
                 {{"评估价(元)", CellType::money_fen, 14}, "appraised_value_fen"},
                 {{"处置方式", CellType::text, 8}, "disposal_label"},
                 {{"处置收入(元)", CellType::money_fen, 14}, "income_fen"}}};
  return answer_campaign_list(ctx, id, lq, spec);
}

}  // namespace

void register_reform_routes(http::Router& router, app::Services&) {
  const std::string tag = "vehicles";
  router.add({"GET",
              "/api/v1/vehicles/campaigns",
              http::Access::authenticated,
              "vehicles.read",
              list_campaigns,
              {"车改列表（分页、搜索、导出 Excel）", tag,
               http::list_docs("按名称搜索", "name | start_date | created_at（默认 -start_date）",
                         {{"status", "string", "open（进行中）| closed（已结束）"}}),
               nullptr, http::list_schema(campaign_schema())}});

  router.add({"POST",
              "/api/v1/vehicles/campaigns",
              http::Access::authenticated,
              "vehicles.write",
              [](http::Context& ctx) {
                const auto body = ctx.json_body();
                const CampaignFields fields{body.required_string("name", 100), body.required_string("start_date", 10),
                                            body.required_string("handover_deadline", 10),
                                            body.optional_string("notes", 500).value_or("")};
                const auto unit_ids = id_list(body, "unit_ids");
                return ctx.db().write([&](db::Tx& tx) {
                  require_units_in_scope(ctx, tx, unit_ids);
                  return campaign_response(ctx, tx, create_campaign(tx, actor_of(ctx), fields, unit_ids), 201);
                });
              },
              {"新建车改（可同时加入参改单位）",
               tag,
               {},
               http::object_schema({{"name", "string"},
                                    {"start_date", "string"},
                                    {"handover_deadline", "string"},
                                    {"notes", "string"},
                                    {"unit_ids", "array"}},
                                   {"name", "start_date", "handover_deadline"}),
               campaign_schema(),
               201}});

  router.add({"GET",
              "/api/v1/vehicles/campaigns/{id}",
              http::Access::authenticated,
              "vehicles.read",
              [](http::Context& ctx) {
                const auto id = ctx.path_id("id", "车改");
                return ctx.db().read([&](db::Tx& tx) { return campaign_response(ctx, tx, id); });
              },
              {"车改详情", tag, {}, nullptr, campaign_schema()}});

  router.add(
      {"PATCH",
       "/api/v1/vehicles/campaigns/{id}",
       http::Access::authenticated,
       "vehicles.write",
       [](http::Context& ctx) {
         const auto id = ctx.path_id("id", "车改");
         const auto body = ctx.json_body();
         CampaignPatch patch;
         if (body.has("name")) patch.name = body.required_string("name", 100);
         if (body.has("start_date")) patch.start_date = body.required_string("start_date", 10);
         if (body.has("handover_deadline")) patch.handover_deadline = body.required_string("handover_deadline", 10);
         if (body.has("notes")) patch.notes = body.optional_string("notes", 500).value_or("");
         return ctx.db().write([&](db::Tx& tx) {
           update_campaign(tx, actor_of(ctx), id, patch);
           return campaign_response(ctx, tx, id);
         });
       },
       {"修改车改（名称、日期、备注；仅进行中的车改）",
        tag,
        {},
        http::object_schema({{"name", "string"}, {"start_date", "string"}, {"handover_deadline", "string"}, {"notes", "string"}}),
        campaign_schema()}});

  router.add({"POST",
              "/api/v1/vehicles/campaigns/{id}/units",
              http::Access::authenticated,
              "vehicles.write",
              [](http::Context& ctx) {
                const auto id = ctx.path_id("id", "车改");
                const auto unit_ids = id_list(ctx.json_body(), "unit_ids");
                return ctx.db().write([&](db::Tx& tx) {
                  require_units_in_scope(ctx, tx, unit_ids);
                  const auto enrolled = add_campaign_units(tx, actor_of(ctx), id, unit_ids);
                  auto campaign = *find_campaign(tx, ctx.tenant_id(), id);
                  campaign["enrolled"] = enrolled;
                  return http::Response::json(campaign);
                });
              },
              {"加入参改单位（其在用车辆全部登记为待决定）",
               tag,
               {},
               http::object_schema({{"unit_ids", "array"}}, {"unit_ids"}),
               campaign_schema()}});

  router.add({"GET",
              "/api/v1/vehicles/campaigns/{id}/units",
              http::Access::authenticated,
              "vehicles.read",
              campaign_board,
              {"车改进度看板：各参改单位的决定、封存、移交进度，逾期标记", tag,
               http::list_docs("按单位编码或名称搜索", "unit_code | unit_name | vehicles | pending | overdue",
                         {{"overdue", "boolean", "只看逾期（true）或未逾期（false）的单位"}}),
               nullptr, http::list_schema(board_schema())}});

  router.add({"GET",
              "/api/v1/vehicles/campaigns/{id}/vehicles",
              http::Access::authenticated,
              "vehicles.read",
              campaign_vehicles,
              {"参改车辆及其处置进度", tag,
               http::list_docs("按车牌号或品牌型号搜索", "plate | unit | stage | decision",
                         {{"unit_id", "integer", "参改单位"},
                          {"decision", "string", "pending | retain | cancel"},
                          {"stage", "string", "decide | seal | hand_over | appraise | scrap | auction | disposed | retained"}}),
               nullptr, http::list_schema(campaign_vehicle_schema())}});

  const std::string step = "/api/v1/vehicles/campaigns/{id}/vehicles/{vehicle_id}/";
  router.add(
      {"POST",
       step + "decision",
       http::Access::authenticated,
       "vehicles.write",
       vehicle_step(
           [](db::Tx& tx, const audit::Actor& actor, std::int64_t campaign, std::int64_t vehicle, const http::JsonBody& b) {
             decide(tx, actor, campaign, vehicle,
                    {b.required_string("decision", 10), b.optional_string("retained_category", 32),
                     b.optional_string("decided_on", 10)});
           }),
       {"决定保留（含保留类别）或取消；封存前可改",
        tag,
        {},
        http::object_schema({{"decision", "string"}, {"retained_category", "string"}, {"decided_on", "string"}}, {"decision"}),
        campaign_vehicle_schema()}});

  router.add(
      {"POST",
       step + "seal",
       http::Access::authenticated,
       "vehicles.write",
       vehicle_step(
           [](db::Tx& tx, const audit::Actor& actor, std::int64_t campaign, std::int64_t vehicle, const http::JsonBody& b) {
             seal(tx, actor, campaign, vehicle,
                  {b.required_string("sealed_on", 10), b.required_string("seal_place", 100), b.required_int("keys_received"),
                   b.optional_string("documents_received", 200).value_or("")});
           }),
       {"封存取消的车辆（日期、地点、收到的钥匙和证件）",
        tag,
        {},
        http::object_schema(
            {{"sealed_on", "string"}, {"seal_place", "string"}, {"keys_received", "integer"}, {"documents_received", "string"}},
            {"sealed_on", "seal_place", "keys_received"}),
        campaign_vehicle_schema()}});

  router.add(
      {"POST",
       step + "hand-over",
       http::Access::authenticated,
       "vehicles.write",
       vehicle_step(
           [](db::Tx& tx, const audit::Actor& actor, std::int64_t campaign, std::int64_t vehicle, const http::JsonBody& b) {
             hand_over(tx, actor, campaign, vehicle,
                       {b.required_string("handed_over_on", 10), b.required_string("handed_over_by", 50),
                        b.required_string("received_by", 50), b.required_string("custodian", 100)});
           }),
       {"移交封存的车辆给处置保管单位（双方签字）",
        tag,
        {},
        http::object_schema(
            {{"handed_over_on", "string"}, {"handed_over_by", "string"}, {"received_by", "string"}, {"custodian", "string"}},
            {"handed_over_on", "handed_over_by", "received_by", "custodian"}),
        campaign_vehicle_schema()}});

  router.add({"POST",
              step + "appraisal",
              http::Access::authenticated,
              "vehicles.write",
              vehicle_step([](db::Tx& tx, const audit::Actor& actor, std::int64_t campaign, std::int64_t vehicle,
                              const http::JsonBody& b) {
                appraise(tx, actor, campaign, vehicle,
                         {b.required_int("agency_id"), b.required_string("report_no", 50), b.required_string("appraised_on", 10),
                          b.required_int("appraised_value_fen"), b.optional_string("condition", 200).value_or(""),
                          b.required_string("verdict", 10)});
              }),
              {"登记鉴定评估（评估价、车况、结论：报废或拍卖）",
               tag,
               {},
               http::object_schema({{"agency_id", "integer"},
                                    {"report_no", "string"},
                                    {"appraised_on", "string"},
                                    {"appraised_value_fen", "integer"},
                                    {"condition", "string"},
                                    {"verdict", "string"}},
                                   {"agency_id", "report_no", "appraised_on", "appraised_value_fen", "verdict"}),
               campaign_vehicle_schema()}});

  router.add({"POST",
              step + "scrap",
              http::Access::authenticated,
              "vehicles.write",
              vehicle_step([](db::Tx& tx, const audit::Actor& actor, std::int64_t campaign, std::int64_t vehicle,
                              const http::JsonBody& b) {
                scrap(tx, actor, campaign, vehicle,
                      {b.required_int("recycler_id"), b.required_string("certificate_no", 50),
                       b.required_string("scrapped_on", 10), b.required_int("residual_income_fen")});
              }),
              {"登记报废（回收企业、报废证明、残值收入）",
               tag,
               {},
               http::object_schema({{"recycler_id", "integer"},
                                    {"certificate_no", "string"},
                                    {"scrapped_on", "string"},
                                    {"residual_income_fen", "integer"}},
                                   {"recycler_id", "certificate_no", "scrapped_on", "residual_income_fen"}),
               campaign_vehicle_schema()}});

  router.add({"POST",
              "/api/v1/vehicles/campaigns/{id}/close",
              http::Access::authenticated,
              "vehicles.write",
              [](http::Context& ctx) {
                const auto id = ctx.path_id("id", "车改");
                return ctx.db().write([&](db::Tx& tx) {
                  close_campaign(tx, actor_of(ctx), id);
                  return campaign_response(ctx, tx, id);
                });
              },
              {"结束车改：车辆全部决定并处置、成交款付清、处置收入全部上缴后才能结束", tag, {}, nullptr, campaign_schema()}});

  router.add({"GET",
              "/api/v1/vehicles/stats",
              http::Access::authenticated,
              "vehicles.read",
              [](http::Context& ctx) {
                const auto campaign = ctx.query_int("campaign");
                if (!campaign) throw http::ApiError(422, "missing_field", "缺少查询参数 campaign", "campaign");
                return ctx.db().read(
                    [&](db::Tx& tx) { return http::Response::json(campaign_stats(tx, ctx.tenant_id(), *campaign)); });
              },
              {"车改统计：参改单位和车辆、取消与保留、报废与拍卖、处置收入与上缴、各口分配的保留车辆",
               tag,
               {{"campaign", "integer", "车改 id（必填）"}},
               nullptr,
               stats_schema()}});

  register_disposal_routes(router);
  register_allocation_routes(router);
}

}  // namespace jiguan::vehicles
