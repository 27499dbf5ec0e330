#include "core/export/import.hpp"

#include <expat.h>
#include <zip.h>

#include <boost/json.hpp>
#include <exception>
#include <memory>
#include <string_view>

#include "core/http/api_error.hpp"

namespace jiguan::import {
namespace {

// An upload is at most the 1 MiB body limit, but zipped XML can expand a thousandfold;
// these bound what one file may make the server hold.
constexpr std::size_t kMaxPartBytes = 64 << 20;
constexpr std::size_t kMaxTextBytes = 64 << 20;  // all cells together (a shared string may repeat)
constexpr std::size_t kMaxCells = 2'000'000;
constexpr std::size_t kMaxRows = 1'048'576;  // Excel's own limits
constexpr std::size_t kMaxColumns = 16'384;

http::ApiError bad_file(const std::string& message) { return http::ApiError(422, "bad_file", message); }

std::string_view trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  return s.substr(first, s.find_last_not_of(" \t\r\n") - first + 1);
}

// The table being read, with the cell budget enforced as it grows.
class TableBuilder {
 public:
  void set(std::size_t row, std::size_t column, std::string value) {  // 0-based
    if (row >= kMaxRows || column >= kMaxColumns) throw bad_file("表格超出 Excel 的行列范围");
    if (table_.size() <= row) table_.resize(row + 1);
    auto& cells = table_[row];
    if (cells.size() <= column) {
      cells_ += column + 1 - cells.size();
      if (cells_ > kMaxCells) throw bad_file("表格过大：单元格超过 " + std::to_string(kMaxCells) + " 个");
      cells.resize(column + 1);
    }
    text_bytes_ += value.size();
    if (text_bytes_ > kMaxTextBytes) throw bad_file("表格过大：单元格文字超过 64 MiB");
    cells[column] = std::move(value);
  }
  std::vector<std::vector<std::string>> take() { return std::move(table_); }

 private:
  std::vector<std::vector<std::string>> table_;
  std::size_t cells_ = 0, text_bytes_ = 0;
};

// ---- CSV ------------------------------------------------------------------------------

bool valid_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const unsigned char c = s[i];
    const std::size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (len == 0 || i + len > s.size()) return false;
    for (std::size_t k = 1; k < len; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    }
    i += len;
  }
  return true;
}

// RFC 4180: fields separated by commas, records by CRLF or LF; a quoted field may hold
// commas, line breaks and "" for a quote.
std::vector<std::vector<std::string>> read_csv(std::string_view text) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  // Excel on Chinese Windows saves "CSV" in GBK: say so instead of importing mojibake.
  if (!valid_utf8(text)) throw bad_file("CSV 文件不是 UTF-8 编码，请在 Excel 中另存为“CSV UTF-8”或使用 .xlsx 文件");
  TableBuilder table;
  std::size_t row = 0, column = 0;
  std::string field;
  bool quoted = false, any = false;  // any: the current record has content (or a separator)
  auto end_field = [&] {
    table.set(row, column++, std::move(field));
    field.clear();
    any = true;
  };
  auto end_record = [&] {
    end_field();
    ++row;
    column = 0;
    any = false;
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c != '"') {
        field += c;
      } else if (i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else {
        quoted = false;
      }
    } else if (c == '"') {
      quoted = true;
      any = true;
    } else if (c == ',') {
      end_field();
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      end_record();
    } else {
      field += c;
      any = true;
    }
  }
  if (quoted) throw bad_file("CSV 第 " + std::to_string(row + 1) + " 行起的引号没有闭合");
  if (any) end_record();  // the last record without a line break
  return table.take();
}

// ---- XML (expat) ----------------------------------------------------------------------

// Element and attribute names arrive as "namespace|local"; OOXML parts are matched on the
// local name, which also accepts the Strict variant's namespaces.
constexpr char kNsSeparator = '|';
std::string_view local_name(const XML_Char* name) {
  std::string_view n(name);
  const auto bar = n.rfind(kNsSeparator);
  return bar == std::string_view::npos ? n : n.substr(bar + 1);
}

const char* attribute(const XML_Char** attrs, std::string_view name) {
  for (; *attrs; attrs += 2) {
    if (local_name(attrs[0]) == name) return attrs[1];
  }
  return nullptr;
}

class XmlHandler {
 public:
  virtual ~XmlHandler() = default;
  virtual void start(std::string_view name, const XML_Char** attrs) = 0;
  virtual void end(std::string_view name) = 0;
  virtual void text(std::string_view) {}
};

struct ParserFree {
  void operator()(XML_Parser p) const { XML_ParserFree(p); }
};

// One parse in progress: handler exceptions stop the parser and are kept, to be rethrown
// after XML_Parse returns (never through expat's C frames).
struct XmlRun {
  XML_Parser parser;
  XmlHandler& handler;
  std::exception_ptr failure;
};

