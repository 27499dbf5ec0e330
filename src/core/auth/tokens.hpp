// Session and API tokens: "<tenant_id>.<43 random base64url chars>" (256 bits). The tenant
// prefix lets a lookup use the (tenant_id, token_hash) key; only the SHA-256 of a token is
// ever stored, so a database copy does not hand out sessions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace jiguan::auth {

std::string new_token(std::int64_t tenant_id);
std::string token_hash(std::string_view token);  // lower-case hex SHA-256
std::optional<std::int64_t> token_tenant(std::string_view token);  // nullopt when malformed

}  // namespace jiguan::auth
