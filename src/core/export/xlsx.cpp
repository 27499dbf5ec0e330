#include "core/export/xlsx.hpp"

#include <boost/json/serialize.hpp>

#include <unistd.h>
#include <xlsxwriter.h>

#include <cctype>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>

#include "core/http/api_error.hpp"

namespace jiguan::xlsx {
namespace {

// A file from mkstemp, removed when the response has been read from it or on any error.
class TempFile {
 public:
  TempFile() {
    path_ = (std::filesystem::temp_directory_path() / "jiguan-xlsx-XXXXXX").string();
    const int fd = ::mkstemp(path_.data());
    if (fd < 0) throw std::runtime_error("mkstemp failed for " + path_);
    ::close(fd);  // libxlsxwriter opens the file by name
  }
  ~TempFile() { ::unlink(path_.c_str()); }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// Frees a workbook that was not closed (an exception while rows were written);
// workbook_close() both writes and frees, so the success path releases it.
struct WorkbookFree {
  void operator()(lxw_workbook* wb) const { lxw_workbook_free(wb); }
};
using WorkbookPtr = std::unique_ptr<lxw_workbook, WorkbookFree>;

void check(lxw_error error, const char* what) {
  if (error != LXW_NO_ERROR) throw std::runtime_error(std::string("xlsx: ") + what + ": " + lxw_strerror(error));
}

// Excel's rules: at most 31 characters, none of []:*?/\, not starting or ending with '.
std::string sheet_name(const std::string& filename) {
  std::string out;
  std::size_t chars = 0;
  for (std::size_t i = 0; i < filename.size() && chars < 31;) {
    const unsigned char c = filename[i];
    const std::size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    if (std::string_view("[]:*?/\\").find(static_cast<char>(c)) == std::string_view::npos) {
      out.append(filename, i, len);
      ++chars;
    }
    i += len;
  }
  while (!out.empty() && out.front() == '\'') out.erase(0, 1);
  while (!out.empty() && out.back() == '\'') out.pop_back();
  return out.empty() ? "Sheet1" : out;
}

// RFC 5987 value for filename*=: every byte outside attr-char percent-encoded.
std::string percent_encode(const std::string& s) {
  static constexpr std::string_view kAttrChars = "!#$&+-.^_`|~";
  std::string out;
  for (unsigned char c : s) {
    if ((c < 0x80 && std::isalnum(c)) || kAttrChars.find(static_cast<char>(c)) != std::string_view::npos) {
      out += static_cast<char>(c);
    } else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      out += buf;
    }
  }
  return out;
}

// "2026-11-28T16:46:40Z" (stored UTC) → "2026-11-29 00:46" (the bureau's clock, UTC+8);
// text that is not such a time is shown as it is.
std::string beijing_time(const std::string& utc) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0;
  if (std::sscanf(utc.c_str(), "%4d-%2d-%2dT%2d:%2d", &y, &mo, &d, &h, &mi) != 5) return utc;
  using namespace std::chrono;
  const year_month_day ymd{year{y}, month{static_cast<unsigned>(mo)}, day{static_cast<unsigned>(d)}};
  if (!ymd.ok()) return utc;
  const auto local = sys_days{ymd} + hours{h + 8} + minutes{mi};
  const year_month_day day_of{floor<days>(local)};
  const hh_mm_ss time_of{local - floor<days>(local)};
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u %02ld:%02ld", static_cast<int>(day_of.year()),
                static_cast<unsigned>(day_of.month()), static_cast<unsigned>(day_of.day()),
                static_cast<long>(time_of.hours().count()), static_cast<long>(time_of.minutes().count()));
  return buf;
}

class SheetWriter {
 public:
  SheetWriter(lxw_workbook* wb, const std::string& name, const std::vector<Column>& columns) : columns_(columns) {
    sheet_ = workbook_add_worksheet(wb, name.c_str());
    if (!sheet_) throw std::runtime_error("xlsx: cannot add worksheet " + name);
    lxw_format* bold = workbook_add_format(wb);
    format_set_bold(bold);
    decimal_ = workbook_add_format(wb);
    format_set_num_format(decimal_, "#,##0.00");
    for (std::size_t c = 0; c < columns_.size(); ++c) {
      const auto col = static_cast<lxw_col_t>(c);
      check(worksheet_set_column(sheet_, col, col, columns_[c].width, nullptr), "set_column");
      check(worksheet_write_string(sheet_, 0, col, columns_[c].header.c_str(), bold), "header");
    }
    worksheet_freeze_panes(sheet_, 1, 0);
  }

