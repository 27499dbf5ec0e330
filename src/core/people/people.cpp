#include "core/people/people.hpp"

#include <algorithm>
#include <vector>

#include "core/calendar/calendar.hpp"
#include "core/http/api_error.hpp"
#include "core/util/text.hpp"
#include "core/util/time.hpp"

namespace jiguan::people {
namespace json = boost::json;

namespace {

// ---- Built-in dictionaries -------------------------------------------------------------

const std::vector<BuiltinDictionary>& builtin_dictionaries() {
  static const std::vector<BuiltinDictionary> dictionaries = {
      // The civil-service ladder (职务与职级) on which the office-space standards hang their
      // per-person limits: leadership levels from 《公务员职务与职级并行规定》(2019) 第五–六条,
      // as used by 《党政机关办公用房建设标准》(发改投资〔2014〕2674号) (县级机关: 县正 30, 县副
      // 24, 正科 18, 副科 12, 科以下 9 m²). 科员/办事员 are "科以下"; 工勤人员 are the
      // service staff outside the ladder. Values are stable codes; labels may be renamed.
      {kRankDictionary,
       "职级",
       {{"province_chief", "省部级正职"},
        {"province_deputy", "省部级副职"},
        {"bureau_chief", "厅局级正职"},
        {"bureau_deputy", "厅局级副职"},
        {"county_chief", "县处级正职"},
        {"county_deputy", "县处级副职"},
        {"section_chief", "乡科级正职"},
        {"section_deputy", "乡科级副职"},
        {"staff_member", "科员"},
        {"clerk", "办事员"},
        {"worker", "工勤人员"}}},
      // The kinds of post under the same 规定: leadership posts, rank (non-leadership)
      // posts, and service (工勤) posts.
      {kPostKindDictionary, "职务类别", {{"leadership", "领导职务"}, {"grade", "职级"}, {"service", "工勤"}}},
  };
  return dictionaries;
}

// ---- Validation ------------------------------------------------------------------------

void check_length(const std::string& field, const std::string& value, std::size_t min, std::size_t max,
                  const std::string& what) {
  const auto n = util::utf8_length(value);
  if (n < min || n > max) {
    throw http::invalid(field, what + "应为 " + std::to_string(min) + " 到 " + std::to_string(max) + " 个字符");
  }
}

void check_item_value(const std::string& value) {
  const bool ok = !value.empty() && value.size() <= 32 && std::all_of(value.begin(), value.end(), [](unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
  if (!ok) throw http::invalid("value", "字典值应为 1 到 32 位小写字母、数字或下划线");
}

void check_phone(const std::string& phone) {
  const bool ok = phone.size() >= 5 && phone.size() <= 20 &&
                  std::all_of(phone.begin(), phone.end(), [](unsigned char c) { return std::isdigit(c) || c == '-'; });
  if (!ok) throw http::invalid("phone", "电话应为 5 到 20 位数字或连字符");
}

void check_gender(const std::optional<std::string>& gender) {
  if (gender && *gender != "male" && *gender != "female") throw http::invalid("gender", "性别应为 male 或 female");
}

void check_date(const std::string& field, const std::string& date) {
  if (!calendar::parse_date(date)) throw http::invalid(field, "日期应为 YYYY-MM-DD 格式的有效日期");
}

bool is_active_item(db::Tx& tx, std::int64_t tenant_id, const std::string& dictionary, const std::string& value) {
  return !tx.query("SELECT 1 FROM dictionary_items WHERE tenant_id = $1 AND dictionary_code = $2 AND value = $3 AND active = 1",
                   tenant_id, dictionary, value)
              .empty();
}

void check_rank(db::Tx& tx, std::int64_t tenant_id, const std::string& field, const std::string& rank) {
  if (!is_active_item(tx, tenant_id, kRankDictionary, rank)) throw http::invalid(field, "职级不存在或已停用：" + rank);
}

void check_unit(db::Tx& tx, std::int64_t tenant_id, std::int64_t unit_id) {
  if (tx.query("SELECT 1 FROM units WHERE tenant_id = $1 AND id = $2 AND active = 1", tenant_id, unit_id).empty()) {
    throw http::invalid("unit_id", "单位不存在或已停用");
  }
}

// ---- Rows as JSON ----------------------------------------------------------------------

json::value nullable_text(const db::Row& row, std::size_t i) { return row.is_null(i) ? json::value() : json::value(row.text(i)); }
json::value json_of(std::optional<std::int64_t> v) { return v ? json::value(*v) : json::value(); }
json::value nullable_int(const db::Row& row, std::size_t i) { return json_of(row.opt_int64(i)); }

const std::string kItemColumns = "id, value, label, sort_order, active";

json::object item_json(const db::Row& row) {
  return {{"id", row.int64(0)},
          {"value", row.text(1)},
          {"label", row.text(2)},
          {"sort_order", row.int64(3)},
          {"active", row.int64(4) != 0}};
}

std::optional<json::object> find_item(db::Tx& tx, std::int64_t tenant_id, const std::string& dictionary, std::int64_t id) {
  auto r = tx.query("SELECT " + kItemColumns + " FROM dictionary_items WHERE tenant_id = $1 AND dictionary_code = $2 AND id = $3",
                    tenant_id, dictionary, id);
  if (r.empty()) return std::nullopt;
  return item_json(r.rows[0]);
}

const std::string kPostSelect =
    "SELECT pp.id, pp.unit_id, u.code, u.name, pp.post, pp.rank, r.label, pp.is_primary, pp.active_post, pp.start_date,"
    " pp.end_date FROM person_posts pp JOIN units u ON u.tenant_id = pp.tenant_id AND u.id = pp.unit_id"
    " LEFT JOIN dictionary_items r ON r.tenant_id = pp.tenant_id AND r.dictionary_code = 'rank' AND r.value = pp.rank";

json::object post_json(const db::Row& row) {
  return {{"id", row.int64(0)},
          {"unit_id", row.int64(1)},
          {"unit_code", row.text(2)},
          {"unit_name", row.text(3)},
          {"post", row.text(4)},
          {"rank", row.text(5)},
          {"rank_label", nullable_text(row, 6)},
          {"is_primary", row.int64(7) != 0},
          {"active_post", row.int64(8) != 0},
          {"start_date", nullable_text(row, 9)},
          {"end_date", nullable_text(row, 10)}};
}

std::optional<json::object> find_post(db::Tx& tx, std::int64_t tenant_id, std::int64_t person_id, std::int64_t post_id) {
  auto r = tx.query(kPostSelect + " WHERE pp.tenant_id = $1 AND pp.person_id = $2 AND pp.id = $3", tenant_id, person_id, post_id);
  if (r.empty()) return std::nullopt;
  return post_json(r.rows[0]);
}

std::optional<json::object> find_person_row(db::Tx& tx, std::int64_t tenant_id, std::int64_t id) {
  auto r = tx.query("SELECT " + kPersonColumns + kPersonFrom + " WHERE p.tenant_id = $1 AND p.id = $2", tenant_id, id);
  if (r.empty()) return std::nullopt;
  return person_json(r.rows[0]);
}

// The person for a posts change: present (404 otherwise) and active (409 otherwise).
json::object active_person(db::Tx& tx, std::int64_t tenant_id, std::int64_t person_id) {
  auto person = find_person_row(tx, tenant_id, person_id);
  if (!person) throw http::not_found("人员");
  if (!person->at("active").as_bool()) throw http::ApiError(409, "person_inactive", "人员已停用，不能调整职务");
  return *person;
}

std::string text_of(const json::object& o, const char* key) { return std::string(o.at(key).as_string()); }

}  // namespace

// ---- Dictionaries ----------------------------------------------------------------------

// Built-in data, like a migration's: not audited (it is the same for every tenant).
void ensure_dictionary(db::Tx& tx, std::int64_t tenant_id, const BuiltinDictionary& dictionary) {
  const auto now = util::now_utc();
  tx.query("INSERT INTO dictionaries (tenant_id, code, name, builtin, created_at) VALUES ($1, $2, $3, 1, $4) ON CONFLICT DO NOTHING",
           tenant_id, dictionary.code, dictionary.name, now);
  std::int64_t sort_order = 0;
  for (const auto& item : dictionary.items) {
    tx.query("INSERT INTO dictionary_items (tenant_id, dictionary_code, value, label, sort_order, created_at, updated_at) "
             "VALUES ($1, $2, $3, $4, $5, $6, $6) ON CONFLICT DO NOTHING",
             tenant_id, dictionary.code, item.value, item.label, sort_order += 10, now);
  }
}

void ensure_builtin_dictionaries(db::Tx& tx, std::int64_t tenant_id) {
  for (const auto& dictionary : builtin_dictionaries()) ensure_dictionary(tx, tenant_id, dictionary);
}

json::object dictionary_json(const db::Row& row) {
  return {{"id", row.int64(0)},
          {"code", row.text(1)},
          {"name", row.text(2)},
          {"builtin", row.int64(3) != 0},
          {"item_count", row.int64(4)}};
}

std::optional<json::object> find_dictionary(db::Tx& tx, std::int64_t tenant_id, const std::string& code) {
  auto r = tx.query("SELECT " + kDictionaryColumns + kDictionaryFrom + " WHERE d.tenant_id = $1 AND d.code = $2", tenant_id, code);
  if (r.empty()) return std::nullopt;
  auto dictionary = dictionary_json(r.rows[0]);
  json::array items;
  for (const auto& row : tx.query("SELECT " + kItemColumns +
                                      " FROM dictionary_items WHERE tenant_id = $1 AND dictionary_code = $2 ORDER BY sort_order, id",
                                  tenant_id, code)
                             .rows) {
    items.push_back(item_json(row));
  }
  dictionary["total"] = items.size();
  dictionary["items"] = std::move(items);
  return dictionary;
}

std::int64_t add_dictionary_item(db::Tx& tx, const audit::Actor& actor, const std::string& dictionary, const ItemFields& f) {
  if (tx.query("SELECT 1 FROM dictionaries WHERE tenant_id = $1 AND code = $2", actor.tenant_id, dictionary).empty()) {
    throw http::not_found("字典");
  }
  check_item_value(f.value);
  check_length("label", f.label, 1, 50, "名称");
  const auto now = util::now_utc();
  std::int64_t id = 0;
  try {
    id = tx.query("INSERT INTO dictionary_items (tenant_id, dictionary_code, value, label, sort_order, created_at, updated_at) "
                  "VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id",
                  actor.tenant_id, dictionary, f.value, f.label, f.sort_order, now)
             .one()
             .int64(0);
  } catch (const db::DbError& e) {
    if (e.kind() == db::ErrorKind::unique_violation) throw http::conflict("字典值已存在：" + f.value, "value");
    throw;
  }
  auto created = *find_item(tx, actor.tenant_id, dictionary, id);
  created["dictionary"] = dictionary;
  audit::record(tx, actor, {"create", "dictionary_item", id, created});
  return id;
}

void update_dictionary_item(db::Tx& tx, const audit::Actor& actor, const std::string& dictionary, std::int64_t item_id,
                            const ItemPatch& patch) {
  auto before = find_item(tx, actor.tenant_id, dictionary, item_id);
  if (!before) throw http::not_found("字典项");
  if (patch.label) check_length("label", *patch.label, 1, 50, "名称");
  tx.query("UPDATE dictionary_items SET label = $3, sort_order = $4, active = $5, updated_at = $6 WHERE tenant_id = $1 AND id = $2",
           actor.tenant_id, item_id, patch.label.value_or(text_of(*before, "label")),
           patch.sort_order.value_or(before->at("sort_order").as_int64()), patch.active.value_or(before->at("active").as_bool()),
           util::now_utc());
  auto changes = audit::diff(*before, *find_item(tx, actor.tenant_id, dictionary, item_id));
  if (!changes.empty()) audit::record(tx, actor, {"update", "dictionary_item", item_id, changes});
}

std::optional<std::string> active_item_value(db::Tx& tx, std::int64_t tenant_id, const std::string& dictionary,
                                             const std::string& text) {
  auto r = tx.query("SELECT value FROM dictionary_items WHERE tenant_id = $1 AND dictionary_code = $2 AND active = 1 "
                    "AND (value = $3 OR label = $3) ORDER BY sort_order, id LIMIT 1",
                    tenant_id, dictionary, text);
  if (r.empty()) return std::nullopt;
  return r.one().text(0);
}

// ---- People ----------------------------------------------------------------------------

json::object person_json(const db::Row& row) {
  return {{"id", row.int64(0)},
          {"name", row.text(1)},
          {"gender", nullable_text(row, 2)},
          {"unit_id", row.int64(3)},
          {"unit_code", row.text(4)},
          {"unit_name", row.text(5)},
          {"rank", row.text(6)},
          {"rank_label", nullable_text(row, 7)},
          {"post", row.text(8)},
          {"phone", row.text(9)},
          {"active", row.int64(10) != 0},
          {"created_at", row.text(11)},
          {"updated_at", row.text(12)}};
}

std::optional<json::object> find_person(db::Tx& tx, std::int64_t tenant_id, std::int64_t id) {
  auto person = find_person_row(tx, tenant_id, id);
  if (!person) return std::nullopt;
  json::array posts;
  for (const auto& row : tx.query(kPostSelect + " WHERE pp.tenant_id = $1 AND pp.person_id = $2"
                                                " ORDER BY pp.is_primary DESC, pp.start_date, pp.id",
                                  tenant_id, id)
                             .rows) {
    posts.push_back(post_json(row));
  }
  (*person)["posts"] = std::move(posts);
  return person;
}

void validate_person(db::Tx& tx, std::int64_t tenant_id, const PersonFields& f) {
  check_length("name", f.name, 1, 50, "姓名");
  check_gender(f.gender);
  check_unit(tx, tenant_id, f.unit_id);
  check_rank(tx, tenant_id, "rank", f.rank);
  check_length("post", f.post, 0, 50, "职务");
  if (!f.phone.empty()) check_phone(f.phone);
}

std::int64_t create_person(db::Tx& tx, const audit::Actor& actor, const PersonFields& f) {
  validate_person(tx, actor.tenant_id, f);
  const auto now = util::now_utc();
  const auto id = tx.query("INSERT INTO people (tenant_id, name, gender, unit_id, rank, post, phone, created_at, updated_at) "
                           "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING id",
                           actor.tenant_id, f.name, f.gender, f.unit_id, f.rank, f.post, f.phone, now)
                      .one()
                      .int64(0);
  tx.query("INSERT INTO person_posts (tenant_id, person_id, unit_id, post, rank, is_primary, active_post, created_at, updated_at) "
           "VALUES ($1, $2, $3, $4, $5, 1, 1, $6, $6)",
           actor.tenant_id, id, f.unit_id, f.post, f.rank, now);
  audit::record(tx, actor, {"create", "person", id, *find_person_row(tx, actor.tenant_id, id)});
  return id;
}

bool update_person(db::Tx& tx, const audit::Actor& actor, std::int64_t id, const PersonPatch& patch) {
  auto before = find_person_row(tx, actor.tenant_id, id);
  if (!before) return false;
  const auto& b = *before;
  PersonFields f{patch.name.value_or(text_of(b, "name")),
                 patch.gender ? *patch.gender : (b.at("gender").is_null() ? std::nullopt : std::optional(text_of(b, "gender"))),
                 patch.unit_id.value_or(b.at("unit_id").as_int64()),
                 patch.rank.value_or(text_of(b, "rank")),
                 patch.post.value_or(text_of(b, "post")),
                 patch.phone.value_or(text_of(b, "phone"))};
  // Only the fields that change are checked against the database: a person whose rank
  // item was deactivated can still have the phone number corrected.
  if (patch.name) check_length("name", f.name, 1, 50, "姓名");
  if (patch.gender) check_gender(f.gender);
  if (patch.unit_id && *patch.unit_id != b.at("unit_id").as_int64()) check_unit(tx, actor.tenant_id, f.unit_id);
  if (patch.rank && *patch.rank != text_of(b, "rank")) check_rank(tx, actor.tenant_id, "rank", f.rank);
  if (patch.post) check_length("post", f.post, 0, 50, "职务");
  if (patch.phone && !f.phone.empty()) check_phone(f.phone);
  const auto now = util::now_utc();
  tx.query("UPDATE people SET name = $3, gender = $4, unit_id = $5, rank = $6, post = $7, phone = $8, updated_at = $9 "
           "WHERE tenant_id = $1 AND id = $2",
           actor.tenant_id, id, f.name, f.gender, f.unit_id, f.rank, f.post, f.phone, now);
  tx.query("UPDATE person_posts SET unit_id = $3, post = $4, rank = $5, updated_at = $6 "
           "WHERE tenant_id = $1 AND person_id = $2 AND is_primary = 1",
           actor.tenant_id, id, f.unit_id, f.post, f.rank, now);
  auto after = *find_person_row(tx, actor.tenant_id, id);
  after.erase("updated_at");
  audit::record(tx, actor, {"update", "person", id, audit::diff(b, after)});
  return true;
}

bool deactivate_person(db::Tx& tx, const audit::Actor& actor, std::int64_t id) {
  auto before = find_person_row(tx, actor.tenant_id, id);
  if (!before) return false;
  if (!before->at("active").as_bool()) return true;
  tx.query("UPDATE people SET active = 0, updated_at = $3 WHERE tenant_id = $1 AND id = $2", actor.tenant_id, id, util::now_utc());
  audit::record(tx, actor, {"deactivate", "person", id, {{"active", {{"from", true}, {"to", false}}}}});
  return true;
}

// ---- Posts -----------------------------------------------------------------------------

std::int64_t add_post(db::Tx& tx, const audit::Actor& actor, std::int64_t person_id, const PostFields& f) {
  const auto person = active_person(tx, actor.tenant_id, person_id);
  check_unit(tx, actor.tenant_id, f.unit_id);
  check_length("post", f.post, 1, 50, "职务");
  const std::string rank = f.rank.value_or(text_of(person, "rank"));
  if (f.rank) check_rank(tx, actor.tenant_id, "rank", rank);
  if (f.start_date) check_date("start_date", *f.start_date);
  if (!tx.query("SELECT 1 FROM person_posts WHERE tenant_id = $1 AND person_id = $2 AND unit_id = $3 AND end_date IS NULL",
                actor.tenant_id, person_id, f.unit_id)
           .empty()) {
    throw http::conflict("该人员在此单位已有职务", "unit_id");
  }
  const auto now = util::now_utc();
  const auto id = tx.query("INSERT INTO person_posts (tenant_id, person_id, unit_id, post, rank, start_date, created_at, updated_at) "
                           "VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id",
                           actor.tenant_id, person_id, f.unit_id, f.post, rank, f.start_date, now)
                      .one()
                      .int64(0);
  auto created = *find_post(tx, actor.tenant_id, person_id, id);
  created["person_id"] = person_id;
  audit::record(tx, actor, {"create", "person_post", id, created});
  return id;
}

void end_post(db::Tx& tx, const audit::Actor& actor, std::int64_t person_id, std::int64_t post_id, const std::string& end_date) {
  active_person(tx, actor.tenant_id, person_id);
  auto post = find_post(tx, actor.tenant_id, person_id, post_id);
  if (!post) throw http::not_found("职务");
  if (post->at("is_primary").as_bool()) {
    throw http::ApiError(409, "primary_post", "主职务不能结束：请修改人员的单位，或停用人员");
  }
  if (!post->at("end_date").is_null()) throw http::ApiError(409, "post_ended", "该职务已结束");
  check_date("end_date", end_date);
  if (!post->at("start_date").is_null() && end_date < text_of(*post, "start_date")) {
    throw http::invalid("end_date", "结束日期不能早于开始日期");
  }
  const bool was_active = post->at("active_post").as_bool();
  const auto now = util::now_utc();
  tx.query("UPDATE person_posts SET end_date = $3, active_post = 0, updated_at = $4 WHERE tenant_id = $1 AND id = $2",
           actor.tenant_id, post_id, end_date, now);
  // Someone always works somewhere: the primary post takes over from an ended active one.
  if (was_active) {
    tx.query("UPDATE person_posts SET active_post = 1, updated_at = $3 WHERE tenant_id = $1 AND person_id = $2 AND is_primary = 1",
             actor.tenant_id, person_id, now);
  }
  audit::record(tx, actor, {"end", "person_post", post_id, {{"person_id", person_id}, {"end_date", end_date}, {"was_active", was_active}}});
}

void activate_post(db::Tx& tx, const audit::Actor& actor, std::int64_t person_id, std::int64_t post_id) {
  active_person(tx, actor.tenant_id, person_id);
  auto post = find_post(tx, actor.tenant_id, person_id, post_id);
  if (!post) throw http::not_found("职务");
  if (!post->at("end_date").is_null()) throw http::ApiError(409, "post_ended", "该职务已结束，不能设为当前职务");
  if (post->at("active_post").as_bool()) return;
  auto previous = tx.query("SELECT id FROM person_posts WHERE tenant_id = $1 AND person_id = $2 AND active_post = 1",
                           actor.tenant_id, person_id);
  const auto now = util::now_utc();
  // Clear first: the partial unique index allows one active post per person at any moment.
  tx.query("UPDATE person_posts SET active_post = 0, updated_at = $3 WHERE tenant_id = $1 AND person_id = $2 AND active_post = 1",
           actor.tenant_id, person_id, now);
  tx.query("UPDATE person_posts SET active_post = 1, updated_at = $3 WHERE tenant_id = $1 AND id = $2", actor.tenant_id, post_id, now);
  audit::record(tx, actor,
                {"activate", "person_post", post_id,
                 {{"person_id", person_id}, {"previous_post_id", previous.empty() ? json::value() : json::value(previous.one().int64(0))}}});
}

// ---- Sectors and accounts --------------------------------------------------------------

json::object sector_json(const db::Row& row) {
  return {{"id", row.int64(0)},
          {"code", row.text(1)},
          {"name", row.text(2)},
          {"sort_order", row.int64(3)},
          {"active", row.int64(4) != 0},
          {"lead_unit_id", nullable_int(row, 5)},
          {"lead_unit_code", nullable_text(row, 6)},
          {"lead_unit_name", nullable_text(row, 7)},
          {"department_count", row.int64(8)}};
}

std::optional<json::object> find_sector(db::Tx& tx, std::int64_t tenant_id, std::int64_t id) {
  auto r = tx.query("SELECT " + kSectorColumns + kSectorFrom + " WHERE s.tenant_id = $1 AND s.id = $2 AND s.kind = 'sector'",
                    tenant_id, id);
  if (r.empty()) return std::nullopt;
  return sector_json(r.rows[0]);
}

bool set_sector_lead(db::Tx& tx, const audit::Actor& actor, std::int64_t sector_id, std::optional<std::int64_t> lead_unit_id) {
  auto before = find_sector(tx, actor.tenant_id, sector_id);
  if (!before) return false;
  if (lead_unit_id && tx.query("SELECT 1 FROM units WHERE tenant_id = $1 AND id = $2 AND parent_id = $3 AND active = 1 "
                               "AND kind IN ('department', 'bureau')",
                               actor.tenant_id, *lead_unit_id, sector_id)
                          .empty()) {
    throw http::invalid("lead_unit_id", "牵头单位应为本口下启用的部门");
  }
  tx.query("UPDATE units SET lead_unit_id = $3, updated_at = $4 WHERE tenant_id = $1 AND id = $2", actor.tenant_id, sector_id,
           lead_unit_id, util::now_utc());
  auto changes = audit::diff(*before, *find_sector(tx, actor.tenant_id, sector_id));
  if (!changes.empty()) audit::record(tx, actor, {"update", "unit", sector_id, changes});
  return true;
}

bool link_account_person(db::Tx& tx, const audit::Actor& actor, std::int64_t account_id, std::optional<std::int64_t> person_id) {
  auto account = tx.query("SELECT person_id FROM accounts WHERE tenant_id = $1 AND id = $2", actor.tenant_id, account_id);
  if (account.empty()) return false;
  if (person_id && !find_person_row(tx, actor.tenant_id, *person_id)) throw http::invalid("person_id", "人员不存在");
  const auto previous = account.one().opt_int64(0);
  if (previous == person_id) return true;
  tx.query("UPDATE accounts SET person_id = $3, updated_at = $4 WHERE tenant_id = $1 AND id = $2", actor.tenant_id, account_id,
           person_id, util::now_utc());
  audit::record(tx, actor,
                {"update", "account", account_id, {{"person_id", {{"from", json_of(previous)}, {"to", json_of(person_id)}}}}});
  return true;
}

}  // namespace jiguan::people
