#include "core/pdf/pdf.hpp"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>
#include <qrencode.h>

#include <algorithm>
#include <stdexcept>

#if defined(__SANITIZE_ADDRESS__)
// LeakSanitizer: cairo 1.16 (Debian 12) loses 768 bytes of each font subset it embeds when
// a PDF surface finishes, and fontconfig keeps its parsed configuration for the process.
// Neither is ours to free; without this every test that prints a PDF would fail at exit.
extern "C" const char* __lsan_default_suppressions() { return "leak:libcairo.so\nleak:libfontconfig.so\n"; }
#endif

namespace jiguan::pdf {

QrMatrix qr_encode(std::string_view text) {
  if (text.empty() || text.find('\0') != std::string_view::npos) {
    throw std::invalid_argument("QR code text must be non-empty and without NUL");
  }
  // Version 0 = the smallest that fits; libqrencode picks numeric/alphanumeric/8-bit
  // segments itself, so an item code "M00000123" is a version-1 symbol.
  const std::string copy(text);
  QRcode* code = QRcode_encodeString(copy.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1);
  if (!code) throw std::invalid_argument("text too long for a QR code");
  QrMatrix m{code->version, code->width, {}};
  m.dark.reserve(static_cast<std::size_t>(code->width * code->width));
  for (int i = 0; i < code->width * code->width; ++i) m.dark.push_back((code->data[i] & 1) != 0);
  QRcode_free(code);
  return m;
}

struct Document::Impl {
  std::string bytes;
  cairo_surface_t* surface = nullptr;
  cairo_t* cr = nullptr;
  PangoFontDescription* font = nullptr;

  static cairo_status_t write(void* closure, const unsigned char* data, unsigned int length) {
    static_cast<Impl*>(closure)->bytes.append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
  }

  void release() {
    if (font) pango_font_description_free(font);
    if (cr) cairo_destroy(cr);
    if (surface) cairo_surface_destroy(surface);
    font = nullptr;
    cr = nullptr;
    surface = nullptr;
  }

