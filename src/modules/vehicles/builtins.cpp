#include "modules/vehicles/builtins.hpp"

#include "core/people/people.hpp"

namespace jiguan::vehicles {

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
}

}  // namespace jiguan::vehicles
