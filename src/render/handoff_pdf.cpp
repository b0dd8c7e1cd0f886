#include "render/handoff_pdf.hpp"

#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include <memory>
#include <vector>

namespace mn::render {

namespace {

// A4 in points, and the margins around the text.
constexpr double kPageWidth = 595.28;
constexpr double kPageHeight = 841.89;
constexpr double kMargin = 42;
constexpr double kTextWidth = kPageWidth - 2 * kMargin;
constexpr double kTextHeight = kPageHeight - 2 * kMargin;
constexpr double kBulletIndent = 12;

// Text sizes the therapist's brief tries, largest first, until it fits a page.
constexpr double kSizes[] = {10, 9.5, 9, 8.5, 8};

struct CairoDeleter {
  void operator()(cairo_surface_t* surface) const { cairo_surface_destroy(surface); }
  void operator()(cairo_t* cairo) const { cairo_destroy(cairo); }
};
struct GObjectDeleter {
  void operator()(void* object) const { g_object_unref(object); }
};
struct FontDeleter {
  void operator()(PangoFontDescription* font) const { pango_font_description_free(font); }
};
using Font = std::unique_ptr<PangoFontDescription, FontDeleter>;

Font make_font(const char* weight, double points) {
  Font font(pango_font_description_from_string(weight));
  pango_font_description_set_absolute_size(font.get(), points * PANGO_SCALE);
  return font;
}

// One paragraph of the page: its text, its font and where it starts.
struct Block {
  enum class Kind : std::uint8_t { title, subtitle, heading, bullet } kind;
  std::string text;
};

std::vector<Block> blocks_of(const codec::HandoffView& view) {
  std::vector<Block> blocks;
  blocks.push_back({Block::Kind::title, view.title});
  blocks.push_back({Block::Kind::subtitle, view.subtitle});
  for (const codec::HandoffSection& section : view.sections) {
    blocks.push_back({Block::Kind::heading, std::string(section.title)});
    for (const std::string& line : section.lines) blocks.push_back({Block::Kind::bullet, line});
  }
  return blocks;
}

// Lays out and (when `draw`) paints the blocks at text size `points`;
// returns the number of pages used.
class Typesetter {
 public:
  Typesetter(cairo_t* cairo, double points)
      : cairo_(cairo),
        layout_(pango_cairo_create_layout(cairo)),
        title_(make_font("DejaVu Sans Bold", points * 1.6)),
        heading_(make_font("DejaVu Sans Bold", points * 1.15)),
        body_(make_font("DejaVu Sans", points)),
        small_(make_font("DejaVu Sans", points * 0.85)),
        points_(points) {
    pango_layout_set_wrap(layout_.get(), PANGO_WRAP_WORD_CHAR);
  }

  int run(const std::vector<Block>& blocks, bool draw) {
    pages_ = 1;
    y_ = 0;
    for (const Block& block : blocks) place(block, draw);
    return pages_;
  }

 private:
  void place(const Block& block, bool draw) {
    double before = 0;
    double indent = 0;
    const PangoFontDescription* font = body_.get();
    switch (block.kind) {
      case Block::Kind::title:
        font = title_.get();
        break;
      case Block::Kind::subtitle:
        font = small_.get();
        before = points_ * 0.3;
        break;
      case Block::Kind::heading:
        font = heading_.get();
        before = points_ * 1.1;
        break;
      case Block::Kind::bullet:
        indent = kBulletIndent;
        before = points_ * 0.25;
        break;
    }
    pango_layout_set_font_description(layout_.get(), font);
    pango_layout_set_width(layout_.get(), static_cast<int>((kTextWidth - indent) * PANGO_SCALE));
    pango_layout_set_text(layout_.get(), block.text.c_str(), static_cast<int>(block.text.size()));
    int width = 0;
    int height = 0;
    pango_layout_get_size(layout_.get(), &width, &height);
    const double tall = static_cast<double>(height) / PANGO_SCALE;
    if (y_ > 0 && y_ + before + tall > kTextHeight) {
      if (draw) cairo_show_page(cairo_);
      ++pages_;
      y_ = 0;
    } else {
      y_ += before;
    }
    if (draw) paint(block, indent);
    y_ += tall;
  }

  void paint(const Block& block, double indent) {
    if (block.kind == Block::Kind::bullet) {
      cairo_arc(cairo_, kMargin + 4, kMargin + y_ + points_ * 0.65, points_ * 0.17, 0, 6.2832);
      cairo_fill(cairo_);
    }
    cairo_move_to(cairo_, kMargin + indent, kMargin + y_);
    pango_cairo_show_layout(cairo_, layout_.get());
  }

  cairo_t* cairo_;
  std::unique_ptr<PangoLayout, GObjectDeleter> layout_;
  Font title_;
  Font heading_;
  Font body_;
  Font small_;
  double points_;
  double y_ = 0;
  int pages_ = 1;
};

cairo_status_t append_to(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

// The largest text size at which the brief fits one page, measured on a
// surface that records nothing.
double fitting_size(const std::vector<Block>& blocks) {
  const std::unique_ptr<cairo_surface_t, CairoDeleter> surface(
      cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, nullptr));
  const std::unique_ptr<cairo_t, CairoDeleter> cairo(cairo_create(surface.get()));
  for (double points : kSizes) {
    if (Typesetter(cairo.get(), points).run(blocks, false) == 1) return points;
  }
  return kSizes[std::size(kSizes) - 1];
}

}  // namespace

Result<std::string> handoff_pdf(const codec::HandoffView& view) {
  const std::vector<Block> blocks = blocks_of(view);
  const double points =
      view.audience == codec::HandoffAudience::therapist ? fitting_size(blocks) : kSizes[0];
  std::string pdf;
  {
    const std::unique_ptr<cairo_surface_t, CairoDeleter> surface(
        cairo_pdf_surface_create_for_stream(append_to, &pdf, kPageWidth, kPageHeight));
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE, view.title.c_str());
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "Massage Navigator");
    const std::unique_ptr<cairo_t, CairoDeleter> cairo(cairo_create(surface.get()));
    cairo_set_source_rgb(cairo.get(), 0.1, 0.1, 0.1);
    Typesetter(cairo.get(), points).run(blocks, true);
    cairo_show_page(cairo.get());
    cairo_surface_finish(surface.get());
    if (cairo_status(cairo.get()) != CAIRO_STATUS_SUCCESS ||
        cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) {
      return Error{"render", "pdf",
                   std::string("the PDF could not be drawn: ") +
                       cairo_status_to_string(cairo_surface_status(surface.get()))};
    }
  }
  return pdf;
}

}  // namespace mn::render
