#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "codec/progress_text.hpp"
#include "core/adaptation.hpp"
#include "core/assessment.hpp"
#include "core/intake.hpp"
#include "core/knowledge_base.hpp"
#include "core/plan.hpp"
#include "core/progress.hpp"

namespace mn::codec {

// Who a handoff is written for. The therapist's brief fits one printed page;
// the clinic team's adds the person's answers, their progress and its flags.
enum class HandoffAudience : std::uint8_t { therapist, clinic };

std::string_view audience_name(HandoffAudience audience);

// What a handoff is made from. The pointers must outlive the call; `plan` is
// the person's current plan, which may be a later version than the one the
// assessment made (after adaptations). `progress` and `adaptation` are used
// for the clinic team only and may be null.
struct HandoffInput {
  std::string person;       // display name
  std::string prepared_on;  // "2026-11-28", the person's day
  std::string assessed_on;
  const core::Intake* intake = nullptr;
  const core::Assessment* assessment = nullptr;
  const core::Plan* plan = nullptr;
  const core::Progress* progress = nullptr;
  const core::Adaptation* adaptation = nullptr;
  DateLabel date_label;  // a moment as the person's day; needed with `progress`
};

struct HandoffSection {
  std::string_view id;  // "goals", "areas", "precautions", ...
  std::string_view title;
  std::vector<std::string> lines;
};

// A handoff with every text resolved: the HTML page, the PDF and the plain
// text all render this, so they say the same.
struct HandoffView {
  HandoffAudience audience = HandoffAudience::therapist;
  std::string title;                     // "Massage handoff: Alex Doe"
  std::string subtitle;                  // prepared, assessed, guidance version
  std::string_view status;               // clear | adjust | consult_provider_first
  std::vector<HandoffSection> sections;  // empty sections are left out
};

// Pure; the view refers to `knowledge` (string_views) and must not outlive it.
HandoffView make_handoff(const core::KnowledgeBase& knowledge, const HandoffInput& input,
                         HandoffAudience audience);

// {"audience", "title", "subtitle", "status", "sections": [{"id", "title",
// "lines": [...]}]}, compact (the API's).
std::string handoff_to_json(const HandoffView& view);

// The handoff as plain text for a terminal or an e-mail attachment.
std::string handoff_to_text(const HandoffView& view);

}  // namespace mn::codec
