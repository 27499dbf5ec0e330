// Everything a handler gets: the request, its path parameters, the database and the
// authenticated principal, plus the parsing helpers that turn bad input into 4xx errors.
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/auth/principal.hpp"
#include "core/db/db.hpp"
#include "core/http/message.hpp"

namespace jiguan::http {

// A JSON object body with typed, validating accessors: a missing required field or a
// value of the wrong type throws ApiError 422 naming the field.
class JsonBody {
 public:
  explicit JsonBody(boost::json::object object) : object_(std::move(object)) {}
  bool has(std::string_view key) const;
  std::string required_string(std::string_view key, std::size_t max_chars = 200) const;
  std::optional<std::string> optional_string(std::string_view key, std::size_t max_chars = 200) const;
  std::int64_t required_int(std::string_view key) const;
  std::optional<std::int64_t> optional_int(std::string_view key) const;  // absent or null → nullopt
  std::optional<bool> optional_bool(std::string_view key) const;
  const boost::json::object& object() const { return object_; }

 private:
  const boost::json::value* find(std::string_view key) const;
  boost::json::object object_;
};

// ?q=&page=&page_size=&sort= for every list. sort names one of the allowed columns, with
// a leading '-' for descending; order_by() is the whitelisted SQL for it.
struct ListQuery {
  std::string q;
  std::int64_t page = 1;
  std::int64_t page_size = 20;
  std::string order_by;  // SQL, always ending with a unique tie-breaker
  std::int64_t offset() const { return (page - 1) * page_size; }
  std::string like_pattern() const;  // "%q%" with LIKE wildcards escaped (use ESCAPE '\')
};

// One page of a list and the total: `SELECT COUNT(*) <from_where>`, then `SELECT <columns>
// <from_where> ORDER BY … LIMIT … OFFSET …` (skipped past the end). params are from_where's
// $1…$n; limit and offset are appended. Two statements beat `COUNT(*) OVER ()`, which makes
// SQLite materialise and sort every matching row instead of stopping at the page's end.
struct Page {
  std::vector<db::Row> rows;
  std::int64_t total = 0;
};
Page fetch_page(db::Tx& tx, const std::string& columns, const std::string& from_where, std::vector<db::Value> params,
                const ListQuery& list);
// fetch_page() for a list whose filters and order touch only its base table (`base_from_where`
// = " FROM <table> <alias> WHERE …") and whose other columns come from 1:1 `lookups` (joins on
// <alias>): the count and the page's choice run on the base table alone, and the lookups are
// joined to the page's rows only — else SQLite joins every matching row before sorting.
Page fetch_page_with_lookups(db::Tx& tx, const std::string& columns, const std::string& alias,
                             const std::string& base_from_where, const std::string& lookups, std::vector<db::Value> params,
                             const ListQuery& list);

// {"items":[to_json(row)…],"total":N}: the answer of every list.
template <class ToJson>
Response list_response(const Page& page, ToJson&& to_json) {
  boost::json::array items;
  items.reserve(page.rows.size());
  for (const auto& row : page.rows) items.push_back(to_json(row));
  return Response::json(boost::json::object{{"items", std::move(items)}, {"total", page.total}});
}

struct SortColumn {
  std::string name;  // as the client writes it
  std::string sql;   // the column expression
};

class Context {
 public:
  Context(const Request& request, std::unordered_map<std::string, std::string> params, db::Database& db)
      : request(request), params_(std::move(params)), db_(db) {}

  const Request& request;
  std::optional<auth::Principal> principal;

  db::Database& db() { return db_; }
  const auth::Principal& who() const;  // the principal; only on authenticated routes
  std::int64_t tenant_id() const { return who().tenant_id; }
  const access::Scope& scope() const { return who().scope; }  // see access/scope.hpp

  // Path parameter as a positive integer id; anything else answers 404 (no such record).
  std::int64_t path_id(const std::string& name, const std::string& what) const;
  // Path parameter as text ("" when the pattern has no such parameter).
  std::string path_param(const std::string& name) const;
  JsonBody json_body() const;  // 400 bad_json / 422 when not an object
  // id_column is the unique tie-breaker appended to every ordering (qualify it in joins).
  ListQuery list_query(const std::vector<SortColumn>& sortable, const std::string& default_sort,
                       const std::string& id_column = "id") const;
  std::optional<std::int64_t> query_int(std::string_view name) const;  // 422 when not an integer
  std::optional<bool> query_bool(std::string_view name) const;         // true|1|false|0, else 422

 private:
  std::unordered_map<std::string, std::string> params_;
  db::Database& db_;
};

}  // namespace jiguan::http
