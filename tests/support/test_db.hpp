// A new, empty database for one test, on the backend the test run is for: env JIGUAN_TEST_DB
// is "sqlite" (default) or "postgresql"; the latter needs JIGUAN_TEST_PG, a server URL where
// CREATE DATABASE is allowed (scripts/test.sh starts a throw-away cluster). The database is
// removed when the FreshDatabase is destroyed; close every connection to it before that.
#pragma once

#include <memory>
#include <string>

#include "core/db/db.hpp"

namespace jiguan::test {

bool test_backend_is_postgres();

class FreshDatabase {
 public:
  FreshDatabase();  // throws when JIGUAN_TEST_DB is unknown or postgresql without JIGUAN_TEST_PG
  ~FreshDatabase();
  FreshDatabase(const FreshDatabase&) = delete;
  FreshDatabase& operator=(const FreshDatabase&) = delete;

  const std::string& url() const { return url_; }

 private:
  std::string url_;
  std::string dir_;                     // sqlite: the temp directory holding the file
  std::string pg_name_;                 // postgresql: the database created for this test
  std::unique_ptr<db::Database> admin_;  // postgresql: the server's default database
};

}  // namespace jiguan::test
