// HTTP handlers of the mail room: registering and listing items, lookup by scanned code,
// an item's chain of custody, what waits for the caller's unit, and storage slots. Thin:
// parse, call items.cpp in one transaction, answer JSON or Excel. The other route files
// (route_support.hpp) add delivery and hand-over, dispatch, the daily close, labels and
// statistics.
#include <boost/json.hpp>

#include "core/app/routes.hpp"
#include "core/calendar/calendar.hpp"
#include "core/export/xlsx.hpp"
#include "core/http/api_error.hpp"
#include "core/http/openapi.hpp"
#include "modules/mail/mail.hpp"
#include "modules/mail/route_support.hpp"

namespace jiguan::mail {
namespace json = boost::json;

namespace {

using xlsx::CellType;

json::value item_input_schema() {
  return http::object_schema({{"kind", "string"},
                              {"direction", "string"},
                              {"tracking_no", "string"},
                              {"count", "integer"},
                              {"sender", "string"},
                              {"sender_unit_id", "integer"},
                              {"addressee_unit_id", "integer"},
                              {"addressee", "string"},
                              {"addressee_account_id", "integer"},
                              {"secrecy_level", "string"},
                              {"envelope_no", "string"},
                              {"sending_organ", "string"},
                              {"slot_id", "integer"},
                              {"received_at", "string"},
                              {"notes", "string"}},
                             {"kind"});
}

// The body of POST /mail/items. received_at defaults to now; a scanner's tracking number is
// trimmed (scanners may add spaces) and an empty one means none.
ItemFields item_fields(const http::JsonBody& b) {
  ItemFields f;
  f.kind = b.required_string("kind", 20);
  f.direction = b.optional_string("direction", 10).value_or("in");
  if (auto t = b.optional_string("tracking_no", 60)) {
    const auto first = t->find_first_not_of(" \t\r\n");
    const auto last = t->find_last_not_of(" \t\r\n");
    if (first != std::string::npos) f.tracking_no = t->substr(first, last - first + 1);
  }
  f.count = b.optional_int("count").value_or(1);
  f.sender = b.optional_string("sender", 200).value_or("");
  f.sender_unit_id = b.optional_int("sender_unit_id");
  f.addressee_unit_id = b.optional_int("addressee_unit_id");
  f.addressee = b.optional_string("addressee", 200).value_or("");
  f.addressee_account_id = b.optional_int("addressee_account_id");
  f.secrecy_level = b.optional_string("secrecy_level", 20);
  if (f.secrecy_level && f.secrecy_level->empty()) f.secrecy_level.reset();
  f.envelope_no = b.optional_string("envelope_no", 60).value_or("");
  f.sending_organ = b.optional_string("sending_organ", 200).value_or("");
  f.slot_id = b.optional_int("slot_id");
  const auto received_at = b.optional_string("received_at", 40);
  if (received_at && !received_at->empty()) {
    const auto t = util::parse_instant(*received_at);
    if (!t) throw http::invalid("received_at", "received_at 应为带时区的 ISO-8601 时间，如 2026-03-02T09:00:00+08:00");
    f.received_at = *t;
  } else {
    f.received_at = util::now_instant();
  }
  f.notes = b.optional_string("notes", 1000).value_or("");
  return f;
}

// The list's filters as SQL on alias i; params are $1 = tenant, $2 = the ?q= pattern, then
// the visibility rule's, and the filters' are appended.
std::string item_filters(const http::Context& ctx, std::vector<db::Value>& params) {
  const auto text = [&](const char* name) { return ctx.request.query_param(name).value_or(""); };
  const auto kind = text("kind"), direction = text("direction"), status = text("status");
  if (!kind.empty() && !is_kind(kind)) throw http::invalid("kind", "未知的邮件种类：" + kind);
  if (!direction.empty() && !is_direction(direction)) throw http::invalid("direction", "方向应为 in 或 out");
  const bool on_hand = status == "on_hand";
  if (!status.empty() && !on_hand && !is_status(status)) {
    throw http::invalid("status", "未知的状态：" + status + "（received | notified | delivered | returned | forwarded | dispatched | on_hand）");
  }
  for (const char* date : {"from", "to"}) {
    if (!text(date).empty() && !calendar::parse_date(text(date))) throw http::invalid(date, std::string(date) + " 应为日期，如 2026-03-02");
  }
  std::string where = " AND (i.tracking_no LIKE $2 ESCAPE '\\' OR i.sender LIKE $2 ESCAPE '\\' OR i.addressee LIKE $2 ESCAPE '\\'"
                      " OR au.name LIKE $2 ESCAPE '\\' OR su.name LIKE $2 ESCAPE '\\')";
  const auto add = [&](db::Value v, const std::string& sql) {
    params.push_back(std::move(v));
    const auto n = "$" + std::to_string(params.size());
    std::string out = sql;
    for (auto at = out.find('?'); at != std::string::npos; at = out.find('?', at + n.size())) out.replace(at, 1, n);
    where += " AND " + out;
  };
  if (!kind.empty()) add(kind, "i.kind = ?");
  if (!direction.empty()) add(direction, "i.direction = ?");
  if (on_hand) where += " AND i.status IN ('received', 'notified')";
  else if (!status.empty()) add(status, "i.status = ?");
  if (const auto unit = ctx.query_int("addressee_unit_id")) add(*unit, "i.addressee_unit_id = ?");
  if (const auto unit = ctx.query_int("sender_unit_id")) add(*unit, "i.sender_unit_id = ?");
  if (const auto slot = ctx.query_int("slot_id")) add(*slot, "i.slot_id = ?");
  if (!text("tracking_no").empty()) add(text("tracking_no"), "i.tracking_no = ?");
  if (!text("from").empty()) add(text("from"), "i.received_on >= ?");
  if (!text("to").empty()) add(text("to"), "i.received_on <= ?");
  return where;
}

// The items list; with waiting_for_unit, only that unit's items still in the mail room
// (what a liaison collects).
http::Response list_items(http::Context& ctx, std::optional<std::int64_t> waiting_for_unit = std::nullopt) {
  const auto lq = ctx.list_query({{"received_at", "i.received_at"}, {"tracking_no", "i.tracking_no"}, {"kind", "i.kind"},
                                  {"status", "i.status"}, {"created_at", "i.created_at"}},
                                 "-received_at", "i.id");
  std::vector<db::Value> params{ctx.tenant_id(), lq.like_pattern()};
  const auto visible = visible_items(ctx.who(), params);
  auto where = std::string(" WHERE i.tenant_id = $1 AND ") + visible + item_filters(ctx, params);
  if (waiting_for_unit) {
    params.emplace_back(*waiting_for_unit);
    where += " AND i.status IN ('received', 'notified') AND i.addressee_unit_id = $" + std::to_string(params.size());
  }
  return ctx.db().read([&](db::Tx& tx) {
    if (xlsx::wants_xlsx(ctx.request)) {
      return xlsx::export_list(tx, "邮件登记",
                               {{"编号", CellType::text, 12},
                                {"种类", CellType::text, 8},
                                {"收/发", CellType::text, 6},
                                {"运单号", CellType::text, 20},
                                {"件数", CellType::integer, 6},
                                {"寄件人", CellType::text, 20},
                                {"收件单位", CellType::text, 20},
                                {"收件人", CellType::text, 12},
                                {"交寄单位", CellType::text, 20},
                                {"密级", CellType::text, 6},
                                {"格口", CellType::text, 8},
                                {"登记时间(UTC)", CellType::datetime, 18},
                                {"状态", CellType::text, 8},
                                {"签收人", CellType::text, 10},
                                {"离开收发室(UTC)", CellType::datetime, 18}},
                               kItemColumns, std::string(kItemFrom) + where, params, lq, [](const db::Row& row) {
                                 return std::vector<db::Value>{item_code(row.int64(0)),
                                                               std::string(kind_label(row.text(1))),
                                                               std::string(row.text(2) == "in" ? "收" : "发"),
                                                               row[3], row[4], row[5], row[9], row[10], row[7],
                                                               std::string(secrecy_label(row.opt_text(12).value_or(""))),
                                                               row[16], row[17], std::string(status_label(row.text(20))), row[24],
                                                               row[22]};
                               });
    }
    return http::list_response(http::fetch_page(tx, kItemColumns, std::string(kItemFrom) + where, params, lq), item_json);
  });
}

json::value slot_schema() {
  return http::object_schema({{"id", "integer"}, {"code", "string"}, {"name", "string"}, {"active", "boolean"},
                              {"on_hand", "integer"}, {"created_at", "string"}, {"updated_at", "string"}},
                             {"id", "code", "name", "active"});
}

const char* const kSlotColumns =
    "s.id, s.code, s.name, s.active, (SELECT COUNT(*) FROM mail_items i WHERE i.tenant_id = s.tenant_id AND i.slot_id = s.id"
    " AND i.status IN ('received', 'notified')), s.created_at, s.updated_at";

json::object slot_json(const db::Row& row) {
  return {{"id", row.int64(0)},          {"code", row.text(1)},         {"name", row.text(2)},
          {"active", row.int64(3) == 1}, {"on_hand", row.int64(4)},     {"created_at", row.text(5)},
          {"updated_at", row.text(6)}};
}

json::object find_slot(db::Tx& tx, std::int64_t tenant_id, std::int64_t id) {
  const auto rows = tx.query(std::string("SELECT ") + kSlotColumns + " FROM mail_slots s WHERE s.tenant_id = $1 AND s.id = $2", tenant_id, id);
  if (rows.empty()) throw http::not_found("格口");
  return slot_json(rows.one());
}

// A slot's code: 1–20 letters, digits or '-', stored upper-case (it is printed and scanned).
std::string slot_code(const http::JsonBody& b) {
  auto code = b.required_string("code", 20);
  for (auto& c : code) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-') throw http::invalid("code", "格口编号只能含字母、数字和 -");
    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return code;
}

std::int64_t save_slot(db::Tx& tx, const audit::Actor& actor, std::optional<std::int64_t> id, const http::JsonBody& b) {
  const auto now = util::now_utc();
  try {
    if (!id) {
      const auto code = slot_code(b);
      const auto new_id = tx.query("INSERT INTO mail_slots (tenant_id, code, name, created_at, updated_at) VALUES ($1, $2, $3, $4, $4)"
                                   " RETURNING id",
                                   actor.tenant_id, code, b.optional_string("name", 100).value_or(""), now)
                              .one()
                              .int64(0);
      audit::record(tx, actor, {"create", "mail_slot", new_id, find_slot(tx, actor.tenant_id, new_id)});
      return new_id;
    }
    const auto before = find_slot(tx, actor.tenant_id, *id);
    const auto code = b.has("code") ? slot_code(b) : std::string(before.at("code").as_string());
    const auto name = b.has("name") ? b.optional_string("name", 100).value_or("") : std::string(before.at("name").as_string());
    const auto active = b.optional_bool("active").value_or(before.at("active").as_bool());
    tx.query("UPDATE mail_slots SET code = $3, name = $4, active = $5, updated_at = $6 WHERE tenant_id = $1 AND id = $2",
             actor.tenant_id, *id, code, name, active ? 1 : 0, now);
    audit::record(tx, actor, {"update", "mail_slot", *id, audit::diff(before, find_slot(tx, actor.tenant_id, *id))});
    return *id;
  } catch (const db::DbError& e) {
    if (e.kind() == db::ErrorKind::unique_violation) throw http::conflict("格口编号已存在", "code");
    throw;
  }
}

}  // namespace

json::value item_schema() {
  return http::object_schema(
      {{"id", "integer"},           {"code", "string"},           {"kind", "string"},
       {"direction", "string"},     {"tracking_no", "string"},    {"count", "integer"},
       {"sender", "string"},        {"sender_unit_id", "integer"}, {"sender_unit_name", "string"},
       {"addressee_unit_id", "integer"}, {"addressee_unit_name", "string"}, {"addressee", "string"},
       {"addressee_account_id", "integer"}, {"secrecy_level", "string"}, {"envelope_no", "string"},
       {"sending_organ", "string"}, {"slot_id", "integer"},      {"slot_code", "string"},
       {"received_at", "string"},   {"received_on", "string"},    {"registered_by", "integer"},
       {"status", "string"},        {"notified_at", "string"},    {"closed_at", "string"},
       {"closed_on", "string"},     {"receiver_name", "string"},  {"receiver_account_id", "integer"},
       {"signature_method", "string"}, {"forwarded_to", "string"}, {"close_reason", "string"},
       {"dispatch_id", "integer"},  {"custodian_account_id", "integer"}, {"notes", "string"},
       {"created_at", "string"},    {"updated_at", "string"}},
      {"id", "code", "kind", "direction", "count", "status", "received_at"});
}

json::value event_schema() {
  return http::object_schema({{"id", "integer"}, {"item_id", "integer"}, {"action", "string"}, {"at", "string"},
                              {"actor_account_id", "integer"}, {"from_name", "string"}, {"from_account_id", "integer"},
                              {"to_name", "string"}, {"to_account_id", "integer"}, {"note", "string"},
                              {"corrects_id", "integer"}},
                             {"id", "item_id", "action", "at"});
}

json::array item_events(db::Tx& tx, std::int64_t tenant_id, std::int64_t item_id) {
  const auto rows = tx.query(
      "SELECT id, item_id, action, at, actor_account_id, from_name, from_account_id, to_name, to_account_id, note, corrects_id"
      " FROM mail_events WHERE tenant_id = $1 AND item_id = $2 ORDER BY id",
      tenant_id, item_id);
  json::array out;
  for (const auto& row : rows.rows) {
    const auto int_or_null = [&](std::size_t i) { return row.is_null(i) ? json::value(nullptr) : json::value(row.int64(i)); };
    out.push_back(json::object{{"id", row.int64(0)},       {"item_id", row.int64(1)},     {"action", row.text(2)},
                               {"at", row.text(3)},        {"actor_account_id", int_or_null(4)}, {"from_name", row.text(5)},
                               {"from_account_id", int_or_null(6)}, {"to_name", row.text(7)}, {"to_account_id", int_or_null(8)},
                               {"note", row.text(9)},      {"corrects_id", int_or_null(10)}});
  }
  return out;
}

}  // namespace jiguan::mail

