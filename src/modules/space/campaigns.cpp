#include "modules/space/campaigns.hpp"

#include <sodium.h>

#include <algorithm>
#include <boost/json.hpp>
#include <set>
#include <stdexcept>

#include "core/calendar/calendar.hpp"
#include "core/http/api_error.hpp"
#include "core/util/sha256.hpp"
#include "core/util/text.hpp"
#include "core/util/time.hpp"
#include "modules/space/space.hpp"

namespace jiguan::space {
namespace json = boost::json;

// ---- Pure rules ---------------------------------------------------------------------------

bool is_stage(std::string_view stage) { return std::ranges::find(kStages, stage) != std::end(kStages); }

std::string_view next_stage(std::string_view stage) {
  const auto* it = std::ranges::find(kStages, stage);
  return it == std::end(kStages) || it + 1 == std::end(kStages) ? std::string_view() : std::string_view(*(it + 1));
}

const char* stage_label(std::string_view stage) {
  if (stage == "draft") return "草稿";
  if (stage == "self_check") return "自查";
  if (stage == "supervision") return "督查";
  if (stage == "rectification") return "整改";
  if (stage == "closed") return "已结束";
  return "";
}

bool is_severity(std::string_view severity) { return *severity_label(severity) != '\0'; }

const char* severity_label(std::string_view severity) {
  if (severity == "minor") return "一般";
  if (severity == "major") return "较重";
  if (severity == "serious") return "严重";
  return "";
}

void check_deadlines(const std::string& self_check_deadline, const std::string& supervision_deadline) {
  if (!calendar::parse_date(self_check_deadline)) throw http::invalid("self_check_deadline", "自查截止日期应为日期，如 2026-05-31");
  if (!calendar::parse_date(supervision_deadline)) throw http::invalid("supervision_deadline", "督查截止日期应为日期，如 2026-06-30");
  if (supervision_deadline <= self_check_deadline) {
    throw http::invalid("supervision_deadline", "督查截止日期应晚于自查截止日期（" + self_check_deadline + "）");
  }
}

std::string_view self_check_status(bool pledge_signed, std::string_view deadline, std::string_view today) {
  if (pledge_signed) return "submitted";
  return today > deadline ? "late" : "pending";
}

bool is_overdue(std::string_view status, std::string_view due_date, std::string_view today) {
  return status == "open" && due_date < today;
}

Image decode_image(const std::string& field, std::string_view data_url, std::size_t max_bytes, bool png_only) {
  const auto comma = data_url.find(',');
  const auto head = data_url.substr(0, comma == std::string_view::npos ? 0 : comma);
  Image image;
  if (head == "data:image/png;base64") image.mime = "image/png";
  else if (head == "data:image/jpeg;base64" && !png_only) image.mime = "image/jpeg";
  else throw http::invalid(field, png_only ? "图片应为 data:image/png;base64, 开头的 PNG" : "图片应为 PNG 或 JPEG 的 data URL（data:image/…;base64,）");
  const auto b64 = data_url.substr(comma + 1);
  if (b64.size() / 4 * 3 > max_bytes + 3) throw http::invalid(field, "图片过大（上限 " + std::to_string(max_bytes / 1024) + " KB）");
  image.bytes.resize(b64.size() / 4 * 3 + 3);
  std::size_t length = 0;
  // Without an end pointer, sodium refuses any character outside the base64 alphabet.
  if (b64.empty() || sodium_base642bin(reinterpret_cast<unsigned char*>(image.bytes.data()), image.bytes.size(), b64.data(),
                                       b64.size(), nullptr, &length, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0) {
    throw http::invalid(field, "图片的 base64 编码无效");
  }
  image.bytes.resize(length);
  if (length > max_bytes) throw http::invalid(field, "图片过大（上限 " + std::to_string(max_bytes / 1024) + " KB）");
  const bool png = image.bytes.starts_with("\x89PNG\r\n\x1a\n"), jpeg = image.bytes.starts_with("\xFF\xD8\xFF");
  if (image.mime == "image/png" ? !png : !jpeg) throw http::invalid(field, "图片内容与其类型不符");
  return image;
}

namespace {

std::string base64(std::string_view bytes) {
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                    sodium_base64_VARIANT_ORIGINAL);
  out.pop_back();  // the terminating NUL
  return out;
}

void check_chars(const std::string& field, const std::string& text, std::size_t min, std::size_t max, const std::string& what) {
  const auto n = util::utf8_length(text);
  if (n < min) throw http::invalid(field, "请填写" + what);
  if (n > max) throw http::invalid(field, what + "不能超过 " + std::to_string(max) + " 个字");
}

json::value nullable(const std::optional<std::int64_t>& v) { return v ? json::value(*v) : json::value(nullptr); }
json::value nullable(const std::optional<std::string>& v) { return v ? json::value(*v) : json::value(nullptr); }

std::int64_t count(db::Tx& tx, const std::string& sql, std::int64_t tenant_id, std::int64_t id) {
  return tx.query(sql, tenant_id, id).one().int64(0);
}

// Locks the campaign's row for the rest of the transaction (a write takes the row lock on
// PostgreSQL; SQLite has one writer) and checks that its stage allows the step: 404 when
// unknown, 409 invalid_state otherwise. Returns the stage.
http::ApiError invalid_state(const std::string& message, const std::string& field, const std::string& stage) {
  return std::move(http::ApiError(409, "invalid_state", message, field).with("stage", json::string(stage)));
}

std::string lock_campaign(db::Tx& tx, std::int64_t tenant_id, std::int64_t id, const std::vector<std::string_view>& stages,
                          const std::string& step) {
  const auto r = tx.query("UPDATE space_campaigns SET updated_at = updated_at WHERE tenant_id = $1 AND id = $2 RETURNING stage",
                          tenant_id, id);
  if (r.empty()) throw http::not_found("专项整治");
  const auto stage = r.one().text(0);
  if (std::ranges::find(stages, stage) == stages.end()) {
    throw invalid_state(std::string("专项整治处于“") + stage_label(stage) + "”阶段，不能" + step, "stage", stage);
  }
  return stage;
}

// The unit's row in the campaign's scope; 404 when the unit is not in it.
struct ScopeUnit {
  std::int64_t id = 0;
  std::string unit_name;
  std::optional<std::string> snapshot;
  std::string corrections;
  std::string room_corrections;
  std::optional<std::string> saved_at;
  std::optional<std::string> signer_name;
  std::optional<std::string> signed_at;
  std::optional<std::string> pledge_pdf;
  std::optional<std::string> pledge_sha256;
};

ScopeUnit scope_unit(db::Tx& tx, std::int64_t tenant_id, std::int64_t campaign_id, std::int64_t unit_id) {
  const auto r = tx.query(
      "SELECT cu.id, u.name, cu.snapshot, cu.corrections, cu.room_corrections, cu.saved_at, cu.signer_name, cu.signed_at,"
      " cu.pledge_pdf, cu.pledge_sha256 FROM space_campaign_units cu JOIN units u ON u.tenant_id = cu.tenant_id AND u.id = cu.unit_id"
      " WHERE cu.tenant_id = $1 AND cu.campaign_id = $2 AND cu.unit_id = $3",
      tenant_id, campaign_id, unit_id);
  if (r.empty()) throw http::not_found("专项整治范围内的单位");
  const auto& row = r.one();
  return {row.int64(0),      row.text(1),      row.opt_text(2), row.text(3),     row.text(4),
          row.opt_text(5),   row.opt_text(6),  row.opt_text(7), row.opt_text(8), row.opt_text(9)};
}

// A unit taking part: 422 naming `field` otherwise.
void check_in_scope(db::Tx& tx, std::int64_t tenant_id, std::int64_t campaign_id, std::int64_t unit_id, const std::string& field) {
  if (tx.query("SELECT 1 FROM space_campaign_units WHERE tenant_id = $1 AND campaign_id = $2 AND unit_id = $3", tenant_id,
               campaign_id, unit_id)
          .empty()) {
    throw http::invalid(field, "该单位不在本次专项整治的范围内");
  }
}

// A room of the unit: 422 room_id otherwise.
void check_room(db::Tx& tx, std::int64_t tenant_id, std::int64_t unit_id, std::int64_t room_id) {
  if (tx.query("SELECT 1 FROM space_rooms WHERE tenant_id = $1 AND id = $2 AND unit_id = $3", tenant_id, room_id, unit_id).empty()) {
    throw http::invalid("room_id", "房间不存在或不属于该单位");
  }
}

// ≥ 1 distinct existing active units of the tenant.
void check_units(db::Tx& tx, std::int64_t tenant_id, const std::vector<std::int64_t>& unit_ids) {
  if (unit_ids.empty()) throw http::invalid("unit_ids", "请至少选择一个单位");
  if (unit_ids.size() > 500) throw http::invalid("unit_ids", "一次专项整治最多 500 个单位");
  if (std::set<std::int64_t>(unit_ids.begin(), unit_ids.end()).size() != unit_ids.size()) {
    throw http::invalid("unit_ids", "单位重复");
  }
  for (const auto id : unit_ids) {
    if (tx.query("SELECT 1 FROM units WHERE tenant_id = $1 AND id = $2 AND active = 1", tenant_id, id).empty()) {
      throw http::invalid("unit_ids", "单位不存在或已停用：" + std::to_string(id));
    }
  }
}

void insert_units(db::Tx& tx, std::int64_t tenant_id, std::int64_t campaign_id, const std::vector<std::int64_t>& unit_ids) {
  for (const auto id : unit_ids) {
    tx.query("INSERT INTO space_campaign_units (tenant_id, campaign_id, unit_id) VALUES ($1, $2, $3)", tenant_id, campaign_id, id);
  }
}

void check_name(const std::string& name) { check_chars("name", name, 1, 100, "名称"); }

template <class F>
auto unique_name(F&& write) {
  try {
    return write();
  } catch (const db::DbError& e) {
    if (e.kind() == db::ErrorKind::unique_violation) throw http::conflict("已有同名的专项整治", "name");
    throw;
  }
}

// Due date: the n-th working day after today (China time), n in 1–365.
std::string due_date_in(db::Tx& tx, std::int64_t tenant_id, std::int64_t days) {
  if (days < 1 || days > 365) throw http::invalid("due_in_days", "整改期限应为 1–365 个工作日");
  const auto cal = calendar::load_calendar(tx, tenant_id);
  return calendar::format_date(cal.add_workdays(*calendar::parse_date(util::china_today()), static_cast<int>(days)));
}

// The unit's office rooms as judged on `day` and its figures: what a self-inspection shows.
json::object take_snapshot(db::Tx& tx, std::int64_t tenant_id, std::int64_t unit_id, const std::string& day) {
  json::array rooms;
  std::int64_t area = 0, over = 0;
  for (const auto& room : assess_rooms(tx, tenant_id, {std::nullopt, unit_id, std::nullopt}, day)) {
    rooms.push_back(room_compliance_json(room));
    area += room.assessment.area;
    if (room.assessment.excess_area > 0) ++over;
  }
  const auto units = assess_units(tx, tenant_id, unit_id, day);
  const std::int64_t room_count = static_cast<std::int64_t>(rooms.size());
  return {{"taken_on", day},
          {"rooms", std::move(rooms)},
          {"figures",
           {{"rooms", room_count},
            {"area", area},
            {"entitlement", units.empty() ? 0 : units.front().entitlement},
            {"over_standard_rooms", over}}}};
}

// The saved snapshot, or today's live one.
json::object snapshot_of(db::Tx& tx, std::int64_t tenant_id, std::int64_t unit_id, const ScopeUnit& su) {
  if (su.snapshot) return json::parse(*su.snapshot).as_object();
  return take_snapshot(tx, tenant_id, unit_id, util::china_today());
}

PledgeText pledge_text(db::Tx& tx, std::int64_t tenant_id, std::int64_t campaign_id, std::int64_t unit_id, const ScopeUnit& su) {
  const auto snapshot = snapshot_of(tx, tenant_id, unit_id, su);
  const auto& f = snapshot.at("figures").as_object();
  PledgeText p;
  p.campaign_name = tx.query("SELECT name FROM space_campaigns WHERE tenant_id = $1 AND id = $2", tenant_id, campaign_id).one().text(0);
  p.unit_name = su.unit_name;
  p.rooms = f.at("rooms").as_int64();
  p.area = f.at("area").as_int64();
  p.entitlement = f.at("entitlement").as_int64();
  p.over_standard_rooms = f.at("over_standard_rooms").as_int64();
  return p;
}

std::string decode_base64(const std::string& text) {
  std::string out(text.size() / 4 * 3 + 3, '\0');
  std::size_t length = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(), text.size(), nullptr, &length,
                        nullptr, sodium_base64_VARIANT_ORIGINAL) != 0) {
    throw std::runtime_error("stored base64 is damaged");
  }
  out.resize(length);
  return out;
}

}  // namespace