template <class F>
void guarded(void* data, F&& f) {
  auto* run = static_cast<XmlRun*>(data);
  if (run->failure) return;
  try {
    f(run->handler);
  } catch (...) {
    run->failure = std::current_exception();
    XML_StopParser(run->parser, XML_FALSE);
  }
}

// Parses one part; a DTD is refused, as no OOXML part has one.
void parse_xml(const std::string& xml, const std::string& part, XmlHandler& handler) {
  std::unique_ptr<XML_ParserStruct, ParserFree> parser(XML_ParserCreateNS("UTF-8", kNsSeparator));
  if (!parser) throw std::bad_alloc();
  XmlRun run{parser.get(), handler, nullptr};
  XML_SetUserData(parser.get(), &run);
  XML_SetElementHandler(
      parser.get(),
      [](void* data, const XML_Char* name, const XML_Char** attrs) {
        guarded(data, [&](XmlHandler& h) { h.start(local_name(name), attrs); });
      },
      [](void* data, const XML_Char* name) { guarded(data, [&](XmlHandler& h) { h.end(local_name(name)); }); });
  XML_SetCharacterDataHandler(parser.get(), [](void* data, const XML_Char* s, int len) {
    guarded(data, [&](XmlHandler& h) { h.text(std::string_view(s, static_cast<std::size_t>(len))); });
  });
  XML_SetStartDoctypeDeclHandler(parser.get(), [](void* data, const XML_Char*, const XML_Char*, const XML_Char*, int) {
    guarded(data, [](XmlHandler&) { throw bad_file("Excel 文件含有不支持的 XML 声明（DTD）"); });
  });
  const auto status = XML_Parse(parser.get(), xml.data(), static_cast<int>(xml.size()), XML_TRUE);
  if (run.failure) std::rethrow_exception(run.failure);
  if (status != XML_STATUS_OK) {
    throw bad_file("Excel 文件已损坏（" + part + " 第 " + std::to_string(XML_GetCurrentLineNumber(parser.get())) + " 行：" +
                   XML_ErrorString(XML_GetErrorCode(parser.get())) + "）");
  }
}

// Text of <t> elements inside the current string item, skipping phonetic runs (<rPh>),
// which hold pronunciation hints rather than cell text.
class RichText {
 public:
  void start(std::string_view name) {
    if (name == "rPh") ++phonetic_;
    if (name == "t") in_t_ = true;
  }
  void end(std::string_view name) {
    if (name == "rPh") --phonetic_;
    if (name == "t") in_t_ = false;
  }
  void text(std::string_view s) {
    if (in_t_ && phonetic_ == 0) value += s;
  }
  std::string value;

 private:
  int phonetic_ = 0;
  bool in_t_ = false;
};

class SharedStrings : public XmlHandler {
 public:
  void start(std::string_view name, const XML_Char**) override {
    if (name == "si") item_.emplace();
    if (item_) item_->start(name);
  }
  void end(std::string_view name) override {
    if (!item_) return;
    item_->end(name);
    if (name == "si") {
      strings.push_back(std::move(item_->value));
      item_.reset();
    }
  }
  void text(std::string_view s) override {
    if (item_) item_->text(s);
  }
  std::vector<std::string> strings;

 private:
  std::optional<RichText> item_;
};

// "C7" → column 2 (0-based); nullopt when the reference has no letters.
std::optional<std::size_t> column_of(std::string_view ref) {
  std::size_t column = 0, letters = 0;
  for (char c : ref) {
    if (c < 'A' || c > 'Z') break;
    column = column * 26 + static_cast<std::size_t>(c - 'A' + 1);
    if (++letters > 3) throw bad_file("Excel 单元格引用无效：" + std::string(ref));
  }
  if (letters == 0) return std::nullopt;
  return column - 1;
}

std::size_t row_number(const char* r) {
  std::size_t n = 0;
  for (const char* p = r; *p; ++p) {
    if (*p < '0' || *p > '9' || n > kMaxRows) throw bad_file("Excel 行号无效：" + std::string(r));
    n = n * 10 + static_cast<std::size_t>(*p - '0');
  }
  if (n == 0) throw bad_file("Excel 行号无效：" + std::string(r));
  return n;
}

// sheetData: <row r="7"><c r="C7" t="s"><v>0</v></c>…; cells are placed by their reference
// (writers omit empty cells), or after the previous one when a writer omits `r`.
class SheetReader : public XmlHandler {
 public:
  explicit SheetReader(const std::vector<std::string>& shared) : shared_(shared) {}

