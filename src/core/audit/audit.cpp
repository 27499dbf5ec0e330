#include "core/audit/audit.hpp"

#include <sodium.h>

#include <boost/json/serialize.hpp>

#include "core/util/time.hpp"

namespace jiguan::audit {
namespace {

constexpr const char* kChainColumns =
    "id, at, actor_account_id, actor, action, entity, entity_id, diff, request_id, client_addr, prev_hash, hash";

// SHA-256 over the predecessor's hash and the row's fields, each followed by a unit
// separator so that no two different rows serialise alike.
std::string link_hash(std::int64_t tenant_id, const db::Row& row, const std::string& prev_hash) {
  crypto_hash_sha256_state state;
  crypto_hash_sha256_init(&state);
  auto feed = [&](const std::string& s) {
    crypto_hash_sha256_update(&state, reinterpret_cast<const unsigned char*>(s.data()), s.size());
    crypto_hash_sha256_update(&state, reinterpret_cast<const unsigned char*>("\x1f"), 1);
  };
  feed(prev_hash);
  feed(std::to_string(tenant_id));
  for (std::size_t i = 0; i < 10; ++i) feed(row.is_null(i) ? std::string("\x00", 1) : row.text(i));
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(&state, digest);
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

// Appends row `id` (already inserted, hash '') to the tenant's chain. Updating the head
// first takes its row lock on PostgreSQL, so concurrent writers of a tenant chain in turn.
void link(db::Tx& tx, std::int64_t tenant_id, std::int64_t id) {
  tx.query("INSERT INTO audit_heads (tenant_id, last_id, last_hash) VALUES ($1, 0, '') ON CONFLICT (tenant_id) DO NOTHING",
           tenant_id);
  const auto prev = tx.query("UPDATE audit_heads SET last_id = last_id WHERE tenant_id = $1 RETURNING last_hash", tenant_id)
                        .one()
                        .text(0);
  tx.query("UPDATE audit_log SET prev_hash = $3 WHERE tenant_id = $1 AND id = $2", tenant_id, id, prev);
  const auto row = tx.query(std::string("SELECT ") + kChainColumns + " FROM audit_log WHERE tenant_id = $1 AND id = $2",
                            tenant_id, id)
                       .one();
  const auto hash = link_hash(tenant_id, row, prev);
  tx.query("UPDATE audit_log SET hash = $3 WHERE tenant_id = $1 AND id = $2", tenant_id, id, hash);
  tx.query("UPDATE audit_heads SET last_id = $2, last_hash = $3 WHERE tenant_id = $1", tenant_id, id, hash);
}

}  // namespace

Actor actor_of(const auth::Principal& who, const http::Request& request) {
  return {who.tenant_id, who.account_id, who.username, request.request_id, request.client_addr};
}

Actor system_actor(std::int64_t tenant_id, std::string command) {
  return {tenant_id, std::nullopt, "system", std::move(command), "local"};
}

void record(db::Tx& tx, const Actor& actor, const Entry& entry) {
  const auto id = tx.query("INSERT INTO audit_log (tenant_id, at, actor_account_id, actor, action, entity, entity_id, diff, "
                           "request_id, client_addr) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
                           actor.tenant_id, util::now_utc(), actor.account_id, actor.name, entry.action, entry.entity,
                           entry.entity_id, boost::json::serialize(entry.diff), actor.request_id, actor.client_addr)
                      .one()
                      .int64(0);
  link(tx, actor.tenant_id, id);
}

Verification verify(db::Database& db, std::int64_t tenant_id) {
  Verification result;
  db.read([&](db::Tx& tx) {
    std::string prev;
    std::int64_t after = 0;
    // In pages by id, so a long trail is not held in memory at once.
    for (;;) {
      auto page = tx.query(std::string("SELECT ") + kChainColumns +
                               " FROM audit_log WHERE tenant_id = $1 AND id > $2 ORDER BY id LIMIT 1000",
                           tenant_id, after);
      for (const auto& row : page.rows) {
        const auto id = row.int64(0);
        ++result.checked;
        if (row.text(10) != prev || row.text(11) != link_hash(tenant_id, row, prev)) {
          result.ok = false;
          result.first_bad_id = id;
          return;
        }
        prev = row.text(11);
        after = id;
      }
      if (page.rows.size() < 1000) break;
    }
    // Rows removed from the end leave the head pointing past the last row.
    auto head = tx.query("SELECT last_id, last_hash FROM audit_heads WHERE tenant_id = $1", tenant_id);
    const bool head_matches = head.empty() ? after == 0 : head.rows[0].int64(0) == after && head.rows[0].text(1) == prev;
    if (!head_matches) {
      result.ok = false;
      result.first_bad_id = head.empty() ? after : head.rows[0].int64(0);
    }
  });
  return result;
}

void chain_unchained_rows(db::Database& db) {
  db.write([](db::Tx& tx) {
    for (const auto& row : tx.query("SELECT tenant_id, id FROM audit_log WHERE hash = '' ORDER BY tenant_id, id").rows) {
      link(tx, row.int64(0), row.int64(1));
    }
  });
}

boost::json::object diff(const boost::json::object& before, const boost::json::object& after) {
  boost::json::object out;
  for (const auto& [key, value] : after) {
    auto it = before.find(key);
    if (it == before.end() || it->value() != value) {
      out[key] = {{"from", it == before.end() ? boost::json::value() : it->value()}, {"to", value}};
    }
  }
  return out;
}

}  // namespace jiguan::audit