// ---- Campaigns ----------------------------------------------------------------------------

const char* const kCampaignColumns =
    "c.id, c.name, c.stage, c.self_check_deadline, c.supervision_deadline, c.notes, c.closed_at, c.created_at, c.updated_at,"
    " (SELECT COUNT(*) FROM space_campaign_units cu WHERE cu.tenant_id = c.tenant_id AND cu.campaign_id = c.id),"
    " (SELECT COUNT(*) FROM space_campaign_units cu WHERE cu.tenant_id = c.tenant_id AND cu.campaign_id = c.id"
    " AND cu.signed_at IS NOT NULL),"
    " (SELECT COUNT(*) FROM space_findings f WHERE f.tenant_id = c.tenant_id AND f.campaign_id = c.id),"
    " (SELECT COUNT(*) FROM space_rectifications r WHERE r.tenant_id = c.tenant_id AND r.campaign_id = c.id AND r.status = 'open')";
const char* const kCampaignFrom = " FROM space_campaigns c";

json::object campaign_json(const db::Row& row) {
  return {{"id", row.int64(0)},
          {"name", row.text(1)},
          {"stage", row.text(2)},
          {"stage_label", stage_label(row.text(2))},
          {"self_check_deadline", row.text(3)},
          {"supervision_deadline", row.text(4)},
          {"notes", row.text(5)},
          {"closed_at", nullable(row.opt_text(6))},
          {"created_at", row.text(7)},
          {"updated_at", row.text(8)},
          {"units", row.int64(9)},
          {"submitted", row.int64(10)},
          {"findings", row.int64(11)},
          {"rectifications_open", row.int64(12)}};
}

