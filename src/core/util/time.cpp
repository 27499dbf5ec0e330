#include "core/util/time.hpp"

#include <ctime>

namespace jiguan::util {

std::string to_iso_utc(std::chrono::system_clock::time_point t) {
  const std::time_t secs = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string now_utc() { return to_iso_utc(std::chrono::system_clock::now()); }

std::string utc_in(std::chrono::seconds from_now) { return to_iso_utc(std::chrono::system_clock::now() + from_now); }

}  // namespace jiguan::util
