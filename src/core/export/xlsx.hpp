// Excel out: every list answers `?format=xlsx` with the same filter and sort as JSON, all
// matching rows (not one page), Chinese headers, written by libxlsxwriter in its
// constant-memory mode so a large list does not grow the server's memory per row.
#pragma once

#include <boost/json/object.hpp>
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

// A cell from a field of a list item's JSON (the list exports what its pages show).
db::Value json_cell(const boost::json::object& item, const char* key);

// A list's `?format=xlsx` answer: every row of `SELECT <select_columns> <from_where>` in the
// list's order (the same filter and sort as its JSON pages), each turned into cells by
// to_cells. params are from_where's parameters.
http::Response export_list(db::Tx& tx, const std::string& filename, const std::vector<Column>& columns,
                           const std::string& select_columns, const std::string& from_where, std::vector<db::Value> params,
                           const http::ListQuery& list, const std::function<std::vector<db::Value>(const db::Row&)>& to_cells);

}  // namespace jiguan::xlsx
