#include <algorithm>

#include "core/util/time.hpp"
#include "modules/space/space.hpp"

namespace jiguan::space {
namespace {

constexpr const char* k2014 =
    "《党政机关办公用房建设标准》（发改投资〔2014〕2674号）";
constexpr const char* k1999 = "《党政机关办公用房建设标准》（计投资〔1999〕2250号）";

struct Limit {
  const char* rank;
  const char* grade_label;
  int square_metres;
};

struct Table {
  const char* code;
  const char* regulation;
  const char* level;
  const char* effective_from;
  const char* effective_to;  // nullptr: still in force
  std::vector<Limit> limits;
};

// The tables of ../shared/domain/README.md, by the platform's rank dictionary (people.cpp):
// province_* 省部级, bureau_* 厅局级, county_* 县处级, section_* 乡科级, then 科员, 办事员
// and 工勤人员, who all fall under the table's lowest line. The 1999 standard was replaced
// on the day the 2014 one was issued (2014-11-24); its own issue date is 1999-12-21 (verify).
const std::vector<Table>& tables() {
  static const std::vector<Table> t = {
      {"2014", k2014, "central", "2014-11-24", nullptr,
       {{"province_chief", "部正", 54}, {"province_deputy", "部副", 42}, {"bureau_chief", "正司", 24},
        {"bureau_deputy", "副司", 18}, {"county_chief", "处级", 12}, {"county_deputy", "处级", 12},
        {"section_chief", "处以下", 9}, {"section_deputy", "处以下", 9}, {"staff_member", "处以下", 9},
        {"clerk", "处以下", 9}, {"worker", "处以下", 9}}},
      {"2014", k2014, "province", "2014-11-24", nullptr,
       {{"province_chief", "省正", 54}, {"province_deputy", "省副", 42}, {"bureau_chief", "正厅", 30},
        {"bureau_deputy", "副厅", 24}, {"county_chief", "正处", 18}, {"county_deputy", "副处", 12},
        {"section_chief", "处以下", 9}, {"section_deputy", "处以下", 9}, {"staff_member", "处以下", 9},
        {"clerk", "处以下", 9}, {"worker", "处以下", 9}}},
      {"2014", k2014, "city", "2014-11-24", nullptr,
       {{"bureau_chief", "市正", 42}, {"bureau_deputy", "市副", 30}, {"county_chief", "正局(处)", 24},
        {"county_deputy", "副局(处)", 18}, {"section_chief", "局(处)以下", 9}, {"section_deputy", "局(处)以下", 9},
        {"staff_member", "局(处)以下", 9}, {"clerk", "局(处)以下", 9}, {"worker", "局(处)以下", 9}}},
      {"2014", k2014, "county", "2014-11-24", nullptr,
       {{"county_chief", "县正", 30}, {"county_deputy", "县副", 24}, {"section_chief", "正科", 18},
        {"section_deputy", "副科", 12}, {"staff_member", "科以下", 9}, {"clerk", "科以下", 9}, {"worker", "科以下", 9}}},
      {"1999", k1999, "city", "1999-12-21", "2014-11-23",
       {{"bureau_chief", "市正", 32}, {"bureau_deputy", "市副", 18}, {"county_chief", "局级", 12},
        {"county_deputy", "局级", 12}, {"section_chief", "局以下", 6}, {"section_deputy", "局以下", 6},
        {"staff_member", "局以下", 6}, {"clerk", "局以下", 6}, {"worker", "局以下", 6}}},
      {"1999", k1999, "county", "1999-12-21", "2014-11-23",
       {{"county_chief", "县正", 20}, {"county_deputy", "县副", 12}, {"section_chief", "科级", 9},
        {"section_deputy", "科级", 9}, {"staff_member", "科以下", 6}, {"clerk", "科以下", 6}, {"worker", "科以下", 6}}},
  };
  return t;
}

StandardRow row_of(const db::Row& r) {
  return {r.int64(0), r.text(1), r.text(2), r.text(3), r.text(4), r.text(5), r.int64(6), r.text(7), r.opt_text(8),
          r.int64(9) == 1};
}

}  // namespace

std::vector<StandardRow> builtin_standards() {
  std::vector<StandardRow> out;
  for (const auto& table : tables()) {
    for (const auto& l : table.limits) {
      out.push_back({0, table.code, table.regulation, table.level, l.rank, l.grade_label, l.square_metres * 100,
                     table.effective_from,
                     table.effective_to ? std::optional<std::string>(table.effective_to) : std::nullopt, true});
    }
  }
  return out;
}

// Inserted once: after that the rows are the tenant's data, which may be corrected or
// closed and must not come back when they have been changed.
void ensure_builtin_data(db::Tx& tx, std::int64_t tenant_id) {
  const auto now = util::now_utc();
  if (tx.query("SELECT 1 FROM space_settings WHERE tenant_id = $1", tenant_id).empty()) {
    tx.query("INSERT INTO space_settings (tenant_id, updated_at) VALUES ($1, $2)", tenant_id, now);
  }
  if (!tx.query("SELECT 1 FROM space_standards WHERE tenant_id = $1 AND builtin = 1 LIMIT 1", tenant_id).empty()) return;
  for (const auto& s : builtin_standards()) {
    tx.query("INSERT INTO space_standards (tenant_id, code, regulation, level, rank, grade_label, limit_area, effective_from,"
             " effective_to, builtin, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 1, $10, $10)",
             tenant_id, s.code, s.regulation, s.level, s.rank, s.grade_label, s.limit_area, s.effective_from, s.effective_to,
             now);
  }
}

Settings load_settings(db::Tx& tx, std::int64_t tenant_id) {
  const auto rows =
      tx.query("SELECT level, standard_code, amber_from_pct, red_from_pct FROM space_settings WHERE tenant_id = $1", tenant_id);
  if (rows.empty()) return {};
  const auto& r = rows.one();
  return {r.text(0), r.opt_text(1), static_cast<int>(r.int64(2)), static_cast<int>(r.int64(3))};
}

std::vector<StandardRow> load_standards(db::Tx& tx, std::int64_t tenant_id) {
  std::vector<StandardRow> out;
  for (const auto& r : tx.query("SELECT id, code, regulation, level, rank, grade_label, limit_area, effective_from, effective_to,"
                                " builtin FROM space_standards WHERE tenant_id = $1 ORDER BY code, level, limit_area DESC, id",
                                tenant_id)
                           .rows) {
    out.push_back(row_of(r));
  }
  return out;
}

std::optional<std::string> standard_in_force(const std::vector<StandardRow>& rows, const Settings& settings, std::string_view day) {
  if (settings.standard_code) return settings.standard_code;
  const StandardRow* best = nullptr;
  for (const auto& r : rows) {
    const bool in_force = r.level == settings.level && r.effective_from <= day && (!r.effective_to || day <= *r.effective_to);
    if (in_force && (!best || r.effective_from > best->effective_from)) best = &r;
  }
  if (!best) return std::nullopt;
  return best->code;
}

const StandardRow* limit_for(const std::vector<StandardRow>& rows, const Settings& settings, std::string_view rank,
                             std::string_view day) {
  const auto code = standard_in_force(rows, settings, day);
  if (!code) return nullptr;
  const auto it = std::find_if(rows.begin(), rows.end(), [&](const StandardRow& r) {
    return r.code == *code && r.level == settings.level && r.rank == rank;
  });
  return it == rows.end() ? nullptr : &*it;
}

}  // namespace jiguan::space
