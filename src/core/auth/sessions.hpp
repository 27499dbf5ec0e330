// Signing in and recognising who is calling.
//
// A browser signs in with username + password and gets an HttpOnly, SameSite=Strict cookie
// holding a session token; scripts use "Authorization: Bearer <api token>". Sessions expire
// after idle_timeout without use and absolutely after absolute_timeout. After max_failures
// consecutive wrong passwords an account is locked for lock_duration (423), even for the
// right password. Password checks run outside any transaction: the single SQLite writer is
// never held for the ~150 ms of an argon2id verification.
#pragma once

#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "core/auth/principal.hpp"
#include "core/db/db.hpp"
#include "core/http/message.hpp"

namespace jiguan::auth {

struct SessionPolicy {
  std::chrono::seconds idle_timeout{30 * 60};
  std::chrono::seconds absolute_timeout{12 * 60 * 60};
  std::chrono::seconds touch_interval{60};  // last_seen is written at most this often
  // A validated credential is remembered in memory this long, so most requests need no
  // database lookup to authenticate. Logout takes effect at once; other changes to an
  // account (deactivation, role) reach its open sessions within this time.
  std::chrono::seconds cache_ttl{5};
  int max_failures = 5;
  std::chrono::seconds lock_duration{15 * 60};
  bool secure_cookie = false;  // add "Secure" (set when served over HTTPS)
};

inline constexpr const char* kSessionCookie = "jiguan_session";

struct LoginResult {
  Principal principal;
  std::string token;
};

class Sessions {
 public:
  Sessions(db::Database& db, SessionPolicy policy = {}) : db_(db), policy_(policy) {}

  // An account named by username, or by id when id is set.
  struct AccountKey {
    std::string username;
    std::optional<std::int64_t> id;
  };
  // Checks the password of an active account of the tenant — at login, and wherever a person
  // confirms an act with their own credential (a signature at the mail room's counter). A
  // wrong password counts toward the account's lock and is audited (login_failed); a locked
  // account answers 423 account_locked. Returns the account id, or nullopt when the account
  // or the password is wrong (without telling which).
  std::optional<std::int64_t> check_password(std::int64_t tenant_id, const AccountKey& key, const std::string& password,
                                             const http::Request& request);
  // Throws http::ApiError: 401 invalid_credentials, 423 account_locked, 422 tenant.
  LoginResult login(const std::string& tenant_code, const std::string& username, const std::string& password,
                    const http::Request& request);
  // The caller of a request, from its Bearer token or its session cookie; nullopt if none
  // is valid. Sets principal.credential accordingly.
  std::optional<Principal> authenticate(const http::Request& request);
  void logout(const Principal& who, const http::Request& request);
  // A new API token for an account, shown once; only its hash is kept.
  std::string issue_api_token(const std::string& tenant_code, const std::string& username);

  std::string session_cookie(const std::string& token) const;  // Set-Cookie value
  std::string expired_cookie() const;

 private:
  std::optional<Principal> from_session(std::int64_t tenant, const std::string& hash);
  std::optional<Principal> from_api_token(std::int64_t tenant, const std::string& hash);
  std::optional<Principal> cached(const std::string& hash);
  void remember(const std::string& hash, const Principal& principal, std::string expires_at);
  void forget(const std::string& hash);

  struct CacheEntry {
    Principal principal;
    std::string expires_at;  // absolute expiry, checked on every use
    std::chrono::steady_clock::time_point cached_at;
  };
  db::Database& db_;
  SessionPolicy policy_;
  std::mutex cache_mutex_;
  std::unordered_map<std::string, CacheEntry> cache_;  // by token hash
};

}  // namespace jiguan::auth
