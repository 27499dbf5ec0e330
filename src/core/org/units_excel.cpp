#include "core/org/units_excel.hpp"

#include <array>
#include <charconv>
#include <functional>
#include <map>
#include <memory>
#include <utility>

#include "core/http/api_error.hpp"

namespace jiguan::org {
namespace {

// kind as stored ↔ as the bureau writes it.
constexpr std::array<std::pair<std::string_view, std::string_view>, 4> kKindLabels = {
    {{"bureau", "局"}, {"section", "科室"}, {"department", "部门"}, {"sector", "口"}}};

std::optional<std::string> kind_of(const std::string& cell) {
  for (const auto& [kind, label] : kKindLabels) {
    if (cell == kind || cell == label) return std::string(kind);
  }
  return std::nullopt;
}

std::optional<std::int64_t> unit_id_by_code(db::Tx& tx, std::int64_t tenant_id, const std::string& code) {
  auto r = tx.query("SELECT id FROM units WHERE tenant_id = $1 AND code = $2", tenant_id, code);
  if (r.empty()) return std::nullopt;
  return r.one().int64(0);
}

enum ImportCell { kCode, kName, kKind, kParentCode, kSortOrder };  // unit_import_columns() order
using CellError = std::function<void(const std::string& column, const std::string& message)>;

std::optional<UnitImportRow> parse_row(db::Tx& tx, std::int64_t tenant_id, std::map<std::string, int>& sheet_codes,
                                       const std::vector<std::string>& cells, int row, const CellError& error) {
  const auto& headers = unit_import_columns();
  // The domain's own rules, reported per column rather than as one request error.
  auto check = [&](ImportCell cell, void (*rule)(const std::string&)) {
    try {
      rule(cells[cell]);
    } catch (const http::ApiError& e) {
      error(headers[cell].header, e.what());
    }
  };
  UnitImportRow unit;
  unit.fields.code = cells[kCode];
  unit.fields.name = cells[kName];
  check(kCode, check_unit_code);
  check(kName, check_unit_name);
  if (auto kind = kind_of(cells[kKind])) {
    unit.fields.kind = *kind;
  } else {
    error(headers[kKind].header, "类型应为 局、科室、部门、口 之一（或 bureau、section、department、sector）");
  }
  unit.parent_code = cells[kParentCode];
  if (!unit.parent_code.empty() && !sheet_codes.contains(unit.parent_code) && !unit_id_by_code(tx, tenant_id, unit.parent_code)) {
    error(headers[kParentCode].header, "上级编码 " + unit.parent_code + " 既不是已有单位，也不在本表更早的行中");
  }
  if (const auto& text = cells[kSortOrder]; !text.empty()) {
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), unit.fields.sort_order);
    if (ec != std::errc() || end != text.data() + text.size()) error(headers[kSortOrder].header, "排序应为整数");
  }
  if (unit.fields.code.empty()) return unit;
  if (const auto [it, inserted] = sheet_codes.emplace(unit.fields.code, row); !inserted) {
    error(headers[kCode].header, "编码 " + unit.fields.code + " 与第 " + std::to_string(it->second) + " 行重复");
  } else if (unit_id_by_code(tx, tenant_id, unit.fields.code)) {
    error(headers[kCode].header, "编码 " + unit.fields.code + " 已存在");
  }
  return unit;
}

}  // namespace

const std::vector<xlsx::Column>& unit_export_columns() {
  using xlsx::CellType;
  static const std::vector<xlsx::Column> columns = {{"编码", CellType::text, 14},        {"名称", CellType::text, 30},
                                                    {"类型", CellType::text, 8},         {"上级单位", CellType::text, 30},
                                                    {"排序", CellType::integer, 8},      {"状态", CellType::text, 8},
                                                    {"创建时间", CellType::datetime, 18}};
  return columns;
}

std::vector<db::Value> unit_export_row(const db::Row& row) {
  std::string kind = row.text(3);
  for (const auto& [k, label] : kKindLabels) {
    if (kind == k) kind = label;
  }
  return {row[1], row[2], std::move(kind), row[5], row[6], std::string(row.int64(7) != 0 ? "启用" : "停用"), row[8]};
}

const std::vector<import::ImportColumn>& unit_import_columns() {
  static const std::vector<import::ImportColumn> columns = {
      {"编码", true}, {"名称", true}, {"类型", true}, {"上级编码", false}, {"排序", false}};
  return columns;
}

UnitImportSpec unit_import_spec(const audit::Actor& actor) {
  // Codes of the rows read so far → their row: duplicates and parents within the sheet.
  auto sheet_codes = std::make_shared<std::map<std::string, int>>();
  return {unit_import_columns(),
          [tenant_id = actor.tenant_id, sheet_codes](db::Tx& tx, const std::vector<std::string>& cells, int row,
                                                     const CellError& error) {
            return parse_row(tx, tenant_id, *sheet_codes, cells, row, error);
          },
          [actor](db::Tx& tx, const UnitImportRow& unit) {
            auto fields = unit.fields;
            if (!unit.parent_code.empty()) fields.parent_id = unit_id_by_code(tx, actor.tenant_id, unit.parent_code);
            create_unit(tx, actor, fields);
          }};
}

}  // namespace jiguan::org
