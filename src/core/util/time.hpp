// Times are stored and exchanged as ISO-8601 UTC text with a fixed shape
// ("2026-11-28T00:46:40Z"), so that text order is time order on both databases.
#pragma once

#include <chrono>
#include <string>

namespace jiguan::util {

std::string to_iso_utc(std::chrono::system_clock::time_point t);
std::string now_utc();
std::string utc_in(std::chrono::seconds from_now);  // negative = in the past

}  // namespace jiguan::util
