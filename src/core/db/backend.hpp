// Private to src/core/db: what the SQLite and PostgreSQL backends share — the factories
// Database::open() dispatches to, the transaction run-loop, the per-connection statement
// cache type and a bounded connection pool. Not for use outside the db layer.
#pragma once

#include <algorithm>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/db/db.hpp"

namespace jiguan::db::detail {

std::unique_ptr<Database> open_sqlite(const std::string& path, const OpenOptions& options);
std::unique_ptr<Database> open_postgres(const std::string& url, const OpenOptions& options);
void backup_sqlite_file(const std::string& path, const std::string& to_path);

// Whole-string parses, locale-independent; nullopt when `s` is not exactly one number.
std::optional<std::int64_t> parse_int64(std::string_view s);
std::optional<double> parse_double(std::string_view s);

template <class... F>
struct Overloaded : F... {
  using F::operator()...;
};

// A backend connection; it is also the Tx handed to the read()/write() callback.
class Connection : public Tx {
 public:
  // Runs a transaction-control statement: BEGIN …, COMMIT, ROLLBACK.
  virtual void control(std::string_view sql) = 0;
  // True when the connection is unusable and must not go back into a pool.
  virtual bool broken() const { return false; }
};

// begin, fn, COMMIT; any exception (also from COMMIT) rolls back and is rethrown.
void run_transaction(Connection& conn, std::string_view begin, const std::function<void(Tx&)>& fn);

// Prepared statements keyed by the caller's SQL text, looked up without copying it. Not
// bounded: an application has a fixed set of statement texts (values go in parameters).
struct SqlHash : std::hash<std::string_view> {
  using is_transparent = void;
};
template <class V>
using SqlCache = std::unordered_map<std::string, V, SqlHash, std::equal_to<>>;

// At most `limit` connections, opened on demand; acquire() waits while all are in use.
// A connection that is broken() when handed back is closed, and a new one opened later.
template <class Conn>
class Pool {
 public:
  using Factory = std::function<std::unique_ptr<Conn>()>;

  Pool(int limit, Factory factory) : limit_(std::max(limit, 1)), factory_(std::move(factory)) {
    idle_.reserve(limit_);  // so release() never allocates
  }

  class Lease {
   public:
    Lease(Pool& pool, std::unique_ptr<Conn> conn) : pool_(pool), conn_(std::move(conn)) {}
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    ~Lease() { pool_.release(std::move(conn_)); }
    Conn& operator*() const { return *conn_; }
    Conn* operator->() const { return conn_.get(); }

   private:
    Pool& pool_;
    std::unique_ptr<Conn> conn_;
  };

  Lease acquire() {
    std::unique_lock lock(mutex_);
    available_.wait(lock, [&] { return !idle_.empty() || open_ < limit_; });
    if (!idle_.empty()) {
      std::unique_ptr<Conn> conn = std::move(idle_.back());
      idle_.pop_back();
      return Lease(*this, std::move(conn));
    }
    ++open_;
    lock.unlock();  // connecting may take a while; others may use idle connections meanwhile
    try {
      return Lease(*this, factory_());
    } catch (...) {
      lock.lock();
      --open_;
      available_.notify_one();
      throw;
    }
  }

 private:
  void release(std::unique_ptr<Conn> conn) noexcept {
    const bool keep = !conn->broken();
    {
      std::lock_guard lock(mutex_);
      if (keep) {
        idle_.push_back(std::move(conn));
      } else {
        --open_;
      }
    }
    available_.notify_one();
    // A broken connection is closed here, outside the lock.
  }

  const int limit_;
  const Factory factory_;
  std::mutex mutex_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<Conn>> idle_;
  int open_ = 0;  // idle + leased
};

}  // namespace jiguan::db::detail
