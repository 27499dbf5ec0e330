// A test suite over the demo tenant, loaded once for the suite as `jiguan demo-data` does
// (core demo, built-ins, every module's demo); the suite's tests only read it.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <iostream>
#include <memory>
#include <string>

#include "core/app/modules.hpp"
#include "core/auth/password.hpp"
#include "core/db/migrate.hpp"
#include "core/demo/demo_data.hpp"
#include "support/test_db.hpp"

namespace jiguan::test {

class DemoSuite : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    open_core_demo();
    const auto started = std::chrono::steady_clock::now();
    app::load_module_demo_data(*db_, tenant_);
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count();
    std::cout << "[ module demo data loaded in " << ms << " ms on " << db::dialect_name(db_->dialect()) << " ]\n";
  }
  static void TearDownTestSuite() {
    db_.reset();
    fresh_.reset();
  }

  // A fresh database with the core demo tenant and the built-ins, without any module's demo:
  // a suite about one module's demo hides SetUpTestSuite(), calls this, then loads its own.
  static void open_core_demo() {
    auth::set_hash_cost(auth::HashCost::minimal);
    fresh_ = std::make_unique<FreshDatabase>();
    db_ = db::Database::open(fresh_->url());
    db::migrate(*db_, db::bundled_migrations());
    tenant_ = demo::load_demo_data(*db_).tenant_id;
    app::ensure_builtins_for_all_tenants(*db_);
  }

  // One value from a query whose $1 is the demo tenant.
  static std::int64_t number(const std::string& sql) {
    return db_->read([&](db::Tx& tx) { return tx.query(sql, tenant_).one().int64(0); });
  }
  static std::string text(const std::string& sql) {
    return db_->read([&](db::Tx& tx) { return tx.query(sql, tenant_).one().text(0); });
  }

  static inline std::unique_ptr<FreshDatabase> fresh_;
  static inline std::unique_ptr<db::Database> db_;
  static inline std::int64_t tenant_ = 0;
};

}  // namespace jiguan::test