  cairo_t* context() const {
    if (!cr) throw std::logic_error("PDF document already finished");
    return cr;
  }
};

Document::Document(double page_width, double page_height, const std::string& title) : impl_(std::make_unique<Impl>()) {
  impl_->surface = cairo_pdf_surface_create_for_stream(&Impl::write, impl_.get(), page_width, page_height);
  if (cairo_surface_status(impl_->surface) != CAIRO_STATUS_SUCCESS) {
    impl_->release();
    throw std::runtime_error("cannot create a PDF surface");
  }
  cairo_pdf_surface_set_metadata(impl_->surface, CAIRO_PDF_METADATA_CREATOR, "Jiguan");
  if (!title.empty()) cairo_pdf_surface_set_metadata(impl_->surface, CAIRO_PDF_METADATA_TITLE, title.c_str());
  impl_->cr = cairo_create(impl_->surface);
  impl_->font = pango_font_description_new();
  pango_font_description_set_family(impl_->font, kFontFamily);
}

Document::~Document() { impl_->release(); }

double Document::text(double x, double y, double width, const std::string& text, const TextStyle& style) {
  auto* cr = impl_->context();
  // Absolute size: device units, which are points on a PDF surface (a plain size would be
  // scaled by pango's 96 dpi).
  pango_font_description_set_absolute_size(impl_->font, style.size * PANGO_SCALE);
  pango_font_description_set_weight(impl_->font, style.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  PangoLayout* layout = pango_cairo_create_layout(cr);
  pango_layout_set_font_description(layout, impl_->font);
  pango_layout_set_width(layout, static_cast<int>(width * PANGO_SCALE));
  pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_ellipsize(layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_height(layout, -std::max(1, style.max_lines));  // negative: a number of lines
  pango_layout_set_text(layout, text.data(), static_cast<int>(text.size()));
  cairo_set_source_rgb(cr, 0, 0, 0);
  cairo_move_to(cr, x, y);
  pango_cairo_show_layout(cr, layout);
  int w = 0, h = 0;
  pango_layout_get_size(layout, &w, &h);
  g_object_unref(layout);
  return static_cast<double>(h) / PANGO_SCALE;
}

void Document::qr(double x, double y, double side, std::string_view data) {
  auto* cr = impl_->context();
  const auto m = qr_encode(data);
  const double module = side / (m.size + 8);  // 4 modules of quiet zone each side
  const double left = x + 4 * module, top = y + 4 * module;
  cairo_set_source_rgb(cr, 0, 0, 0);
  // One rectangle per run of dark modules: fewer path segments, and no hairline seams
  // between neighbouring modules in viewers that antialias each square.
  for (int row = 0; row < m.size; ++row) {
    for (int col = 0; col < m.size;) {
      if (!m.at(col, row)) {
        ++col;
        continue;
      }
      int end = col;
      while (end < m.size && m.at(end, row)) ++end;
      cairo_rectangle(cr, left + col * module, top + row * module, (end - col) * module, module);
      col = end;
    }
  }
  cairo_fill(cr);
}

void Document::outline(double x, double y, double width, double height) {
  auto* cr = impl_->context();
  cairo_set_source_rgb(cr, 0.8, 0.8, 0.8);
  cairo_set_line_width(cr, 0.3);
  cairo_rectangle(cr, x, y, width, height);
  cairo_stroke(cr);
}

void Document::png(double x, double y, double width, double height, std::string_view png_bytes) {
  auto* cr = impl_->context();
  struct Reader {
    std::string_view rest;
    static cairo_status_t read(void* closure, unsigned char* data, unsigned int length) {
      auto* r = static_cast<Reader*>(closure);
      if (r->rest.size() < length) return CAIRO_STATUS_READ_ERROR;
      std::copy_n(r->rest.data(), length, data);
      r->rest.remove_prefix(length);
      return CAIRO_STATUS_SUCCESS;
    }
  } reader{png_bytes};
  cairo_surface_t* image = cairo_image_surface_create_from_png_stream(&Reader::read, &reader);
  const int w = cairo_image_surface_get_width(image), h = cairo_image_surface_get_height(image);
  if (cairo_surface_status(image) != CAIRO_STATUS_SUCCESS || w <= 0 || h <= 0) {
    cairo_surface_destroy(image);
    throw std::invalid_argument("not a readable PNG image");
  }
  const double scale = std::min(width / w, height / h);
  cairo_save(cr);
  cairo_translate(cr, x, y);
  cairo_scale(cr, scale, scale);
  cairo_set_source_surface(cr, image, 0, 0);
  cairo_paint(cr);
  cairo_restore(cr);
  cairo_surface_destroy(image);
}

void Document::next_page() { cairo_show_page(impl_->context()); }

std::string Document::finish() {
  cairo_destroy(impl_->context());
  impl_->cr = nullptr;
  cairo_surface_finish(impl_->surface);
  const auto status = cairo_surface_status(impl_->surface);
  impl_->release();
  if (status != CAIRO_STATUS_SUCCESS) throw std::runtime_error(std::string("PDF: ") + cairo_status_to_string(status));
  return std::move(impl_->bytes);
}

std::string label_sheet(const std::vector<Label>& labels, const SheetLayout& layout, const std::string& title) {
  Document doc(kA4Width, kA4Height, title);
  const double cell_w = (kA4Width - 2 * layout.margin_x) / layout.columns;
  const double cell_h = (kA4Height - 2 * layout.margin_y) / layout.rows;
  const auto per_page = static_cast<std::size_t>(layout.columns * layout.rows);
  // The QR code's own quiet zone separates it from the cell's edge, so it starts at the
  // cell's corner; it takes at most 42% of the width to leave room for the text.
  const double qr_side = std::min(cell_h, cell_w * 0.42);
  for (std::size_t i = 0; i < labels.size(); ++i) {
    if (i > 0 && i % per_page == 0) doc.next_page();
    const auto slot = static_cast<int>(i % per_page);
    const double x = layout.margin_x + (slot % layout.columns) * cell_w;
    const double y = layout.margin_y + (slot / layout.columns) * cell_h;
    if (layout.cut_guides) doc.outline(x, y, cell_w, cell_h);
    const auto& label = labels[i];
    double text_x = x + layout.padding;
    if (!label.qr.empty()) {
      doc.qr(x, y + (cell_h - qr_side) / 2, qr_side, label.qr);
      text_x = x + qr_side;
    }
    const double text_w = x + cell_w - layout.padding - text_x;
    const double bottom = y + cell_h - layout.padding;
    double line_y = y + layout.padding;
    for (const auto& line : label.lines) {
      if (line_y + line.style.size * 1.2 > bottom) break;  // no room for another line
      line_y += doc.text(text_x, line_y, text_w, line.text, line.style) + 1;
    }
  }
  return doc.finish();
}

}  // namespace jiguan::pdf
