// Backend-independent parts of the data-access layer: typed cell access, url dispatch and
// the transaction run-loop both backends use.
#include "core/db/db.hpp"

#include <charconv>

#include "core/db/backend.hpp"

namespace jiguan::db {
namespace {

[[noreturn]] void not_convertible(std::size_t i, const Value& v, std::string_view wanted) {
  static constexpr std::string_view kTypes[] = {"NULL", "an integer", "a real", "text"};
  throw DbError(ErrorKind::other, "column " + std::to_string(i) + ": cannot read " +
                                      std::string(kTypes[v.index()]) + " as " + std::string(wanted));
}

// "sqlite:PATH" → PATH; nullopt for any other scheme.
std::optional<std::string> sqlite_path(const std::string& url) {
  constexpr std::string_view kPrefix = "sqlite:";
  if (!url.starts_with(kPrefix)) return std::nullopt;
  return url.substr(kPrefix.size());
}

}  // namespace

std::string_view dialect_name(Dialect d) { return d == Dialect::sqlite ? "sqlite" : "postgresql"; }

bool Row::is_null(std::size_t i) const { return std::holds_alternative<std::nullptr_t>((*this)[i]); }

std::int64_t Row::int64(std::size_t i) const {
  const Value& v = (*this)[i];
  if (const auto* n = std::get_if<std::int64_t>(&v)) return *n;
  // PostgreSQL NUMERIC (e.g. sum(bigint)) arrives as text.
  if (const auto* s = std::get_if<std::string>(&v)) {
    if (auto n = detail::parse_int64(*s)) return *n;
  }
  not_convertible(i, v, "an integer");
}

double Row::real(std::size_t i) const {
  const Value& v = (*this)[i];
  if (const auto* d = std::get_if<double>(&v)) return *d;
  if (const auto* n = std::get_if<std::int64_t>(&v)) return static_cast<double>(*n);
  if (const auto* s = std::get_if<std::string>(&v)) {
    if (auto d = detail::parse_double(*s)) return *d;
  }
  not_convertible(i, v, "a real");
}

std::string Row::text(std::size_t i) const {
  const Value& v = (*this)[i];
  if (const auto* s = std::get_if<std::string>(&v)) return *s;
  if (const auto* n = std::get_if<std::int64_t>(&v)) return std::to_string(*n);
  if (const auto* d = std::get_if<double>(&v)) {
    char buf[32];
    return std::string(buf, std::to_chars(buf, buf + sizeof buf, *d).ptr);  // shortest exact form
  }
  not_convertible(i, v, "text");
}

std::optional<std::int64_t> Row::opt_int64(std::size_t i) const {
  if (is_null(i)) return std::nullopt;
  return int64(i);
}

std::optional<std::string> Row::opt_text(std::size_t i) const {
  if (is_null(i)) return std::nullopt;
  return text(i);
}

const Row& Result::one() const {
  if (rows.size() != 1) {
    throw DbError(ErrorKind::other, "expected exactly one row, got " + std::to_string(rows.size()));
  }
  return rows.front();
}

std::unique_ptr<Database> Database::open(const std::string& url, const OpenOptions& options) {
  if (auto path = sqlite_path(url)) return detail::open_sqlite(*path, options);
  if (url.starts_with("postgresql://") || url.starts_with("postgres://")) {
    return detail::open_postgres(url, options);
  }
  // Only the scheme is echoed: the rest of a url may carry a password.
  throw DbError(ErrorKind::connection, "unsupported database url scheme \"" + url.substr(0, url.find(':')) +
                                           "\": expected sqlite:PATH, sqlite::memory: or postgresql://…");
}

void backup_sqlite(const std::string& url, const std::string& to_path) {
  const auto path = sqlite_path(url);
  if (!path) throw DbError(ErrorKind::other, "backup_sqlite: not a sqlite: url (use pg_dump for PostgreSQL)");
  if (*path == ":memory:") throw DbError(ErrorKind::other, "backup_sqlite: an in-memory database has no file to copy");
  detail::backup_sqlite_file(*path, to_path);
}

namespace detail {

std::optional<std::int64_t> parse_int64(std::string_view s) {
  std::int64_t n = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
  if (ec != std::errc{} || end != s.data() + s.size()) return std::nullopt;
  return n;
}

std::optional<double> parse_double(std::string_view s) {
  double d = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), d);
  if (ec != std::errc{} || end != s.data() + s.size()) return std::nullopt;
  return d;
}

void run_transaction(Connection& conn, std::string_view begin, const std::function<void(Tx&)>& fn) {
  conn.control(begin);
  try {
    fn(conn);
    conn.control("COMMIT");
  } catch (...) {
    try {
      conn.control("ROLLBACK");
    } catch (...) {
      // The original error is the one worth reporting; a dead connection is dropped by its owner.
    }
    throw;
  }
}

}  // namespace detail
}  // namespace jiguan::db
