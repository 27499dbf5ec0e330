// Text helpers shared by the domain validators.
#pragma once

#include <cstddef>
#include <string_view>

namespace jiguan::util {

// Length in characters (code points) of UTF-8 text, as users count a name's length.
inline std::size_t utf8_length(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

}  // namespace jiguan::util
