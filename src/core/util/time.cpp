#include "core/util/time.hpp"

#include <charconv>
#include <ctime>
#include <cstdio>

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

namespace {

// The digits at text[at, at+n) as a number, or -1.
int digits(std::string_view text, std::size_t at, std::size_t n) {
  if (at + n > text.size()) return -1;
  int v = 0;
  const auto [end, ec] = std::from_chars(text.data() + at, text.data() + at + n, v);
  return ec == std::errc() && end == text.data() + at + n ? v : -1;
}

bool char_at(std::string_view text, std::size_t at, char c) { return at < text.size() && text[at] == c; }

}  // namespace

std::optional<Instant> parse_instant(std::string_view text) {
  using namespace std::chrono;
  if (!char_at(text, 4, '-') || !char_at(text, 7, '-') || !(char_at(text, 10, 'T') || char_at(text, 10, ' ')) ||
      !char_at(text, 13, ':')) {
    return std::nullopt;
  }
  const int y = digits(text, 0, 4), mo = digits(text, 5, 2), d = digits(text, 8, 2), h = digits(text, 11, 2),
            mi = digits(text, 14, 2);
  std::size_t at = 16;
  int s = 0;
  if (char_at(text, at, ':')) {
    s = digits(text, at + 1, 2);
    at += 3;
  }
  if (y < 0 || mo < 0 || d < 0 || h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0 || s > 59) return std::nullopt;
  const year_month_day day{year{y}, month{static_cast<unsigned>(mo)}, std::chrono::day{static_cast<unsigned>(d)}};
  if (!day.ok()) return std::nullopt;
  int offset_minutes = 0;
  if (text.substr(at) == "Z") {
    // UTC
  } else if ((char_at(text, at, '+') || char_at(text, at, '-')) && text.size() == at + 6 && char_at(text, at + 3, ':')) {
    const int oh = digits(text, at + 1, 2), om = digits(text, at + 4, 2);
    if (oh < 0 || oh > 14 || om < 0 || om > 59) return std::nullopt;
    offset_minutes = (text[at] == '-' ? -1 : 1) * (oh * 60 + om);
  } else {
    return std::nullopt;
  }
  return sys_days(day) + hours(h) + minutes(mi) + seconds(s) - minutes(offset_minutes);
}

std::string to_utc_text(Instant t) { return to_iso_utc(t); }

Instant now_instant() { return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()); }

std::string china_today() { return china_date(now_instant()); }

std::string china_date(Instant t) {
  const std::chrono::year_month_day day{std::chrono::floor<std::chrono::days>(t + kChinaOffset)};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(day.year()), static_cast<unsigned>(day.month()),
                static_cast<unsigned>(day.day()));
  return buf;
}

}  // namespace jiguan::util
