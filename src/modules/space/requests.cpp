#include "modules/space/requests.hpp"

#include <boost/json.hpp>
#include <mutex>
#include <set>

#include "core/http/api_error.hpp"
#include "core/util/time.hpp"
#include "modules/space/registry.hpp"

namespace jiguan::space {
namespace json = boost::json;

const char* const kSpaceRequestColumns =
    "sr.request_id, sr.unit_id, u.name, sr.kind, sr.reason, r.state, r.title, ap.display_name, sr.applied_at, sr.created_at,"
    " (SELECT COUNT(*) FROM space_request_changes c WHERE c.tenant_id = sr.tenant_id AND c.request_id = sr.request_id)";
const char* const kSpaceRequestFrom =
    " FROM space_requests sr JOIN requests r ON r.tenant_id = sr.tenant_id AND r.id = sr.request_id"
    " JOIN units u ON u.tenant_id = sr.tenant_id AND u.id = sr.unit_id"
    " JOIN accounts ap ON ap.tenant_id = r.tenant_id AND ap.id = r.applicant_account_id";

namespace {

constexpr const char* kApprove = "space.approve";
constexpr std::size_t kMaxChanges = 50;

std::string kind_label(const std::string& kind) {
  return kind == "more" ? "增加用房" : kind == "less" ? "减少用房" : "调整用房";
}

std::string state_label(const std::string& state) {
  const auto* type = workflow::find_request_type(kRequestType);
  const auto* s = type ? type->state(state) : nullptr;
  return s ? s->label : state;
}

http::ApiError missing(const std::string& field) {
  return http::ApiError(422, "missing_field", "缺少必填字段 " + field, field);
}

// The unit and every unit under it, by the unit tree.
std::set<std::int64_t> unit_and_below(db::Tx& tx, std::int64_t tenant_id, std::int64_t unit_id) {
  std::set<std::int64_t> out{unit_id};
  const auto units = tx.query("SELECT id, parent_id FROM units WHERE tenant_id = $1", tenant_id);
  for (bool grew = true; grew;) {
    grew = false;
    for (const auto& r : units.rows) {
      if (!r.is_null(1) && out.contains(r.int64(1)) && out.insert(r.int64(0)).second) grew = true;
    }
  }
  return out;
}

// Checks one change (`at`: its field path, changes[i]); returns its line in the request's text.
std::string check_change(db::Tx& tx, std::int64_t tenant_id, const std::set<std::int64_t>& units, const RequestChange& c,
                         const std::string& at) {
  const auto field = [&](const char* name) { return at + "." + name; };
  if (c.action != "assign" && c.action != "end") throw http::invalid(field("action"), "操作应为 assign 或 end");
  if (c.effective_date) check_past_day(field("effective_date"), *c.effective_date);
  const auto from = c.effective_date ? "自 " + *c.effective_date + " 起" : std::string("自批准之日起");
  if (c.action == "assign") {
    if (!c.person_id) throw missing(field("person_id"));
    if (!c.room_id) throw missing(field("room_id"));
    const auto person = tx.query("SELECT name, unit_id FROM people WHERE tenant_id = $1 AND id = $2 AND active = 1", tenant_id,
                                 *c.person_id);
    if (person.empty()) throw http::invalid(field("person_id"), "人员不存在或已停用");
    if (!units.contains(person.one().int64(1))) throw http::invalid(field("person_id"), "人员不属于申请单位");
    const auto room = tx.query("SELECT b.name, r.number, r.room_use FROM space_rooms r JOIN space_buildings b"
                               " ON b.tenant_id = r.tenant_id AND b.id = r.building_id WHERE r.tenant_id = $1 AND r.id = $2",
                               tenant_id, *c.room_id);
    if (room.empty()) throw http::invalid(field("room_id"), "房间不存在");
    if (room.one().text(2) != "office") throw http::invalid(field("room_id"), "只能安排到办公用房");
    return "安排 " + person.one().text(0) + " 使用 " + room.one().text(0) + " " + room.one().text(1) + "（" + from + "）";
  }
  if (!c.occupancy_id) throw missing(field("occupancy_id"));
  const auto occupancy = tx.query(
      "SELECT o.start_date, o.end_date, p.name, p.unit_id, b.name, r.number FROM space_occupancies o"
      " JOIN people p ON p.tenant_id = o.tenant_id AND p.id = o.person_id"
      " JOIN space_rooms r ON r.tenant_id = o.tenant_id AND r.id = o.room_id"
      " JOIN space_buildings b ON b.tenant_id = r.tenant_id AND b.id = r.building_id WHERE o.tenant_id = $1 AND o.id = $2",
      tenant_id, *c.occupancy_id);
  if (occupancy.empty()) throw http::invalid(field("occupancy_id"), "使用记录不存在");
  const auto& o = occupancy.one();
  if (!o.is_null(1)) throw http::invalid(field("occupancy_id"), "该使用记录已结束");
  if (!units.contains(o.int64(3))) throw http::invalid(field("occupancy_id"), "使用人不属于申请单位");
  if (c.effective_date && *c.effective_date < o.text(0)) {
    throw http::invalid(field("effective_date"), "结束日期不能早于入驻日期 " + o.text(0));
  }
  return "结束 " + o.text(2) + " 对 " + o.text(4) + " " + o.text(5) + " 的使用（" + from + "）";
}

// The approval applies the changes: ends first, then assigns, each in the order given.
void apply_changes(db::Tx& tx, const workflow::Caller& caller, std::int64_t request_id) {
  const auto& actor = caller.actor;
  const auto approved_on = util::china_date(caller.now);
  const auto changes = tx.query(
      "SELECT position, action, person_id, room_id, occupancy_id, effective_date FROM space_request_changes"
      " WHERE tenant_id = $1 AND request_id = $2 ORDER BY CASE action WHEN 'end' THEN 0 ELSE 1 END, position",
      actor.tenant_id, request_id);
  for (const auto& c : changes.rows) {
    const auto position = c.int64(0);
    const auto day = c.opt_text(5).value_or(approved_on);
    try {
      if (c.text(1) == "end") {
        end_occupancy(tx, actor, c.int64(4), day);
        continue;
      }
      const auto id = assign_occupant(
          tx, actor, {c.int64(3), c.int64(2), day, false, "", "调配申请 #" + std::to_string(request_id)});
      tx.query("UPDATE space_request_changes SET result_occupancy_id = $3 WHERE tenant_id = $1 AND request_id = $2 AND position = $4",
               actor.tenant_id, request_id, id, position);
    } catch (const http::ApiError& e) {
      const auto at = "changes[" + std::to_string(position) + "]";
      throw http::ApiError(e.status(), e.code(), "调配申请第 " + std::to_string(position + 1) + " 项无法执行：" + e.what(),
                           e.field().empty() ? at : at + "." + e.field());
    }
  }
  tx.query("UPDATE space_requests SET applied_at = $3 WHERE tenant_id = $1 AND request_id = $2", actor.tenant_id, request_id,
           util::to_utc_text(caller.now));
}

void on_decision(db::Tx& tx, const workflow::Caller& caller, std::int64_t request_id, const std::string& state,
                 const std::string&) {
  if (state == "approved") apply_changes(tx, caller, request_id);
}

}  // namespace

void register_request_types() {
  static std::once_flag once;
  // Decided within 5 working days by the approvers (kApprove).
  std::call_once(once, [] {
    workflow::register_request_type(workflow::approval_type(
        kRequestType, "办公用房调配申请", workflow::TimeLimit{5, workflow::LimitUnit::workdays}, kApprove, on_decision));
  });
}

std::int64_t submit_space_request(db::Tx& tx, const workflow::Caller& caller, const SpaceRequestFields& f) {
  const auto tenant_id = caller.who.tenant_id;
  if (f.kind != "more" && f.kind != "less" && f.kind != "different") {
    throw http::invalid("kind", "申请类别应为 more、less 或 different");
  }
  check_text("reason", f.reason, 1, 1000, "申请理由");
  const auto unit = tx.query("SELECT name FROM units WHERE tenant_id = $1 AND id = $2", tenant_id, f.unit_id);
  if (unit.empty()) throw http::invalid("unit_id", "单位不存在");
  if (f.changes.empty() || f.changes.size() > kMaxChanges) throw http::invalid("changes", "调整事项应有 1 到 50 项");
  const auto units = unit_and_below(tx, tenant_id, f.unit_id);
  std::string lines;
  for (std::size_t i = 0; i < f.changes.size(); ++i) {
    lines += "\n" + std::to_string(i + 1) + ". " +
             check_change(tx, tenant_id, units, f.changes[i], "changes[" + std::to_string(i) + "]");
  }
  const auto unit_name = unit.one().text(0);
  const auto id = workflow::submit_request(
      tx, caller,
      {kRequestType, "办公用房调配申请：" + unit_name + "（" + kind_label(f.kind) + "）",
       "申请单位：" + unit_name + "\n类别：" + kind_label(f.kind) + "\n理由：" + f.reason + "\n调整事项：" + lines});
  tx.query("INSERT INTO space_requests (tenant_id, request_id, unit_id, kind, reason, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
           tenant_id, id, f.unit_id, f.kind, f.reason, util::to_utc_text(caller.now));
  for (std::size_t i = 0; i < f.changes.size(); ++i) {
    const auto& c = f.changes[i];
    tx.query("INSERT INTO space_request_changes (tenant_id, request_id, position, action, person_id, room_id, occupancy_id,"
             " effective_date) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
             tenant_id, id, static_cast<std::int64_t>(i), c.action, c.action == "assign" ? c.person_id : std::nullopt,
             c.action == "assign" ? c.room_id : std::nullopt, c.action == "end" ? c.occupancy_id : std::nullopt,
             c.effective_date);
  }
  return id;
}

json::object space_request_json(const db::Row& r) {
  const auto kind = r.text(3), state = r.text(5);
  return {{"id", r.int64(0)},
          {"unit_id", r.int64(1)},
          {"unit_name", r.text(2)},
          {"kind", kind},
          {"kind_label", kind_label(kind)},
          {"reason", r.text(4)},
          {"state", state},
          {"state_label", state_label(state)},
          {"title", r.text(6)},
          {"applicant", r.text(7)},
          {"applied_at", r.is_null(8) ? json::value(nullptr) : json::value(r.text(8))},
          {"created_at", r.text(9)},
          {"change_count", r.int64(10)}};
}

std::optional<json::object> space_request_detail(db::Tx& tx, const workflow::Caller& caller, std::int64_t id) {
  auto request = workflow::request_detail(tx, caller, id);
  if (!request) return std::nullopt;
  const auto tenant_id = caller.who.tenant_id;
  const auto rows = tx.query(std::string("SELECT ") + kSpaceRequestColumns + kSpaceRequestFrom +
                                 " WHERE sr.tenant_id = $1 AND sr.request_id = $2",
                             tenant_id, id);
  if (rows.empty()) return std::nullopt;  // a workflow request of another type
  auto out = space_request_json(rows.one());
  json::array changes;
  // An end names the occupancy; its person and room are the occupancy's.
  for (const auto& c : tx.query("SELECT c.position, c.action, p.id, p.name, rm.id, rm.number, b.name, c.occupancy_id,"
                                " c.effective_date, c.result_occupancy_id FROM space_request_changes c"
                                " LEFT JOIN space_occupancies o ON o.tenant_id = c.tenant_id AND o.id = c.occupancy_id"
                                " JOIN people p ON p.tenant_id = c.tenant_id AND p.id = COALESCE(c.person_id, o.person_id)"
                                " JOIN space_rooms rm ON rm.tenant_id = c.tenant_id AND rm.id = COALESCE(c.room_id, o.room_id)"
                                " JOIN space_buildings b ON b.tenant_id = rm.tenant_id AND b.id = rm.building_id"
                                " WHERE c.tenant_id = $1 AND c.request_id = $2 ORDER BY c.position",
                                tenant_id, id)
                           .rows) {
    changes.push_back(json::object{{"position", c.int64(0)},
                                   {"action", c.text(1)},
                                   {"person_id", c.int64(2)},
                                   {"person_name", c.text(3)},
                                   {"room_id", c.int64(4)},
                                   {"room_number", c.text(5)},
                                   {"building", c.text(6)},
                                   {"occupancy_id", c.is_null(7) ? json::value(nullptr) : json::value(c.int64(7))},
                                   {"effective_date", c.is_null(8) ? json::value(nullptr) : json::value(c.text(8))},
                                   {"result_occupancy_id", c.is_null(9) ? json::value(nullptr) : json::value(c.int64(9))}});
  }
  out["changes"] = std::move(changes);
  out["request"] = std::move(*request);
  return out;
}

}  // namespace jiguan::space