namespace jiguan::app {

void register_mail_routes(http::Router& router, Services& services) {
  using namespace mail;
  const auto authenticated = http::Access::authenticated;

  router.add({"GET", "/api/v1/mail/items", authenticated, "mail.read", [](http::Context& ctx) { return list_items(ctx); },
              {"邮件登记列表（机要件只对机要员和收件人可见；分页、搜索、导出 Excel）", "mail",
               http::list_docs("按运单号、寄件人、收件人或单位搜索", "received_at | tracking_no | kind | status | created_at",
                               {{"kind", "string", "registered | confidential | ordinary | parcel | periodical"},
                                {"direction", "string", "in 收件 | out 发件"},
                                {"status", "string", "received | notified | delivered | returned | forwarded | dispatched | on_hand（在收发室）"},
                                {"addressee_unit_id", "integer", "收件单位"},
                                {"sender_unit_id", "integer", "交寄单位"},
                                {"slot_id", "integer", "格口"},
                                {"tracking_no", "string", "运单号（精确）"},
                                {"from", "string", "登记日期起（含，YYYY-MM-DD）"},
                                {"to", "string", "登记日期止（含，YYYY-MM-DD）"}}),
               nullptr, http::list_schema(item_schema())}});

  router.add({"POST", "/api/v1/mail/items", authenticated, "mail.register",
              [](http::Context& ctx) {
                const auto fields = item_fields(ctx.json_body());
                if (fields.kind == "confidential" && !ctx.who().can("mail.confidential")) {
                  throw http::forbidden("登记机要件须有机要权限（mail.confidential）");
                }
                return ctx.db().write([&](db::Tx& tx) {
                  const auto id = register_item(tx, audit::actor_of(ctx.who(), ctx.request), fields);
                  return http::Response::json(visible_item(tx, ctx.who(), id), 201);
                });
              },
              {"登记邮件（挂号信、机要件、包裹逐件登记且运单号不得重复，重复答 409 duplicate_tracking_no；平信、报刊可按收件单位成批登记 count）",
               "mail", {}, item_input_schema(), item_schema(), 201}});

  router.add({"GET", "/api/v1/mail/items/{id}", authenticated, "mail.read",
              [](http::Context& ctx) {
                const auto id = ctx.path_id("id", "邮件");
                return ctx.db().read([&](db::Tx& tx) { return http::Response::json(visible_item(tx, ctx.who(), id)); });
              },
              {"邮件详情", "mail", {}, nullptr, item_schema()}});

  router.add({"GET", "/api/v1/mail/items/{id}/events", authenticated, "mail.read",
              [](http::Context& ctx) {
                const auto id = ctx.path_id("id", "邮件");
                return ctx.db().read([&](db::Tx& tx) {
                  visible_item(tx, ctx.who(), id);
                  return http::Response::json(json::object{{"items", item_events(tx, ctx.tenant_id(), id)}});
                });
              },
              {"邮件的收发记录（交接链，只增不改；更正是引用原记录的新记录）", "mail", {}, nullptr,
               http::object_schema({{"items", "array"}}, {"items"})}});

  router.add({"GET", "/api/v1/mail/lookup", authenticated, "mail.read",
              [](http::Context& ctx) {
                const auto code = ctx.request.query_param("code").value_or("");
                if (code.empty()) throw http::invalid("code", "请扫描或输入标签编号、运单号");
                return ctx.db().read([&](db::Tx& tx) { return http::Response::json(lookup_item(tx, ctx.who(), code)); });
              },
              {"按扫描的标签编号（M00000123）或运单号查找邮件", "mail", {{"code", "string", "标签编号或运单号"}}, nullptr,
               item_schema()}});

  router.add({"GET", "/api/v1/mail/waiting", authenticated, "mail.receive",
              [](http::Context& ctx) {
                if (!ctx.who().unit_id) throw http::forbidden("账号未归属单位");
                return list_items(ctx, *ctx.who().unit_id);
              },
              {"本单位在收发室待领取的邮件（单位联络员；筛选、分页、导出同邮件列表）", "mail",
               http::list_docs("按运单号、寄件人、收件人或单位搜索", "received_at | tracking_no | kind | status | created_at"),
               nullptr, http::list_schema(item_schema())}});

  // ---- Slots ----
  router.add({"GET", "/api/v1/mail/slots", authenticated, "mail.read",
              [](http::Context& ctx) {
                const auto lq = ctx.list_query({{"code", "s.code"}, {"name", "s.name"}}, "code", "s.id");
                std::vector<db::Value> params{ctx.tenant_id(), lq.like_pattern()};
                const std::string from = " FROM mail_slots s WHERE s.tenant_id = $1 AND (s.code LIKE $2 ESCAPE '\\' OR s.name LIKE $2 ESCAPE '\\')";
                return ctx.db().read([&](db::Tx& tx) {
                  if (xlsx::wants_xlsx(ctx.request)) {
                    return xlsx::export_list(tx, "格口",
                                             {{"编号", CellType::text, 10}, {"名称", CellType::text, 20},
                                              {"启用", CellType::text, 6}, {"在存件数", CellType::integer, 10}},
                                             kSlotColumns, from, params, lq, [](const db::Row& row) {
                                               return std::vector<db::Value>{row[1], row[2],
                                                                             std::string(row.int64(3) == 1 ? "是" : "否"), row[4]};
                                             });
                  }
                  return http::list_response(http::fetch_page(tx, kSlotColumns, from, params, lq), slot_json);
                });
              },
              {"格口列表（含在存件数；分页、搜索、导出 Excel）", "mail", http::list_docs("按编号或名称搜索", "code | name"),
               nullptr, http::list_schema(slot_schema())}});

  router.add({"POST", "/api/v1/mail/slots", authenticated, "mail.register",
              [](http::Context& ctx) {
                const auto body = ctx.json_body();
                return ctx.db().write([&](db::Tx& tx) {
                  const auto id = save_slot(tx, audit::actor_of(ctx.who(), ctx.request), std::nullopt, body);
                  return http::Response::json(find_slot(tx, ctx.tenant_id(), id), 201);
                });
              },
              {"新建格口", "mail", {}, http::object_schema({{"code", "string"}, {"name", "string"}}, {"code"}), slot_schema(), 201}});

  router.add({"PATCH", "/api/v1/mail/slots/{id}", authenticated, "mail.register",
              [](http::Context& ctx) {
                const auto id = ctx.path_id("id", "格口");
                const auto body = ctx.json_body();
                return ctx.db().write([&](db::Tx& tx) {
                  save_slot(tx, audit::actor_of(ctx.who(), ctx.request), id, body);
                  return http::Response::json(find_slot(tx, ctx.tenant_id(), id));
                });
              },
              {"修改格口（编号、名称、启用）", "mail", {},
               http::object_schema({{"code", "string"}, {"name", "string"}, {"active", "boolean"}}), slot_schema()}});

  register_ops_routes(router, services.sessions);
  register_day_routes(router);
  register_output_routes(router);
}

}  // namespace jiguan::app
