#include "core/demo/demo_data.hpp"

#include <vector>

#include "core/audit/audit.hpp"
#include "core/auth/accounts.hpp"
#include "core/org/tenants.hpp"
#include "core/org/units.hpp"

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
};

const std::vector<DemoAccount> kAccounts = {
    {"admin", "系统管理员", "admin", "JGJ-01"},
    {"juzhang", "王建国（局长）", "leader", "JGJ"},
    {"cheguan", "李明（公务用车管理科）", "staff", "JGJ-03"},
    {"jiaoyu", "赵丽（区教育和体育局联络员）", "liaison", "S11-01"},
    {"siji", "孙强（驾驶员）", "worker", "JGJ-03"},
    {"shenji", "周敏（审计）", "auditor", "S07-06"},
};

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
  return report;
}

}  // namespace jiguan::demo