json::object find_campaign(db::Tx& tx, std::int64_t tenant_id, std::int64_t id) {
  const auto r = tx.query(std::string("SELECT ") + kCampaignColumns + kCampaignFrom + " WHERE c.tenant_id = $1 AND c.id = $2",
                          tenant_id, id);
  if (r.empty()) throw http::not_found("专项整治");
  auto out = campaign_json(r.one());
  json::array units, unit_ids;
  for (const auto& u : tx.query("SELECT u.id, u.code, u.name FROM space_campaign_units cu JOIN units u ON u.tenant_id = cu.tenant_id"
                                " AND u.id = cu.unit_id WHERE cu.tenant_id = $1 AND cu.campaign_id = $2 ORDER BY u.code, u.id",
                                tenant_id, id)
                           .rows) {
    units.push_back(json::object{{"unit_id", u.int64(0)}, {"unit_code", u.text(1)}, {"unit_name", u.text(2)}});
    unit_ids.push_back(u.int64(0));
  }
  out["unit_ids"] = std::move(unit_ids);
  out["scope"] = std::move(units);
  return out;
}

std::int64_t create_campaign(db::Tx& tx, const audit::Actor& actor, const CampaignFields& f) {
  check_name(f.name);
  check_deadlines(f.self_check_deadline, f.supervision_deadline);
  check_chars("notes", f.notes, 0, 1000, "备注");
  check_units(tx, actor.tenant_id, f.unit_ids);
  const auto now = util::now_utc();
  const auto id = unique_name([&] {
    return tx
        .query("INSERT INTO space_campaigns (tenant_id, name, self_check_deadline, supervision_deadline, notes, created_by,"
               " created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id",
               actor.tenant_id, f.name, f.self_check_deadline, f.supervision_deadline, f.notes, actor.account_id, now)
        .one()
        .int64(0);
  });
  insert_units(tx, actor.tenant_id, id, f.unit_ids);
  audit::record(tx, actor, {"create", "space_campaign", id, find_campaign(tx, actor.tenant_id, id)});
  return id;
}

