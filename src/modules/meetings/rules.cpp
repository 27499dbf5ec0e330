#include "modules/meetings/rules.hpp"

#include <array>
#include <charconv>

#include "core/util/time.hpp"

namespace jiguan::meetings {

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

std::string to_utc_text(Instant t) { return util::to_iso_utc(t); }

Interval blocked_interval(Instant start, Instant end, std::int64_t setup_minutes, std::int64_t cleanup_minutes) {
  return {start - std::chrono::minutes(setup_minutes), end + std::chrono::minutes(cleanup_minutes)};
}

bool overlaps(const Interval& a, const Interval& b) { return a.from < b.to && b.from < a.to; }

std::set<std::int64_t> rooms_tied_to(std::int64_t room_id, const Combinations& combinations) {
  const auto atoms = [&](std::int64_t id) {
    const auto it = combinations.find(id);
    return it == combinations.end() ? std::set<std::int64_t>{id} : it->second;
  };
  const auto mine = atoms(room_id);
  std::set<std::int64_t> tied{room_id};
  for (const auto id : mine) tied.insert(id);  // the parts
  for (const auto& [combination, parts] : combinations) {
    for (const auto part : parts) {
      if (mine.contains(part)) tied.insert(combination);  // a combination sharing a part
    }
  }
  return tied;
}

bool is_layout(std::string_view layout) {
  return layout == "boardroom" || layout == "theatre" || layout == "classroom" || layout == "u_shape";
}

bool is_meeting_type(std::string_view type) {
  constexpr std::array<std::string_view, 5> types = {"regular", "leadership", "congress", "training", "external"};
  for (const auto t : types) {
    if (type == t) return true;
  }
  return false;
}

bool role_may_book(const std::set<std::string>& booking_roles, const std::string& role) {
  return booking_roles.empty() || booking_roles.contains(role);
}

}  // namespace jiguan::meetings
