// SQLite backend: one WAL-mode file, one writer connection (write() calls serialize on a
// mutex and run BEGIN IMMEDIATE, so other processes wait up to busy_timeout) and a pool of
// query_only reader connections (read() runs a deferred BEGIN: a snapshot).
//
// "sqlite::memory:" uses a single connection for both roles: a private in-memory database
// is visible only to its own connection, and the shared-cache alternative takes table locks
// that ignore busy_timeout. There read() and write() serialize, and read() inside write()
// on one thread would deadlock.
#include <sqlite3.h>

#include <cctype>
#include <mutex>
#include <optional>

#include "core/db/backend.hpp"

namespace jiguan::db::detail {
namespace {

struct CloseDb {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
struct FinalizeStmt {
  void operator()(sqlite3_stmt* stmt) const { sqlite3_finalize(stmt); }
};
using DbHandle = std::unique_ptr<sqlite3, CloseDb>;
using StmtHandle = std::unique_ptr<sqlite3_stmt, FinalizeStmt>;

ErrorKind classify(int code) {
  switch (code) {
    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY: return ErrorKind::unique_violation;
    case SQLITE_CONSTRAINT_FOREIGNKEY: return ErrorKind::foreign_key_violation;
    case SQLITE_CONSTRAINT_CHECK: return ErrorKind::check_violation;
    case SQLITE_CONSTRAINT_NOTNULL: return ErrorKind::not_null_violation;
  }
  switch (code & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED: return ErrorKind::busy;
    case SQLITE_CANTOPEN: return ErrorKind::connection;
  }
  return ErrorKind::other;
}

// Throws the connection's last error. Constraint messages read "UNIQUE constraint failed:
// units.tenant_id, units.code"; the part after the colon becomes constraint().
[[noreturn]] void fail(sqlite3* db, std::string_view sql) {
  const int code = sqlite3_extended_errcode(db);
  const std::string message = sqlite3_errmsg(db);
  std::string constraint;
  constexpr std::string_view kFailed = "constraint failed: ";
  if (const auto at = message.find(kFailed); (code & 0xff) == SQLITE_CONSTRAINT && at != std::string::npos) {
    constraint = message.substr(at + kFailed.size());
  }
  throw DbError(classify(code), "sqlite: " + message + " [" + std::string(sql.substr(0, 200)) + "]",
                std::move(constraint));
}

// Process-wide settings, before SQLite initialises. Memory statistics are off: with them
// on, every SQLite allocation takes one global mutex, which serialises all connections.
void configure_sqlite_once() {
  static std::once_flag once;
  std::call_once(once, [] { sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
}

DbHandle open_handle(const std::string& path, int flags, int busy_timeout_ms) {
  configure_sqlite_once();
  sqlite3* raw = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &raw, flags | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI, nullptr);
  DbHandle db(raw);
  if (rc != SQLITE_OK) {
    throw DbError(ErrorKind::connection,
                  "sqlite: cannot open " + path + ": " + (db ? sqlite3_errmsg(db.get()) : sqlite3_errstr(rc)));
  }
  sqlite3_extended_result_codes(db.get(), 1);
  sqlite3_busy_timeout(db.get(), busy_timeout_ms);
  // Query-planner stability: without it, a statement whose LIKE pattern is a parameter is
  // compiled again after every new binding (the plan may depend on the pattern), which
  // defeats the statement cache for every searchable list.
  sqlite3_db_config(db.get(), SQLITE_DBCONFIG_ENABLE_QPSG, 1, nullptr);
  return db;
}

bool is_identifier_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$'; }

// $N → ?N outside string literals, quoted identifiers and comments. ?N keeps the explicit
// numbering, so a placeholder used twice or out of order binds like on PostgreSQL.
std::string rewrite_placeholders(std::string_view sql) {
  std::string out;
  out.reserve(sql.size());
  std::size_t i = 0;
  auto copy_until = [&](std::size_t end) {  // copies sql[i, end) verbatim
    end = std::min(end, sql.size());
    out.append(sql.substr(i, end - i));
    i = end;
  };
  while (i < sql.size()) {
    const char c = sql[i];
    const std::string_view two = sql.substr(i, 2);
    if (c == '\'' || c == '"') {
      // A doubled quote ('it''s') ends this run and starts the next one: same result.
      const auto close = sql.find(c, i + 1);
      copy_until(close == std::string_view::npos ? close : close + 1);
    } else if (two == "--") {
      copy_until(sql.find('\n', i));
    } else if (two == "/*") {
      const auto close = sql.find("*/", i + 2);
      copy_until(close == std::string_view::npos ? close : close + 2);
    } else if (c == '$' && i + 1 < sql.size() && std::isdigit(static_cast<unsigned char>(sql[i + 1])) &&
               (i == 0 || !is_identifier_char(sql[i - 1]))) {
      out += '?';
      ++i;
    } else {
      out += c;
      ++i;
    }
  }
  return out;
}

Value column_value(sqlite3_stmt* stmt, int col) {
  switch (sqlite3_column_type(stmt, col)) {
    case SQLITE_NULL: return nullptr;
    case SQLITE_INTEGER: return static_cast<std::int64_t>(sqlite3_column_int64(stmt, col));
    case SQLITE_FLOAT: return sqlite3_column_double(stmt, col);
    default: {  // TEXT or BLOB: the bytes as they are (fetch the pointer before the size)
      const auto* bytes = static_cast<const char*>(sqlite3_column_blob(stmt, col));
      const auto size = static_cast<std::size_t>(sqlite3_column_bytes(stmt, col));
      return bytes ? std::string(bytes, size) : std::string();
    }
  }
}

class SqliteConnection final : public Connection {
 public:
  enum class Role { writer, reader, memory };

  SqliteConnection(const std::string& path, Role role, int busy_timeout_ms)
      : db_(open_handle(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, busy_timeout_ms)) {
    try {
      exec_script("PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL");
      if (role == Role::writer) {
        // journal_mode answers with the mode it ended up in.
        if (exec("PRAGMA journal_mode=WAL", {}).one().text(0) != "wal") {
          throw DbError(ErrorKind::connection, "sqlite: cannot switch " + path + " to WAL mode");
        }
        exec_script("PRAGMA journal_size_limit=67108864");
      } else if (role == Role::reader) {
        exec_script("PRAGMA query_only=ON");
      }
    } catch (const DbError& e) {
      throw DbError(ErrorKind::connection, e.what());  // e.g. "file is not a database"
    }
  }

  Dialect dialect() const override { return Dialect::sqlite; }

  Result exec(std::string_view sql, const std::vector<Value>& params) override {
    sqlite3* db = db_.get();
    sqlite3_stmt* stmt = prepared(sql);
    // Whatever happens, leave the statement reset and unbound for its next use.
    struct Reset {
      sqlite3_stmt* stmt;
      ~Reset() {
        sqlite3_reset(stmt);
        sqlite3_clear_bindings(stmt);
      }
    } reset{stmt};

    if (sqlite3_bind_parameter_count(stmt) != static_cast<int>(params.size())) {
      throw DbError(ErrorKind::other, "sqlite: statement takes " + std::to_string(sqlite3_bind_parameter_count(stmt)) +
                                          " parameters, got " + std::to_string(params.size()) + " [" +
                                          std::string(sql.substr(0, 200)) + "]");
    }
    for (std::size_t i = 0; i < params.size(); ++i) {
      const int at = static_cast<int>(i) + 1;
      const int rc = std::visit(
          Overloaded{[&](std::nullptr_t) { return sqlite3_bind_null(stmt, at); },
                     [&](std::int64_t v) { return sqlite3_bind_int64(stmt, at, v); },
                     [&](double v) { return sqlite3_bind_double(stmt, at, v); },
                     [&](const std::string& v) {
                       return sqlite3_bind_text64(stmt, at, v.data(), v.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
                     }},
          params[i]);
      if (rc != SQLITE_OK) fail(db, sql);
    }

    Result result;
    const int columns = sqlite3_column_count(stmt);
    for (int c = 0; c < columns; ++c) result.columns.emplace_back(sqlite3_column_name(stmt, c));
    // sqlite3_changes() keeps the count of the last INSERT/UPDATE/DELETE, so it is read only
    // when this statement changed something (not after SELECT or DDL).
    const auto changes_before = sqlite3_total_changes64(db);
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
      std::vector<Value> row;
      row.reserve(columns);
      for (int c = 0; c < columns; ++c) row.push_back(column_value(stmt, c));
      result.rows.emplace_back(std::move(row));
    }
    if (rc != SQLITE_DONE) fail(db, sql);
    if (sqlite3_total_changes64(db) != changes_before) result.affected = sqlite3_changes64(db);
    return result;
  }

  void exec_script(std::string_view sql) override {
    if (sqlite3_exec(db_.get(), std::string(sql).c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) fail(db_.get(), sql);
  }

  void control(std::string_view sql) override { exec(sql, {}); }

 private:
  sqlite3_stmt* prepared(std::string_view sql) {
    if (auto it = statements_.find(sql); it != statements_.end()) return it->second.get();
    const std::string text = rewrite_placeholders(sql);
    sqlite3_stmt* raw = nullptr;
    const char* tail = nullptr;
    if (sqlite3_prepare_v3(db_.get(), text.data(), static_cast<int>(text.size()), SQLITE_PREPARE_PERSISTENT, &raw,
                           &tail) != SQLITE_OK) {
      fail(db_.get(), sql);
    }
    StmtHandle stmt(raw);
    // Anything but whitespace and comments after the first statement is a second one.
    sqlite3_stmt* next = nullptr;
    const int rc = sqlite3_prepare_v2(db_.get(), tail, static_cast<int>(text.data() + text.size() - tail), &next, nullptr);
    const bool more = rc != SQLITE_OK || next != nullptr;
    sqlite3_finalize(next);
    if (!stmt || more) {
      throw DbError(ErrorKind::other, "sqlite: exec() takes exactly one statement (scripts go to exec_script) [" +
                                          std::string(sql.substr(0, 200)) + "]");
    }
    return statements_.emplace(std::string(sql), std::move(stmt)).first->second.get();
  }

  DbHandle db_;
  SqlCache<StmtHandle> statements_;  // declared after db_: finalized before the close
};

class SqliteDatabase final : public Database {
 public:
  SqliteDatabase(const std::string& path, const OpenOptions& options)
      : writer_(path, path == ":memory:" ? SqliteConnection::Role::memory : SqliteConnection::Role::writer,
                options.busy_timeout_ms) {
    if (path != ":memory:") {
      readers_.emplace(options.readers, [path, timeout = options.busy_timeout_ms] {
        return std::make_unique<SqliteConnection>(path, SqliteConnection::Role::reader, timeout);
      });
    }
  }

  Dialect dialect() const override { return Dialect::sqlite; }

  void run(Mode mode, const std::function<void(Tx&)>& fn) override {
    if (mode == Mode::read && readers_) {
      const auto reader = readers_->acquire();
      run_transaction(*reader, "BEGIN", fn);
      return;
    }
    std::lock_guard lock(writer_mutex_);
    if (mode == Mode::write) {
      run_transaction(writer_, "BEGIN IMMEDIATE", fn);
      return;
    }
    // In-memory read(): the one connection, made read-only for the duration.
    writer_.control("PRAGMA query_only=ON");
    try {
      run_transaction(writer_, "BEGIN", fn);
    } catch (...) {
      writer_.control("PRAGMA query_only=OFF");
      throw;
    }
    writer_.control("PRAGMA query_only=OFF");
  }

  void exec_outside_transaction(std::string_view sql) override {
    std::lock_guard lock(writer_mutex_);
    writer_.exec_script(sql);
  }

 private:
  std::mutex writer_mutex_;
  SqliteConnection writer_;
  std::optional<Pool<SqliteConnection>> readers_;  // none for sqlite::memory:
};

}  // namespace

std::unique_ptr<Database> open_sqlite(const std::string& path, const OpenOptions& options) {
  if (path.empty()) throw DbError(ErrorKind::connection, "sqlite: url has no path (sqlite:PATH or sqlite::memory:)");
  return std::make_unique<SqliteDatabase>(path, options);
}

void backup_sqlite_file(const std::string& path, const std::string& to_path) {
  constexpr int kBusyTimeoutMs = 5000;
  // No SQLITE_OPEN_CREATE for the source: a wrong path must fail, not back up an empty file.
  const DbHandle source = open_handle(path, SQLITE_OPEN_READWRITE, kBusyTimeoutMs);
  const DbHandle target = open_handle(to_path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, kBusyTimeoutMs);
  sqlite3_backup* backup = sqlite3_backup_init(target.get(), "main", source.get(), "main");
  if (!backup) fail(target.get(), "backup " + path);
  // One step copies everything under a single read snapshot; in WAL mode writers go on meanwhile.
  const int step = sqlite3_backup_step(backup, -1);
  if (sqlite3_backup_finish(backup) != SQLITE_OK) fail(target.get(), "backup " + path);  // I/O, full disk …
  if (step != SQLITE_DONE) {  // busy or locked: finish() does not count these as errors
    throw DbError(classify(step), "sqlite: backup of " + path + ": " + sqlite3_errstr(step));
  }
}

}  // namespace jiguan::db::detail
