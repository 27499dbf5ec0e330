// HTTP handlers of what leaves the mail room: outgoing dispatches (batches handed to the
// post) and printed labels (PDF, a QR code per item or slot, for the scanner's lookup).
#include <boost/json.hpp>
#include <charconv>

#include "core/calendar/calendar.hpp"
#include "core/export/xlsx.hpp"
#include "core/http/api_error.hpp"
#include "core/http/openapi.hpp"
#include "core/pdf/pdf.hpp"
#include "modules/mail/dispatch.hpp"
#include "modules/mail/route_support.hpp"

namespace jiguan::mail {
namespace json = boost::json;

namespace {

using xlsx::CellType;

inline constexpr std::size_t kMaxLabels = 200;

std::string trimmed(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  return std::string(text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1));
}

std::optional<std::int64_t> positive_id(std::string_view text) {
  std::int64_t id = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || end != text.data() + text.size() || id <= 0) return std::nullopt;
  return id;
}

// The body of POST /mail/dispatches; tracking numbers are trimmed like a scanner's input.
DispatchInput dispatch_input(const http::JsonBody& b) {
  DispatchInput in;
  in.carrier = trimmed(b.required_string("carrier", 100));
  const auto* ids = b.object().if_contains("item_ids");
  if (!ids || !ids->is_array()) throw http::invalid("item_ids", "item_ids 应为邮件 id 的数组");
  for (const auto& v : ids->as_array()) {
    if (!v.is_int64() || v.as_int64() <= 0) throw http::invalid("item_ids", "item_ids 应只含邮件 id（正整数）");
    in.item_ids.push_back(v.as_int64());
  }
  if (const auto* numbers = b.object().if_contains("tracking_numbers"); numbers && !numbers->is_null()) {
    if (!numbers->is_object()) throw http::invalid("tracking_numbers", "tracking_numbers 应为 {\"邮件 id\": \"运单号\"}");
    for (const auto& [key, value] : numbers->as_object()) {
      const auto id = positive_id(key);
      if (!id || !value.is_string() || value.as_string().size() > 60) {
        throw http::invalid("tracking_numbers", "tracking_numbers 应为 {\"邮件 id\": \"运单号\"}（运单号不超过 60 字符）");
      }
      in.tracking_numbers.emplace_back(*id, trimmed(value.as_string()));
    }
  }
  in.notes = b.optional_string("notes", 1000).value_or("");
  return in;
}

json::value dispatch_schema(bool with_items) {
  auto schema = http::object_schema({{"id", "integer"},
                                     {"carrier", "string"},
                                     {"dispatched_at", "string"},
                                     {"dispatched_by", "integer"},
                                     {"dispatched_by_name", "string"},
                                     {"item_count", "integer"},
                                     {"notes", "string"}},
                                    {"id", "carrier", "dispatched_at", "item_count"});
  if (with_items) schema.at("properties").as_object()["items"] = {{"type", "array"}, {"items", item_schema()}};
  return schema;
}

// The China-time day's start as stored UTC text: dispatched_at is a time, ?from=&to= are days.
std::string day_start_utc(std::chrono::sys_days day) { return util::to_utc_text(Instant(day) - util::kChinaOffset); }

http::Response list_dispatches(http::Context& ctx) {
  const auto lq = ctx.list_query({{"dispatched_at", "d.dispatched_at"}, {"carrier", "d.carrier"}, {"item_count", "d.item_count"}},
                                 "-dispatched_at", "d.id");
  std::vector<db::Value> params{ctx.tenant_id(), lq.like_pattern()};
  std::string where = " WHERE d.tenant_id = $1 AND (d.carrier LIKE $2 ESCAPE '\\' OR d.notes LIKE $2 ESCAPE '\\')";
  for (const auto& [name, op, days_after] : {std::tuple{"from", ">=", 0}, std::tuple{"to", "<", 1}}) {
    const auto text = ctx.request.query_param(name).value_or("");
    if (text.empty()) continue;
    const auto day = calendar::parse_date(text);
    if (!day) throw http::invalid(name, std::string(name) + " 应为日期，如 2026-03-02");
    params.emplace_back(day_start_utc(std::chrono::sys_days(*day) + std::chrono::days(days_after)));
    where += std::string(" AND d.dispatched_at ") + op + " $" + std::to_string(params.size());
  }
  const auto from = std::string(kDispatchFrom) + where;
  return ctx.db().read([&](db::Tx& tx) {
    if (xlsx::wants_xlsx(ctx.request)) {
      return xlsx::export_list(tx, "发运批次",
                               {{"批次号", CellType::integer, 8},
                                {"承运方", CellType::text, 16},
                                {"发运时间(UTC)", CellType::datetime, 18},
                                {"经办人", CellType::text, 12},
                                {"件数", CellType::integer, 8},
                                {"备注", CellType::text, 30}},
                               kDispatchColumns, from, params, lq, [](const db::Row& row) {
                                 return std::vector<db::Value>{row[0], row[1], row[2], row[4], row[5], row[6]};
                               });
    }
    return http::list_response(http::fetch_page(tx, kDispatchColumns, from, params, lq), dispatch_json);
  });
}

