#include "modules/meetings/rules.hpp"

#include <array>

namespace jiguan::meetings {

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