void update_campaign(db::Tx& tx, const audit::Actor& actor, std::int64_t id, const CampaignPatch& p) {
  const auto stage = lock_campaign(tx, actor.tenant_id, id, {"draft", "self_check", "supervision", "rectification"}, "修改");
  const auto before = find_campaign(tx, actor.tenant_id, id);
  const auto text = [&](const char* key, const std::optional<std::string>& v) { return v.value_or(std::string(before.at(key).as_string())); };
  const auto name = text("name", p.name), notes = text("notes", p.notes);
  const auto self_check = text("self_check_deadline", p.self_check_deadline);
  const auto supervision = text("supervision_deadline", p.supervision_deadline);
  check_name(name);
  check_deadlines(self_check, supervision);
  check_chars("notes", notes, 0, 1000, "备注");
  if (p.unit_ids) {
    if (stage != "draft") throw invalid_state("范围只能在草稿阶段修改", "unit_ids", stage);
    check_units(tx, actor.tenant_id, *p.unit_ids);
    tx.query("DELETE FROM space_campaign_units WHERE tenant_id = $1 AND campaign_id = $2", actor.tenant_id, id);
    insert_units(tx, actor.tenant_id, id, *p.unit_ids);
  }
  unique_name([&] {
    return tx.query("UPDATE space_campaigns SET name = $3, self_check_deadline = $4, supervision_deadline = $5, notes = $6,"
                    " updated_at = $7 WHERE tenant_id = $1 AND id = $2",
                    actor.tenant_id, id, name, self_check, supervision, notes, util::now_utc());
  });
  auto after = find_campaign(tx, actor.tenant_id, id);
  after["updated_at"] = before.at("updated_at");
  after.erase("scope");  // unit_ids say it
  auto changes = audit::diff(before, after);
  if (!changes.empty()) audit::record(tx, actor, {"update", "space_campaign", id, changes});
}

void change_stage(db::Tx& tx, const audit::Actor& actor, std::int64_t id, const std::string& stage) {
  if (!is_stage(stage)) throw http::invalid("stage", "阶段应为 draft、self_check、supervision、rectification、closed 之一");
  const auto current = lock_campaign(tx, actor.tenant_id, id, {"draft", "self_check", "supervision", "rectification"}, "再变更阶段");
  if (next_stage(current) != stage) {
    throw invalid_state(std::string("专项整治处于“") + stage_label(current) + "”阶段，下一阶段是“" + stage_label(next_stage(current)) + "”",
                        "stage", current);
  }
  if (stage == "closed") {
    const auto open = count(tx, "SELECT COUNT(*) FROM space_rectifications WHERE tenant_id = $1 AND campaign_id = $2 AND status = 'open'",
                            actor.tenant_id, id);
    if (open > 0) {
      throw http::ApiError(409, "open_rectifications", "还有 " + std::to_string(open) + " 项整改未通过复查，不能结束", "stage")
          .with("open", open);
    }
  }
  const auto now = util::now_utc();
  tx.query("UPDATE space_campaigns SET stage = $3, closed_at = $4, updated_at = $5 WHERE tenant_id = $1 AND id = $2", actor.tenant_id,
           id, stage, stage == "closed" ? std::optional<std::string>(now) : std::nullopt, now);
  audit::record(tx, actor, {"stage", "space_campaign", id, {{"stage", {{"from", current}, {"to", stage}}}}});
}

// ---- Self-inspection and pledge -----------------------------------------------------------

json::object self_check_json(db::Tx& tx, std::int64_t tenant_id, std::int64_t campaign_id, std::int64_t unit_id) {
  const auto campaign = tx.query("SELECT name, stage, self_check_deadline FROM space_campaigns WHERE tenant_id = $1 AND id = $2",
                                 tenant_id, campaign_id);
  if (campaign.empty()) throw http::not_found("专项整治");
  const auto& c = campaign.one();
  const auto su = scope_unit(tx, tenant_id, campaign_id, unit_id);
  auto snapshot = snapshot_of(tx, tenant_id, unit_id, su);
  const auto deadline = c.text(2);
  return {{"campaign_id", campaign_id},
          {"campaign_name", c.text(0)},
          {"stage", c.text(1)},
          {"self_check_deadline", deadline},
          {"unit_id", unit_id},
          {"unit_name", su.unit_name},
          {"status", self_check_status(su.signed_at.has_value(), deadline, util::china_today())},
          {"saved_at", nullable(su.saved_at)},
          {"live", !su.snapshot.has_value()},
          {"taken_on", snapshot.at("taken_on")},
          {"rooms", std::move(snapshot.at("rooms"))},
          {"figures", std::move(snapshot.at("figures"))},
          {"corrections", su.corrections},
          {"room_corrections", json::parse(su.room_corrections)},
          {"pledge",
           {{"signed", su.signed_at.has_value()},
            {"signer_name", nullable(su.signer_name)},
            {"signed_at", nullable(su.signed_at)},
            {"sha256", nullable(su.pledge_sha256)}}}};
}