// ---- Labels ----

// "1,2,3" → ids (at most kMaxLabels), else 422 naming the parameter.
std::vector<std::int64_t> id_list(const std::string& text, const char* field) {
  std::vector<std::int64_t> ids;
  for (std::size_t start = 0; start <= text.size();) {
    auto end = text.find(',', start);
    if (end == std::string::npos) end = text.size();
    const auto id = positive_id(trimmed(std::string_view(text).substr(start, end - start)));
    if (!id) throw http::invalid(field, std::string(field) + " 应为逗号分隔的 id，如 1,2,3");
    ids.push_back(*id);
    start = end + 1;
  }
  if (ids.size() > kMaxLabels) throw http::invalid(field, "一次最多打印 " + std::to_string(kMaxLabels) + " 张标签");
  return ids;
}

// An item's label: its code as QR and in large print, what it is, its number, where it goes
// and when it came. A confidential item's label shows the secrecy level and the envelope
// number, which are on the envelope anyway — never its notes.
pdf::Label item_label(const json::object& item) {
  const auto code = item_text(item, "code");
  const auto kind = item_text(item, "kind");
  const bool out = item_text(item, "direction") == "out";
  const pdf::TextStyle code_style{15, true}, plain{7.5}, wrapping{7.5, false, 2};
  pdf::Label label{code, {{code, code_style}}};
  auto what = std::string(kind_label(kind)) + (out ? " · 发件" : " · 收件");
  if (kind == "confidential") what += " · " + std::string(secrecy_label(item_text(item, "secrecy_level")));
  if (const auto count = item.at("count").as_int64(); count > 1) what += " · " + std::to_string(count) + " 件";
  label.lines.push_back({what, {9, true}});
  if (kind == "confidential") label.lines.push_back({"封号 " + item_text(item, "envelope_no"), plain});
  if (const auto tracking = item_text(item, "tracking_no"); !tracking.empty())
    label.lines.push_back({"运单号 " + tracking, plain});
  if (out) {
    label.lines.push_back({"寄往 " + item_text(item, "addressee"), wrapping});
    label.lines.push_back({"交寄 " + item_text(item, "sender_unit_name"), wrapping});
  } else {
    const auto person = item_text(item, "addressee");
    label.lines.push_back({"收件 " + item_text(item, "addressee_unit_name") + (person.empty() ? "" : " " + person), wrapping});
  }
  auto when = "登记 " + item_text(item, "received_on");
  if (const auto slot = item_text(item, "slot_code"); !slot.empty()) when += " · 格口 " + slot;
  label.lines.push_back({when, plain});
  return label;
}

pdf::Label slot_label(const db::Row& row) {
  return {row.text(0), {{row.text(0), {20, true}}, {row.text(1), {9, false, 2}}, {"收发室格口", {7.5}}}};
}

std::vector<pdf::Label> slot_labels(db::Tx& tx, std::int64_t tenant_id, const std::string& selector) {
  std::vector<pdf::Label> labels;
  if (selector == "all") {
    const auto rows = tx.query("SELECT code, name FROM mail_slots WHERE tenant_id = $1 AND active = 1 ORDER BY code", tenant_id);
    for (const auto& row : rows.rows) labels.push_back(slot_label(row));
    if (labels.empty()) throw http::not_found("启用的格口");
    return labels;
  }
  for (const auto id : id_list(selector, "slots")) {
    const auto rows = tx.query("SELECT code, name FROM mail_slots WHERE tenant_id = $1 AND id = $2", tenant_id, id);
    if (rows.empty()) throw http::not_found("格口");
    labels.push_back(slot_label(rows.one()));
  }
  return labels;
}

