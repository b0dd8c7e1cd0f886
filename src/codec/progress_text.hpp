#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <string>

#include "core/adaptation.hpp"
#include "core/journal.hpp"
#include "core/knowledge_base.hpp"
#include "core/progress.hpp"

namespace mn::codec {

// Writes a moment in the person's time zone ("2026-11-27" or "27 Nov
// 09:00"): the codec has no time zones, the caller does.
using DateLabel = std::function<std::string(std::int64_t)>;

// The progress summary for a person to read in a terminal, plain text
// without colour codes:
//  - one table row per measure (label from progress.yaml, values, baseline,
//    latest, change, trend per week), under it "beyond noise: yes|no (the
//    thresholds and their sources)", "meaningful: yes|no (...)" and how
//    long an improvement has lasted;
//  - a chart per measure (see progress_chart.hpp) over `entries` and
//    `sessions`, the records `progress` summarises;
//  - the flags of the last days;
//  - when `adaptation` is given, its decision, rule and explanation.
// Pure; `progress` and `adaptation` must come from `knowledge`.
std::string progress_to_text(const core::KnowledgeBase& knowledge, const core::Progress& progress,
                             const core::Adaptation* adaptation,
                             std::span<const core::JournalEntry> entries,
                             std::span<const core::CompletedSession> sessions,
                             const DateLabel& date_label);

}  // namespace mn::codec