void save_self_check(db::Tx& tx, const audit::Actor& actor, std::int64_t campaign_id, std::int64_t unit_id, const SelfCheckInput& in) {
  lock_campaign(tx, actor.tenant_id, campaign_id, {"self_check", "supervision"}, "提交自查");
  const auto su = scope_unit(tx, actor.tenant_id, campaign_id, unit_id);
  if (su.signed_at) throw http::ApiError(409, "already_signed", "承诺书已签署，自查结果不能再修改");
  check_chars("corrections", in.corrections, 0, 2000, "整改说明");
  auto snapshot = take_snapshot(tx, actor.tenant_id, unit_id, util::china_today());
  std::set<std::int64_t> rooms;
  for (const auto& room : snapshot.at("rooms").as_array()) rooms.insert(room.at("room_id").as_int64());
  json::object room_corrections;
  for (const auto& [room_id, text] : in.room_corrections) {
    if (!rooms.contains(room_id)) throw http::invalid("room_corrections", "房间不是本单位的办公室：" + std::to_string(room_id));
    check_chars("room_corrections", text, 1, 500, "房间的整改说明");
    room_corrections[std::to_string(room_id)] = text;
  }
  const auto now = util::now_utc();
  tx.query("UPDATE space_campaign_units SET snapshot = $3, corrections = $4, room_corrections = $5, saved_at = $6, saved_by = $7"
           " WHERE tenant_id = $1 AND id = $2",
           actor.tenant_id, su.id, json::serialize(snapshot), in.corrections, json::serialize(room_corrections), now,
           actor.account_id);
  audit::record(tx, actor,
                {"save", "space_self_check", su.id,
                 {{"campaign_id", campaign_id},
                  {"unit_id", unit_id},
                  {"figures", snapshot.at("figures")},
                  {"corrections", in.corrections},
                  {"room_corrections", room_corrections}}});
}

std::string pledge_document(db::Tx& tx, std::int64_t tenant_id, std::int64_t campaign_id, std::int64_t unit_id) {
  const auto su = scope_unit(tx, tenant_id, campaign_id, unit_id);
  if (su.pledge_pdf) return decode_base64(*su.pledge_pdf);
  return render_pledge(pledge_text(tx, tenant_id, campaign_id, unit_id, su));
}

void sign_pledge(db::Tx& tx, const audit::Actor& actor, std::int64_t campaign_id, std::int64_t unit_id, const PledgeInput& in) {
  lock_campaign(tx, actor.tenant_id, campaign_id, {"self_check", "supervision"}, "签署承诺书");
  const auto su = scope_unit(tx, actor.tenant_id, campaign_id, unit_id);
  if (su.signed_at) throw http::ApiError(409, "already_signed", "承诺书已签署");
  if (!su.snapshot) throw http::ApiError(409, "self_check_not_saved", "请先保存自查结果，再签署承诺书");
  check_chars("signer_name", in.signer_name, 1, 50, "签署人（单位负责人）");
  const auto signature = decode_image("signature", in.signature, kMaxSignatureBytes, true);
  auto signed_at = util::now_instant();
  if (!in.signed_at.empty()) {
    const auto t = util::parse_instant(in.signed_at);
    if (!t) throw http::invalid("signed_at", "签署时间应为带时区的 ISO-8601 时间，如 2026-05-20T10:00:00+08:00");
    if (*t > signed_at + std::chrono::minutes(5)) throw http::invalid("signed_at", "签署时间不能晚于现在");
    signed_at = *t;
  }
  auto text = pledge_text(tx, actor.tenant_id, campaign_id, unit_id, su);
  text.signer_name = in.signer_name;
  text.signed_on = util::china_date(signed_at);
  text.signature_png = signature.bytes;
  std::string pdf;
  try {
    pdf = render_pledge(text);
  } catch (const std::invalid_argument&) {
    throw http::invalid("signature", "手写签名图片无法读取");
  }
  const auto sha = util::sha256_hex(pdf);
  const auto at = util::to_utc_text(signed_at);
  tx.query("UPDATE space_campaign_units SET signer_name = $3, signature = $4, signed_at = $5, signed_by = $6, pledge_pdf = $7,"
           " pledge_sha256 = $8 WHERE tenant_id = $1 AND id = $2",
           actor.tenant_id, su.id, in.signer_name, in.signature, at, actor.account_id, base64(pdf), sha);
  audit::record(tx, actor,
                {"sign", "space_self_check", su.id,
                 {{"campaign_id", campaign_id}, {"unit_id", unit_id}, {"signer_name", in.signer_name}, {"signed_at", at},
                  {"pledge_sha256", sha}}});
}

