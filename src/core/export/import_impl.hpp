// run_import's template body; included at the end of import.hpp. The non-template work
// (header mapping, row extraction) is in import.cpp so that each registry's instance stays
// small.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace jiguan::import {

namespace detail {

// Where each spec column sits in the sheet (nullopt: an optional column the sheet lacks),
// or the header errors (row 1) that stop the import before any row is read.
struct HeaderMap {
  std::vector<std::optional<std::size_t>> index;
  std::vector<RowError> errors;
};
HeaderMap map_headers(const std::vector<std::vector<std::string>>& table, const std::vector<ImportColumn>& columns);

// The row's cells in spec column order, trimmed of surrounding white space; nullopt when
// the row is empty (a blank line, or cells that hold only spaces).
std::optional<std::vector<std::string>> row_cells(const std::vector<std::string>& row, const HeaderMap& map);

void add_error(ImportResult& result, RowError error);  // counts every error, keeps the first kMaxRowErrors

}  // namespace detail

template <class Parsed>
ImportResult run_import(db::Database& db, const std::vector<std::vector<std::string>>& table, const ImportSpec<Parsed>& spec) {
  ImportResult result;
  const auto header = detail::map_headers(table, spec.columns);
  for (const auto& e : header.errors) detail::add_error(result, e);
  if (result.error_count > 0) return result;

  std::vector<Parsed> parsed;
  db.read([&](db::Tx& tx) {
    for (std::size_t r = 1; r < table.size(); ++r) {
      const auto cells = detail::row_cells(table[r], header);
      if (!cells) continue;
      const int row = static_cast<int>(r) + 1;
      bool failed = false;
      auto value = spec.parse(tx, *cells, row, [&](const std::string& column, const std::string& message) {
        failed = true;
        detail::add_error(result, {row, column, message});
      });
      // A row is never dropped silently, even by a parse that forgot to say why.
      if (!value && !failed) detail::add_error(result, {row, "", "该行无法导入"});
      if (value && !failed && result.error_count == 0) parsed.push_back(std::move(*value));
    }
  });
  if (result.error_count > 0) return result;

  db.write([&](db::Tx& tx) {
    for (const auto& p : parsed) spec.insert(tx, p);
  });
  result.imported = static_cast<std::int64_t>(parsed.size());
  return result;
}

}  // namespace jiguan::import