  void start(std::string_view name, const XML_Char** attrs) override {
    if (name == "row") {
      const char* r = attribute(attrs, "r");
      row_ = r ? row_number(r) : row_ + 1;
      column_ = 0;
    } else if (name == "c") {
      const char* r = attribute(attrs, "r");
      const auto column = r ? column_of(r) : std::nullopt;
      cell_column_ = column ? *column : column_;
      const char* t = attribute(attrs, "t");
      type_ = t ? t : "n";
      value_.clear();
      inline_.reset();
    } else if (name == "v") {
      in_v_ = true;
    } else if (name == "is") {
      inline_.emplace();
    } else if (inline_) {
      inline_->start(name);
    }
  }

  void end(std::string_view name) override {
    if (name == "v") {
      in_v_ = false;
    } else if (name == "c") {
      if (row_ == 0) throw bad_file("Excel 单元格不在任何行中");
      std::string text = cell_text();
      if (!text.empty()) table_.set(row_ - 1, cell_column_, std::move(text));
      column_ = cell_column_ + 1;
    } else if (inline_ && name != "is") {
      inline_->end(name);
    }
  }

  void text(std::string_view s) override {
    if (in_v_) value_ += s;
    if (inline_) inline_->text(s);
  }

  std::vector<std::vector<std::string>> take() { return table_.take(); }

 private:
  std::string cell_text() {
    if (type_ == "inlineStr") return inline_ ? std::move(inline_->value) : std::string();
    if (type_ == "b") return value_ == "1" ? "TRUE" : value_.empty() ? "" : "FALSE";
    if (type_ != "s") return std::move(value_);  // n, str (a formula's text), e (#N/A …)
    std::size_t index = 0;
    for (char c : value_) {
      if (c < '0' || c > '9' || index > shared_.size()) throw bad_file("Excel 共享字符串编号无效：" + value_);
      index = index * 10 + static_cast<std::size_t>(c - '0');
    }
    if (value_.empty() || index >= shared_.size()) throw bad_file("Excel 共享字符串编号无效：" + value_);
    return shared_[index];
  }

  const std::vector<std::string>& shared_;
  TableBuilder table_;
  std::size_t row_ = 0, column_ = 0, cell_column_ = 0;
  std::string type_, value_;
  std::optional<RichText> inline_;
  bool in_v_ = false;
};

// The first <sheet> of workbook.xml and the Target of its relationship.
class FirstSheet : public XmlHandler {
 public:
  void start(std::string_view name, const XML_Char** attrs) override {
    const char* id = attribute(attrs, name == "sheet" ? "id" : "Id");
    if (name == "sheet" && id && rel_id.empty()) rel_id = id;
    if (name == "Relationship" && id && id == rel_id) {
      if (const char* target = attribute(attrs, "Target")) this->target = target;
    }
  }
  void end(std::string_view) override {}
  std::string rel_id, target;
};

// ---- zip (libzip) ---------------------------------------------------------------------

struct ZipDiscard {
  void operator()(zip_t* z) const { zip_discard(z); }  // read-only: nothing to write back
};
struct ZipSourceFree {
  void operator()(zip_source_t* s) const { zip_source_free(s); }
};
struct ZipFileClose {
  void operator()(zip_file_t* f) const { zip_fclose(f); }
};

class ZipReader {
 public:
  explicit ZipReader(const std::string& bytes) {
    zip_error_t error;
    zip_error_init(&error);
    std::unique_ptr<zip_source_t, ZipSourceFree> source(zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error));
    if (source) archive_.reset(zip_open_from_source(source.get(), ZIP_RDONLY, &error));
    zip_error_fini(&error);
    if (!archive_) throw bad_file("无法读取 Excel 文件：不是有效的 .xlsx（zip）文件");
    source.release();  // the archive owns it now
  }

  // The part's content, or nullopt when the archive has no such part.
  std::optional<std::string> read(const std::string& name) {
    const auto index = zip_name_locate(archive_.get(), name.c_str(), 0);
    if (index < 0) return std::nullopt;
    std::unique_ptr<zip_file_t, ZipFileClose> file(zip_fopen_index(archive_.get(), static_cast<zip_uint64_t>(index), 0));
    if (!file) throw bad_file("无法读取 Excel 文件中的 " + name + "（文件已损坏或已加密）");
    std::string out;
    char buffer[65536];
    for (;;) {
      const auto n = zip_fread(file.get(), buffer, sizeof buffer);
      if (n < 0) throw bad_file("无法读取 Excel 文件中的 " + name + "（文件已损坏）");
      if (n == 0) break;
      if (out.size() + static_cast<std::size_t>(n) > kMaxPartBytes)
        throw bad_file("Excel 文件过大：" + name + " 解压后超过 64 MiB");
      out.append(buffer, static_cast<std::size_t>(n));
    }
    return out;
  }

 private:
  std::unique_ptr<zip_t, ZipDiscard> archive_;
};

