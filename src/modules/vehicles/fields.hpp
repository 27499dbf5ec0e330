// Small helpers the vehicles module's domain files share for checking input fields and
// showing nullable columns as JSON.
#pragma once

#include <boost/json/value.hpp>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/calendar/calendar.hpp"
#include "core/db/db.hpp"
#include "core/http/api_error.hpp"
#include "core/util/text.hpp"

namespace jiguan::vehicles {

// Today on the bureau's clock (UTC+8): business days are local days.
inline std::string local_today() {
  using namespace std::chrono;
  return calendar::format_date(calendar::Date{floor<days>(system_clock::now() + hours(8))});
}

// A business day (YYYY-MM-DD, a real date), else 422 naming the field.
inline void check_day(const std::string& field, const std::string& day) {
  if (!calendar::parse_date(day)) throw http::invalid(field, "日期应为 YYYY-MM-DD 格式的有效日期");
}

// A day that has happened: valid and not after today (UTC+8).
inline void check_past_day(const std::string& field, const std::string& day) {
  check_day(field, day);
  if (day > local_today()) throw http::invalid(field, "日期不能晚于今天");
}

inline void check_chars(const std::string& field, const std::string& value, std::size_t min, std::size_t max,
                        const std::string& what) {
  const auto n = util::utf8_length(value);
  if (n < min || n > max) {
    throw http::invalid(field, what + "应为 " + std::to_string(min) + " 到 " + std::to_string(max) + " 个字符");
  }
}

inline void check_range(const std::string& field, std::int64_t value, std::int64_t min, std::int64_t max,
                        const std::string& what) {
  if (value < min || value > max) {
    throw http::invalid(field, what + "应在 " + std::to_string(min) + " 到 " + std::to_string(max) + " 之间");
  }
}

// Energy types of vehicles and standards: fuel (燃油, hybrids included) or new_energy (新能源).
inline bool is_energy_type(std::string_view type) { return type == "fuel" || type == "new_energy"; }
inline std::string energy_label(std::string_view type) { return type == "new_energy" ? "新能源" : type == "fuel" ? "燃油" : ""; }

// A patch's value for a field, or the current one when the patch leaves it alone.
template <class T>
T patched(const std::optional<T>& change, const T& current) {
  return change ? *change : current;
}

// A nullable column as JSON (null for NULL).
inline boost::json::value nullable_text(const db::Row& row, std::size_t i) {
  return row.is_null(i) ? boost::json::value() : boost::json::value(row.text(i));
}
inline boost::json::value nullable_int(const db::Row& row, std::size_t i) {
  return row.is_null(i) ? boost::json::value() : boost::json::value(row.int64(i));
}

}  // namespace jiguan::vehicles
