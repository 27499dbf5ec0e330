#include "core/auth/tokens.hpp"

#include <sodium.h>

#include <charconv>
#include <stdexcept>

#include "core/util/sha256.hpp"

namespace jiguan::auth {

std::string new_token(std::int64_t tenant_id) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
  unsigned char random[32];
  randombytes_buf(random, sizeof random);
  char encoded[sodium_base64_ENCODED_LEN(32, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
  sodium_bin2base64(encoded, sizeof encoded, random, sizeof random, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  return std::to_string(tenant_id) + "." + encoded;
}

std::string token_hash(std::string_view token) { return util::sha256_hex(token); }

std::optional<std::int64_t> token_tenant(std::string_view token) {
  const auto dot = token.find('.');
  if (dot == std::string_view::npos || dot == 0 || token.size() - dot - 1 != 43) return std::nullopt;
  std::int64_t tenant = 0;
  auto [end, ec] = std::from_chars(token.data(), token.data() + dot, tenant);
  if (ec != std::errc() || end != token.data() + dot || tenant <= 0) return std::nullopt;
  return tenant;
}

}  // namespace jiguan::auth
