// Units in and out of Excel: the export's columns and rows, and the import's columns and
// row rules. Import columns: 编码, 名称, 类型 (局/科室/部门/口 or the English kind), 上级编码
// (an existing unit's code, or a code from an earlier row of the same sheet), 排序.
#pragma once

#include <string>
#include <vector>

#include "core/audit/audit.hpp"
#include "core/export/import.hpp"
#include "core/export/xlsx.hpp"
#include "core/org/units.hpp"

namespace jiguan::org {

inline constexpr const char* kUnitsSheet = "单位列表";
inline constexpr const char* kUnitsTemplate = "单位导入模板";

const std::vector<xlsx::Column>& unit_export_columns();
std::vector<db::Value> unit_export_row(const db::Row& row);  // row: the kUnitColumns of one unit

struct UnitImportRow {
  UnitFields fields;
  std::string parent_code;  // resolved to parent_id at insert, after earlier rows exist
};
const std::vector<import::ImportColumn>& unit_import_columns();
using UnitImportSpec = import::ImportSpec<UnitImportRow>;
// Inserts with create_unit (one audit row per unit) as `actor`, in actor's tenant.
UnitImportSpec unit_import_spec(const audit::Actor& actor);

}  // namespace jiguan::org
