// The data-access interface: one small API over two backends (SQLite, PostgreSQL).
//
// Contract:
// - SQL is written once, in PostgreSQL's placeholder style ($1, $2 …); the SQLite backend
//   rewrites placeholders. Where the dialects really differ, call dialect() once, in one
//   helper (see sql_dialect.hpp), never in business code. Where PostgreSQL cannot infer a
//   parameter's type from its context (SELECT $1, $1 IS NULL), write CAST($1 AS BIGINT):
//   both backends accept that, `$1::bigint` only PostgreSQL.
// - A Database is safe for concurrent use from many threads. A Tx is not: it belongs to
//   the one read()/write() call that created it and must not escape it.
// - write() runs on the single writer (SQLite: one connection, BEGIN IMMEDIATE) and commits
//   when the function returns; any exception rolls the whole transaction back and is
//   rethrown. read() runs on a reader connection in a read-only transaction (a snapshot).
// - 64-bit integers round-trip exactly on both backends.
// - Database errors are thrown as DbError, classified by kind so callers can map a unique
//   violation to 409 without knowing the backend.
#pragma once

#include <cstdint>
#include <functional>
#include <initializer_list>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

namespace jiguan::db {

enum class Dialect { sqlite, postgresql };
std::string_view dialect_name(Dialect d);  // "sqlite" | "postgresql"

// A bound parameter or a result cell. Booleans are stored as integers 0/1.
using Value = std::variant<std::nullptr_t, std::int64_t, double, std::string>;

enum class ErrorKind {
  unique_violation,
  foreign_key_violation,
  check_violation,
  not_null_violation,
  busy,        // lock not obtained within busy_timeout / serialization failure
  connection,  // cannot connect, connection lost
  other,
};

class DbError : public std::runtime_error {
 public:
  DbError(ErrorKind kind, const std::string& message, std::string constraint = {})
      : std::runtime_error(message), kind_(kind), constraint_(std::move(constraint)) {}
  ErrorKind kind() const { return kind_; }
  // Name of the violated constraint or index where the backend reports it, else "".
  const std::string& constraint() const { return constraint_; }

 private:
  ErrorKind kind_;
  std::string constraint_;
};

class Row {
 public:
  explicit Row(std::vector<Value> values) : values_(std::move(values)) {}
  std::size_t size() const { return values_.size(); }
  const Value& operator[](std::size_t i) const { return values_.at(i); }
  bool is_null(std::size_t i) const;
  // Typed access; throws DbError(other) when the cell is NULL or not convertible.
  std::int64_t int64(std::size_t i) const;
  double real(std::size_t i) const;
  std::string text(std::size_t i) const;
  std::optional<std::int64_t> opt_int64(std::size_t i) const;
  std::optional<std::string> opt_text(std::size_t i) const;

 private:
  std::vector<Value> values_;
};

struct Result {
  std::vector<std::string> columns;
  std::vector<Row> rows;
  std::int64_t affected = 0;  // rows changed by INSERT/UPDATE/DELETE

  bool empty() const { return rows.empty(); }
  const Row& one() const;  // the single row; throws DbError(other) when there is not exactly one
};

// Turns C++ arguments into bound values: integers, bool, double, strings, optionals, nullptr.
template <class T>
Value to_value(T&& v) {
  using U = std::remove_cvref_t<T>;
  if constexpr (std::is_same_v<U, std::nullptr_t>) {
    return nullptr;
  } else if constexpr (std::is_same_v<U, bool>) {
    return std::int64_t{v ? 1 : 0};
  } else if constexpr (std::is_integral_v<U>) {
    return static_cast<std::int64_t>(v);
  } else if constexpr (std::is_floating_point_v<U>) {
    return static_cast<double>(v);
  } else if constexpr (std::is_same_v<U, Value>) {
    return std::forward<T>(v);
  } else if constexpr (requires { v.has_value(); *v; }) {
    if (!v.has_value()) return nullptr;
    return to_value(*v);
  } else {
    return std::string(std::string_view(v));
  }
}

// A transaction on one connection (see the contract above).
class Tx {
 public:
  virtual ~Tx() = default;
  virtual Dialect dialect() const = 0;
  // Runs one statement (prepared once per connection and cached) with its parameters.
  virtual Result exec(std::string_view sql, const std::vector<Value>& params) = 0;

  // Runs a script of several statements without parameters (migrations).
  virtual void exec_script(std::string_view sql) = 0;

  template <class... A>
  Result query(std::string_view sql, A&&... args) {
    return exec(sql, std::vector<Value>{to_value(std::forward<A>(args))...});
  }
};

struct OpenOptions {
  int readers = 4;              // SQLite reader connections / PostgreSQL pool size
  int busy_timeout_ms = 5000;   // SQLite busy_timeout; PostgreSQL lock_timeout
};

class Database {
 public:
  virtual ~Database() = default;

  // url: "sqlite:PATH" (file created if missing; "sqlite::memory:" for a private in-memory
  // database) or "postgresql://…" / "postgres://…" (libpq connection URI).
  static std::unique_ptr<Database> open(const std::string& url, const OpenOptions& options = {});

  virtual Dialect dialect() const = 0;

  enum class Mode { read, write };
  virtual void run(Mode mode, const std::function<void(Tx&)>& fn) = 0;

  template <class F>
  auto read(F&& fn) {
    return run_returning(Mode::read, std::forward<F>(fn));
  }
  template <class F>
  auto write(F&& fn) {
    return run_returning(Mode::write, std::forward<F>(fn));
  }

  // Statements outside any transaction (VACUUM, CREATE DATABASE …), on the writer.
  virtual void exec_outside_transaction(std::string_view sql) = 0;

 private:
  template <class F>
  auto run_returning(Mode mode, F&& fn) {
    using R = std::invoke_result_t<F&, Tx&>;
    if constexpr (std::is_void_v<R>) {
      run(mode, [&](Tx& tx) { fn(tx); });
    } else {
      std::optional<R> out;
      run(mode, [&](Tx& tx) { out.emplace(fn(tx)); });
      return std::move(*out);
    }
  }
};

// Consistent online copy of a SQLite database (sqlite3 backup API), safe while a server
// writes to it. Throws DbError for a PostgreSQL url (use pg_dump there).
void backup_sqlite(const std::string& url, const std::string& to_path);

}  // namespace jiguan::db
