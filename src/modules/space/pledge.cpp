// The pledge (承诺书) a unit's head signs at the end of its self-inspection, as one A4 page.
// The wording follows the seed's 《罗庄区党政机关办公用房整改和公务用车使用管理工作达标承诺书》,
// made generic: the unit pledges that its figures are true, that over-standard offices are put
// right and that no office space is let or lent (《党政机关办公用房管理办法》,《机关事务管理条例》第二十三条).
#include <string>
#include <vector>

#include "core/pdf/pdf.hpp"
#include "modules/space/campaigns.hpp"
#include "modules/space/space.hpp"

namespace jiguan::space {

namespace {

// "2026年5月20日" for "2026-05-20".
std::string chinese_day(const std::string& day) {
  return day.substr(0, 4) + "年" + std::to_string(std::stoi(day.substr(5, 2))) + "月" + std::to_string(std::stoi(day.substr(8, 2))) + "日";
}

}  // namespace

std::string render_pledge(const PledgeText& p) {
  using pdf::kPointsPerMm;
  constexpr double left = 25 * kPointsPerMm, width = pdf::kA4Width - 50 * kPointsPerMm;
  const std::string title = "办公用房整改达标承诺书";
  pdf::Document doc(pdf::kA4Width, pdf::kA4Height, title);
  double y = 30 * kPointsPerMm;
  y += doc.text(left, y, width, title, {.size = 20, .bold = true}) + 4 * kPointsPerMm;
  y += doc.text(left, y, width, "（" + p.campaign_name + "）", {.size = 11, .max_lines = 2}) + 10 * kPointsPerMm;
  const std::vector<std::string> paragraphs = {
      p.unit_name + "承诺：",
      "本单位已按照《党政机关办公用房管理办法》和《党政机关办公用房建设标准》的要求，对本单位使用的办公用房进行了全面自查，"
      "所报情况真实、准确、完整。",
      "一、本单位现有办公室 " + std::to_string(p.rooms) + " 间，使用面积 " + area_text(p.area) + " 平方米，按人员职级核定面积 " +
          area_text(p.entitlement) + " 平方米；超过标准的办公室 " + std::to_string(p.over_standard_rooms) + " 间。",
      "二、超标准配备、使用的办公用房按要求整改到位，不再新增超标准、超面积配备和使用办公用房。",
      "三、不出租、出借办公用房，不擅自改变办公用房使用功能，领导干部在不同部门同时任职的按规定使用办公用房。",
      "四、自觉接受督查和社会监督，如有不实或整改不到位，本单位及负责人愿承担相应责任。"};
  for (const auto& text : paragraphs) y += doc.text(left, y, width, text, {.size = 12, .max_lines = 6}) + 5 * kPointsPerMm;

  y += 15 * kPointsPerMm;
  const double sign_x = left + width * 0.45, sign_w = width * 0.55;
  doc.text(sign_x, y, sign_w, "承诺单位：" + p.unit_name, {.size = 12, .max_lines = 2});
  y += 12 * kPointsPerMm;
  doc.text(sign_x, y, sign_w, "单位负责人（签字）：" + p.signer_name, {.size = 12});
  if (!p.signature_png.empty()) {
    y += 8 * kPointsPerMm;
    doc.png(sign_x, y, 60 * kPointsPerMm, 20 * kPointsPerMm, p.signature_png);
    y += 20 * kPointsPerMm;
  }
  y += 10 * kPointsPerMm;
  doc.text(sign_x, y, sign_w, "日期：" + (p.signed_on.empty() ? std::string("    年  月  日") : chinese_day(p.signed_on)),
           {.size = 12});
  return doc.finish();
}

}  // namespace jiguan::space
