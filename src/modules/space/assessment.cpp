#include <algorithm>
#include <numeric>

#include "modules/space/space.hpp"

namespace jiguan::space {

std::string_view grade_name(Grade grade) {
  switch (grade) {
    case Grade::vacant: return "vacant";
    case Grade::unknown: return "unknown";
    case Grade::compliant: return "compliant";
    case Grade::within_tolerance: return "within_tolerance";
    case Grade::amber: return "amber";
    case Grade::red: return "red";
  }
  return "unknown";
}

std::string_view grade_colour(Grade grade) {
  switch (grade) {
    case Grade::compliant:
    case Grade::within_tolerance: return "green";
    case Grade::amber: return "amber";
    case Grade::red: return "red";
    default: return "grey";
  }
}

std::string area_text(std::int64_t hundredths) {
  const auto sign = hundredths < 0 ? "-" : "";
  const auto a = hundredths < 0 ? -hundredths : hundredths;
  const auto cents = a % 100;
  return sign + std::to_string(a / 100) + (cents < 10 ? ".0" : ".") + std::to_string(cents);
}

Grade grade_of(std::int64_t area, std::int64_t entitlement, const Settings& settings) {
  if (area <= entitlement) return Grade::compliant;
  const auto excess = area - entitlement;
  // Compared exactly in integers: excess / entitlement against pct / 100.
  if (excess * 100 <= entitlement * settings.amber_from_pct) return Grade::within_tolerance;
  if (excess * 100 >= entitlement * settings.red_from_pct) return Grade::red;
  return Grade::amber;
}

namespace {

std::string band_rule(Grade grade, const Settings& s) {
  const auto amber = std::to_string(s.amber_from_pct) + "%";
  const auto red = std::to_string(s.red_from_pct) + "%";
  switch (grade) {
    case Grade::within_tolerance:
      return "超标不超过 " + amber + "：无其他用房可调整时可暂保留（本级容差设置）";
    case Grade::amber:
      return "超标 " + amber + "–" + red + "：结合维修改造或岗位变动整改（本级容差设置）";
    case Grade::red:
      return "超标 " + red + " 及以上：须整改，腾退超标面积（《机关事务管理条例》第二十二条）";
    default: return "";
  }
}

}  // namespace

Assessment assess_office(std::int64_t area, const std::vector<OccupantStandard>& occupants, const Settings& settings) {
  Assessment a;
  a.area = area;
  if (occupants.empty()) {
    a.grade = Grade::vacant;
    a.rule = "无人使用的办公室（空置）";
    return a;
  }
  const bool all_known = std::all_of(occupants.begin(), occupants.end(), [](const auto& o) { return o.standard != nullptr; });
  std::string parts;
  for (const auto& o : occupants) {
    Share s{o.person_id, o.name, std::nullopt, "", 0};
    if (o.standard) {
      s.limit_area = o.standard->limit_area;
      s.grade_label = o.standard->grade_label;
      a.entitlement += o.standard->limit_area;
    }
    if (!parts.empty()) parts += " + ";
    parts += o.name + (o.standard ? "（" + o.standard->grade_label + " " + area_text(o.standard->limit_area) + "）" : "（无标准）");
    a.shares.push_back(std::move(s));
  }
  if (!all_known) {
    a.grade = Grade::unknown;
    a.entitlement = 0;
    a.rule = "使用人中有职级不在所适用标准内：" + parts + "，无法核定";
    return a;
  }
  // Shares in proportion to the standards; the rounding remainder goes to the first.
  std::int64_t given = 0;
  for (auto& s : a.shares) {
    s.share_area = area * *s.limit_area / a.entitlement;
    given += s.share_area;
  }
  a.shares.front().share_area += area - given;

  a.grade = grade_of(area, a.entitlement, settings);
  if (area > a.entitlement) {
    a.excess_area = area - a.entitlement;
    a.excess_permille = a.excess_area * 1000 / a.entitlement;
  }
  const auto& regulation = occupants.front().standard->regulation;
  a.rule = "使用面积 " + area_text(area) + " m²" + (area <= a.entitlement ? " ≤ " : " > ") + "核定面积 " +
           area_text(a.entitlement) + " m²（" + parts + "），依据" + regulation;
  if (a.grade != Grade::compliant) {
    a.rule += "；超标 " + area_text(a.excess_area) + " m²（" + std::to_string(a.excess_permille / 10) + "." +
              std::to_string(a.excess_permille % 10) + "%），" + band_rule(a.grade, settings);
  }
  return a;
}

}  // namespace jiguan::space
