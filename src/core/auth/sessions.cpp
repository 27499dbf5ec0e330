#include "core/auth/sessions.hpp"

#include "core/access/roles.hpp"
#include "core/audit/audit.hpp"
#include "core/auth/password.hpp"
#include "core/auth/tokens.hpp"
#include "core/http/api_error.hpp"
#include "core/org/tenants.hpp"
#include "core/util/time.hpp"

namespace jiguan::auth {
namespace {

using std::chrono::seconds;

// Verifying against this when the username is unknown keeps the response time the same,
// so timing does not reveal which usernames exist.
const std::string& dummy_hash() {
  static const std::string hash = hash_password("not-a-real-password-0");
  return hash;
}

http::ApiError invalid_credentials() { return http::ApiError(401, "invalid_credentials", "用户名或密码错误"); }

// Columns shared by the session and API-token lookups, after the credential's own three.
constexpr const char* kPrincipalColumns =
    "a.id, a.username, a.display_name, a.role, a.unit_id, t.code, t.name";

Principal principal_of(db::Tx& tx, std::int64_t tenant, const db::Row& row, std::size_t first, Credential credential) {
  Principal p;
  p.tenant_id = tenant;
  p.account_id = row.int64(first);
  p.username = row.text(first + 1);
  p.display_name = row.text(first + 2);
  p.role = row.text(first + 3);
  p.unit_id = row.opt_int64(first + 4);
  p.tenant_code = row.text(first + 5);
  p.tenant_name = row.text(first + 6);
  p.credential = credential;
  // An account whose role was removed keeps no permissions and sees only its own records.
  const auto role = access::find_role(tx, tenant, p.role).value_or(access::RoleSpec{});
  p.permissions = role.permissions;
  p.scope = access::resolve_scope(tx, tenant, role.scope, p.unit_id, p.account_id);
  return p;
}

}  // namespace

std::optional<std::int64_t> Sessions::check_password(std::int64_t tenant_id, const AccountKey& key, const std::string& password,
                                                     const http::Request& request) {
  struct Found {
    std::optional<std::int64_t> account_id;
    std::string username;
    std::string hash;
    std::optional<std::string> locked_until;
  };
  const auto found = db_.read([&](db::Tx& tx) {
    Found f{std::nullopt, key.username, {}, std::nullopt};
    const auto r = key.id ? tx.query("SELECT id, password_hash, locked_until, username FROM accounts WHERE tenant_id = $1 AND id = $2"
                                     " AND active = 1",
                                     tenant_id, *key.id)
                          : tx.query("SELECT id, password_hash, locked_until, username FROM accounts WHERE tenant_id = $1"
                                     " AND username = $2 AND active = 1",
                                     tenant_id, key.username);
    if (!r.empty()) {
      f.account_id = r.rows[0].int64(0);
      f.hash = r.rows[0].text(1);
      f.locked_until = r.rows[0].opt_text(2);
      f.username = r.rows[0].text(3);
    }
    return f;
  });

  audit::Actor actor{tenant_id, found.account_id, found.username, request.request_id, request.client_addr};
  if (found.locked_until && *found.locked_until > util::now_utc()) {
    db_.write([&](db::Tx& tx) { audit::record(tx, actor, {"login_locked", "account", found.account_id, {}}); });
    throw http::ApiError(423, "account_locked",
                         "账户因连续 " + std::to_string(policy_.max_failures) + " 次密码错误已锁定 " +
                             std::to_string(policy_.lock_duration.count() / 60) + " 分钟，请稍后再试");
  }
  const bool ok = verify_password(found.account_id ? found.hash : dummy_hash(), password) && found.account_id;
  db_.write([&](db::Tx& tx) {
    if (ok) {
      tx.query("UPDATE accounts SET failed_logins = 0, locked_until = NULL WHERE tenant_id = $1 AND id = $2"
               " AND (failed_logins <> 0 OR locked_until IS NOT NULL)",
               tenant_id, *found.account_id);
      return;
    }
    if (found.account_id) {
      auto failures = tx.query("UPDATE accounts SET failed_logins = failed_logins + 1 WHERE tenant_id = $1 AND id = $2 "
                               "RETURNING failed_logins",
                               tenant_id, *found.account_id)
                          .one()
                          .int64(0);
      if (failures >= policy_.max_failures) {
        tx.query("UPDATE accounts SET failed_logins = 0, locked_until = $3 WHERE tenant_id = $1 AND id = $2", tenant_id,
                 *found.account_id, util::utc_in(policy_.lock_duration));
      }
    }
    audit::record(tx, actor, {"login_failed", "account", found.account_id, {}});
  });
  return ok ? found.account_id : std::nullopt;
}

LoginResult Sessions::login(const std::string& tenant_code, const std::string& username, const std::string& password,
                            const http::Request& request) {
  const auto tenant = db_.read([&](db::Tx& tx) { return org::resolve_tenant(tx, tenant_code); });
  const auto account_id = check_password(tenant.id, {username}, password, request);
  if (!account_id) throw invalid_credentials();

  const auto now = util::now_utc();
  audit::Actor actor{tenant.id, account_id, username, request.request_id, request.client_addr};
  LoginResult result;
  result.token = new_token(tenant.id);
  db_.write([&](db::Tx& tx) {
    tx.query("INSERT INTO sessions (tenant_id, token_hash, account_id, created_at, last_seen_at, expires_at, client_addr) "
             "VALUES ($1, $2, $3, $4, $4, $5, $6)",
             tenant.id, token_hash(result.token), *account_id, now, util::utc_in(policy_.absolute_timeout), request.client_addr);
    audit::record(tx, actor, {"login", "account", account_id, {}});
  });
  auto principal = from_session(tenant.id, token_hash(result.token));
  if (!principal) throw invalid_credentials();
  result.principal = std::move(*principal);
  return result;
}

std::optional<Principal> Sessions::authenticate(const http::Request& request) {
  const auto authorization = request.header("authorization");
  const bool bearer = authorization.starts_with("Bearer ");
  const std::string token = bearer ? std::string(authorization.substr(7)) : request.cookie(kSessionCookie);
  const auto tenant = token_tenant(token);
  if (!tenant) return std::nullopt;
  const auto hash = token_hash(token);
  if (auto principal = cached(hash)) return principal;
  return bearer ? from_api_token(*tenant, hash) : from_session(*tenant, hash);
}

std::optional<Principal> Sessions::cached(const std::string& hash) {
  std::lock_guard lock(cache_mutex_);
  auto it = cache_.find(hash);
  if (it == cache_.end()) return std::nullopt;
  const bool fresh = std::chrono::steady_clock::now() - it->second.cached_at < policy_.cache_ttl;
  if (!fresh || (!it->second.expires_at.empty() && it->second.expires_at <= util::now_utc())) {
    cache_.erase(it);
    return std::nullopt;
  }
  return it->second.principal;
}

void Sessions::remember(const std::string& hash, const Principal& principal, std::string expires_at) {
  std::lock_guard lock(cache_mutex_);
  if (cache_.size() >= 10'000) cache_.clear();  // a bound, not an eviction policy: entries live seconds
  cache_[hash] = {principal, std::move(expires_at), std::chrono::steady_clock::now()};
}

void Sessions::forget(const std::string& hash) {
  std::lock_guard lock(cache_mutex_);
  cache_.erase(hash);
}

std::optional<Principal> Sessions::from_session(std::int64_t tenant, const std::string& hash) {
  const auto now = util::now_utc();
  const auto idle_cutoff = util::utc_in(-policy_.idle_timeout);
  std::optional<Principal> principal;
  auto found = db_.read([&](db::Tx& tx) {
    auto r = tx.query(std::string("SELECT s.id, s.last_seen_at, s.expires_at, ") + kPrincipalColumns +
                          " FROM sessions s JOIN accounts a ON a.tenant_id = s.tenant_id AND a.id = s.account_id"
                          " JOIN tenants t ON t.id = s.tenant_id"
                          " WHERE s.tenant_id = $1 AND s.token_hash = $2 AND a.active = 1",
                      tenant, hash);
    if (!r.empty()) principal = principal_of(tx, tenant, r.rows[0], 3, Credential::session_cookie);
    return r;
  });
  if (found.empty()) return std::nullopt;
  const auto& row = found.rows[0];
  const auto last_seen = row.text(1);
  if (row.text(2) <= now || last_seen <= idle_cutoff) return std::nullopt;
  if (last_seen <= util::utc_in(-policy_.touch_interval)) {
    db_.write([&](db::Tx& tx) {
      tx.query("UPDATE sessions SET last_seen_at = $3 WHERE tenant_id = $1 AND id = $2", tenant, row.int64(0), now);
    });
  }
  remember(hash, *principal, row.text(2));
  return principal;
}

std::optional<Principal> Sessions::from_api_token(std::int64_t tenant, const std::string& hash) {
  std::optional<Principal> principal;
  auto found = db_.read([&](db::Tx& tx) {
    auto r = tx.query(std::string("SELECT k.id, k.last_used_at, k.revoked_at, ") + kPrincipalColumns +
                          " FROM api_tokens k JOIN accounts a ON a.tenant_id = k.tenant_id AND a.id = k.account_id"
                          " JOIN tenants t ON t.id = k.tenant_id"
                          " WHERE k.tenant_id = $1 AND k.token_hash = $2 AND a.active = 1",
                      tenant, hash);
    if (!r.empty()) principal = principal_of(tx, tenant, r.rows[0], 3, Credential::api_token);
    return r;
  });
  if (found.empty() || !found.rows[0].is_null(2)) return std::nullopt;
  const auto& row = found.rows[0];
  const auto last_used = row.opt_text(1);
  if (!last_used || *last_used <= util::utc_in(-policy_.touch_interval)) {
    db_.write([&](db::Tx& tx) {
      tx.query("UPDATE api_tokens SET last_used_at = $3 WHERE tenant_id = $1 AND id = $2", tenant, row.int64(0), util::now_utc());
    });
  }
  remember(hash, *principal, "");
  return principal;
}

void Sessions::logout(const Principal& who, const http::Request& request) {
  const auto hash = token_hash(request.cookie(kSessionCookie));
  forget(hash);
  db_.write([&](db::Tx& tx) {
    tx.query("DELETE FROM sessions WHERE tenant_id = $1 AND token_hash = $2", who.tenant_id, hash);
    audit::record(tx, audit::actor_of(who, request), {"logout", "account", who.account_id, {}});
  });
}

std::string Sessions::issue_api_token(const std::string& tenant_code, const std::string& username) {
  return db_.write([&](db::Tx& tx) {
    const auto tenant = org::resolve_tenant(tx, tenant_code);
    auto account = tx.query("SELECT id FROM accounts WHERE tenant_id = $1 AND username = $2", tenant.id, username);
    if (account.empty()) throw http::invalid("username", "用户不存在：" + username);
    const auto account_id = account.rows[0].int64(0);
    auto token = new_token(tenant.id);
    tx.query("INSERT INTO api_tokens (tenant_id, token_hash, account_id, created_at) VALUES ($1, $2, $3, $4)", tenant.id,
             token_hash(token), account_id, util::now_utc());
    audit::record(tx, audit::system_actor(tenant.id, "token create"), {"create", "api_token", account_id, {{"username", username}}});
    return token;
  });
}

std::string Sessions::session_cookie(const std::string& token) const {
  return std::string(kSessionCookie) + "=" + token + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" +
         std::to_string(policy_.absolute_timeout.count()) + (policy_.secure_cookie ? "; Secure" : "");
}

std::string Sessions::expired_cookie() const {
  return std::string(kSessionCookie) + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0" +
         (policy_.secure_cookie ? "; Secure" : "");
}

}  // namespace jiguan::auth
