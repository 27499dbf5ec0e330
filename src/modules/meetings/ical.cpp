#include "modules/meetings/ical.hpp"

#include <chrono>
#include <cstdio>

namespace jiguan::meetings::ical {

std::string escape_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\\' || c == ';' || c == ',') {
      out += '\\';
      out += c;
    } else if (c == '\r') {
      out += "\\n";
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;  // CRLF is one newline
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

std::string content_line(std::string_view line) {
  constexpr std::size_t kMaxOctets = 75;
  const auto continuation = [](unsigned char c) { return (c & 0xC0) == 0x80; };
  std::string out;
  std::size_t limit = kMaxOctets;  // the first line has 75 octets; later ones 74 after the space
  while (line.size() > limit) {
    std::size_t cut = limit;
    while (cut > 0 && continuation(static_cast<unsigned char>(line[cut]))) --cut;
    out.append(line.substr(0, cut));
    out += "\r\n ";
    line.remove_prefix(cut);
    limit = kMaxOctets - 1;
  }
  out.append(line);
  out += "\r\n";
  return out;
}

std::string utc_stamp(Instant t) {
  const auto day = std::chrono::floor<std::chrono::days>(t);
  const std::chrono::year_month_day ymd{day};
  const std::chrono::hh_mm_ss hms{t - day};
  char out[20];
  std::snprintf(out, sizeof out, "%04d%02u%02uT%02d%02d%02dZ", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()), static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                static_cast<int>(hms.seconds().count()));
  return out;
}

std::string calendar(std::string_view name, Instant now, const std::vector<Event>& events) {
  std::string out;
  const auto line = [&](std::string_view property, std::string_view value) {
    out += content_line(std::string(property) + ":" + std::string(value));
  };
  line("BEGIN", "VCALENDAR");
  line("PRODID", "-//Jiguan//Meetings//ZH");
  line("VERSION", "2.0");
  line("CALSCALE", "GREGORIAN");
  line("METHOD", "PUBLISH");
  line("X-WR-CALNAME", escape_text(name));
  line("X-WR-TIMEZONE", "Asia/Shanghai");
  const auto stamp = utc_stamp(now);
  for (const auto& e : events) {
    line("BEGIN", "VEVENT");
    line("UID", e.uid);
    line("DTSTAMP", stamp);
    line("DTSTART", utc_stamp(e.start));
    line("DTEND", utc_stamp(e.end));
    line("SEQUENCE", std::to_string(e.sequence));
    line("SUMMARY", escape_text(e.summary));
    if (!e.location.empty()) line("LOCATION", escape_text(e.location));
    if (!e.description.empty()) line("DESCRIPTION", escape_text(e.description));
    line("STATUS", e.tentative ? "TENTATIVE" : "CONFIRMED");
    line("END", "VEVENT");
  }
  line("END", "VCALENDAR");
  return out;
}

}  // namespace jiguan::meetings::ical
