// Approval of bookings of rooms that need it, through the platform workflow: the request type
// meetings.booking (会议室预订审批) and its on_state hook, which confirms the request's pending
// bookings when it is approved and cancels them when it is rejected or withdrawn. Approvers
// act through the generic /api/v1/requests/{id}/actions route and find the requests in their
// workflow inbox (the submitted state waits for meetings.approve).
#include <boost/json.hpp>
#include <map>
#include <mutex>

#include "core/notify/notify.hpp"
#include "core/util/time.hpp"
#include "core/workflow/workflow.hpp"
#include "modules/meetings/meetings.hpp"
#include "modules/meetings/operations.hpp"

namespace jiguan::meetings {
namespace json = boost::json;

namespace {

constexpr const char* kApprove = "meetings.approve";

std::string text_of(const json::object& o, const char* key) { return std::string(o.at(key).as_string()); }

// The decision of a request reaches each of its pending bookings: approved → confirmed (with
// their service tasks); rejected or withdrawn → cancelled with the reason. One audit row per
// booking; each booker hears of the decision once.
void on_decision(db::Tx& tx, const workflow::Caller& caller, std::int64_t request_id, const std::string& state,
                 const std::string& comment) {
  if (state != "approved" && state != "rejected" && state != "withdrawn") return;
  const auto& actor = caller.actor;
  const auto pending = tx.query(
      "SELECT id FROM meeting_bookings WHERE tenant_id = $1 AND request_id = $2 AND status = 'pending' "
      "ORDER BY start_at, id",
      actor.tenant_id, request_id);
  const bool approved = state == "approved";
  const auto reason =
      "审批未通过：" + (comment.empty() ? std::string(state == "withdrawn" ? "申请人已撤回" : "未说明") : comment);
  std::map<std::int64_t, std::pair<json::object, int>> by_booker;  // booker → (first booking, count)
  for (const auto& row : pending.rows) {
    const auto id = row.int64(0);
    const auto before = *find_booking(tx, actor.tenant_id, id);
    // Each guarded by the status, in case the booking was cancelled meanwhile (PostgreSQL).
    const bool changed = approved ? tx.query(
                                          "UPDATE meeting_bookings SET status = 'confirmed', updated_at = $3 "
                                          "WHERE tenant_id = $1 AND id = $2 AND status = 'pending'",
                                          actor.tenant_id, id, util::now_utc())
                                            .affected > 0
                                  : mark_cancelled(tx, actor, id, {reason});
    if (!changed) continue;
    if (approved) sync_service_tasks(tx, actor, id);
    const auto after = *find_booking(tx, actor.tenant_id, id);
    audit::record(tx, actor, {approved ? "approve" : "reject", "meeting_booking", id, audit::diff(before, after)});
    if (before.at("booked_by").is_int64()) {
      auto& [first, count] = by_booker[before.at("booked_by").as_int64()];
      if (count++ == 0) first = after;
    }
  }
  for (const auto& [booker, first_and_count] : by_booker) {
    const auto& [first, count] = first_and_count;
    const auto more = count > 1 ? "等 " + std::to_string(count) + " 场" : std::string();
    notify_booker(tx, actor, first, approved ? "meetings.approved" : "meetings.rejected",
                  std::string(approved ? "会议室预订已批准：" : "会议室预订未获批准：") + text_of(first, "title") + more,
                  booking_label(first) + more + (approved ? " 已批准。" : " 未获批准，已取消。" + reason) +
                      (approved && !comment.empty() ? "审批意见：" + comment : ""));
  }
}

}  // namespace

void register_request_types() {
  static std::once_flag once;
  // Decided within 1 working day by meetings.approve holders.
  std::call_once(once, [] {
    workflow::register_request_type(workflow::approval_type(
        kApprovalType, "会议室预订审批", workflow::TimeLimit{1, workflow::LimitUnit::workdays}, kApprove, on_decision));
  });
}

std::int64_t approval_request_for(db::Tx& tx, const auth::Principal& who, const audit::Actor& actor, std::int64_t booking_id,
                                  std::optional<std::int64_t> series_id) {
  if (series_id) {
    const auto open = tx.query(
        "SELECT b.request_id FROM meeting_bookings b JOIN requests r ON r.tenant_id = b.tenant_id AND r.id = b.request_id "
        "WHERE b.tenant_id = $1 AND b.series_id = $2 AND r.closed_at IS NULL ORDER BY b.id LIMIT 1",
        who.tenant_id, *series_id);
    if (!open.empty()) return open.one().int64(0);
  }
  const auto b = *find_booking(tx, who.tenant_id, booking_id);
  const auto start = *parse_instant(text_of(b, "start"));
  std::string body = "会议室：" + text_of(b, "room_name") + "\n会议名称：" + text_of(b, "title") + "\n主办单位：" +
                     text_of(b, "host_unit_name") + "\n时间：" + booking_label(b) + "\n参会人数：" +
                     std::to_string(b.at("attendees").as_int64()) + "\n会议类型：" + text_of(b, "meeting_type");
  if (!b.at("services").as_object().empty()) body += "\n会议服务：" + json::serialize(b.at("services"));
  if (series_id) body += "\n（系列会议：批准或驳回对整个系列的待审批场次生效）";
  if (!text_of(b, "notes").empty()) body += "\n备注：" + text_of(b, "notes");
  return workflow::submit_request(
      tx, {who, actor, now_instant()},
      {kApprovalType, "会议室预订：" + text_of(b, "room_name") + " " + text_of(b, "title") + " " + beijing_text(start), body});
}

void notify_booker(db::Tx& tx, const audit::Actor& actor, const json::object& booking, const std::string& kind,
                   const std::string& title, const std::string& body) {
  const auto& booker = booking.at("booked_by");
  if (!booker.is_int64() || booker.as_int64() == actor.account_id) return;
  notify::send(tx, actor.tenant_id, booker.as_int64(),
               {kind, title, body, "/meetings/bookings/" + std::to_string(booking.at("id").as_int64())});
}

std::string booking_label(const json::object& b) {
  const auto start = *parse_instant(text_of(b, "start"));
  const auto end = *parse_instant(text_of(b, "end"));
  return "《" + text_of(b, "title") + "》（" + text_of(b, "room_name") + "，" + beijing_text(start) + "–" +
         beijing_text(end).substr(11) + "）";
}

}  // namespace jiguan::meetings
