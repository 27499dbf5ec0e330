#include "support/test_db.hpp"

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>

namespace jiguan::test {
namespace {

std::string env(const char* name) {
  const char* value = std::getenv(name);
  return value ? value : "";
}

// The server URL with its database (the path) replaced by `name`; query parameters stay.
std::string with_database(const std::string& server_url, const std::string& name) {
  const auto authority = server_url.find("://");
  const auto path = server_url.find_first_of("/?", authority == std::string::npos ? 0 : authority + 3);
  if (path == std::string::npos) return server_url + "/" + name;
  const auto query = server_url.find('?', path);
  return server_url.substr(0, path) + "/" + name + (query == std::string::npos ? "" : server_url.substr(query));
}

}  // namespace

bool test_backend_is_postgres() {
  const std::string backend = env("JIGUAN_TEST_DB");
  if (backend.empty() || backend == "sqlite") return false;
  if (backend == "postgresql") return true;
  throw std::runtime_error("JIGUAN_TEST_DB must be \"sqlite\" or \"postgresql\", not \"" + backend + "\"");
}

FreshDatabase::FreshDatabase() {
  if (!test_backend_is_postgres()) {
    std::string dir = (std::filesystem::temp_directory_path() / "jiguan-test-XXXXXX").string();
    if (!mkdtemp(dir.data())) throw std::runtime_error("FreshDatabase: mkdtemp failed for " + dir);
    dir_ = dir;
    url_ = "sqlite:" + dir_ + "/db.sqlite";
    return;
  }
  const std::string server = env("JIGUAN_TEST_PG");
  if (server.empty()) {
    throw std::runtime_error(
        "JIGUAN_TEST_DB=postgresql needs JIGUAN_TEST_PG=<server url>; run the tests through scripts/test.sh, "
        "which starts a throw-away PostgreSQL cluster");
  }
  static std::atomic<int> counter{0};
  const std::string name = "jt_" + std::to_string(getpid()) + "_" + std::to_string(++counter);
  admin_ = db::Database::open(server);
  admin_->exec_outside_transaction("CREATE DATABASE " + name);
  pg_name_ = name;
  url_ = with_database(server, name);
}

FreshDatabase::~FreshDatabase() {
  if (admin_ && !pg_name_.empty()) {
    try {
      admin_->exec_outside_transaction("DROP DATABASE IF EXISTS " + pg_name_ + " WITH (FORCE)");
    } catch (const std::exception&) {
      // A leftover database dies with the throw-away cluster.
    }
  }
  if (!dir_.empty()) {
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }
}

}  // namespace jiguan::test