  void write_row(const std::vector<db::Value>& values) {
    if (rows_ == kMaxExportRows) {
      throw http::ApiError(422, "too_many_rows",
                           "导出结果超过 " + std::to_string(kMaxExportRows) + " 行，请缩小筛选范围后再导出");
    }
    const auto row = static_cast<lxw_row_t>(++rows_);
    for (std::size_t c = 0; c < columns_.size() && c < values.size(); ++c) {
      write_cell(row, static_cast<lxw_col_t>(c), columns_[c].type, values[c]);
    }
  }

 private:
  void write_cell(lxw_row_t row, lxw_col_t col, CellType type, const db::Value& value) {
    if (std::holds_alternative<std::nullptr_t>(value)) return;  // an empty cell
    lxw_error error = LXW_NO_ERROR;
    if (const auto* text = std::get_if<std::string>(&value)) {
      const std::string shown = type == CellType::datetime ? beijing_time(*text) : *text;
      error = worksheet_write_string(sheet_, row, col, shown.c_str(), nullptr);
    } else {
      const double number =
          std::holds_alternative<double>(value) ? std::get<double>(value) : static_cast<double>(std::get<std::int64_t>(value));
      switch (type) {
        case CellType::money_fen:
        case CellType::area_centi_m2:  // both stored in hundredths: shown as yuan / m²
          error = worksheet_write_number(sheet_, row, col, number / 100.0, decimal_);
          break;
        case CellType::boolean:
          error = worksheet_write_string(sheet_, row, col, number != 0 ? "是" : "否", nullptr);
          break;
        default:  // integer; a number in a text column stays a number
          error = worksheet_write_number(sheet_, row, col, number, nullptr);
      }
    }
    check(error, "write cell");
  }

  const std::vector<Column>& columns_;
  lxw_worksheet* sheet_ = nullptr;
  lxw_format* decimal_ = nullptr;
  std::size_t rows_ = 0;
};

}  // namespace

bool wants_xlsx(const http::Request& request) { return request.query_param("format") == "xlsx"; }

http::Response xlsx_response(const std::string& filename, const std::vector<Column>& columns,
                             const std::function<void(const std::function<void(const std::vector<db::Value>&)>&)>& fill) {
  TempFile file;
  std::string tmpdir = std::filesystem::temp_directory_path().string();
  lxw_workbook_options options{.constant_memory = LXW_TRUE, .tmpdir = tmpdir.data()};
  WorkbookPtr workbook(workbook_new_opt(file.path().c_str(), &options));
  if (!workbook) throw std::runtime_error("xlsx: cannot create workbook " + file.path());
  SheetWriter sheet(workbook.get(), sheet_name(filename), columns);
  fill([&](const std::vector<db::Value>& values) { sheet.write_row(values); });
  check(workbook_close(workbook.release()), "close");

  std::ifstream in(file.path(), std::ios::binary);
  if (!in) throw std::runtime_error("xlsx: cannot read back " + file.path());
  http::Response response;
  response.body.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  response.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  response.with_header("Content-Disposition",
                       "attachment; filename=\"export.xlsx\"; filename*=UTF-8''" + percent_encode(filename + ".xlsx"));
  return response;
}

db::Value json_cell(const boost::json::object& item, const char* key) {
  const auto* v = item.if_contains(key);
  if (!v || v->is_null()) return nullptr;
  if (v->is_string()) return std::string(v->as_string());
  if (v->is_bool()) return std::int64_t{v->as_bool() ? 1 : 0};
  if (v->is_int64()) return v->as_int64();
  if (v->is_double()) return v->as_double();
  return boost::json::serialize(*v);
}

http::Response export_list(db::Tx& tx, const std::string& filename, const std::vector<Column>& columns,
                           const std::string& select_columns, const std::string& from_where, std::vector<db::Value> params,
                           const http::ListQuery& list, const std::function<std::vector<db::Value>(const db::Row&)>& to_cells) {
  // One row past the limit, so that the writer can tell the export is too large.
  params.emplace_back(static_cast<std::int64_t>(kMaxExportRows + 1));
  const auto rows = tx.exec("SELECT " + select_columns + from_where + " ORDER BY " + list.order_by + " LIMIT $" +
                                std::to_string(params.size()),
                            params);
  return xlsx_response(filename, columns, [&](const auto& add_row) {
    for (const auto& row : rows.rows) add_row(to_cells(row));
  });
}

}  // namespace jiguan::xlsx