// ---- Findings and rectification -----------------------------------------------------------

namespace {

const std::vector<std::string_view> kSupervising = {"supervision", "rectification"};

std::optional<std::string> checked_photo(const std::optional<std::string>& photo, const char* field) {
  if (!photo || photo->empty()) return std::nullopt;
  decode_image(field, *photo, kMaxPhotoBytes, false);
  return photo;
}

}  // namespace

std::int64_t add_finding(db::Tx& tx, const audit::Actor& actor, const FindingInput& in) {
  lock_campaign(tx, actor.tenant_id, in.campaign_id, kSupervising, "记录督查发现");
  check_in_scope(tx, actor.tenant_id, in.campaign_id, in.unit_id, "unit_id");
  if (in.room_id) check_room(tx, actor.tenant_id, in.unit_id, *in.room_id);
  check_chars("description", in.description, 1, 1000, "发现的问题");
  if (!is_severity(in.severity)) throw http::invalid("severity", "程度应为 minor（一般）、major（较重）或 serious（严重）");
  const auto photo = checked_photo(in.photo, "photo");
  const auto id = tx.query("INSERT INTO space_findings (tenant_id, campaign_id, unit_id, room_id, description, severity, photo,"
                           " created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
                           actor.tenant_id, in.campaign_id, in.unit_id, in.room_id, in.description, in.severity, photo,
                           actor.account_id, util::now_utc())
                      .one()
                      .int64(0);
  audit::record(tx, actor,
                {"create", "space_finding", id,
                 {{"campaign_id", in.campaign_id}, {"unit_id", in.unit_id}, {"room_id", nullable(in.room_id)},
                  {"description", in.description}, {"severity", in.severity}, {"has_photo", photo.has_value()}}});
  return id;
}

std::int64_t open_rectification(db::Tx& tx, const audit::Actor& actor, const RectificationInput& in) {
  lock_campaign(tx, actor.tenant_id, in.campaign_id, kSupervising, "下达整改");
  auto unit_id = in.unit_id;
  auto room_id = in.room_id;
  if (in.finding_id) {
    const auto f = tx.query("SELECT unit_id, room_id FROM space_findings WHERE tenant_id = $1 AND id = $2 AND campaign_id = $3",
                            actor.tenant_id, *in.finding_id, in.campaign_id);
    if (f.empty()) throw http::invalid("finding_id", "本次专项整治没有这条督查发现");
    if (unit_id && *unit_id != f.one().int64(0)) throw http::invalid("unit_id", "单位与督查发现的单位不一致");
    unit_id = f.one().int64(0);
    if (!room_id) room_id = f.one().opt_int64(1);
  }
  if (!unit_id) throw http::ApiError(422, "missing_field", "缺少必填字段 unit_id", "unit_id");
  check_in_scope(tx, actor.tenant_id, in.campaign_id, *unit_id, "unit_id");
  if (room_id) check_room(tx, actor.tenant_id, *unit_id, *room_id);
  check_chars("description", in.description, 1, 1000, "整改内容");
  check_chars("owner_name", in.owner_name, 1, 50, "整改责任人");
  const auto due = due_date_in(tx, actor.tenant_id, in.due_in_days);
  const auto now = util::now_utc();
  const auto id = tx.query("INSERT INTO space_rectifications (tenant_id, campaign_id, finding_id, unit_id, room_id, description,"
                           " owner_name, due_days, due_date, created_by, created_at, updated_at)"
                           " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11) RETURNING id",
                           actor.tenant_id, in.campaign_id, in.finding_id, *unit_id, room_id, in.description, in.owner_name,
                           in.due_in_days, due, actor.account_id, now)
                      .one()
                      .int64(0);
  audit::record(tx, actor, {"create", "space_rectification", id, find_rectification(tx, actor.tenant_id, id)});
  return id;
}

namespace {

// Locks an item and its campaign for a step (campaign in supervision or rectification, item
// open); returns the item as JSON (the "before" of the audit diff).
json::object open_item(db::Tx& tx, std::int64_t tenant_id, std::int64_t id, const std::string& step) {
  const auto r = tx.query("UPDATE space_rectifications SET updated_at = updated_at WHERE tenant_id = $1 AND id = $2"
                          " RETURNING campaign_id, status",
                          tenant_id, id);
  if (r.empty()) throw http::not_found("整改事项");
  lock_campaign(tx, tenant_id, r.one().int64(0), kSupervising, step);
  if (r.one().text(1) != "open") throw http::ApiError(409, "invalid_state", "整改事项已通过复查并关闭，不能" + step, "status").with("status", "closed");
  return find_rectification(tx, tenant_id, id);
}

void record_item_change(db::Tx& tx, const audit::Actor& actor, const char* action, std::int64_t id, const json::object& before) {
  auto after = find_rectification(tx, actor.tenant_id, id);
  after["updated_at"] = before.at("updated_at");
  audit::record(tx, actor, {action, "space_rectification", id, audit::diff(before, after)});
}

}  // namespace

