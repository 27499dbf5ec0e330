// Check-in of meetings and the release of no-shows (the issue: "bookings not checked in 15
// minutes after start can be released (configurable)"), with the tenant's settings.
#include <boost/json.hpp>

#include "core/http/api_error.hpp"
#include "core/util/time.hpp"
#include "modules/meetings/meetings.hpp"
#include "modules/meetings/operations.hpp"

namespace jiguan::meetings {
namespace json = boost::json;

MeetingSettings load_settings(db::Tx& tx, std::int64_t tenant_id) {
  const auto r =
      tx.query("SELECT release_after_minutes, check_in_opens_minutes FROM meeting_settings WHERE tenant_id = $1", tenant_id);
  if (r.empty()) return {};
  return {r.one().int64(0), r.one().int64(1)};
}

json::object settings_json(const MeetingSettings& s) {
  return {{"release_after_minutes", s.release_after_minutes}, {"check_in_opens_minutes", s.check_in_opens_minutes}};
}

void save_settings(db::Tx& tx, const audit::Actor& actor, const MeetingSettings& s) {
  const auto check = [](const char* field, std::int64_t minutes) {
    if (minutes < 0 || minutes > 1440) throw http::invalid(field, std::string(field) + " 应为 0 至 1440 之间的分钟数");
  };
  check("release_after_minutes", s.release_after_minutes);
  check("check_in_opens_minutes", s.check_in_opens_minutes);
  const auto before = settings_json(load_settings(tx, actor.tenant_id));
  tx.query(
      "INSERT INTO meeting_settings (tenant_id, release_after_minutes, check_in_opens_minutes, updated_at) "
      "VALUES ($1, $2, $3, $4) ON CONFLICT (tenant_id) DO UPDATE SET release_after_minutes = excluded.release_after_minutes, "
      "check_in_opens_minutes = excluded.check_in_opens_minutes, updated_at = excluded.updated_at",
      actor.tenant_id, s.release_after_minutes, s.check_in_opens_minutes, util::now_utc());
  audit::record(tx, actor, {"update", "meeting_settings", std::nullopt, audit::diff(before, settings_json(s))});
}

void check_in(db::Tx& tx, const audit::Actor& actor, std::int64_t id, Instant now) {
  const auto before = find_booking(tx, actor.tenant_id, id);
  if (!before) throw http::not_found("预订");
  if (before->at("status") != "confirmed") throw http::ApiError(409, "not_confirmed", "只有已确认的预订可以签到");
  if (!before->at("checked_in_at").is_null()) throw http::ApiError(409, "already_checked_in", "该会议已签到");
  const auto opens = load_settings(tx, actor.tenant_id).check_in_opens_minutes;
  const auto start = *parse_instant(std::string(before->at("start").as_string()));
  const auto end = *parse_instant(std::string(before->at("end").as_string()));
  switch (check_in_window(start, end, now, opens)) {
    case CheckInWindow::too_early:
      throw http::ApiError(409, "check_in_closed", "签到尚未开始：会议开始前 " + std::to_string(opens) + " 分钟起可以签到");
    case CheckInWindow::ended:
      throw http::ApiError(409, "check_in_closed", "会议已结束，不能签到");
    case CheckInWindow::open:
      break;
  }
  const auto updated = tx.query(
      "UPDATE meeting_bookings SET checked_in_at = $3, checked_in_by = $4, updated_at = $3 "
      "WHERE tenant_id = $1 AND id = $2 AND status = 'confirmed' AND checked_in_at IS NULL",
      actor.tenant_id, id, to_utc_text(now), db::to_value(actor.account_id));
  if (updated.affected == 0) throw http::ApiError(409, "already_checked_in", "该会议刚被签到或取消，请刷新后重试");
  audit::record(tx, actor, {"check_in", "meeting_booking", id, audit::diff(*before, *find_booking(tx, actor.tenant_id, id))});
}

std::vector<std::int64_t> release_no_shows(db::Tx& tx, const audit::Actor& actor, Instant now) {
  const auto after_minutes = load_settings(tx, actor.tenant_id).release_after_minutes;
  const auto started_by = release_started_by(now, after_minutes);
  if (!started_by) return {};
  const auto due = tx.query(
      "SELECT id FROM meeting_bookings WHERE tenant_id = $1 AND status = 'confirmed' AND checked_in_at IS NULL "
      "AND start_at <= $2 AND end_at > $3 ORDER BY start_at, id",
      actor.tenant_id, to_utc_text(*started_by), to_utc_text(now));
  std::vector<std::int64_t> released;
  for (const auto& row : due.rows) {
    const auto id = row.int64(0);
    const auto before = *find_booking(tx, actor.tenant_id, id);
    if (!mark_cancelled(tx, actor, id, {"未按时签到，自动释放", std::nullopt, true})) continue;  // a concurrent sweep took it
    const auto after = *find_booking(tx, actor.tenant_id, id);
    audit::record(tx, actor, {"release", "meeting_booking", id, audit::diff(before, after)});
    notify_booker(tx, actor, after, "meetings.released", "会议室预订已释放：" + std::string(after.at("title").as_string()),
                  "您的预订" + booking_label(after) + "在开始后 " + std::to_string(after_minutes) +
                      " 分钟内未签到，已自动释放，会议室可供他人预订。");
    released.push_back(id);
  }
  return released;
}

}  // namespace jiguan::meetings
