// The pure rules of meetings operations (operations.hpp): Beijing times in messages, priority
// meetings, the check-in window, the no-show release and the service tasks of a booking.
#include <boost/json.hpp>

#include "modules/meetings/operations.hpp"

namespace jiguan::meetings {
namespace json = boost::json;


std::string beijing_text(Instant t) {
  auto text = to_utc_text(t + util::kChinaOffset).substr(0, 16);  // "YYYY-MM-DDTHH:MM"
  text[10] = ' ';
  return text;
}

bool is_priority_meeting(const std::string& meeting_type) { return meeting_type == "congress" || meeting_type == "leadership"; }

CheckInWindow check_in_window(Instant start, Instant end, Instant now, std::int64_t opens_minutes) {
  if (now < start - std::chrono::minutes(opens_minutes)) return CheckInWindow::too_early;
  return now < end ? CheckInWindow::open : CheckInWindow::ended;
}

std::optional<Instant> release_started_by(Instant now, std::int64_t release_after_minutes) {
  if (release_after_minutes <= 0) return std::nullopt;
  return now - std::chrono::minutes(release_after_minutes);
}

namespace {

bool asked_for(const json::value& v) {
  if (v.is_bool()) return v.as_bool();
  if (v.is_string()) return !v.as_string().empty();
  if (v.is_int64()) return v.as_int64() != 0;
  if (v.is_uint64()) return v.as_uint64() != 0;
  if (v.is_double()) return v.as_double() != 0;
  if (v.is_array()) return !v.as_array().empty();
  if (v.is_object()) return !v.as_object().empty();
  return false;
}

// The service as staff read it: the known codes in Chinese (texts quoted, headcounts given),
// any other code as written.
std::string service_label(const std::string& code, const json::value& v) {
  const auto text = [&] { return v.is_string() ? std::string(v.as_string()) : json::serialize(v); };
  if (code == "tea_water") return "茶水";
  if (code == "name_cards") return "桌签";
  if (code == "sound_engineer") return "音响";
  if (code == "projection") return "投影";
  if (code == "photographer") return "摄影";
  if (code == "banner_text") return "横幅「" + text() + "」";
  if (code == "led_message") return "LED 欢迎词「" + text() + "」";
  if (code == "catering_headcount") return "用餐 " + text() + " 人";
  return code;
}

}  // namespace

std::vector<PlannedTask> plan_tasks(const json::object& services, Instant start, Instant end, Instant blocked_from,
                                    Instant blocked_to) {
  std::string list;
  for (const auto& [key, value] : services) {
    if (asked_for(value)) list += (list.empty() ? "" : "、") + service_label(std::string(key), value);
  }
  if (list.empty()) return {};
  const auto cleanup_due = blocked_to > end ? blocked_to : end + kDefaultCleanup;
  return {{"setup", "布置：" + list, blocked_from, start},
          {"serve", "会中服务：" + list, start, end},
          {"cleanup", "整理：" + list, end, cleanup_due}};
}

}  // namespace jiguan::meetings
