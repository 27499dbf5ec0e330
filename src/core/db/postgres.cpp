// PostgreSQL backend (libpq): one pool of connections serves read() (REPEATABLE READ, READ
// ONLY: a snapshot) and write() (READ COMMITTED). Each statement is prepared once per
// connection; parameters and results travel as text and cells are converted by column type:
// int2/int4/int8 and bool → int64, float4/float8 → double, everything else (NUMERIC too,
// to keep its precision) → string. Named prepared statements outlive transactions, so the
// server must be reached directly or through session pooling, not transaction pooling.
#include <libpq-fe.h>

#include <cctype>
#include <charconv>

#include "core/db/backend.hpp"

namespace jiguan::db::detail {
namespace {

struct FinishConn {
  void operator()(PGconn* conn) const { PQfinish(conn); }
};
struct ClearResult {
  void operator()(PGresult* result) const { PQclear(result); }
};
using ConnHandle = std::unique_ptr<PGconn, FinishConn>;
using ResultHandle = std::unique_ptr<PGresult, ClearResult>;

// Type OIDs from the server's pg_type.h, which is not a build dependency.
constexpr Oid kBool = 16, kInt8 = 20, kInt2 = 21, kInt4 = 23, kFloat4 = 700, kFloat8 = 701;

ErrorKind classify(std::string_view state, PGconn* conn) {
  if (state == "23505") return ErrorKind::unique_violation;
  if (state == "23503") return ErrorKind::foreign_key_violation;
  if (state == "23514") return ErrorKind::check_violation;
  if (state == "23502") return ErrorKind::not_null_violation;
  // serialization failure, deadlock, lock_timeout
  if (state == "40001" || state == "40P01" || state == "55P03") return ErrorKind::busy;
  // connection exceptions, server shutting down, or a failure libpq detected itself
  if (state.starts_with("08") || state.starts_with("57P") || PQstatus(conn) != CONNECTION_OK) {
    return ErrorKind::connection;
  }
  return ErrorKind::other;
}

std::string trimmed(std::string s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.pop_back();
  return s;
}

Value cell(const PGresult* r, int row, int col) {
  if (PQgetisnull(r, row, col)) return nullptr;
  const std::string_view text(PQgetvalue(r, row, col), PQgetlength(r, row, col));
  std::optional<Value> value;
  switch (PQftype(r, col)) {
    case kInt2:
    case kInt4:
    case kInt8:
      if (auto n = parse_int64(text)) value = *n;
      break;
    case kFloat4:
    case kFloat8:
      if (auto d = parse_double(text)) value = *d;
      break;
    case kBool: value = std::int64_t{text == "t"}; break;
    default: value = std::string(text);
  }
  if (!value) throw DbError(ErrorKind::other, "postgresql: unreadable value \"" + std::string(text) + "\"");
  return std::move(*value);
}

Result to_result(PGresult* r) {
  Result out;
  const int columns = PQnfields(r);
  const int rows = PQntuples(r);
  for (int c = 0; c < columns; ++c) out.columns.emplace_back(PQfname(r, c));
  out.rows.reserve(rows);
  for (int i = 0; i < rows; ++i) {
    std::vector<Value> row;
    row.reserve(columns);
    for (int c = 0; c < columns; ++c) row.push_back(cell(r, i, c));
    out.rows.emplace_back(std::move(row));
  }
  // PQcmdTuples also counts the rows a SELECT returned; affected means rows changed.
  if (!std::string_view(PQcmdStatus(r)).starts_with("SELECT")) {
    out.affected = parse_int64(PQcmdTuples(r)).value_or(0);
  }
  return out;
}

class PgConnection final : public Connection {
 public:
  PgConnection(const std::string& url, int lock_timeout_ms) {
    // Settings travel as connection parameters, so they hold from the session's first statement.
    const std::string options = "-c lock_timeout=" + std::to_string(lock_timeout_ms) + " -c TimeZone=UTC";
    const char* const keys[] = {"dbname", "client_encoding", "options", nullptr};
    const char* const values[] = {url.c_str(), "UTF8", options.c_str(), nullptr};
    conn_.reset(PQconnectdbParams(keys, values, /*expand_dbname=*/1));
    if (!conn_) throw DbError(ErrorKind::connection, "postgresql: cannot connect: out of memory");
    check_connected();
    // Notices ("relation already exists, skipping") would go to stderr; this layer logs nothing.
    PQsetNoticeProcessor(conn_.get(), [](void*, const char*) {}, nullptr);
  }

  Dialect dialect() const override { return Dialect::postgresql; }

