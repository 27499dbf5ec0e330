// Times are stored and exchanged as ISO-8601 UTC text with a fixed shape
// ("2026-11-28T00:46:40Z"), so that text order is time order on both databases.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace jiguan::util {

std::string to_iso_utc(std::chrono::system_clock::time_point t);
std::string now_utc();
std::string utc_in(std::chrono::seconds from_now);  // negative = in the past

using Instant = std::chrono::sys_seconds;
// "2026-03-02T09:00:00+08:00", "…Z" or without seconds; nullopt unless a valid time with an
// explicit offset (a time without one would be ambiguous).
std::optional<Instant> parse_instant(std::string_view text);
std::string to_utc_text(Instant t);  // "2026-03-02T01:00:00Z", the stored form
Instant now_instant();               // now, to the second

// China Standard Time (UTC+8, no daylight saving): the day a ledger counts an event by.
inline constexpr std::chrono::hours kChinaOffset{8};
std::string china_date(Instant t);  // "2026-03-02"
std::string china_today();          // china_date(now_instant())

}  // namespace jiguan::util