void add_evidence(db::Tx& tx, const audit::Actor& actor, std::int64_t id, const std::string& text, const std::optional<std::string>& photo) {
  const auto before = open_item(tx, actor.tenant_id, id, "补充整改材料");
  check_chars("text", text, 1, 2000, "整改情况说明");
  const auto checked = checked_photo(photo, "photo");
  const auto now = util::now_utc();
  tx.query("UPDATE space_rectifications SET evidence_text = $3, evidence_photo = COALESCE($4, evidence_photo), evidence_at = $5,"
           " evidence_by = $6, updated_at = $5 WHERE tenant_id = $1 AND id = $2",
           actor.tenant_id, id, text, checked, now, actor.account_id);
  record_item_change(tx, actor, "evidence", id, before);
}

void recheck(db::Tx& tx, const audit::Actor& actor, std::int64_t id, bool passed, const std::string& note,
             std::optional<std::int64_t> due_in_days) {
  const auto before = open_item(tx, actor.tenant_id, id, "复查");
  check_chars("note", note, passed ? 0 : 1, 1000, "复查意见");
  if (passed && due_in_days) throw http::invalid("due_in_days", "复查通过的事项不再设整改期限");
  const auto now = util::now_utc();
  const auto due_days = due_in_days.value_or(before.at("due_days").as_int64());
  const auto due = due_in_days ? due_date_in(tx, actor.tenant_id, *due_in_days) : std::string(before.at("due_date").as_string());
  tx.query("UPDATE space_rectifications SET status = $3, closed_at = $4, recheck_note = $5, rechecks = rechecks + 1,"
           " rechecked_at = $6, rechecked_by = $7, due_days = $8, due_date = $9, updated_at = $6 WHERE tenant_id = $1 AND id = $2",
           actor.tenant_id, id, passed ? "closed" : "open", passed ? std::optional<std::string>(now) : std::nullopt, note, now,
           actor.account_id, due_days, due);
  record_item_change(tx, actor, "recheck", id, before);
}

ItemOwner rectification_owner(db::Tx& tx, std::int64_t tenant_id, std::int64_t id) {
  const auto r = tx.query("SELECT campaign_id, unit_id FROM space_rectifications WHERE tenant_id = $1 AND id = $2", tenant_id, id);
  if (r.empty()) throw http::not_found("整改事项");
  return {r.one().int64(0), r.one().int64(1)};
}

namespace {

// The joins of a finding's or an item's (alias) room with its building (a number is unique per
// building), unit and campaign.
std::string list_joins(const std::string& alias) {
  return " LEFT JOIN space_rooms rm ON rm.tenant_id = " + alias + ".tenant_id AND rm.id = " + alias + ".room_id" +
         " LEFT JOIN space_buildings b ON b.tenant_id = rm.tenant_id AND b.id = rm.building_id" +
         " JOIN units u ON u.tenant_id = " + alias + ".tenant_id AND u.id = " + alias + ".unit_id" +
         " JOIN space_campaigns c ON c.tenant_id = " + alias + ".tenant_id AND c.id = " + alias + ".campaign_id";
}

}  // namespace

const char* const kFindingColumns =
    "f.id, f.campaign_id, c.name, f.unit_id, u.name, f.room_id, rm.number, b.name, f.description, f.severity,"
    " CASE WHEN f.photo IS NULL THEN 0 ELSE 1 END, f.created_at";
const std::string kFindingFrom = " FROM space_findings f" + list_joins("f");

json::object finding_json(const db::Row& row) {
  return {{"id", row.int64(0)},
          {"campaign_id", row.int64(1)},
          {"campaign_name", row.text(2)},
          {"unit_id", row.int64(3)},
          {"unit_name", row.text(4)},
          {"room_id", nullable(row.opt_int64(5))},
          {"room_number", nullable(row.opt_text(6))},
          {"building", nullable(row.opt_text(7))},
          {"description", row.text(8)},
          {"severity", row.text(9)},
          {"severity_label", severity_label(row.text(9))},
          {"has_photo", row.int64(10) == 1},
          {"created_at", row.text(11)}};
}

const char* const kRectificationColumns =
    "r.id, r.campaign_id, c.name, r.finding_id, r.unit_id, u.name, r.room_id, rm.number, b.name, r.description, r.owner_name,"
    " r.due_days, r.due_date, r.status, r.evidence_text,"
    " CASE WHEN r.evidence_photo IS NULL THEN 0 ELSE 1 END, r.evidence_at, r.recheck_note, r.rechecks, r.rechecked_at,"
    " r.closed_at, r.created_at, r.updated_at";
const std::string kRectificationFrom = " FROM space_rectifications r" + list_joins("r");

json::object rectification_json(const db::Row& row) {
  const auto status = row.text(13), due_date = row.text(12);
  return {{"id", row.int64(0)},
          {"campaign_id", row.int64(1)},
          {"campaign_name", row.text(2)},
          {"finding_id", nullable(row.opt_int64(3))},
          {"unit_id", row.int64(4)},
          {"unit_name", row.text(5)},
          {"room_id", nullable(row.opt_int64(6))},
          {"room_number", nullable(row.opt_text(7))},
          {"building", nullable(row.opt_text(8))},
          {"description", row.text(9)},
          {"owner_name", row.text(10)},
          {"due_days", row.int64(11)},
          {"due_date", due_date},
          {"status", status},
          {"status_label", status == "open" ? "整改中" : "已关闭"},
          {"overdue", is_overdue(status, due_date, util::china_today())},
          {"evidence_text", row.text(14)},
          {"has_evidence_photo", row.int64(15) == 1},
          {"evidence_at", nullable(row.opt_text(16))},
          {"recheck_note", row.text(17)},
          {"rechecks", row.int64(18)},
          {"rechecked_at", nullable(row.opt_text(19))},
          {"closed_at", nullable(row.opt_text(20))},
          {"created_at", row.text(21)},
          {"updated_at", row.text(22)}};
}

