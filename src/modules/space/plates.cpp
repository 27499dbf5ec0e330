// The printed door plates and floor directory (PDF, src/core/pdf).
#include <algorithm>

#include "core/pdf/pdf.hpp"
#include "modules/space/directory.hpp"

namespace jiguan::space {
namespace {

using pdf::kPointsPerMm;

std::string joined(const std::vector<std::string>& parts, const char* separator) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : separator) + p;
  return out;
}

}  // namespace

std::string door_plates_pdf(const std::vector<PlateRoom>& rooms, const std::string& base, const std::string& tenant_code) {
  pdf::Document doc(pdf::kA4Width, pdf::kA4Height, "门牌");
  // Two A5-landscape plates per A4 page, each framed by its cut line.
  const double plate_h = pdf::kA4Height / 2, frame = 8 * kPointsPerMm, pad = 10 * kPointsPerMm;
  const double qr_side = 46 * kPointsPerMm, url_w = qr_side + 22 * kPointsPerMm;
  for (std::size_t i = 0; i < rooms.size(); ++i) {
    if (i > 0 && i % 2 == 0) doc.next_page();
    const auto& room = rooms[i];
    const double top = (i % 2) * plate_h + frame, left = frame, right = pdf::kA4Width - frame;
    doc.outline(left, top, right - left, plate_h - 2 * frame);
    double text_right = right - pad;
    if (room.public_listed) {
      const auto url = public_room_url(base, room.id, tenant_code);
      doc.qr(right - pad - qr_side, top + pad, qr_side, url);
      doc.text(right - pad - url_w, top + pad + qr_side + 2, url_w, url, {7, false, 2});
      text_right = right - pad - url_w - 4 * kPointsPerMm;
    }
    const double x = left + pad, width = text_right - x;
    double y = top + pad;
    y += doc.text(x, y, width, room.building + " · " + room.floor, {11}) + 4;
    y += doc.text(x, y, width, room.number, {60, true}) + 6;
    if (!room.unit_name.empty()) y += doc.text(x, y, width, room.unit_name, {22, true, 2}) + 6;
    y += doc.text(x, y, width, room.name, {16, false, 2}) + 8;
    if (!room.occupants.empty()) doc.text(x, y, width, joined(room.occupants, "　"), {14, false, 2});
  }
  return doc.finish();
}

std::string floor_directory_pdf(const FloorDirectory& directory, const std::string& directory_url) {
  pdf::Document doc(pdf::kA4Width, pdf::kA4Height, directory.building + " 楼层索引");
  const double margin = 20 * kPointsPerMm, width = pdf::kA4Width - 2 * margin, bottom = pdf::kA4Height - margin;
  const double qr_side = 30 * kPointsPerMm;
  double y = margin;
  const double head_w = directory_url.empty() ? width : width - qr_side - 6 * kPointsPerMm;
  y += doc.text(margin, y, head_w, directory.building + " 楼层索引", {22, true, 2}) + 4;
  if (!directory.address.empty()) y += doc.text(margin, y, head_w, directory.address, {10}) + 2;
  if (!directory_url.empty()) {
    const double qr_x = pdf::kA4Width - margin - qr_side;
    doc.qr(qr_x, margin, qr_side, directory_url);
    // The URL under the code, in a box wide enough for it to stay on one line.
    const double url_w = 80 * kPointsPerMm, url_x = pdf::kA4Width - margin - url_w;
    double url_y = margin + qr_side + 2;
    url_y += doc.text(url_x, url_y, url_w, "扫码查询楼宇目录", {8});
    url_y += doc.text(url_x, url_y, url_w, directory_url, {7, false, 2});
    y = std::max(y, url_y + 4);
  }
  y += 8;
  const double label_w = width * 0.6, numbers_x = margin + label_w + 4 * kPointsPerMm, numbers_w = width - label_w - 4 * kPointsPerMm;
  // A new page when the next line (at most its style's three lines) would cross the margin.
  const auto room_for = [&](double height) {
    if (y + height <= bottom) return;
    doc.next_page();
    y = margin;
  };
  for (const auto& floor : directory.floors) {
    room_for(14 * 1.4 + 11 * 1.4);  // a floor's heading is never the last line of a page
    y += doc.text(margin, y, width, floor.name, {14, true}) + 3;
    if (floor.lines.empty()) {
      y += doc.text(margin, y, width, "（无对外房间）", {10}) + 6;
      continue;
    }
    for (const auto& line : floor.lines) {
      room_for(11 * 1.4 * 3);
      const auto h1 = doc.text(margin + 4 * kPointsPerMm, y, label_w - 4 * kPointsPerMm, line.label, {11, false, 2});
      const auto h2 = doc.text(numbers_x, y, numbers_w, joined(line.numbers, "、"), {11, false, 3});
      y += std::max(h1, h2) + 2;
    }
    y += 6;
  }
  return doc.finish();
}

}  // namespace jiguan::space
