// iCalendar (RFC 5545) text for the subscription feeds: Outlook and Thunderbird poll a URL
// and read a VCALENDAR of VEVENTs. Pure functions, so the fiddly parts (TEXT escaping, line
// folding at 75 octets without cutting a UTF-8 character) are unit-tested alone.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "modules/meetings/rules.hpp"

namespace jiguan::meetings::ical {

// TEXT value escaping (RFC 5545 §3.3.11): backslash, semicolon, comma and newlines.
std::string escape_text(std::string_view text);
// One content line folded to at most 75 octets per physical line (§3.1): continuation lines
// start with a space; a cut never falls inside a UTF-8 character. Ends with CRLF.
std::string content_line(std::string_view line);
// 20260302T010000Z (§3.3.5, UTC form).
std::string utc_stamp(Instant t);

struct Event {
  std::string uid;
  Instant start{};
  Instant end{};
  std::string summary;
  std::string location;
  std::string description;
  bool tentative = false;     // STATUS:TENTATIVE (pending approval), else CONFIRMED
  std::int64_t sequence = 0;  // grows with each change, so clients replace their copy
};

// A whole VCALENDAR named `name` (X-WR-CALNAME), stamped `now`.
std::string calendar(std::string_view name, Instant now, const std::vector<Event>& events);

}  // namespace jiguan::meetings::ical
