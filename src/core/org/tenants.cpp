#include "core/org/tenants.hpp"

#include "core/access/roles.hpp"
#include "core/http/api_error.hpp"
#include "core/util/time.hpp"

namespace jiguan::org {
namespace {

Tenant tenant_of(const db::Row& row) { return {row.int64(0), row.text(1), row.text(2)}; }

}  // namespace

std::optional<Tenant> find_tenant(db::Tx& tx, const std::string& code) {
  auto r = tx.query("SELECT id, code, name FROM tenants WHERE code = $1", code);
  if (r.empty()) return std::nullopt;
  return tenant_of(r.rows[0]);
}

Tenant resolve_tenant(db::Tx& tx, const std::string& code) {
  if (!code.empty()) {
    if (auto t = find_tenant(tx, code)) return *t;
    throw http::invalid("tenant", "机构代码不存在：" + code);
  }
  auto r = tx.query("SELECT id, code, name FROM tenants ORDER BY id LIMIT 2");
  if (r.rows.size() == 1) return tenant_of(r.rows[0]);
  throw http::invalid("tenant", r.empty() ? "尚未创建任何机构" : "存在多个机构，请指定机构代码");
}

Tenant ensure_tenant(db::Database& db, const std::string& code, const std::string& name) {
  return db.write([&](db::Tx& tx) {
    if (auto t = find_tenant(tx, code)) return *t;
    const auto id = tx.query("SELECT COALESCE(MAX(id), 0) + 1 FROM tenants").one().int64(0);
    tx.query("INSERT INTO tenants (id, code, name, created_at) VALUES ($1, $2, $3, $4)", id, code, name, util::now_utc());
    access::ensure_builtin_roles(tx, id);
    return Tenant{id, code, name};
  });
}

}  // namespace jiguan::org
