#include "core/demo/demo_data.hpp"

#include <vector>

#include "core/audit/audit.hpp"
#include "core/auth/accounts.hpp"
#include "core/org/tenants.hpp"
#include "core/org/units.hpp"
#include "core/people/people.hpp"

namespace jiguan::demo {
namespace {

struct Sector {
  const char* code;
  const char* name;
  std::vector<const char*> departments;  // the first is the sector's lead unit
};

// 15 sectors, 67 departments (the seed: "67个参改部门单位", "区级15个口").
const std::vector<Sector>& sectors() {
  static const std::vector<Sector> s = {
      {"S01", "党群口", {"区委办公室", "区委组织部", "区委宣传部", "区委统战部", "区直机关工委", "区总工会", "团区委", "区妇联"}},
      {"S02", "纪检监察口", {"区纪委监委", "区委巡察办"}},
      {"S03", "政法口", {"区委政法委", "区人民法院", "区人民检察院", "区公安分局", "区司法局"}},
      {"S04", "人大口", {"区人大常委会办公室"}},
      {"S05", "政协口", {"区政协办公室"}},
      {"S06", "政府办口", {"区政府办公室", "罗庄区机关事务管理局", "区信访局", "区大数据局", "区行政审批服务局"}},
      {"S07", "经济口", {"区发展和改革局", "区工业和信息化局", "区商务局", "区统计局", "区市场监督管理局", "区审计局"}},
      {"S08", "财税口", {"区财政局", "区税务局", "区金融服务中心"}},
      {"S09", "城建口", {"区住房和城乡建设局", "区自然资源局", "区城市管理局", "区交通运输局", "区生态环境分局", "区水利局"}},
      {"S10", "农业口", {"区农业农村局", "区林业局", "区乡村振兴局", "区供销社"}},
      {"S11", "教育口", {"区教育和体育局", "区科学技术局", "区文化和旅游局", "区融媒体中心"}},
      {"S12", "卫生口", {"区卫生健康局", "区医疗保障局", "区疾病预防控制中心"}},
      {"S13", "社会口", {"区民政局", "区人力资源和社会保障局", "区退役军人事务局", "区残联", "区红十字会"}},
      {"S14", "应急口", {"区应急管理局", "区消防救援大队", "区人防办"}},
      {"S15", "街镇口",
       {"罗庄街道办事处", "盛庄街道办事处", "傅庄街道办事处", "罗西街道办事处", "高都街道办事处", "册山街道办事处", "黄山镇人民政府",
        "褚墩镇人民政府", "沂堂镇人民政府", "双月湖管委会", "经济开发区管委会"}},
  };
  return s;
}

// The bureau's 10 sections (the seed: "下设10个科室").
const std::vector<const char*> kSections = {"办公室",     "财务审计科", "公务用车管理科", "办公用房管理科", "公共机构节能科",
                                            "公务接待科", "会议服务科", "设备维修科",     "安全保卫科",     "综合服务科"};

constexpr const char* kBureauName = "罗庄区机关事务管理局";

struct DemoAccount {
  const char* username;
  const char* display_name;
  const char* role;
  const char* unit_code;
  const char* person_name = nullptr;  // the demo person of that unit the account belongs to
};

const std::vector<DemoAccount> kAccounts = {
    {"admin", "系统管理员", "admin", "JGJ-01"},
    {"juzhang", "王建国（局长）", "leader", "JGJ", "王建国"},
    {"cheguan", "李明（公务用车管理科）", "vehicle_officer", "JGJ-03", "李明"},
    {"huiwu", "陈静（会议服务科）", "meeting_officer", "JGJ-07", "陈静"},
    {"shoufa", "刘芳（收发室）", "mail_clerk", "JGJ-01", "刘芳"},
    {"jiyao", "吴涛（机要员）", "confidential_clerk", "JGJ-01", "吴涛"},
    {"fangguan", "张华（办公用房管理科）", "space_officer", "JGJ-04", "张华"},
    {"jiaoyu", "赵丽（区教育和体育局联络员）", "liaison", "S11-01"},
    {"siji", "孙强（驾驶员）", "worker", "JGJ-03", "孙强"},
    {"shenji", "周敏（审计）", "auditor", "S07-06"},
};

// ---- People ----------------------------------------------------------------------------

struct DemoPerson {
  const char* post;
  const char* rank;            // a value of the rank dictionary
  const char* name = nullptr;  // nullptr: a generated name
};

struct UnitStaff {
  const char* unit_code;
  std::vector<DemoPerson> people;
};

// The seed: "罗庄区机关事务管理局为正科级事业单位 … 机关事业编制人员33名，配备局长(正科)一名，
// 副局长(副科)三名". So the 局长 is 乡科级正职 and the 副局长 乡科级副职; the other 29 are
// 科员, 办事员 and 工勤人员 (drivers, repairers, guards) over the 10 sections.
const std::vector<UnitStaff> kBureauStaff = {
    {"JGJ",
     {{"局长", "section_chief", "王建国"}, {"副局长", "section_deputy"}, {"副局长", "section_deputy"}, {"副局长", "section_deputy"}}},
    {"JGJ-01", {{"办公室主任", "staff_member"}, {"科员", "staff_member", "吴涛"}, {"科员", "staff_member"}, {"文书", "clerk", "刘芳"}}},
    {"JGJ-02", {{"科长", "staff_member"}, {"会计", "staff_member"}, {"出纳", "clerk"}}},
    {"JGJ-03", {{"科长", "staff_member", "李明"}, {"科员", "staff_member"}, {"驾驶员", "worker", "孙强"}, {"驾驶员", "worker"}}},
    {"JGJ-04", {{"科长", "staff_member", "张华"}, {"科员", "staff_member"}, {"办事员", "clerk"}}},
    {"JGJ-05", {{"科长", "staff_member"}, {"科员", "staff_member"}}},
    {"JGJ-06", {{"科长", "staff_member"}, {"科员", "staff_member"}, {"办事员", "clerk"}}},
    {"JGJ-07", {{"科长", "staff_member", "陈静"}, {"科员", "staff_member"}, {"服务员", "worker"}}},
    {"JGJ-08", {{"科长", "staff_member"}, {"维修工", "worker"}, {"维修工", "worker"}}},
    {"JGJ-09", {{"科长", "staff_member"}, {"门卫", "worker"}}},
    {"JGJ-10", {{"科长", "staff_member"}, {"科员", "staff_member"}}},
};

// A district department's head title by the kind of body its name ends with; the deputy is
// "副" + that. A district's departments are 正科级, so heads are 乡科级正职, deputies 副职.
std::string head_title(std::string_view unit_name) {
  static const std::pair<std::string_view, const char*> kTitles[] = {
      {"人民法院", "院长"}, {"人民检察院", "检察长"}, {"镇人民政府", "镇长"}, {"工会", "主席"}, {"妇联", "主席"},
      {"残联", "主席"},     {"红十字会", "会长"},     {"大队", "大队长"},     {"部", "部长"},   {"局", "局长"},
      {"管委会", "主任"},   {"委", "书记"}};
  for (const auto& [suffix, title] : kTitles) {
    if (unit_name.ends_with(suffix)) return title;
  }
  return "主任";
}

// Plausible, deterministic names: person i takes surname 7i mod 50 and given name 11i mod 41;
// as 7 and 11 are coprime to 50 and 41, names repeat only after lcm(50, 41) = 2050 people.
std::string demo_name(int i) {
  static const char* const kSurnames[] = {"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "马",
                                          "朱", "胡", "郭", "何", "林", "高", "罗", "郑", "梁", "谢", "宋", "唐", "许",
                                          "韩", "冯", "邓", "曹", "彭", "曾", "肖", "田", "董", "袁", "潘", "于", "蒋",
                                          "蔡", "杜", "程", "魏", "吕", "丁", "沈", "任", "姚", "卢", "傅"};
  static const char* const kGivenNames[] = {"建军", "秀兰", "志刚", "海燕", "丽娟", "国栋", "晓明", "红梅", "伟",   "敏",
                                            "振华", "玉霞", "立新", "春燕", "庆华", "雪梅", "文涛", "桂英", "永强", "静",
                                            "宏伟", "淑珍", "德胜", "晓燕", "学军", "美玲", "俊杰", "凤英", "海涛", "磊",
                                            "长青", "慧敏", "新民", "翠萍", "世杰", "丽萍", "兆祥", "婷婷", "明辉", "芳",
                                            "广才"};
  return std::string(kSurnames[(7 * i) % 50]) + kGivenNames[(11 * i) % 41];
}

// Office numbers of the district (临沂 0539), one per person.
std::string demo_phone(int i) {
  char phone[16];
  std::snprintf(phone, sizeof phone, "0539-8%06d", 210000 + (i * 379) % 790000);
  return phone;
}

std::int64_t unit_id_of(db::Tx& tx, std::int64_t tenant_id, const std::string& code) {
  return tx.query("SELECT id FROM units WHERE tenant_id = $1 AND code = $2", tenant_id, code).one().int64(0);
}

// Built-in dictionaries, each sector's lead (its first department), the bureau's 33 people
// and 2–3 people for each other department, and the demo accounts' people.
void create_people(db::Database& db, const org::Tenant& tenant) {
  const auto actor = audit::system_actor(tenant.id, "demo-data");
  db.write([&](db::Tx& tx) {
    people::ensure_builtin_dictionaries(tx, tenant.id);
    for (const auto& sector : sectors()) {
      const auto sector_id = unit_id_of(tx, tenant.id, sector.code);
      if (!people::find_sector(tx, tenant.id, sector_id)->at("lead_unit_id").is_null()) continue;
      people::set_sector_lead(tx, actor, sector_id, unit_id_of(tx, tenant.id, std::string(sector.code) + "-01"));
    }
    if (!tx.query("SELECT 1 FROM people WHERE tenant_id = $1 LIMIT 1", tenant.id).empty()) return;
    int n = 0;
    auto add = [&](std::int64_t unit_id, const std::string& name, const std::string& post, const std::string& rank) {
      people::create_person(tx, actor, {name, std::nullopt, unit_id, rank, post, demo_phone(++n)});
    };
    for (const auto& staff : kBureauStaff) {
      const auto unit_id = unit_id_of(tx, tenant.id, staff.unit_code);
      for (const auto& p : staff.people) add(unit_id, p.name ? p.name : demo_name(n + 1), p.post, p.rank);
    }
    const auto departments =
        tx.query("SELECT id, name FROM units WHERE tenant_id = $1 AND kind = 'department' ORDER BY code", tenant.id);
    for (std::size_t i = 0; i < departments.rows.size(); ++i) {
      const auto& row = departments.rows[i];
      const auto title = head_title(row.text(1));
      add(row.int64(0), demo_name(n + 1), title, "section_chief");
      add(row.int64(0), demo_name(n + 1), "副" + title, "section_deputy");
      if (i % 2 == 0) add(row.int64(0), demo_name(n + 1), "科员", "staff_member");
    }
  });
}

// Links the demo accounts that stand for a demo person to that person, where not yet linked.
void link_accounts(db::Database& db, const org::Tenant& tenant) {
  const auto actor = audit::system_actor(tenant.id, "demo-data");
  db.write([&](db::Tx& tx) {
    for (const auto& a : kAccounts) {
      if (!a.person_name) continue;
      auto found = tx.query(
          "SELECT a.id, p.id FROM accounts a JOIN people p ON p.tenant_id = a.tenant_id AND p.unit_id = a.unit_id AND p.name = $3 "
          "WHERE a.tenant_id = $1 AND a.username = $2 AND a.person_id IS NULL ORDER BY p.id LIMIT 1",
          tenant.id, a.username, a.person_name);
      if (!found.empty()) people::link_account_person(tx, actor, found.one().int64(0), found.one().int64(1));
    }
  });
}

void create_units(db::Database& db, const org::Tenant& tenant) {
  const auto actor = audit::system_actor(tenant.id, "demo-data");
  db.write([&](db::Tx& tx) {
    if (!tx.query("SELECT 1 FROM units WHERE tenant_id = $1 LIMIT 1", tenant.id).empty()) return;
    int sector_order = 0;
    for (const auto& sector : sectors()) {
      const auto sector_id = org::create_unit(tx, actor, {sector.code, sector.name, "sector", std::nullopt, ++sector_order * 10});
      int department_order = 0;
      for (const char* name : sector.departments) {
        ++department_order;
        const bool is_bureau = std::string_view(name) == kBureauName;
        char code[16];
        std::snprintf(code, sizeof code, "%s-%02d", sector.code, department_order);
        const auto unit_id = org::create_unit(
            tx, actor, {is_bureau ? "JGJ" : code, name, is_bureau ? "bureau" : "department", sector_id, department_order * 10});
        if (!is_bureau) continue;
        int section_order = 0;
        for (const char* section : kSections) {
          ++section_order;
          std::snprintf(code, sizeof code, "JGJ-%02d", section_order);
          org::create_unit(tx, actor, {code, section, "section", unit_id, section_order * 10});
        }
      }
    }
  });
}

}  // namespace

DemoReport load_demo_data(db::Database& db) {
  DemoReport report;
  const auto tenant = org::ensure_tenant(db, kTenantCode, kBureauName);
  report.tenant_id = tenant.id;
  const bool had_units = db.read([&](db::Tx& tx) { return !tx.query("SELECT 1 FROM units WHERE tenant_id = $1 LIMIT 1", tenant.id).empty(); });
  if (!had_units) {
    create_units(db, tenant);
    report.created_units = true;
  }
  const auto actor = audit::system_actor(tenant.id, "demo-data");
  for (const auto& a : kAccounts) {
    const auto unit = db.read([&](db::Tx& tx) -> std::optional<std::int64_t> {
      if (!tx.query("SELECT 1 FROM accounts WHERE tenant_id = $1 AND username = $2", tenant.id, a.username).empty()) return std::nullopt;
      return tx.query("SELECT id FROM units WHERE tenant_id = $1 AND code = $2", tenant.id, a.unit_code).one().int64(0);
    });
    if (!unit) continue;
    auth::create_account(db, actor, {a.username, a.display_name, a.role, unit, kPassword});
    ++report.accounts_created;
  }
  create_people(db, tenant);
  link_accounts(db, tenant);
  return report;
}

}  // namespace jiguan::demo
