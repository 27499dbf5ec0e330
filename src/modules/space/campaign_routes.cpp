// HTTP handlers of the inspection campaigns (自查 → 督查 → 整改): campaigns and their stage,
// a unit's self-inspection and pledge (PDF), findings, rectification items with evidence and
// re-checks, the progress board. Thin: parse, call campaigns.cpp in one transaction, answer
// JSON, Excel or PDF.
//
// Who may do what: space.inspect runs campaigns, records findings and re-checks, and may act
// for any unit; space.self_check (a unit's liaison) saves the self-inspection, signs the pledge
// and adds evidence for the units of its data scope (its own unit). Reads need space.read and
// follow the data scope over the unit.
#include <boost/json.hpp>

#include "core/export/xlsx.hpp"
#include "core/http/api_error.hpp"
#include "core/http/openapi.hpp"
#include "core/util/time.hpp"
#include "modules/space/campaigns.hpp"
#include "modules/space/route_support.hpp"

namespace jiguan::space {
namespace json = boost::json;

namespace {

using xlsx::CellType;
const auto authenticated = http::Access::authenticated;
constexpr const char* kTag = "space";

bool in_scope(const access::Scope& scope, std::int64_t unit_id) {
  return scope.kind == access::DataScope::all || std::ranges::find(scope.unit_ids, unit_id) != scope.unit_ids.end();
}

// Reading a unit's records: out of the caller's data scope is as good as missing.
void require_visible(const http::Context& ctx, std::int64_t unit_id) {
  if (!in_scope(ctx.scope(), unit_id)) throw http::not_found("专项整治范围内的单位");
}

// Acting for a unit (the route needs space.self_check): space.inspect for any unit, else the
// units in the caller's data scope.
void require_unit_access(const http::Context& ctx, std::int64_t unit_id) {
  if (!ctx.who().can("space.inspect")) require_visible(ctx, unit_id);
}

// One column of a list's Excel export: the JSON item's key and the column it fills.
struct ExportColumn {
  const char* key;
  xlsx::Column column;
};

// The answer of a list route: one JSON page, or with ?format=xlsx every row, exported from the
// same JSON items the pages show.
http::Response answer_list(http::Context& ctx, db::Tx& tx, const std::string& sheet, const std::vector<ExportColumn>& columns,
                           const std::string& select, const std::string& from_where, const std::vector<db::Value>& params,
                           const http::ListQuery& lq, json::object (*to_json)(const db::Row&)) {
  if (!xlsx::wants_xlsx(ctx.request)) return http::list_response(http::fetch_page(tx, select, from_where, params, lq), to_json);
  std::vector<xlsx::Column> header;
  for (const auto& c : columns) header.push_back(c.column);
  return xlsx::export_list(tx, sheet, header, select, from_where, params, lq, [&](const db::Row& row) {
    const auto item = to_json(row);
    std::vector<db::Value> cells;
    for (const auto& c : columns) cells.push_back(xlsx::json_cell(item, c.key));
    return cells;
  });
}

// Appends "AND <sql with ? as the next parameter>" for a filter that is present.
struct Filters {
  std::vector<db::Value>& params;
  std::string where;
  void add(db::Value v, const std::string& sql) {
    params.push_back(std::move(v));
    const auto at = sql.find('?');
    where += " AND " + sql.substr(0, at) + "$" + std::to_string(params.size()) + sql.substr(at + 1);
  }
  void id(const http::Context& ctx, const char* name, const std::string& column) {
    if (const auto v = ctx.query_int(name)) add(*v, column + " = ?");
  }
  void scope(const http::Context& ctx, const std::string& unit_column) {
    where += " AND " + access::scope_predicate(ctx.scope(), unit_column, "", params);
  }
};

std::vector<std::int64_t> id_list(const json::object& body, const char* key) {
  const auto* v = body.if_contains(key);
  if (!v || !v->is_array()) throw http::invalid(key, std::string(key) + " 应为单位 id 的数组");
  std::vector<std::int64_t> ids;
  for (const auto& x : v->as_array()) {
    if (!x.is_int64()) throw http::invalid(key, std::string(key) + " 应为单位 id 的数组");
    ids.push_back(x.as_int64());
  }
  return ids;
}

std::string required_day(const http::JsonBody& b, const char* key) { return b.required_string(key, 10); }

// ---- Schemas (OpenAPI) ----

json::value campaign_schema() {
  return http::object_schema({{"id", "integer"}, {"name", "string"}, {"stage", "string"}, {"stage_label", "string"},
                              {"self_check_deadline", "string"}, {"supervision_deadline", "string"}, {"notes", "string"},
                              {"closed_at", "string"}, {"created_at", "string"}, {"updated_at", "string"},
                              {"units", "integer"}, {"submitted", "integer"}, {"findings", "integer"},
                              {"rectifications_open", "integer"}, {"unit_ids", "array"}, {"scope", "array"}},
                             {"id", "name", "stage", "self_check_deadline", "supervision_deadline"});
}

json::value finding_schema() {
  return http::object_schema({{"id", "integer"}, {"campaign_id", "integer"}, {"campaign_name", "string"}, {"unit_id", "integer"},
                              {"unit_name", "string"}, {"room_id", "integer"}, {"room_number", "string"}, {"building", "string"},
                              {"description", "string"}, {"severity", "string"}, {"severity_label", "string"},
                              {"has_photo", "boolean"}, {"created_at", "string"}},
                             {"id", "campaign_id", "unit_id", "description", "severity"});
}

json::value rectification_schema() {
  return http::object_schema(
      {{"id", "integer"},          {"campaign_id", "integer"},    {"campaign_name", "string"}, {"finding_id", "integer"},
       {"unit_id", "integer"},     {"unit_name", "string"},       {"room_id", "integer"},      {"room_number", "string"},
       {"building", "string"},     {"description", "string"},     {"owner_name", "string"},    {"due_days", "integer"},
       {"due_date", "string"},     {"status", "string"},          {"overdue", "boolean"},      {"evidence_text", "string"},
       {"has_evidence_photo", "boolean"}, {"evidence_at", "string"}, {"recheck_note", "string"}, {"rechecks", "integer"},
       {"rechecked_at", "string"}, {"closed_at", "string"},       {"created_at", "string"},    {"updated_at", "string"}},
      {"id", "campaign_id", "unit_id", "description", "owner_name", "due_date", "status", "overdue"});
}

json::value self_check_schema() {
  return http::object_schema({{"campaign_id", "integer"}, {"campaign_name", "string"}, {"stage", "string"},
                              {"self_check_deadline", "string"}, {"unit_id", "integer"}, {"unit_name", "string"},
                              {"status", "string"}, {"saved_at", "string"}, {"live", "boolean"}, {"taken_on", "string"},
                              {"rooms", "array"}, {"figures", "object"}, {"corrections", "string"},
                              {"room_corrections", "object"}, {"pledge", "object"}},
                             {"campaign_id", "unit_id", "status", "rooms", "figures", "pledge"});
}

// ---- Handlers ----

http::Response list_campaigns(http::Context& ctx) {
  const auto lq = ctx.list_query({{"name", "c.name"}, {"created_at", "c.created_at"}, {"stage", "c.stage"},
                                  {"self_check_deadline", "c.self_check_deadline"}, {"supervision_deadline", "c.supervision_deadline"}},
                                 "-created_at", "c.id");
  std::vector<db::Value> params{ctx.tenant_id(), lq.like_pattern()};
  Filters f{params, ""};
  const auto stage = ctx.request.query_param("stage").value_or("");
  if (!stage.empty()) {
    if (!is_stage(stage)) throw http::invalid("stage", "阶段应为 draft、self_check、supervision、rectification、closed 之一");
    f.add(stage, "c.stage = ?");
  }
  // A campaign is visible when a unit of its scope is in the caller's data scope.
  if (ctx.scope().kind != access::DataScope::all) {
    f.where += " AND EXISTS (SELECT 1 FROM space_campaign_units cu WHERE cu.tenant_id = c.tenant_id AND cu.campaign_id = c.id AND " +
               access::scope_predicate(ctx.scope(), "cu.unit_id", "", params) + ")";
  }
  const auto from = std::string(kCampaignFrom) + " WHERE c.tenant_id = $1 AND c.name LIKE $2 ESCAPE '\\'" + f.where;
  return ctx.db().read([&](db::Tx& tx) {
    return answer_list(ctx, tx, "专项整治",
                       {{"name", {"名称", CellType::text, 30}},
                        {"stage_label", {"阶段", CellType::text, 8}},
                        {"self_check_deadline", {"自查截止", CellType::date, 12}},
                        {"supervision_deadline", {"督查截止", CellType::date, 12}},
                        {"units", {"单位数", CellType::integer, 8}},
                        {"submitted", {"已提交自查", CellType::integer, 10}},
                        {"findings", {"督查发现", CellType::integer, 10}},
                        {"rectifications_open", {"未完成整改", CellType::integer, 10}},
                        {"created_at", {"创建时间", CellType::datetime, 18}}},
                       kCampaignColumns, from, params, lq, campaign_json);
  });
}

http::Response list_findings(http::Context& ctx) {
  const auto lq = ctx.list_query({{"created_at", "f.created_at"}, {"severity", "f.severity"}, {"unit", "u.name"}}, "-created_at", "f.id");
  std::vector<db::Value> params{ctx.tenant_id(), lq.like_pattern()};
  Filters f{params, ""};
  f.id(ctx, "campaign_id", "f.campaign_id");
  f.id(ctx, "unit_id", "f.unit_id");
  const auto severity = ctx.request.query_param("severity").value_or("");
  if (!severity.empty()) {
    if (!is_severity(severity)) throw http::invalid("severity", "程度应为 minor、major 或 serious");
    f.add(severity, "f.severity = ?");
  }
  f.scope(ctx, "f.unit_id");
  const auto from = kFindingFrom + " WHERE f.tenant_id = $1 AND (f.description LIKE $2 ESCAPE '\\' OR u.name LIKE $2 ESCAPE '\\'" +
                    " OR rm.number LIKE $2 ESCAPE '\\')" + f.where;
  return ctx.db().read([&](db::Tx& tx) {
    return answer_list(ctx, tx, "督查发现",
                       {{"campaign_name", {"专项整治", CellType::text, 24}},
                        {"unit_name", {"单位", CellType::text, 24}},
                        {"building", {"楼宇", CellType::text, 16}},
                        {"room_number", {"房间", CellType::text, 8}},
                        {"severity_label", {"程度", CellType::text, 6}},
                        {"description", {"发现的问题", CellType::text, 40}},
                        {"has_photo", {"有照片", CellType::boolean, 8}},
                        {"created_at", {"记录时间", CellType::datetime, 18}}},
                       kFindingColumns, from, params, lq, finding_json);
  });
}

http::Response list_rectifications(http::Context& ctx) {
  const auto lq = ctx.list_query({{"due_date", "r.due_date"}, {"created_at", "r.created_at"}, {"status", "r.status"}, {"unit", "u.name"}},
                                 "due_date", "r.id");
  std::vector<db::Value> params{ctx.tenant_id(), lq.like_pattern()};
  Filters f{params, ""};
  f.id(ctx, "campaign_id", "r.campaign_id");
  f.id(ctx, "unit_id", "r.unit_id");
  const auto status = ctx.request.query_param("status").value_or("");
  if (!status.empty()) {
    if (status != "open" && status != "closed") throw http::invalid("status", "状态应为 open（整改中）或 closed（已关闭）");
    f.add(status, "r.status = ?");
  }
  if (const auto overdue = ctx.query_bool("overdue")) {
    f.add(util::china_today(), *overdue ? "r.status = 'open' AND r.due_date < ?" : "NOT (r.status = 'open' AND r.due_date < ?)");
  }
  f.scope(ctx, "r.unit_id");
  const auto from = kRectificationFrom + " WHERE r.tenant_id = $1 AND (r.description LIKE $2 ESCAPE '\\'" +
                    " OR r.owner_name LIKE $2 ESCAPE '\\' OR u.name LIKE $2 ESCAPE '\\' OR rm.number LIKE $2 ESCAPE '\\')" + f.where;
  return ctx.db().read([&](db::Tx& tx) {
    return answer_list(ctx, tx, "整改事项",
                       {{"campaign_name", {"专项整治", CellType::text, 24}},
                        {"unit_name", {"单位", CellType::text, 24}},
                        {"building", {"楼宇", CellType::text, 16}},
                        {"room_number", {"房间", CellType::text, 8}},
                        {"description", {"整改内容", CellType::text, 40}},
                        {"owner_name", {"责任人", CellType::text, 10}},
                        {"due_date", {"整改期限", CellType::date, 12}},
                        {"status_label", {"状态", CellType::text, 8}},
                        {"overdue", {"逾期", CellType::boolean, 6}},
                        {"evidence_text", {"整改情况", CellType::text, 40}},
                        {"recheck_note", {"复查意见", CellType::text, 30}},
                        {"closed_at", {"关闭时间", CellType::datetime, 18}}},
                       kRectificationColumns, from, params, lq, rectification_json);
  });
}

CampaignPatch campaign_patch(const http::JsonBody& b) {
  CampaignPatch p;
  p.name = b.optional_string("name", 100);
  p.self_check_deadline = b.optional_string("self_check_deadline", 10);
  p.supervision_deadline = b.optional_string("supervision_deadline", 10);
  p.notes = b.optional_string("notes", 1000);
  if (b.has("unit_ids")) p.unit_ids = id_list(b.object(), "unit_ids");
  return p;
}

SelfCheckInput self_check_input(const http::JsonBody& b) {
  SelfCheckInput in{b.optional_string("corrections", 2000).value_or(""), {}};
  if (const auto* v = b.object().if_contains("room_corrections"); v && !v->is_null()) {
    const auto bad = [] { return http::invalid("room_corrections", "room_corrections 应为 [{room_id, text}] 数组"); };
    if (!v->is_array()) throw bad();
    for (const auto& x : v->as_array()) {
      if (!x.is_object() || !x.as_object().contains("room_id") || !x.at("room_id").is_int64() || !x.as_object().contains("text") ||
          !x.at("text").is_string()) {
        throw bad();
      }
      const std::string text(x.at("text").as_string());
      if (!text.empty()) in.room_corrections[x.at("room_id").as_int64()] = text;
    }
  }
  return in;
}

// A route on one campaign unit: /campaigns/{id}/units/{unit_id}/…
struct UnitPath {
  std::int64_t campaign_id;
  std::int64_t unit_id;
};
UnitPath unit_path(const http::Context& ctx) { return {ctx.path_id("id", "专项整治"), ctx.path_id("unit_id", "单位")}; }

http::Response photo_response(const Image& image) {
  http::Response r;
  r.content_type = image.mime;
  r.body = image.bytes;
  return r;
}

// GET a stored photo of a finding or an item, for callers who may see its unit.
http::Handler photo_route(const char* table, const char* column, const char* what) {
  return [=](http::Context& ctx) {
    const auto id = ctx.path_id("id", what);
    return ctx.db().read([&](db::Tx& tx) {
      const auto unit = tx.query(std::string("SELECT unit_id FROM ") + table + " WHERE tenant_id = $1 AND id = $2", ctx.tenant_id(), id);
      if (unit.empty()) throw http::not_found(what);
      require_visible(ctx, unit.one().int64(0));
      return photo_response(stored_photo(tx, ctx.tenant_id(), table, column, id));
    });
  };
}

// A step on a rectification item by or for its unit (evidence) or by a supervisor (re-check):
// checks the caller may act for the item's unit, runs the step, answers the item.
template <class Step>
http::Handler item_step(bool supervisor_only, Step step) {
  return [=](http::Context& ctx) {
    const auto id = ctx.path_id("id", "整改事项");
    const auto body = ctx.json_body();
    return ctx.db().write([&](db::Tx& tx) {
      const auto owner = rectification_owner(tx, ctx.tenant_id(), id);
      if (supervisor_only) require_visible(ctx, owner.unit_id);
      else require_unit_access(ctx, owner.unit_id);
      step(tx, audit::actor_of(ctx.who(), ctx.request), id, body);
      return http::Response::json(find_rectification(tx, ctx.tenant_id(), id));
    });
  };
}

}  // namespace

void register_campaign_routes(http::Router& router) {
  const std::string base = "/api/v1/space/campaigns";

  router.add({"GET", base, authenticated, "space.read", list_campaigns,
              {"专项整治列表（自查 → 督查 → 整改；分页、搜索、导出 Excel）", kTag,
               http::list_docs("按名称搜索", "name | created_at | stage | self_check_deadline | supervision_deadline",
                               {{"stage", "string", "draft | self_check | supervision | rectification | closed"}}),
               nullptr, http::list_schema(campaign_schema())}});

  router.add({"POST", base, authenticated, "space.inspect",
              [](http::Context& ctx) {
                const auto b = ctx.json_body();
                const CampaignFields f{b.required_string("name", 100), required_day(b, "self_check_deadline"),
                                       required_day(b, "supervision_deadline"), b.optional_string("notes", 1000).value_or(""),
                                       id_list(b.object(), "unit_ids")};
                return ctx.db().write([&](db::Tx& tx) {
                  const auto id = create_campaign(tx, audit::actor_of(ctx.who(), ctx.request), f);
                  return http::Response::json(find_campaign(tx, ctx.tenant_id(), id), 201);
                });
              },
              {"新建专项整治（草稿；范围为单位列表，督查截止日期须晚于自查截止日期）", kTag, {},
               http::object_schema({{"name", "string"}, {"self_check_deadline", "string"}, {"supervision_deadline", "string"},
                                    {"notes", "string"}, {"unit_ids", "array"}},
                                   {"name", "self_check_deadline", "supervision_deadline", "unit_ids"}),
               campaign_schema(), 201}});

  router.add({"GET", base + "/{id}", authenticated, "space.read",
              [](http::Context& ctx) {
                const auto id = ctx.path_id("id", "专项整治");
                return ctx.db().read([&](db::Tx& tx) { return http::Response::json(find_campaign(tx, ctx.tenant_id(), id)); });
              },
              {"专项整治详情（含范围内的单位）", kTag, {}, nullptr, campaign_schema()}});

  router.add({"PATCH", base + "/{id}", authenticated, "space.inspect",
              [](http::Context& ctx) {
                const auto id = ctx.path_id("id", "专项整治");
                const auto patch = campaign_patch(ctx.json_body());
                return ctx.db().write([&](db::Tx& tx) {
                  update_campaign(tx, audit::actor_of(ctx.who(), ctx.request), id, patch);
                  return http::Response::json(find_campaign(tx, ctx.tenant_id(), id));
                });
              },
              {"修改专项整治（名称、截止日期、备注；范围 unit_ids 只能在草稿阶段修改）", kTag, {},
               http::object_schema({{"name", "string"}, {"self_check_deadline", "string"}, {"supervision_deadline", "string"},
                                    {"notes", "string"}, {"unit_ids", "array"}}),
               campaign_schema()}});

  router.add({"POST", base + "/{id}/stage", authenticated, "space.inspect",
              [](http::Context& ctx) {
                const auto id = ctx.path_id("id", "专项整治");
                const auto stage = ctx.json_body().required_string("stage", 20);
                return ctx.db().write([&](db::Tx& tx) {
                  change_stage(tx, audit::actor_of(ctx.who(), ctx.request), id, stage);
                  return http::Response::json(find_campaign(tx, ctx.tenant_id(), id));
                });
              },
              {"推进阶段：draft → self_check → supervision → rectification → closed，每次一步（否则 409 invalid_state；"
               "有未关闭的整改事项时不能结束：409 open_rectifications）",
               kTag, {}, http::object_schema({{"stage", "string"}}, {"stage"}), campaign_schema()}});

  router.add({"GET", base + "/{id}/board", authenticated, "space.read",
              [](http::Context& ctx) {
                const auto id = ctx.path_id("id", "专项整治");
                std::optional<std::vector<std::int64_t>> units;
                if (ctx.scope().kind != access::DataScope::all) units = ctx.scope().unit_ids;
                return ctx.db().read([&](db::Tx& tx) { return http::Response::json(campaign_board(tx, ctx.tenant_id(), id, units)); });
              },
              {"进度看板：范围内每个单位的自查状态（pending / submitted / late）、承诺书、督查发现、整改事项（未完成 / 已关闭 / 逾期）及合计",
               kTag, {}, nullptr,
               http::object_schema({{"campaign", "object"}, {"today", "string"}, {"units", "array"}, {"totals", "object"}},
                                   {"campaign", "units", "totals"})}});

  const std::string unit_base = base + "/{id}/units/{unit_id}";
  router.add({"GET", unit_base + "/self-check", authenticated, "space.read",
              [](http::Context& ctx) {
                const auto p = unit_path(ctx);
                require_visible(ctx, p.unit_id);
                return ctx.db().read(
                    [&](db::Tx& tx) { return http::Response::json(self_check_json(tx, ctx.tenant_id(), p.campaign_id, p.unit_id)); });
              },
              {"单位的自查：保存后为保存时的办公室快照（含使用人和核定结论），未保存时为当天实时数据；整改说明；承诺书签署情况", kTag, {},
               nullptr, self_check_schema()}});

  router.add({"PUT", unit_base + "/self-check", authenticated, "space.self_check",
              [](http::Context& ctx) {
                const auto p = unit_path(ctx);
                require_unit_access(ctx, p.unit_id);
                const auto input = self_check_input(ctx.json_body());
                return ctx.db().write([&](db::Tx& tx) {
                  save_self_check(tx, audit::actor_of(ctx.who(), ctx.request), p.campaign_id, p.unit_id, input);
                  return http::Response::json(self_check_json(tx, ctx.tenant_id(), p.campaign_id, p.unit_id));
                });
              },
              {"保存自查（space.self_check 本单位，或 space.inspect）：记下当天的办公室快照和整改说明；承诺书签署后不能再改（409 already_signed）",
               kTag, {}, http::object_schema({{"corrections", "string"}, {"room_corrections", "array"}}), self_check_schema()}});

  router.add({"GET", unit_base + "/pledge.pdf", authenticated, "space.read",
              [](http::Context& ctx) {
                const auto p = unit_path(ctx);
                require_visible(ctx, p.unit_id);
                http::Response r;
                r.content_type = "application/pdf";
                r.body = ctx.db().read([&](db::Tx& tx) { return pledge_document(tx, ctx.tenant_id(), p.campaign_id, p.unit_id); });
                r.with_header("Content-Disposition", "inline; filename=\"pledge.pdf\"");
                return r;
              },
              {"承诺书（PDF）：签署后为所签的原件（SHA-256 与 pledge.sha256 一致），此前为预览", kTag, {}, nullptr, nullptr}});

  router.add({"POST", unit_base + "/pledge", authenticated, "space.self_check",
              [](http::Context& ctx) {
                const auto p = unit_path(ctx);
                require_unit_access(ctx, p.unit_id);
                const auto b = ctx.json_body();
                const PledgeInput in{b.required_string("signer_name", 50), b.required_string("signature", 300 * 1024),
                                     b.optional_string("signed_at", 40).value_or("")};
                return ctx.db().write([&](db::Tx& tx) {
                  sign_pledge(tx, audit::actor_of(ctx.who(), ctx.request), p.campaign_id, p.unit_id, in);
                  return http::Response::json(self_check_json(tx, ctx.tenant_id(), p.campaign_id, p.unit_id));
                });
              },
              {"签署承诺书（单位负责人手写签名 PNG data URL）：须先保存自查（409 self_check_not_saved），只能签一次（409 already_signed）",
               kTag, {}, http::object_schema({{"signer_name", "string"}, {"signature", "string"}, {"signed_at", "string"}},
                                             {"signer_name", "signature"}),
               self_check_schema()}});

  // ---- Findings ----
  router.add({"GET", "/api/v1/space/findings", authenticated, "space.read", list_findings,
              {"督查发现列表（分页、搜索、导出 Excel）", kTag,
               http::list_docs("按问题、单位或房间号搜索", "created_at | severity | unit",
                               {{"campaign_id", "integer", "专项整治"}, {"unit_id", "integer", "单位"},
                                {"severity", "string", "minor | major | serious"}}),
               nullptr, http::list_schema(finding_schema())}});

  router.add({"POST", "/api/v1/space/findings", authenticated, "space.inspect",
              [](http::Context& ctx) {
                const auto b = ctx.json_body();
                const FindingInput in{b.required_int("campaign_id"), b.required_int("unit_id"), b.optional_int("room_id"),
                                      b.required_string("description", 1000), b.required_string("severity", 20),
                                      b.optional_string("photo", 3 * 1024 * 1024)};
                return ctx.db().write([&](db::Tx& tx) {
                  const auto id = add_finding(tx, audit::actor_of(ctx.who(), ctx.request), in);
                  const auto row = tx.query(std::string("SELECT ") + kFindingColumns + kFindingFrom + " WHERE f.tenant_id = $1 AND f.id = $2",
                                            ctx.tenant_id(), id);
                  return http::Response::json(finding_json(row.one()), 201);
                });
              },
              {"记录督查发现（督查或整改阶段；照片可选，PNG/JPEG data URL，不超过 2 MB）", kTag, {},
               http::object_schema({{"campaign_id", "integer"}, {"unit_id", "integer"}, {"room_id", "integer"},
                                    {"description", "string"}, {"severity", "string"}, {"photo", "string"}},
                                   {"campaign_id", "unit_id", "description", "severity"}),
               finding_schema(), 201}});

  router.add({"GET", "/api/v1/space/findings/{id}/photo", authenticated, "space.read",
              photo_route("space_findings", "photo", "督查发现"),
              {"督查发现的照片（image/png 或 image/jpeg；没有照片时 404）", kTag, {}, nullptr, nullptr}});

  // ---- Rectification items ----
  router.add({"GET", "/api/v1/space/rectifications", authenticated, "space.read", list_rectifications,
              {"整改事项列表（分页、搜索、导出 Excel）", kTag,
               http::list_docs("按整改内容、责任人、单位或房间号搜索", "due_date | created_at | status | unit",
                               {{"campaign_id", "integer", "专项整治"}, {"unit_id", "integer", "单位"},
                                {"status", "string", "open 整改中 | closed 已关闭"},
                                {"overdue", "boolean", "true：逾期未完成（整改中且已过整改期限）"}}),
               nullptr, http::list_schema(rectification_schema())}});

  router.add({"POST", "/api/v1/space/rectifications", authenticated, "space.inspect",
              [](http::Context& ctx) {
                const auto b = ctx.json_body();
                const RectificationInput in{b.required_int("campaign_id"), b.optional_int("finding_id"), b.optional_int("unit_id"),
                                            b.optional_int("room_id"), b.required_string("description", 1000),
                                            b.required_string("owner_name", 50), b.required_int("due_in_days")};
                return ctx.db().write([&](db::Tx& tx) {
                  const auto id = open_rectification(tx, audit::actor_of(ctx.who(), ctx.request), in);
                  return http::Response::json(find_rectification(tx, ctx.tenant_id(), id), 201);
                });
              },
              {"下达整改事项（督查或整改阶段）：整改期限为 due_in_days 个工作日（按法定节假日和调休）", kTag, {},
               http::object_schema({{"campaign_id", "integer"}, {"finding_id", "integer"}, {"unit_id", "integer"},
                                    {"room_id", "integer"}, {"description", "string"}, {"owner_name", "string"},
                                    {"due_in_days", "integer"}},
                                   {"campaign_id", "description", "owner_name", "due_in_days"}),
               rectification_schema(), 201}});

  router.add({"POST", "/api/v1/space/rectifications/{id}/evidence", authenticated, "space.self_check",
              item_step(false,
                        [](db::Tx& tx, const audit::Actor& actor, std::int64_t id, const http::JsonBody& b) {
                          add_evidence(tx, actor, id, b.required_string("text", 2000), b.optional_string("photo", 3 * 1024 * 1024));
                        }),
              {"单位提交整改材料（space.self_check 本单位，或 space.inspect；照片可选）", kTag, {},
               http::object_schema({{"text", "string"}, {"photo", "string"}}, {"text"}), rectification_schema()}});

  router.add({"POST", "/api/v1/space/rectifications/{id}/recheck", authenticated, "space.inspect",
              item_step(true,
                        [](db::Tx& tx, const audit::Actor& actor, std::int64_t id, const http::JsonBody& b) {
                          const auto passed = b.optional_bool("passed");
                          if (!passed) throw http::ApiError(422, "missing_field", "缺少必填字段 passed", "passed");
                          recheck(tx, actor, id, *passed, b.optional_string("note", 1000).value_or(""), b.optional_int("due_in_days"));
                        }),
              {"复查：通过则关闭；不通过须写明意见，仍为整改中，可重设整改期限 due_in_days（工作日）", kTag, {},
               http::object_schema({{"passed", "boolean"}, {"note", "string"}, {"due_in_days", "integer"}}, {"passed"}),
               rectification_schema()}});

  router.add({"GET", "/api/v1/space/rectifications/{id}/photo", authenticated, "space.read",
              photo_route("space_rectifications", "evidence_photo", "整改事项"),
              {"整改材料的照片（没有照片时 404）", kTag, {}, nullptr, nullptr}});
}

}  // namespace jiguan::space