// workbook.xml's first sheet through its relationship; the conventional name when a
// writer leaves those parts out.
std::string first_sheet_path(ZipReader& zip) {
  FirstSheet first;
  auto workbook = zip.read("xl/workbook.xml");
  auto rels = zip.read("xl/_rels/workbook.xml.rels");
  if (workbook && rels) {
    parse_xml(*workbook, "workbook.xml", first);
    if (!first.rel_id.empty()) parse_xml(*rels, "workbook.xml.rels", first);
  }
  if (first.target.empty()) return "xl/worksheets/sheet1.xml";
  // Targets are relative to xl/ or absolute within the package ("/xl/worksheets/…").
  return first.target.front() == '/' ? first.target.substr(1) : "xl/" + first.target;
}

std::vector<std::vector<std::string>> read_xlsx(const std::string& bytes) {
  ZipReader zip(bytes);
  SharedStrings shared;
  if (auto sst = zip.read("xl/sharedStrings.xml")) parse_xml(*sst, "sharedStrings.xml", shared);
  const auto path = first_sheet_path(zip);
  auto sheet = zip.read(path);
  if (!sheet) throw bad_file("Excel 文件中找不到工作表（" + path + "）");
  SheetReader reader(shared.strings);
  parse_xml(*sheet, path, reader);
  return reader.take();
}

}  // namespace

std::vector<std::vector<std::string>> read_table(const std::string& bytes) {
  if (bytes.starts_with("PK")) return read_xlsx(bytes);
  if (bytes.starts_with("\xD0\xCF\x11\xE0")) throw bad_file("不支持旧版 Excel（.xls）文件，请另存为 .xlsx 后再导入");
  return read_csv(bytes);
}

namespace detail {

HeaderMap map_headers(const std::vector<std::vector<std::string>>& table, const std::vector<ImportColumn>& columns) {
  HeaderMap map;
  map.index.resize(columns.size());
  const auto& header = table.empty() ? std::vector<std::string>{} : table.front();
  for (std::size_t i = 0; i < header.size(); ++i) {
    const std::string name(trim(header[i]));
    if (name.empty()) continue;  // blank header cells (trailing separators, formatting)
    std::size_t k = 0;
    while (k < columns.size() && columns[k].header != name) ++k;
    if (k == columns.size()) {
      map.errors.push_back({1, name, "未知的列：" + name});
    } else if (map.index[k]) {
      map.errors.push_back({1, name, "列重复：" + name});
    } else {
      map.index[k] = i;
    }
  }
  for (std::size_t k = 0; k < columns.size(); ++k) {
    if (columns[k].required && !map.index[k]) map.errors.push_back({1, columns[k].header, "缺少必填列：" + columns[k].header});
  }
  return map;
}

std::optional<std::vector<std::string>> row_cells(const std::vector<std::string>& row, const HeaderMap& map) {
  std::vector<std::string> cells;
  cells.reserve(map.index.size());
  bool empty = true;
  for (const auto& index : map.index) {
    cells.emplace_back(index && *index < row.size() ? trim(row[*index]) : std::string_view());
    empty = empty && cells.back().empty();
  }
  if (empty) return std::nullopt;
  return cells;
}

void add_error(ImportResult& result, RowError error) {
  ++result.error_count;
  if (result.errors.size() < kMaxRowErrors) result.errors.push_back(std::move(error));
}

}  // namespace detail

http::Response import_response(const ImportResult& result) {
  if (result.errors.empty()) return http::Response::json({{"imported", result.imported}});
  boost::json::array rows;
  for (const auto& e : result.errors) rows.push_back({{"row", e.row}, {"column", e.column}, {"message", e.message}});
  std::string message = "导入失败，未导入任何数据：共 " + std::to_string(result.error_count) + " 处错误";
  if (static_cast<std::size_t>(result.error_count) > result.errors.size()) {
    message += "（列出前 " + std::to_string(result.errors.size()) + " 处）";
  }
  return http::Response::json(
      {{"error",
        {{"code", "import_failed"}, {"message", message}, {"error_count", result.error_count}, {"rows", std::move(rows)}}}},
      422);
}

http::Response template_response(const std::string& filename, const std::vector<ImportColumn>& columns) {
  std::vector<xlsx::Column> headers;
  for (const auto& c : columns) headers.push_back({c.header});
  return xlsx::xlsx_response(filename, headers, [](const auto&) {});
}

std::vector<ImportColumn> columns_of(const std::vector<FieldColumn>& fields) {
  std::vector<ImportColumn> columns;
  for (const auto& f : fields) columns.push_back({f.header, f.required});
  return columns;
}

std::string header_of(const std::vector<FieldColumn>& fields, const std::string& field, const char* fallback) {
  for (const auto& f : fields) {
    if (field == f.field) return f.header;
  }
  return fallback;
}

}  // namespace jiguan::import
