#include "modules/vehicles/builtins.hpp"

#include <optional>

#include "core/people/people.hpp"
#include "core/util/time.hpp"
#include "modules/vehicles/standards.hpp"

namespace jiguan::vehicles {
namespace {

// The national configuration standards (配备标准), as the caps of the vehicles bought while
// each was in force. 以内/以下 include the number, so the caps are maxima.
std::vector<StandardFields> builtin_standards() {
  return {
      // Repealed by the 2017 办法, yet still the measure of the vehicles bought under it.
      {"general", std::nullopt, 1800, 18'000'000, "2011-01-01", "2017-12-04",
       "《党政机关公务用车配备使用管理办法》（2011年）第七条（一）：一般公务用车配备排气量1.8升（含）以下、价格18万元以内的轿车"
       "（该办法已废止，适用于其施行期间购置的车辆）"},
      {"confidential", "fuel", 1600, 12'000'000, "2017-12-05", std::nullopt,
       "《党政机关公务用车管理办法》（中办发〔2017〕71号）：机要通信用车配备排气量1.6升（含）以下、价格12万元以内的轿车"},
      {"confidential", "new_energy", std::nullopt, 18'000'000, "2017-12-05", std::nullopt,
       "《党政机关公务用车管理办法》（中办发〔2017〕71号）：机要通信用车配备新能源轿车的，价格18万元以内"},
  };
}

// Inserted once: after that the rows are the tenant's data, which admins may correct or
// close, and which must not come back when they have been changed.
void ensure_builtin_standards(db::Tx& tx, std::int64_t tenant_id) {
  if (!tx.query("SELECT 1 FROM vehicle_standards WHERE tenant_id = $1 AND builtin = 1 LIMIT 1", tenant_id).empty()) return;
  const auto now = util::now_utc();
  for (const auto& s : builtin_standards()) {
    tx.query(
        "INSERT INTO vehicle_standards (tenant_id, category, energy_type, max_displacement_ml, max_price_fen, effective_from, "
        "effective_to, regulation, builtin, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1, $9, $9)",
        tenant_id, s.category, s.energy_type, s.max_displacement_ml, s.max_price_fen, s.effective_from, s.effective_to,
        s.regulation, now);
  }
}

}  // namespace

void ensure_builtin_data(db::Tx& tx, std::int64_t tenant_id) {
  // 《党政机关公务用车管理办法》(2017) 第三条 names the categories kept after the reform; 一般公务用车
  // is the category the 2014 reform abolished, kept for the vehicles that were in it.
  people::ensure_dictionary(tx, tenant_id,
                            {kCategoryDictionary,
                             "公务用车类别",
                             {{"general", "一般公务用车"},
                              {"confidential", "机要通信用车"},
                              {"emergency", "应急保障用车"},
                              {"law_enforcement", "执法执勤用车"},
                              {"special", "特种专业技术用车"},
                              {"other", "其他"}}});
  people::ensure_dictionary(tx, tenant_id,
                            {kFundingDictionary, "购车资金来源", {{"budget", "财政拨款"}, {"own", "单位自有资金"}, {"other", "其他"}}});
  ensure_builtin_standards(tx, tenant_id);
}

}  // namespace jiguan::vehicles
