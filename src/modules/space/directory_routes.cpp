// HTTP handlers of the building directory: the public pages' data (no login; the tenant from
// ?tenant= or the only one), the printed door plates and floor directory, and the public URL
// the plates' QR codes point to.
#include <boost/json.hpp>
#include <charconv>

#include "core/export/xlsx.hpp"
#include "core/http/api_error.hpp"
#include "core/http/openapi.hpp"
#include "core/org/tenants.hpp"
#include "modules/space/directory.hpp"
#include "modules/space/route_support.hpp"

namespace jiguan::space {
namespace json = boost::json;

namespace {

using xlsx::CellType;

std::int64_t public_tenant(const http::Context& ctx, db::Tx& tx) {
  return org::resolve_tenant(tx, ctx.request.query_param("tenant").value_or("")).id;
}

// "1,2,3" → ids, at most kMaxPlates; else 422 naming rooms.
std::vector<std::int64_t> room_ids(std::string_view text) {
  std::vector<std::int64_t> ids;
  for (std::size_t start = 0; start <= text.size();) {
    const auto end = std::min(text.find(',', start), text.size());
    const auto part = text.substr(start, end - start);
    std::int64_t id = 0;
    const auto [last, ec] = std::from_chars(part.data(), part.data() + part.size(), id);
    if (ec != std::errc() || last != part.data() + part.size() || id <= 0) {
      throw http::invalid("rooms", "rooms 应为逗号分隔的房间 id，如 1,2,3");
    }
    ids.push_back(id);
    start = end + 1;
  }
  if (ids.size() > kMaxPlates) throw http::invalid("rooms", "一次最多打印 " + std::to_string(kMaxPlates) + " 张门牌");
  return ids;
}

// Where printed QR codes point: the configured public URL, else where this request came to.
std::string public_base(const http::Context& ctx, db::Tx& tx) {
  if (auto url = load_public_url(tx, ctx.tenant_id()); !url.empty()) return url;
  if (auto base = base_from_request(ctx.request.header("host"), ctx.request.header("x-forwarded-proto"))) return *base;
  throw http::invalid("public_url", "无法从请求确定本系统的网址，请先设置公开网址（PUT /api/v1/space/directory/settings）");
}

// The tenant's code when the public pages cannot guess it (more than one tenant), else "".
std::string tenant_code_for_urls(const http::Context& ctx, db::Tx& tx) {
  if (tx.query("SELECT COUNT(*) FROM tenants").one().int64(0) <= 1) return "";
  return tx.query("SELECT code FROM tenants WHERE id = $1", ctx.tenant_id()).one().text(0);
}

http::Response pdf_response(std::string body, const char* filename) {
  http::Response r;
  r.content_type = "application/pdf";
  r.body = std::move(body);
  r.with_header("Content-Disposition", std::string("inline; filename=\"") + filename + "\"");
  return r;
}

json::object settings_json(db::Tx& tx, const http::Context& ctx) {
  return {{"public_url", load_public_url(tx, ctx.tenant_id())},
          {"base_url", base_from_request(ctx.request.header("host"), ctx.request.header("x-forwarded-proto")).value_or("")},
          {"room_url_example", public_room_url(public_base(ctx, tx), 1, "")}};
}

json::value settings_schema() {
  return http::object_schema({{"public_url", "string"}, {"base_url", "string"}, {"room_url_example", "string"}}, {"public_url"});
}

json::value room_schema(bool card) {
  auto schema = http::object_schema({{"id", "integer"},
                                     {"number", "string"},
                                     {"name", "string"},
                                     {"use", "string"},
                                     {"use_label", "string"},
                                     {"unit_name", "string"},
                                     {"building_id", "integer"},
                                     {"building", "string"},
                                     {"floor_id", "integer"},
                                     {"floor", "string"},
                                     {"floor_level", "integer"}},
                                    {"id", "number", "building", "floor"});
  if (card) schema.at("properties").as_object()["address"] = {{"type", "string"}};
  return schema;
}

http::Response list_buildings(http::Context& ctx) {
  const auto lq = ctx.list_query({{"code", "code"}, {"name", "name"}}, "code");
  return ctx.db().read([&](db::Tx& tx) {
    const auto tenant = public_tenant(ctx, tx);
    std::vector<db::Value> params{tenant, lq.like_pattern()};
    const std::string from =
        " FROM space_buildings WHERE tenant_id = $1 AND public_listed = 1"
        " AND (name LIKE $2 ESCAPE '\\' OR address LIKE $2 ESCAPE '\\')";
    if (xlsx::wants_xlsx(ctx.request)) {
      return xlsx::export_list(tx, "楼宇", {{"楼宇", CellType::text, 24}, {"地址", CellType::text, 40}}, "id, name, address", from,
                               params, lq, [](const db::Row& row) { return std::vector<db::Value>{row[1], row[2]}; });
    }
    const auto page = http::fetch_page(tx, "id", from, params, lq);
    return http::list_response(page, [&](const db::Row& row) { return *public_building(tx, tenant, row.int64(0)); });
  });
}

http::Response list_directory(http::Context& ctx) {
  const auto lq = ctx.list_query({{"place", "b.code ASC, f.level ASC, r.number"}, {"number", "r.number"}, {"unit", "u.name"}},
                                 "place", "r.id");
  const auto building = ctx.query_int("building"), floor = ctx.query_int("floor");
  return ctx.db().read([&](db::Tx& tx) {
    const auto tenant = public_tenant(ctx, tx);
    std::vector<db::Value> params{tenant};
    std::string from = kPublicRoomFrom;
    if (!lq.q.empty()) {
      params.emplace_back(lq.like_pattern());
      from += " AND (r.number LIKE $2 ESCAPE '\\' OR r.name LIKE $2 ESCAPE '\\' OR u.name LIKE $2 ESCAPE '\\' OR " + use_label_sql() +
              " LIKE $2 ESCAPE '\\')";
    }
    if (building) {
      if (!public_building(tx, tenant, *building)) throw http::not_found("楼宇");
      params.emplace_back(*building);
      from += " AND b.id = $" + std::to_string(params.size());
    }
    if (floor) {
      params.emplace_back(*floor);
      from += " AND f.id = $" + std::to_string(params.size());
    }
    if (xlsx::wants_xlsx(ctx.request)) {
      return xlsx::export_list(tx, "楼宇目录",
                               {{"楼宇", CellType::text, 20},
                                {"楼层", CellType::text, 8},
                                {"门牌号", CellType::text, 10},
                                {"名称", CellType::text, 20},
                                {"用途", CellType::text, 10},
                                {"单位", CellType::text, 28}},
                               public_room_columns(), from, params, lq, [](const db::Row& row) {
                                 return std::vector<db::Value>{row[7], row[9], row[1], row[2], row[4], row[5]};
                               });
    }
    const auto page = http::fetch_page(tx, public_room_columns(), from, params, lq);
    json::array items;
    for (const auto& row : page.rows) items.push_back(public_room_json(row));
    return http::Response::json(
        json::object{{"items", std::move(items)}, {"total", page.total}, {"buildings", directory_index(page.rows)}});
  });
}

http::Response door_plates(http::Context& ctx) {
  PlateSelection sel;
  sel.building_id = ctx.query_int("building_id");
  sel.floor_id = ctx.query_int("floor_id");
  if (const auto rooms = ctx.request.query_param("rooms"); rooms && !rooms->empty()) sel.room_ids = room_ids(*rooms);
  sel.names = ctx.query_bool("names").value_or(false);
  return ctx.db().read([&](db::Tx& tx) {
    const auto rooms = plate_rooms(tx, ctx.tenant_id(), sel);
    return pdf_response(door_plates_pdf(rooms, public_base(ctx, tx), tenant_code_for_urls(ctx, tx)), "door-plates.pdf");
  });
}

http::Response floor_directory_route(http::Context& ctx) {
  const auto building = ctx.query_int("building_id");
  if (!building) throw http::invalid("building_id", "请指定楼宇（building_id）");
  return ctx.db().read([&](db::Tx& tx) {
    const auto directory = floor_directory(tx, ctx.tenant_id(), *building);
    // The QR code only for a building the public pages show.
    const auto listed = tx.query("SELECT public_listed FROM space_buildings WHERE tenant_id = $1 AND id = $2", ctx.tenant_id(),
                                 *building)
                            .one()
                            .int64(0) == 1;
    const auto url = listed ? public_directory_url(public_base(ctx, tx), *building, tenant_code_for_urls(ctx, tx)) : "";
    return pdf_response(floor_directory_pdf(directory, url), "floor-directory.pdf");
  });
}

}  // namespace

void register_directory_routes(http::Router& router) {
  const auto open = http::Access::open;
  const auto authenticated = http::Access::authenticated;
  const std::vector<http::QueryParamDoc> tenant_doc = {{"tenant", "string", "机构代码（系统只有一个机构时可省略）"}};

  router.add({"GET",
              "/api/v1/public/space/buildings",
              open,
              "",
              list_buildings,
              {"公开楼宇目录：对外公开的楼宇及其楼层（无需登录；分页、搜索、导出 Excel）", "space",
               http::list_docs("按楼宇名称或地址搜索", "code | name", tenant_doc),
               nullptr,
               http::list_schema(http::object_schema({{"id", "integer"}, {"name", "string"}, {"address", "string"}, {"floors", "array"}},
                                                     {"id", "name", "floors"}))}});

  router.add({"GET",
              "/api/v1/public/space/directory",
              open,
              "",
              list_directory,
              {"公开房间目录：对外公开楼宇的房间（不含设备用房，不含任何人员姓名；无需登录；分页、搜索、导出 Excel）。"
               "buildings 为本页房间按楼宇 → 楼层 → 单位（或房间名称）归组的门牌号索引",
               "space",
               http::list_docs("按单位名称、房间名称、门牌号或用途搜索", "place | number | unit",
                               {{"tenant", "string", "机构代码（系统只有一个机构时可省略）"},
                                {"building", "integer", "楼宇 id（未公开或不存在答 404）"},
                                {"floor", "integer", "楼层 id"}}),
               nullptr,
               [] {
                 auto schema = http::list_schema(room_schema(false));
                 schema.at("properties").as_object()["buildings"] = {{"type", "array"}};
                 return schema;
               }()}});

  router.add({"GET",
              "/api/v1/public/space/rooms/{id}",
              open,
              "",
              [](http::Context& ctx) {
                const auto id = ctx.path_id("id", "房间");
                return ctx.db().read([&](db::Tx& tx) {
                  auto room = public_room(tx, public_tenant(ctx, tx), id);
                  if (!room) throw http::not_found("房间");
                  return http::Response::json(std::move(*room));
                });
              },
              {"房间公开卡片（门牌二维码指向的页面的数据；无需登录）", "space", tenant_doc, nullptr, room_schema(true)}});

  router.add({"GET",
              "/api/v1/space/door-plates.pdf",
              authenticated,
              "space.read",
              door_plates,
              {"打印门牌（PDF，A4 每页上下两张 A5 横版门牌：门牌号、单位、房间名称或用途、可选使用人姓名、"
               "指向房间公开页面的二维码及其网址；building_id、floor_id、rooms 至少其一，最多 500 张）",
               "space",
               {{"building_id", "integer", "楼宇 id"},
                {"floor_id", "integer", "楼层 id"},
                {"rooms", "string", "房间 id，逗号分隔"},
                {"names", "boolean", "true：印上当日使用人姓名（默认不印）"}},
               nullptr,
               nullptr}});

  router.add({"GET",
              "/api/v1/space/floor-directory.pdf",
              authenticated,
              "space.read",
              floor_directory_route,
              {"打印楼层索引（PDF：逐层列出单位及其门牌号，不含设备用房）", "space",
               {{"building_id", "integer", "楼宇 id（必填）"}}, nullptr, nullptr}});

  router.add({"GET",
              "/api/v1/space/directory/settings",
              authenticated,
              "space.read",
              [](http::Context& ctx) {
                return ctx.db().read([&](db::Tx& tx) { return http::Response::json(settings_json(tx, ctx)); });
              },
              {"楼宇目录设置：门牌二维码使用的公开网址（空则取请求的地址）", "space", {}, nullptr, settings_schema()}});

  router.add({"PUT",
              "/api/v1/space/directory/settings",
              authenticated,
              "space.manage",
              [](http::Context& ctx) {
                const auto body = ctx.json_body();
                const auto url = normalize_public_url(body.optional_string("public_url", 300).value_or(""));
                return ctx.db().write([&](db::Tx& tx) {
                  save_public_url(tx, audit::actor_of(ctx.who(), ctx.request), url);
                  return http::Response::json(settings_json(tx, ctx));
                });
              },
              {"修改楼宇目录设置（public_url：如 https://jgj.example.gov.cn，空字符串则取请求的地址）", "space", {},
               http::object_schema({{"public_url", "string"}}), settings_schema()}});
}

}  // namespace jiguan::space