// The caller-visible items registered one by one on the day (batches carry no label).
std::vector<pdf::Label> day_labels(db::Tx& tx, const auth::Principal& who, const std::string& day) {
  if (!calendar::parse_date(day)) throw http::invalid("received_on", "received_on 应为日期，如 2026-03-02");
  std::vector<db::Value> params{who.tenant_id, day};
  const auto visible = visible_items(who, params);
  const auto rows =
      tx.exec(std::string("SELECT ") + kItemColumns + kItemFrom +
                  " WHERE i.tenant_id = $1 AND i.received_on = $2 AND i.kind NOT IN ('ordinary', 'periodical') AND " + visible +
                  " ORDER BY i.id",
              params);
  std::vector<pdf::Label> labels;
  for (const auto& row : rows.rows) labels.push_back(item_label(item_json(row)));
  if (labels.empty()) throw http::not_found(day + " 逐件登记的邮件");
  return labels;
}

http::Response labels_pdf(http::Context& ctx) {
  const auto items = ctx.request.query_param("items"), slots = ctx.request.query_param("slots"),
             day = ctx.request.query_param("received_on");
  if (int(items.has_value()) + int(slots.has_value()) + int(day.has_value()) != 1) {
    throw http::invalid("items", "请指定 items（邮件 id）、slots（all 或格口 id）、received_on（日期）之一");
  }
  return ctx.db().read([&](db::Tx& tx) {
    std::vector<pdf::Label> labels;
    if (items) {
      for (const auto id : id_list(*items, "items")) labels.push_back(item_label(visible_item(tx, ctx.who(), id)));
    } else if (slots) {
      labels = slot_labels(tx, ctx.tenant_id(), *slots);
    } else {
      labels = day_labels(tx, ctx.who(), *day);
    }
    http::Response r;
    r.content_type = "application/pdf";
    r.body = pdf::label_sheet(labels, {}, slots ? "收发室格口标签" : "邮件标签");
    r.with_header("Content-Disposition",
                  std::string("inline; filename=\"") + (slots ? "mail-slot-labels.pdf" : "mail-labels.pdf") + "\"");
    return r;
  });
}

}  // namespace

void register_output_routes(http::Router& router) {
  const auto authenticated = http::Access::authenticated;

  router.add(
      {"POST",
       "/api/v1/mail/dispatches",
       authenticated,
       "mail.register",
       [](http::Context& ctx) {
         const auto input = dispatch_input(ctx.json_body());
         return ctx.db().write([&](db::Tx& tx) {
           const auto id = create_dispatch(tx, ctx.who(), audit::actor_of(ctx.who(), ctx.request), input);
           return http::Response::json(find_dispatch(tx, ctx.who(), id), 201);
         });
       },
       {"发件交邮：把待发的发件成批交给邮局或快递（每件须为发件且处于已登记状态；挂号信、机要件、包裹须有运单号；"
        "运单号重复答 409 duplicate_tracking_no，状态不对答 409 invalid_state，当日已日清答 409 day_closed）",
        "mail",
        {},
        http::object_schema({{"carrier", "string"}, {"item_ids", "array"}, {"tracking_numbers", "object"}, {"notes", "string"}},
                            {"carrier", "item_ids"}),
        dispatch_schema(true),
        201}});

  router.add({"GET",
              "/api/v1/mail/dispatches",
              authenticated,
              "mail.read",
              list_dispatches,
              {"发运批次列表（分页、搜索、导出 Excel）", "mail",
               http::list_docs("按承运方或备注搜索", "dispatched_at | carrier | item_count",
                               {{"from", "string", "发运日期起（含，YYYY-MM-DD，北京时间）"},
                                {"to", "string", "发运日期止（含，YYYY-MM-DD，北京时间）"}}),
               nullptr, http::list_schema(dispatch_schema(false))}});

  router.add({"GET",
              "/api/v1/mail/dispatches/{id}",
              authenticated,
              "mail.read",
              [](http::Context& ctx) {
                const auto id = ctx.path_id("id", "发运批次");
                return ctx.db().read([&](db::Tx& tx) { return http::Response::json(find_dispatch(tx, ctx.who(), id)); });
              },
              {"发运批次详情（含调用者可见的邮件）", "mail", {}, nullptr, dispatch_schema(true)}});

  router.add({"GET",
              "/api/v1/mail/labels.pdf",
              authenticated,
              "mail.read",
              labels_pdf,
              {"打印标签（PDF，A4 每页 3×7 张，每张含二维码和编号；items、slots、received_on 三选一）",
               "mail",
               {{"items", "string", "邮件 id，逗号分隔，最多 200 个"},
                {"slots", "string", "all（全部启用的格口）或格口 id，逗号分隔"},
                {"received_on", "string", "该日（YYYY-MM-DD）逐件登记的邮件（挂号信、机要件、包裹）"}},
               nullptr,
               nullptr}});
}

}  // namespace jiguan::mail