  Result exec(std::string_view sql, const std::vector<Value>& params) override {
    const std::string& name = prepared(sql);
    std::vector<std::string> texts(params.size());  // sized once: the c_str() pointers stay valid
    std::vector<const char*> values(params.size());
    for (std::size_t i = 0; i < params.size(); ++i) {
      values[i] = std::visit(Overloaded{[](std::nullptr_t) -> const char* { return nullptr; },
                                        [&](std::int64_t v) { return (texts[i] = std::to_string(v)).c_str(); },
                                        [&](double v) {
                                          char buf[32];  // shortest exact form, never a locale's comma
                                          texts[i].assign(buf, std::to_chars(buf, buf + sizeof buf, v).ptr);
                                          return texts[i].c_str();
                                        },
                                        [](const std::string& v) { return v.c_str(); }},
                             params[i]);
    }
    const ResultHandle r = checked(PQexecPrepared(conn_.get(), name.c_str(), static_cast<int>(values.size()),
                                                  values.data(), nullptr, nullptr, 0),
                                   sql);
    return to_result(r.get());
  }

  void exec_script(std::string_view sql) override { simple(sql); }

  void control(std::string_view sql) override {
    ResultHandle r;
    try {
      r = simple(sql);
    } catch (const DbError&) {
      // The server closed this connection while it sat in the pool (restart, terminated
      // backend). At BEGIN nothing has run yet: reconnect and begin once more.
      if (!sql.starts_with("BEGIN") || !broken()) throw;
      PQreset(conn_.get());  // same parameters, so the same session settings
      statements_.clear();   // prepared statements died with the old session
      check_connected();
      r = simple(sql);
    }
    // COMMIT of a transaction that an earlier (caught) error aborted reports "ROLLBACK".
    if (sql == "COMMIT" && std::string_view(PQcmdStatus(r.get())) == "ROLLBACK") {
      throw DbError(ErrorKind::other, "postgresql: transaction rolled back: a statement in it had failed");
    }
  }

  bool broken() const override { return PQstatus(conn_.get()) != CONNECTION_OK; }

 private:
  void check_connected() const {
    if (broken()) {
      throw DbError(ErrorKind::connection, "postgresql: cannot connect: " + trimmed(PQerrorMessage(conn_.get())));
    }
  }

  // Takes ownership of raw; throws DbError unless it holds a success.
  ResultHandle checked(PGresult* raw, std::string_view sql) {
    ResultHandle r(raw);
    const ExecStatusType status = r ? PQresultStatus(r.get()) : PGRES_FATAL_ERROR;
    if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return r;
    const char* state = r ? PQresultErrorField(r.get(), PG_DIAG_SQLSTATE) : nullptr;
    const char* constraint = r ? PQresultErrorField(r.get(), PG_DIAG_CONSTRAINT_NAME) : nullptr;
    std::string message = trimmed(r ? PQresultErrorMessage(r.get()) : PQerrorMessage(conn_.get()));
    if (message.empty()) message = PQresStatus(status);  // e.g. an empty query
    throw DbError(classify(state ? state : "", conn_.get()),
                  "postgresql: " + message + " [" + std::string(sql.substr(0, 200)) + "]", constraint ? constraint : "");
  }

  ResultHandle simple(std::string_view sql) { return checked(PQexec(conn_.get(), std::string(sql).c_str()), sql); }

  const std::string& prepared(std::string_view sql) {
    if (auto it = statements_.find(sql); it != statements_.end()) return it->second;
    std::string name = "s" + std::to_string(statements_.size() + 1);
    std::string text(sql);
    checked(PQprepare(conn_.get(), name.c_str(), text.c_str(), 0, nullptr), sql);
    return statements_.emplace(std::move(text), std::move(name)).first->second;
  }

  ConnHandle conn_;
  SqlCache<std::string> statements_;  // SQL text → prepared statement name
};

class PgDatabase final : public Database {
 public:
  PgDatabase(const std::string& url, const OpenOptions& options)
      : pool_(std::max(options.readers, 2),
              [url, timeout = options.busy_timeout_ms] { return std::make_unique<PgConnection>(url, timeout); }) {
    pool_.acquire();  // connect once now, so a bad url or an absent server fails open()
  }

  Dialect dialect() const override { return Dialect::postgresql; }

  void run(Mode mode, const std::function<void(Tx&)>& fn) override {
    const auto conn = pool_.acquire();
    run_transaction(*conn, mode == Mode::read ? "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY" : "BEGIN", fn);
  }

  void exec_outside_transaction(std::string_view sql) override { pool_.acquire()->exec_script(sql); }

 private:
  Pool<PgConnection> pool_;
};

}  // namespace

std::unique_ptr<Database> open_postgres(const std::string& url, const OpenOptions& options) {
  return std::make_unique<PgDatabase>(url, options);
}

}  // namespace jiguan::db::detail
