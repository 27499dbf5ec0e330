// Printed documents as PDF, written in memory (no temporary files): cairo's PDF surface for
// the pages, pango for text (CJK through "Noto Sans CJK SC", embedded as subsets, so the text
// stays searchable and copyable), QR codes from libqrencode drawn as vector squares.
// Document is the page-level writer; LabelSheet lays out a grid of labels (mail items,
// slots; later door plates, asset tags) on top of it.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace jiguan::pdf {

inline constexpr double kPointsPerMm = 72.0 / 25.4;
inline constexpr double kA4Width = 210 * kPointsPerMm;  // in points
inline constexpr double kA4Height = 297 * kPointsPerMm;
inline constexpr const char* kFontFamily = "Noto Sans CJK SC";

// A QR code's module matrix (error correction level M): size × size modules, dark[y * size + x].
struct QrMatrix {
  int version = 0;
  int size = 0;
  std::vector<bool> dark;
  bool at(int x, int y) const { return dark[static_cast<std::size_t>(y * size + x)]; }
};
// Throws std::invalid_argument when the text is empty or too long for a QR code.
QrMatrix qr_encode(std::string_view text);

struct TextStyle {
  double size = 9;  // points
  bool bold = false;
  int max_lines = 1;  // longer text wraps up to this many lines, then ends in "…"
};

// A PDF being written, one page after another; all coordinates in points from the top left.
class Document {
 public:
  explicit Document(double page_width = kA4Width, double page_height = kA4Height, const std::string& title = "");
  ~Document();
  Document(const Document&) = delete;
  Document& operator=(const Document&) = delete;

  // Draws text in a box `width` wide at (x, y); returns the height it took.
  double text(double x, double y, double width, const std::string& text, const TextStyle& style = {});
  // Draws the QR code of `data` as a square of side `side` with its 4-module quiet zone.
  void qr(double x, double y, double side, std::string_view data);
  // A thin light-grey outline (cut guides, frames).
  void outline(double x, double y, double width, double height);
  // Draws a PNG (a drawn signature) scaled to fit the box, keeping its proportions; throws
  // std::invalid_argument when the bytes are not a readable PNG.
  void png(double x, double y, double width, double height, std::string_view png_bytes);
  void next_page();
  // Ends the document and returns its bytes ("%PDF-…"); the document takes no more drawing.
  std::string finish();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// One label: a QR code (optional: empty = none) beside lines of text, the first one usually
// the code in large print.
struct LabelLine {
  std::string text;
  TextStyle style;
};
struct Label {
  std::string qr;
  std::vector<LabelLine> lines;
};

// A grid of equal labels filling A4 pages row by row. The default is the common 3 × 7
// sheet of 70 × 42.4 mm self-adhesive labels; on plain paper the cut guides show the cells.
struct SheetLayout {
  int columns = 3;
  int rows = 7;
  double margin_x = 0;  // page margins, points
  double margin_y = 0;
  double padding = 3 * kPointsPerMm;  // inside each label
  bool cut_guides = true;
};

// The PDF of the labels, as many pages as they need (one empty page when there are none).
std::string label_sheet(const std::vector<Label>& labels, const SheetLayout& layout = {}, const std::string& title = "");

}  // namespace jiguan::pdf
