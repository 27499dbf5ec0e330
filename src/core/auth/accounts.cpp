#include "core/auth/accounts.hpp"

#include <algorithm>

#include "core/auth/password.hpp"
#include "core/http/api_error.hpp"
#include "core/util/time.hpp"

namespace jiguan::auth {

namespace {

void validate(db::Tx& tx, std::int64_t tenant_id, const NewAccount& a) {
  const bool username_ok = a.username.size() >= 3 && a.username.size() <= 32 &&
                           std::all_of(a.username.begin(), a.username.end(), [](unsigned char c) {
                             return std::isalnum(c) || c == '_' || c == '.' || c == '-';
                           });
  if (!username_ok) throw http::invalid("username", "用户名应为 3 到 32 位字母、数字、下划线、点或连字符");
  if (a.display_name.empty()) throw http::invalid("display_name", "请填写姓名");
  if (tx.query("SELECT 1 FROM roles WHERE tenant_id = $1 AND code = $2", tenant_id, a.role).empty()) {
    throw http::invalid("role", "未知角色：" + a.role);
  }
  if (a.unit_id && tx.query("SELECT 1 FROM units WHERE tenant_id = $1 AND id = $2", tenant_id, *a.unit_id).empty()) {
    throw http::invalid("unit_id", "所属单位不存在");
  }
  if (auto problem = password_policy_violation(a.password); !problem.empty()) throw http::invalid("password", problem);
}

}  // namespace

std::int64_t create_account(db::Database& db, const audit::Actor& actor, const NewAccount& account) {
  db.read([&](db::Tx& tx) { validate(tx, actor.tenant_id, account); });
  const std::string hash = hash_password(account.password);
  return db.write([&](db::Tx& tx) {
    validate(tx, actor.tenant_id, account);
    const auto now = util::now_utc();
    std::int64_t id = 0;
    try {
      id = tx.query(
                 "INSERT INTO accounts (tenant_id, username, display_name, role, unit_id, password_hash, created_at, updated_at) "
                 "VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id",
                 actor.tenant_id, account.username, account.display_name, account.role, account.unit_id, hash, now)
               .one()
               .int64(0);
    } catch (const db::DbError& e) {
      if (e.kind() == db::ErrorKind::unique_violation) throw http::conflict("用户名已存在：" + account.username, "username");
      throw;
    }
    audit::record(tx, actor,
                  {"create", "account", id,
                   {{"username", account.username}, {"display_name", account.display_name}, {"role", account.role}}});
    return id;
  });
}

boost::json::object account_json(const db::Row& row) {
  boost::json::object o;
  o["id"] = row.int64(0);
  o["username"] = row.text(1);
  o["display_name"] = row.text(2);
  o["role"] = row.text(3);
  o["unit_id"] = row.is_null(4) ? boost::json::value() : boost::json::value(row.int64(4));
  o["active"] = row.int64(5) != 0;
  o["locked_until"] = row.is_null(6) ? boost::json::value() : boost::json::value(row.text(6));
  o["created_at"] = row.text(7);
  o["updated_at"] = row.text(8);
  return o;
}

}  // namespace jiguan::auth