json::object find_rectification(db::Tx& tx, std::int64_t tenant_id, std::int64_t id) {
  const auto r = tx.query(std::string("SELECT ") + kRectificationColumns + kRectificationFrom + " WHERE r.tenant_id = $1 AND r.id = $2",
                          tenant_id, id);
  if (r.empty()) throw http::not_found("整改事项");
  return rectification_json(r.one());
}

Image stored_photo(db::Tx& tx, std::int64_t tenant_id, const char* table, const char* column, std::int64_t id) {
  const auto r = tx.query(std::string("SELECT ") + column + " FROM " + table + " WHERE tenant_id = $1 AND id = $2", tenant_id, id);
  if (r.empty() || r.one().is_null(0)) throw http::not_found("照片");
  return decode_image(column, r.one().text(0), kMaxPhotoBytes, false);
}

// ---- Progress board -------------------------------------------------------------------------

json::object campaign_board(db::Tx& tx, std::int64_t tenant_id, std::int64_t campaign_id,
                            const std::optional<std::vector<std::int64_t>>& units_in_scope) {
  auto campaign = find_campaign(tx, tenant_id, campaign_id);
  const auto today = util::china_today();
  const auto deadline = std::string(campaign.at("self_check_deadline").as_string());
  std::map<std::int64_t, std::int64_t> findings;
  for (const auto& r : tx.query("SELECT unit_id, COUNT(*) FROM space_findings WHERE tenant_id = $1 AND campaign_id = $2 GROUP BY unit_id",
                                tenant_id, campaign_id)
                           .rows) {
    findings[r.int64(0)] = r.int64(1);
  }
  struct Items {
    std::int64_t open = 0, closed = 0, overdue = 0;
  };
  std::map<std::int64_t, Items> items;
  for (const auto& r : tx.query("SELECT unit_id, status, due_date FROM space_rectifications WHERE tenant_id = $1 AND campaign_id = $2",
                                tenant_id, campaign_id)
                           .rows) {
    auto& i = items[r.int64(0)];
    (r.text(1) == "open" ? i.open : i.closed) += 1;
    if (is_overdue(r.text(1), r.text(2), today)) ++i.overdue;
  }
  json::array rows;
  json::object totals{{"units", 0},    {"submitted", 0}, {"pending", 0},  {"late", 0},           {"findings", 0},
                      {"open", 0},     {"closed", 0},    {"overdue", 0},  {"over_standard_rooms", 0}};
  const auto add = [&](const char* key, std::int64_t n) { totals[key] = totals.at(key).as_int64() + n; };
  for (const auto& r : tx.query("SELECT cu.unit_id, u.code, u.name, cu.saved_at, cu.signed_at, cu.signer_name, cu.snapshot"
                                " FROM space_campaign_units cu JOIN units u ON u.tenant_id = cu.tenant_id AND u.id = cu.unit_id"
                                " WHERE cu.tenant_id = $1 AND cu.campaign_id = $2 ORDER BY u.code, u.id",
                                tenant_id, campaign_id)
                           .rows) {
    const auto unit_id = r.int64(0);
    if (units_in_scope && std::ranges::find(*units_in_scope, unit_id) == units_in_scope->end()) continue;
    const auto signed_at = r.opt_text(4);
    const auto status = self_check_status(signed_at.has_value(), deadline, today);
    json::value figures = nullptr;
    if (const auto snapshot = r.opt_text(6)) figures = json::parse(*snapshot).at("figures");
    const auto over = figures.is_null() ? 0 : figures.at("over_standard_rooms").as_int64();
    const auto& i = items[unit_id];
    rows.push_back(json::object{
        {"unit_id", unit_id},
        {"unit_code", r.text(1)},
        {"unit_name", r.text(2)},
        {"self_check_status", status},
        {"saved_at", nullable(r.opt_text(3))},
        {"submitted_at", nullable(signed_at)},
        {"submitted_late", signed_at && util::china_date(*util::parse_instant(*signed_at)) > deadline},
        {"pledge_signed", signed_at.has_value()},
        {"signer_name", nullable(r.opt_text(5))},
        {"figures", figures},
        {"findings", findings[unit_id]},
        {"rectifications_open", i.open},
        {"rectifications_closed", i.closed},
        {"rectifications_overdue", i.overdue}});
    add("units", 1);
    add(std::string(status).c_str(), 1);
    add("findings", findings[unit_id]);
    add("open", i.open);
    add("closed", i.closed);
    add("overdue", i.overdue);
    add("over_standard_rooms", over);
  }
  return {{"campaign", std::move(campaign)}, {"today", today}, {"units", std::move(rows)}, {"totals", std::move(totals)}};
}

}  // namespace jiguan::space
