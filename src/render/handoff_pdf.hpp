#pragma once

#include <string>

#include "codec/handoff_view.hpp"
#include "core/result.hpp"

namespace mn::render {

// The handoff as a PDF document (A4), laid out with Pango and drawn with
// Cairo in DejaVu Sans. The therapist's brief is made to fit one page: when
// it does not at 10 points the text steps down to 8; only a brief still too
// long at 8 points runs onto a second page. The clinic team's summary takes
// as many pages as it needs. Error "render" when Cairo reports a failure.
// Thread-safe (Pango's font map is per thread).
Result<std::string> handoff_pdf(const codec::HandoffView& view);

}  // namespace mn::render
