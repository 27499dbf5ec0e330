#include "core/http/context.hpp"

#include <functional>

#include <boost/json/parse.hpp>
#include <charconv>

#include "core/http/api_error.hpp"
#include "core/util/text.hpp"

namespace jiguan::http {
namespace {

std::optional<std::int64_t> parse_int(std::string_view text) {
  std::int64_t v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return v;
}

ApiError wrong_type(std::string_view key, const char* expected) {
  return ApiError(422, "invalid_type", std::string("字段 ") + std::string(key) + " 应为" + expected, std::string(key));
}

}  // namespace

const boost::json::value* JsonBody::find(std::string_view key) const {
  auto it = object_.find(key);
  if (it == object_.end() || it->value().is_null()) return nullptr;
  return &it->value();
}

bool JsonBody::has(std::string_view key) const { return object_.contains(key); }

std::optional<std::string> JsonBody::optional_string(std::string_view key, std::size_t max_chars) const {
  const auto* v = find(key);
  if (!v) return std::nullopt;
  if (!v->is_string()) throw wrong_type(key, "字符串");
  std::string s(v->as_string());
  if (util::utf8_length(s) > max_chars) {
    throw ApiError(422, "too_long", std::string("字段 ") + std::string(key) + " 不能超过 " + std::to_string(max_chars) + " 个字符", std::string(key));
  }
  return s;
}

std::string JsonBody::required_string(std::string_view key, std::size_t max_chars) const {
  auto s = optional_string(key, max_chars);
  if (!s || s->find_first_not_of(" \t\r\n") == std::string::npos) {
    throw ApiError(422, "missing_field", std::string("缺少必填字段 ") + std::string(key), std::string(key));
  }
  return *s;
}

std::optional<std::int64_t> JsonBody::optional_int(std::string_view key) const {
  const auto* v = find(key);
  if (!v) return std::nullopt;
  if (v->is_int64()) return v->as_int64();
  if (v->is_uint64() && v->as_uint64() <= static_cast<std::uint64_t>(INT64_MAX)) return static_cast<std::int64_t>(v->as_uint64());
  throw wrong_type(key, "整数");
}

std::int64_t JsonBody::required_int(std::string_view key) const {
  auto v = optional_int(key);
  if (!v) throw ApiError(422, "missing_field", std::string("缺少必填字段 ") + std::string(key), std::string(key));
  return *v;
}

std::optional<bool> JsonBody::optional_bool(std::string_view key) const {
  const auto* v = find(key);
  if (!v) return std::nullopt;
  if (!v->is_bool()) throw wrong_type(key, "布尔值");
  return v->as_bool();
}

std::string ListQuery::like_pattern() const {
  std::string out = "%";
  for (char c : q) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  return out + "%";
}

namespace {

// The count, then (unless the page lies past the end) `select` with LIMIT/OFFSET parameters
// appended; `wrap` turns the limited SELECT into the final statement.
Page counted_page(db::Tx& tx, const std::string& count_sql, const std::string& select, std::vector<db::Value> params,
                  const ListQuery& list, const std::function<std::string(const std::string&)>& wrap) {
  Page page;
  page.total = tx.exec(count_sql, params).one().int64(0);
  if (page.total <= list.offset()) return page;
  const auto n = params.size();
  params.emplace_back(list.page_size);
  params.emplace_back(list.offset());
  const auto limited = select + " ORDER BY " + list.order_by + " LIMIT $" + std::to_string(n + 1) + " OFFSET $" +
                       std::to_string(n + 2);
  page.rows = tx.exec(wrap(limited), params).rows;
  return page;
}

}  // namespace

Page fetch_page(db::Tx& tx, const std::string& columns, const std::string& from_where, std::vector<db::Value> params,
                const ListQuery& list) {
  return counted_page(tx, "SELECT COUNT(*)" + from_where, "SELECT " + columns + from_where, std::move(params), list,
                      [](const std::string& limited) { return limited; });
}

Page fetch_page_with_lookups(db::Tx& tx, const std::string& columns, const std::string& alias,
                             const std::string& base_from_where, const std::string& lookups, std::vector<db::Value> params,
                             const ListQuery& list) {
  return counted_page(tx, "SELECT COUNT(*)" + base_from_where, "SELECT " + alias + ".*" + base_from_where, std::move(params), list,
                      [&](const std::string& limited) {
                        return "SELECT " + columns + " FROM (" + limited + ") " + alias + lookups + " ORDER BY " + list.order_by;
                      });
}

const auth::Principal& Context::who() const {
  if (!principal) throw std::logic_error("who() on a route without authentication");
  return *principal;
}

std::int64_t Context::path_id(const std::string& name, const std::string& what) const {
  auto it = params_.find(name);
  auto id = it == params_.end() ? std::nullopt : parse_int(it->second);
  if (!id || *id <= 0) throw not_found(what);
  return *id;
}

std::string Context::path_param(const std::string& name) const {
  auto it = params_.find(name);
  return it == params_.end() ? std::string() : it->second;
}

JsonBody Context::json_body() const {
  boost::system::error_code ec;
  auto value = boost::json::parse(request.body, ec);
  if (ec) throw ApiError(400, "bad_json", "请求体不是合法的 JSON：" + ec.message());
  if (!value.is_object()) throw ApiError(422, "invalid_type", "请求体应为 JSON 对象");
  return JsonBody(std::move(value.as_object()));
}

std::optional<std::int64_t> Context::query_int(std::string_view name) const {
  auto raw = request.query_param(name);
  if (!raw || raw->empty()) return std::nullopt;
  auto v = parse_int(*raw);
  if (!v) throw ApiError(422, "invalid_type", "参数 " + std::string(name) + " 应为整数", std::string(name));
  return v;
}

std::optional<bool> Context::query_bool(std::string_view name) const {
  auto raw = request.query_param(name);
  if (!raw || raw->empty()) return std::nullopt;
  if (*raw == "true" || *raw == "1") return true;
  if (*raw == "false" || *raw == "0") return false;
  throw invalid(std::string(name), "参数 " + std::string(name) + " 应为 true 或 false");
}

ListQuery Context::list_query(const std::vector<SortColumn>& sortable, const std::string& default_sort,
                              const std::string& id_column) const {
  ListQuery lq;
  lq.q = request.query_param("q").value_or("");
  lq.page = query_int("page").value_or(1);
  lq.page_size = query_int("page_size").value_or(20);
  if (lq.page < 1) throw invalid("page", "page 应为不小于 1 的整数");
  if (lq.page_size < 1 || lq.page_size > 200) throw invalid("page_size", "page_size 应在 1 到 200 之间");
  std::string sort = request.query_param("sort").value_or(default_sort);
  if (sort.empty()) sort = default_sort;
  const bool descending = sort.front() == '-';
  const std::string name = descending ? sort.substr(1) : sort;
  for (const auto& column : sortable) {
    if (column.name == name) {
      lq.order_by = column.sql + (descending ? " DESC" : " ASC") + ", " + id_column + " ASC";
      return lq;
    }
  }
  std::string names;
  for (const auto& column : sortable) names += (names.empty() ? "" : ", ") + column.name;
  throw invalid("sort", "不支持按 " + name + " 排序，可选：" + names);
}

}  // namespace jiguan::http
