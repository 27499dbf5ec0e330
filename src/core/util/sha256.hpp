// SHA-256 (libsodium, as the audit chain and session tokens use it) as lower-case hex: the
// form stored for token hashes and for the signature of a closed mail day.
#pragma once

#include <string>
#include <string_view>

namespace jiguan::util {

std::string sha256_hex(std::string_view data);

}  // namespace jiguan::util
