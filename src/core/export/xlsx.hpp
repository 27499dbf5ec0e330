// Excel out: every list answers `?format=xlsx` with the same filter and sort as JSON, all
// matching rows (not one page), Chinese headers, written by libxlsxwriter in its
// constant-memory mode so a large list does not grow the server's memory per row.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "core/db/db.hpp"
#include "core/http/context.hpp"
#include "core/http/message.hpp"

namespace jiguan::xlsx {

enum class CellType { text, integer, money_fen, area_centi_m2, boolean, date, datetime };

struct Column {
  std::string header;  // Chinese column header ("单位名称")
  CellType type = CellType::text;
  double width = 16;
};

// True when the request asks for Excel (?format=xlsx).
bool wants_xlsx(const http::Request& request);

// Builds the .xlsx response: rows are produced by `fill`, which is called with a function
// that takes one row of values (db::Value per column, in column order). filename without
// extension, may be Chinese ("单位列表"); the sheet is named after it.
http::Response xlsx_response(const std::string& filename, const std::vector<Column>& columns,
                             const std::function<void(const std::function<void(const std::vector<db::Value>&)>&)>& fill);

// The most rows one export may hold; more answers 422 asking for a narrower filter.
inline constexpr std::size_t kMaxExportRows = 200'000;

}  // namespace jiguan::xlsx
