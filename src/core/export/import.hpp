// Excel and CSV in: a registry import reads every row, validates all of them first, and
// then either inserts all rows in one transaction or none. Errors name the row (as the
// user sees it in the sheet: header is row 1) and the column header.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/db/db.hpp"
#include "core/export/xlsx.hpp"
#include "core/http/message.hpp"

namespace jiguan::import {

// A sheet as text cells: header row first. Reads .xlsx (first sheet) or .csv (UTF-8, BOM
// allowed, RFC 4180 quoting), chosen by content (a zip starts with "PK"). Throws
// http::ApiError 422 (code "bad_file") for anything unreadable.
std::vector<std::vector<std::string>> read_table(const std::string& bytes);

struct RowError {
  int row = 0;          // sheet row number (header = 1)
  std::string column;   // column header
  std::string message;
};

struct ImportColumn {
  std::string header;  // must match the sheet's header cell exactly
  bool required = false;
};

// A sheet column bound to the record field it fills, so that a validation error naming the
// field is reported on its column.
struct FieldColumn {
  const char* header;
  bool required;
  const char* field;
};
std::vector<ImportColumn> columns_of(const std::vector<FieldColumn>& fields);
// The header of the column that fills `field`; `fallback` for a field no column fills.
std::string header_of(const std::vector<FieldColumn>& fields, const std::string& field, const char* fallback);

// What each registry supplies: its columns, and per row a check-and-convert function that
// either records errors (via `error(column, message)`) or returns the row ready to insert.
// `insert` then runs for every row inside one write transaction.
template <class Parsed>
struct ImportSpec {
  std::vector<ImportColumn> columns;
  // Called inside a read transaction, for each non-empty data row (cells aligned to
  // `columns`, trimmed of surrounding white space; "" for an absent optional column).
  std::function<std::optional<Parsed>(db::Tx&, const std::vector<std::string>& cells, int row,
                                      const std::function<void(const std::string& column, const std::string& message)>& error)>
      parse;
  std::function<void(db::Tx&, const Parsed&)> insert;
};

// The most row errors one answer lists; error_count still counts them all.
inline constexpr std::size_t kMaxRowErrors = 200;

struct ImportResult {
  std::int64_t imported = 0;
  std::vector<RowError> errors;  // non-empty: nothing was imported
  std::int64_t error_count = 0;  // all errors found (errors holds the first kMaxRowErrors)
};

// Parses all rows (duplicate keys within the sheet are the spec's job, in parse), then
// inserts all or none. Missing or unknown header → one error on row 1.
template <class Parsed>
ImportResult run_import(db::Database& db, const std::vector<std::vector<std::string>>& table, const ImportSpec<Parsed>& spec);

// 422 {"error":{"code":"import_failed","message":…,"error_count":N,"rows":[{row,column,message}…]}}
// when there are errors, else 200 {"imported":N}.
http::Response import_response(const ImportResult& result);

// An empty sheet with the import's headers, for the "download template" button.
http::Response template_response(const std::string& filename, const std::vector<ImportColumn>& columns);

}  // namespace jiguan::import

#include "core/export/import_impl.hpp"  // run_import's template body
