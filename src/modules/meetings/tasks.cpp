// Service tasks of bookings (set up, serve, clean up): kept in line with their booking by
// sync_service_tasks (the plan is plan_tasks in ops_rules.cpp), marked done by bureau staff,
// assigned by the meetings office.
#include <algorithm>
#include <boost/json.hpp>

#include "core/access/roles.hpp"
#include "core/http/api_error.hpp"
#include "core/util/time.hpp"
#include "modules/meetings/meetings.hpp"
#include "modules/meetings/operations.hpp"

namespace jiguan::meetings {
namespace json = boost::json;

const char* const kTaskColumns =
    "t.id, t.booking_id, t.kind, t.title, t.starts_at, t.due_at, t.assignee_account_id, a.display_name, t.status, t.done_at, "
    "t.done_by, t.created_at, t.updated_at, b.title, r.name, b.start_at, b.end_at";
const char* const kTaskFrom =
    " FROM meeting_tasks t JOIN meeting_bookings b ON b.tenant_id = t.tenant_id AND b.id = t.booking_id"
    " JOIN meeting_rooms r ON r.tenant_id = b.tenant_id AND r.id = b.room_id"
    " LEFT JOIN accounts a ON a.tenant_id = t.tenant_id AND a.id = t.assignee_account_id";

json::object task_json(const db::Row& row) {
  const auto opt_int = [&](std::size_t i) { return row.is_null(i) ? json::value() : json::value(row.int64(i)); };
  const auto opt_text = [&](std::size_t i) { return row.is_null(i) ? json::value() : json::value(row.text(i)); };
  return {{"id", row.int64(0)},
          {"booking_id", row.int64(1)},
          {"kind", row.text(2)},
          {"title", row.text(3)},
          {"starts_at", row.text(4)},
          {"due_at", row.text(5)},
          {"assignee_account_id", opt_int(6)},
          {"assignee_name", opt_text(7)},
          {"status", row.text(8)},
          {"done_at", opt_text(9)},
          {"done_by", opt_int(10)},
          {"created_at", row.text(11)},
          {"updated_at", row.text(12)},
          {"booking_title", row.text(13)},
          {"room_name", row.text(14)},
          {"booking_start", row.text(15)},
          {"booking_end", row.text(16)}};
}

std::optional<json::object> find_task(db::Tx& tx, std::int64_t tenant_id, std::int64_t id) {
  const auto r =
      tx.query(std::string("SELECT ") + kTaskColumns + kTaskFrom + " WHERE t.tenant_id = $1 AND t.id = $2", tenant_id, id);
  if (r.empty()) return std::nullopt;
  return task_json(r.one());
}

// The booking's open tasks follow its plan (none unless confirmed with services): created
// where missing, moved and retitled when the booking moved or its services changed, cancelled
// when no longer planned. A done task stays as it was, and its kind is not planned again.
// No audit row of its own: the booking change that calls it records itself.
void sync_service_tasks(db::Tx& tx, const audit::Actor& actor, std::int64_t booking_id) {
  const auto tenant = actor.tenant_id;
  const auto booking = tx.query(
      "SELECT status, start_at, end_at, blocked_from, blocked_to, services FROM meeting_bookings "
      "WHERE tenant_id = $1 AND id = $2",
      tenant, booking_id);
  if (booking.empty()) return;
  const auto& b = booking.one();
  std::vector<PlannedTask> plan;
  if (b.text(0) == "confirmed") {
    const auto at = [&](std::size_t i) { return *parse_instant(b.text(i)); };
    plan = plan_tasks(json::parse(b.text(5)).as_object(), at(1), at(2), at(3), at(4));
  }
  const auto existing = tx.query(
      "SELECT id, kind, status, title, starts_at, due_at FROM meeting_tasks "
      "WHERE tenant_id = $1 AND booking_id = $2 AND status <> 'cancelled'",
      tenant, booking_id);
  const auto now = util::now_utc();
  for (const auto& row : existing.rows) {
    if (row.text(2) != "open") continue;
    const auto planned = std::find_if(plan.begin(), plan.end(), [&](const PlannedTask& p) { return p.kind == row.text(1); });
    if (planned == plan.end()) {
      tx.query("UPDATE meeting_tasks SET status = 'cancelled', updated_at = $3 WHERE tenant_id = $1 AND id = $2", tenant,
               row.int64(0), now);
    } else if (planned->title != row.text(3) || to_utc_text(planned->starts) != row.text(4) ||
               to_utc_text(planned->due) != row.text(5)) {
      tx.query(
          "UPDATE meeting_tasks SET title = $3, starts_at = $4, due_at = $5, updated_at = $6 WHERE tenant_id = $1 AND id = $2",
          tenant, row.int64(0), planned->title, to_utc_text(planned->starts), to_utc_text(planned->due), now);
    }
  }
  for (const auto& p : plan) {
    const bool present =
        std::any_of(existing.rows.begin(), existing.rows.end(), [&](const db::Row& row) { return row.text(1) == p.kind; });
    if (present) continue;
    tx.query(
        "INSERT INTO meeting_tasks (tenant_id, booking_id, kind, title, starts_at, due_at, created_at, updated_at) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $7)",
        tenant, booking_id, p.kind, p.title, to_utc_text(p.starts), to_utc_text(p.due), now);
  }
}

namespace {

json::object existing_task(db::Tx& tx, std::int64_t tenant_id, std::int64_t id) {
  auto task = find_task(tx, tenant_id, id);
  if (!task) throw http::not_found("服务任务");
  return std::move(*task);
}

}  // namespace

void complete_task(db::Tx& tx, const audit::Actor& actor, std::int64_t id) {
  const auto before = existing_task(tx, actor.tenant_id, id);
  if (before.at("status") != "open") {
    throw http::ApiError(409, "task_not_open",
                         before.at("status") == "done" ? "该任务已完成" : "该任务已取消（预订已取消或调整）");
  }
  const auto now = util::now_utc();
  tx.query(
      "UPDATE meeting_tasks SET status = 'done', done_at = $3, done_by = $4, updated_at = $3 WHERE tenant_id = $1 AND id = $2",
      actor.tenant_id, id, now, db::to_value(actor.account_id));
  audit::record(tx, actor, {"done", "meeting_task", id, audit::diff(before, existing_task(tx, actor.tenant_id, id))});
}

void assign_task(db::Tx& tx, const audit::Actor& actor, std::int64_t id, std::optional<std::int64_t> account_id) {
  const auto before = existing_task(tx, actor.tenant_id, id);
  if (account_id) {
    const auto account =
        tx.query("SELECT role FROM accounts WHERE tenant_id = $1 AND id = $2 AND active = 1", actor.tenant_id, *account_id);
    const auto role = account.empty() ? std::nullopt : access::find_role(tx, actor.tenant_id, account.one().text(0));
    if (!role || !access::permissions_grant(role->permissions, "meetings.serve")) {
      throw http::invalid("account_id", "指派对象不存在、已停用或没有会议服务权限（meetings.serve）");
    }
  }
  tx.query("UPDATE meeting_tasks SET assignee_account_id = $3, updated_at = $4 WHERE tenant_id = $1 AND id = $2", actor.tenant_id,
           id, db::to_value(account_id), util::now_utc());
  audit::record(tx, actor, {"assign", "meeting_task", id, audit::diff(before, existing_task(tx, actor.tenant_id, id))});
}

}  // namespace jiguan::meetings
