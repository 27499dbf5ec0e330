// HTTP handlers of disposal: the agencies registry, auction batches and their lots (results,
// payments, ownership transfer) and the remittance ledger. Lots follow the caller's data
// scope over their vehicle's owning unit; batches and money totals are the campaign's.
#include <boost/json.hpp>

#include "core/http/api_error.hpp"
#include "core/http/openapi.hpp"
#include "modules/vehicles/disposal.hpp"
#include "modules/vehicles/reform.hpp"
#include "modules/vehicles/route_support.hpp"

namespace jiguan::vehicles {
namespace json = boost::json;

namespace {

using xlsx::CellType;

audit::Actor actor_of(const http::Context& ctx) { return audit::actor_of(ctx.who(), ctx.request); }

json::value agency_schema() {
  return http::object_schema({{"id", "integer"},
                              {"kind", "string"},
                              {"kind_label", "string"},
                              {"name", "string"},
                              {"contract_no", "string"},
                              {"contact", "string"},
                              {"phone", "string"},
                              {"active", "boolean"},
                              {"created_at", "string"},
                              {"updated_at", "string"}},
                             {"id", "kind", "name", "active"});
}

json::value batch_schema() {
  return http::object_schema({{"id", "integer"},
                              {"campaign_id", "integer"},
                              {"batch_no", "integer"},
                              {"auction_house_id", "integer"},
                              {"auction_house_name", "string"},
                              {"platform", "string"},
                              {"starts_on", "string"},
                              {"ends_on", "string"},
                              {"status", "string"},
                              {"status_label", "string"},
                              {"lots", "integer"},
                              {"sold", "integer"},
                              {"unsold", "integer"},
                              {"income_fen", "integer"},
                              {"created_at", "string"},
                              {"updated_at", "string"}},
                             {"id", "batch_no", "status", "lots", "income_fen"});
}

// The batch's detail: "lots" holds the lots themselves, "lot_count" their number.
json::value batch_with_lots_schema() {
  auto schema = batch_schema();
  auto& properties = schema.as_object()["properties"].as_object();
  properties["lots"] = {{"type", "array"}};
  properties["lot_count"] = {{"type", "integer"}};
  return schema;
}

json::value lot_schema() {
  return http::object_schema({{"id", "integer"},
                              {"batch_id", "integer"},
                              {"batch_no", "integer"},
                              {"vehicle_id", "integer"},
                              {"plate", "string"},
                              {"brand_model", "string"},
                              {"lot_no", "integer"},
                              {"reserve_price_fen", "integer"},
                              {"reserve_approval", "string"},
                              {"appraised_value_fen", "integer"},
                              {"result", "string"},
                              {"result_label", "string"},
                              {"hammer_price_fen", "integer"},
                              {"buyer", "string"},
                              {"payment_received_fen", "integer"},
                              {"paid_on", "string"},
                              {"ownership_transferred_on", "string"},
                              {"campaign_id", "integer"}},
                             {"id", "vehicle_id", "lot_no", "reserve_price_fen", "result"});
}

json::value remittance_schema() {
  return http::object_schema({{"id", "integer"},
                              {"campaign_id", "integer"},
                              {"remitted_on", "string"},
                              {"amount_fen", "integer"},
                              {"voucher_no", "string"},
                              {"notes", "string"},
                              {"created_at", "string"}},
                             {"id", "remitted_on", "amount_fen", "voucher_no"});
}

// The batch with the lots the caller may see ("lots"; "lot_count" counts all of them).
http::Response batch_response(http::Context& ctx, db::Tx& tx, std::int64_t id) {
  auto batch = find_batch(tx, ctx.tenant_id(), id);
  if (!batch) throw http::not_found("拍卖批次");
  std::vector<db::Value> params{ctx.tenant_id(), id};
  const auto scope = scope_sql(ctx, "v.owner_unit_id", params);
  json::array lots;
  for (const auto& row : tx.exec("SELECT " + kLotColumns + kLotFrom + " WHERE l.tenant_id = $1 AND l.batch_id = $2 AND " + scope +
                                     " ORDER BY l.lot_no, l.id",
                                 params)
                             .rows) {
    lots.push_back(lot_json(row));
  }
  (*batch)["lot_count"] = batch->at("lots");
  (*batch)["lots"] = std::move(lots);
  return http::Response::json(*batch);
}

const std::string kLotVehicleFrom =
    " FROM auction_lots l JOIN vehicles v ON v.tenant_id = l.tenant_id AND v.id = l.vehicle_id WHERE l.tenant_id = $1 AND l.id = "
    "$2";

// A change to one lot whose vehicle the caller may see; answers the lot.
using LotFn = std::function<void(db::Tx&, const audit::Actor&, std::int64_t lot_id, const http::JsonBody&)>;
http::Handler lot_step(LotFn change) {
  return [change = std::move(change)](http::Context& ctx) {
    const auto id = ctx.path_id("id", "拍品");
    return ctx.db().write([&](db::Tx& tx) {
      require_visible(ctx, tx, kLotVehicleFrom, {ctx.tenant_id(), id}, "拍品");
      change(tx, actor_of(ctx), id, ctx.json_body());
      return http::Response::json(*find_lot(tx, ctx.tenant_id(), id));
    });
  };
}

// A batch's state change (open, settle); answers the batch.
http::Handler batch_step(void (*change)(db::Tx&, const audit::Actor&, std::int64_t)) {
  return [change](http::Context& ctx) {
    const auto id = ctx.path_id("id", "拍卖批次");
    return ctx.db().write([&](db::Tx& tx) {
      change(tx, actor_of(ctx), id);
      return batch_response(ctx, tx, id);
    });
  };
}

http::Response list_agencies(http::Context& ctx) {
  const auto lq = ctx.list_query({{"name", "g.name"}, {"kind", "g.kind"}, {"created_at", "g.created_at"}}, "kind", "g.id");
  const auto kind = ctx.request.query_param("kind").value_or("");
  if (!kind.empty() && !is_agency_kind(kind)) throw http::invalid("kind", "kind 应为 appraiser、auction_house 或 recycler");
  const auto active = ctx.query_bool("active");
  ListSpec spec{
      kAgencyColumns,
      kAgencyFrom +
          " WHERE g.tenant_id = $1 AND (g.name LIKE $2 ESCAPE '\\' OR g.contract_no LIKE $2 ESCAPE '\\' OR g.contact LIKE $2 "
          "ESCAPE '\\') AND ($3 = '' OR g.kind = $3) AND (CAST($4 AS BIGINT) IS NULL OR g.active = $4)",
      {ctx.tenant_id(), lq.like_pattern(), kind, db::to_value(active)},
      agency_json,
      "处置机构",
      {{{"类型", CellType::text, 14}, "kind_label"},
       {{"名称", CellType::text, 30}, "name"},
       {{"合同编号", CellType::text, 16}, "contract_no"},
       {{"联系人", CellType::text, 10}, "contact"},
       {{"电话", CellType::text, 16}, "phone"},
       {{"启用", CellType::boolean, 8}, "active"}}};
  return ctx.db().read([&](db::Tx& tx) { return answer_list(ctx, tx, lq, spec); });
}

http::Response list_batches(http::Context& ctx) {
  const auto id = ctx.path_id("id", "车改");
  const auto lq = ctx.list_query({{"batch_no", "b.batch_no"}, {"starts_on", "b.starts_on"}}, "batch_no", "b.id");
  ListSpec spec{
      kBatchColumns,
      kBatchFrom +
          " WHERE b.tenant_id = $1 AND b.campaign_id = $2 AND (b.platform LIKE $3 ESCAPE '\\' OR h.name LIKE $3 ESCAPE '\\')",
      {ctx.tenant_id(), id, lq.like_pattern()},
      batch_json,
      "拍卖批次",
      {{{"批次", CellType::integer, 8}, "batch_no"},
       {{"拍卖机构", CellType::text, 24}, "auction_house_name"},
       {{"拍卖平台", CellType::text, 20}, "platform"},
       {{"开始日期", CellType::date, 12}, "starts_on"},
       {{"结束日期", CellType::date, 12}, "ends_on"},
       {{"状态", CellType::text, 8}, "status_label"},
       {{"拍品数", CellType::integer, 8}, "lots"},
       {{"成交", CellType::integer, 8}, "sold"},
       {{"流拍", CellType::integer, 8}, "unsold"},
       {{"成交金额(元)", CellType::money_fen, 16}, "income_fen"}}};
  return answer_campaign_list(ctx, id, lq, spec);
}

http::Response list_remittances(http::Context& ctx) {
  const auto id = ctx.path_id("id", "车改");
  const auto lq = ctx.list_query({{"remitted_on", "m.remitted_on"}, {"amount_fen", "m.amount_fen"}}, "remitted_on", "m.id");
  ListSpec spec{
      kRemittanceColumns,
      kRemittanceFrom +
          " WHERE m.tenant_id = $1 AND m.campaign_id = $2 AND (m.voucher_no LIKE $3 ESCAPE '\\' OR m.notes LIKE $3 ESCAPE '\\')",
      {ctx.tenant_id(), id, lq.like_pattern()},
      remittance_json,
      "上缴财政专户台账",
      {{{"上缴日期", CellType::date, 12}, "remitted_on"},
       {{"金额(元)", CellType::money_fen, 16}, "amount_fen"},
       {{"缴款凭证号", CellType::text, 20}, "voucher_no"},
       {{"备注", CellType::text, 30}, "notes"}}};
  return answer_campaign_list(ctx, id, lq, spec, [&](db::Tx& tx, json::object& body) {
    const auto money = campaign_money(tx, ctx.tenant_id(), id);
    body["received_fen"] = money.received_fen();
    body["remitted_fen"] = money.remitted_fen;
    body["difference_fen"] = money.received_fen() - money.remitted_fen;
  });
}

}  // namespace

void register_disposal_routes(http::Router& router) {
  const std::string tag = "vehicles";
  // ---- Agencies ----
  router.add({"GET",
              "/api/v1/vehicles/agencies",
              http::Access::authenticated,
              "vehicles.read",
              list_agencies,
              {"处置机构（鉴定评估机构、拍卖机构、报废回收企业）", tag,
               http::list_docs("按名称、合同编号或联系人搜索", "kind | name | created_at",
                         {{"kind", "string", "appraiser | auction_house | recycler"}, {"active", "boolean", "是否启用"}}),
               nullptr, http::list_schema(agency_schema())}});

  router.add(
      {"POST",
       "/api/v1/vehicles/agencies",
       http::Access::authenticated,
       "vehicles.manage",
       [](http::Context& ctx) {
         const auto b = ctx.json_body();
         const AgencyFields fields{b.required_string("kind", 20), b.required_string("name", 100),
                                   b.optional_string("contract_no", 50).value_or(""),
                                   b.optional_string("contact", 50).value_or(""), b.optional_string("phone", 20).value_or("")};
         return ctx.db().write([&](db::Tx& tx) {
           return http::Response::json(*find_agency(tx, ctx.tenant_id(), create_agency(tx, actor_of(ctx), fields)), 201);
         });
       },
       {"登记处置机构（公开招标确定）",
        tag,
        {},
        http::object_schema(
            {{"kind", "string"}, {"name", "string"}, {"contract_no", "string"}, {"contact", "string"}, {"phone", "string"}},
            {"kind", "name"}),
        agency_schema(),
        201}});

  router.add(
      {"PATCH",
       "/api/v1/vehicles/agencies/{id}",
       http::Access::authenticated,
       "vehicles.manage",
       [](http::Context& ctx) {
         const auto id = ctx.path_id("id", "处置机构");
         const auto b = ctx.json_body();
         AgencyPatch patch;
         if (b.has("name")) patch.name = b.required_string("name", 100);
         if (b.has("contract_no")) patch.contract_no = b.optional_string("contract_no", 50).value_or("");
         if (b.has("contact")) patch.contact = b.optional_string("contact", 50).value_or("");
         if (b.has("phone")) patch.phone = b.optional_string("phone", 20).value_or("");
         if (b.has("active")) patch.active = b.optional_bool("active");
         return ctx.db().write([&](db::Tx& tx) {
           update_agency(tx, actor_of(ctx), id, patch);
           return http::Response::json(*find_agency(tx, ctx.tenant_id(), id));
         });
       },
       {"修改处置机构（名称、合同、联系方式、停用）",
        tag,
        {},
        http::object_schema(
            {{"name", "string"}, {"contract_no", "string"}, {"contact", "string"}, {"phone", "string"}, {"active", "boolean"}}),
        agency_schema()}});

  // ---- Auctions ----
  router.add({"GET",
              "/api/v1/vehicles/campaigns/{id}/batches",
              http::Access::authenticated,
              "vehicles.read",
              list_batches,
              {"车改的拍卖批次（拍品数、成交、流拍、成交金额）", tag,
               http::list_docs("按拍卖平台或拍卖机构搜索", "batch_no | starts_on"), nullptr, http::list_schema(batch_schema())}});

  router.add({"POST",
              "/api/v1/vehicles/campaigns/{id}/batches",
              http::Access::authenticated,
              "vehicles.write",
              [](http::Context& ctx) {
                const auto id = ctx.path_id("id", "车改");
                const auto b = ctx.json_body();
                const BatchFields fields{b.optional_int("batch_no"), b.required_int("auction_house_id"),
                                         b.required_string("platform", 100), b.required_string("starts_on", 10),
                                         b.required_string("ends_on", 10)};
                return ctx.db().write([&](db::Tx& tx) {
                  return http::Response::json(*find_batch(tx, ctx.tenant_id(), create_batch(tx, actor_of(ctx), id, fields)), 201);
                });
              },
              {"新建拍卖批次（批次号缺省为下一批）",
               tag,
               {},
               http::object_schema({{"batch_no", "integer"},
                                    {"auction_house_id", "integer"},
                                    {"platform", "string"},
                                    {"starts_on", "string"},
                                    {"ends_on", "string"}},
                                   {"auction_house_id", "platform", "starts_on", "ends_on"}),
               batch_schema(),
               201}});

  router.add({"GET",
              "/api/v1/vehicles/batches/{id}",
              http::Access::authenticated,
              "vehicles.read",
              [](http::Context& ctx) {
                const auto id = ctx.path_id("id", "拍卖批次");
                return ctx.db().read([&](db::Tx& tx) { return batch_response(ctx, tx, id); });
              },
              {"拍卖批次及其拍品", tag, {}, nullptr, batch_with_lots_schema()}});

  router.add({"POST",
              "/api/v1/vehicles/batches/{id}/lots",
              http::Access::authenticated,
              "vehicles.write",
              [](http::Context& ctx) {
                const auto id = ctx.path_id("id", "拍卖批次");
                const auto b = ctx.json_body();
                const LotFields fields{b.required_int("vehicle_id"), b.required_int("reserve_price_fen"),
                                       b.optional_string("reserve_approval", 200).value_or("")};
                return ctx.db().write([&](db::Tx& tx) {
                  if (!vehicle_visible(ctx, tx, " FROM vehicles v WHERE v.tenant_id = $1 AND v.id = $2",
                                       {ctx.tenant_id(), fields.vehicle_id})) {
                    throw http::invalid("vehicle_id", "车辆不存在或不在您的数据范围内");
                  }
                  return http::Response::json(*find_lot(tx, ctx.tenant_id(), add_lot(tx, actor_of(ctx), id, fields)), 201);
                });
              },
              {"向待开拍的批次添加拍品（保留价低于评估价须有批准文件）",
               tag,
               {},
               http::object_schema({{"vehicle_id", "integer"}, {"reserve_price_fen", "integer"}, {"reserve_approval", "string"}},
                                   {"vehicle_id", "reserve_price_fen"}),
               lot_schema(),
               201}});

  router.add({"POST",
              "/api/v1/vehicles/batches/{id}/open",
              http::Access::authenticated,
              "vehicles.write",
              batch_step(open_batch),
              {"开拍：批次进入拍卖中，不能再加拍品", tag, {}, nullptr, batch_with_lots_schema()}});
  router.add({"POST",
              "/api/v1/vehicles/batches/{id}/settle",
              http::Access::authenticated,
              "vehicles.write",
              batch_step(settle_batch),
              {"结束批次（每个拍品都已登记结果）", tag, {}, nullptr, batch_with_lots_schema()}});

  router.add({"POST",
              "/api/v1/vehicles/lots/{id}/result",
              http::Access::authenticated,
              "vehicles.write",
              lot_step([](db::Tx& tx, const audit::Actor& actor, std::int64_t id, const http::JsonBody& b) {
                record_result(
                    tx, actor, id,
                    {b.required_string("result", 10), b.optional_int("hammer_price_fen"), b.optional_string("buyer", 100)});
              }),
              {"登记拍卖结果：成交（成交价不低于保留价、买受人）或流拍（可进入以后的批次）",
               tag,
               {},
               http::object_schema({{"result", "string"}, {"hammer_price_fen", "integer"}, {"buyer", "string"}}, {"result"}),
               lot_schema()}});

  router.add(
      {"POST",
       "/api/v1/vehicles/lots/{id}/payment",
       http::Access::authenticated,
       "vehicles.write",
       lot_step([](db::Tx& tx, const audit::Actor& actor, std::int64_t id, const http::JsonBody& b) {
         record_payment(tx, actor, id, b.required_int("payment_received_fen"), b.required_string("paid_on", 10));
       }),
       {"登记收到的成交款（每次一笔，累计不超过成交价）",
        tag,
        {},
        http::object_schema({{"payment_received_fen", "integer"}, {"paid_on", "string"}}, {"payment_received_fen", "paid_on"}),
        lot_schema()}});

  router.add({"POST",
              "/api/v1/vehicles/lots/{id}/transfer",
              http::Access::authenticated,
              "vehicles.write",
              lot_step([](db::Tx& tx, const audit::Actor& actor, std::int64_t id, const http::JsonBody& b) {
                record_transfer(tx, actor, id, b.required_string("ownership_transferred_on", 10));
              }),
              {"登记过户（付清成交款后）",
               tag,
               {},
               http::object_schema({{"ownership_transferred_on", "string"}}, {"ownership_transferred_on"}),
               lot_schema()}});

  // ---- Remittances ----
  router.add({"GET",
              "/api/v1/vehicles/campaigns/{id}/remittances",
              http::Access::authenticated,
              "vehicles.read",
              list_remittances,
              {"上缴财政专户台账（含处置收入、已上缴、差额）", tag, http::list_docs("按凭证号或备注搜索", "remitted_on | amount_fen"),
               nullptr, [] {
                 auto schema = http::list_schema(remittance_schema());
                 auto& properties = schema.as_object()["properties"].as_object();
                 for (const auto* key : {"received_fen", "remitted_fen", "difference_fen"})
                   properties[key] = {{"type", "integer"}};
                 return schema;
               }()}});

  router.add(
      {"POST",
       "/api/v1/vehicles/campaigns/{id}/remittances",
       http::Access::authenticated,
       "vehicles.write",
       [](http::Context& ctx) {
         const auto id = ctx.path_id("id", "车改");
         const auto b = ctx.json_body();
         const RemittanceFields fields{b.required_string("remitted_on", 10), b.required_int("amount_fen"),
                                       b.required_string("voucher_no", 50), b.optional_string("notes", 200).value_or("")};
         return ctx.db().write([&](db::Tx& tx) {
           return http::Response::json(*find_remittance(tx, ctx.tenant_id(), add_remittance(tx, actor_of(ctx), id, fields)), 201);
         });
       },
       {"登记上缴财政专户（累计不超过处置收入）",
        tag,
        {},
        http::object_schema({{"remitted_on", "string"}, {"amount_fen", "integer"}, {"voucher_no", "string"}, {"notes", "string"}},
                            {"remitted_on", "amount_fen", "voucher_no"}),
        remittance_schema(),
        201}});
}

}  // namespace jiguan::vehicles
