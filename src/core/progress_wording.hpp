#pragma once

#include <string>
#include <string_view>

#include "core/knowledge_base.hpp"
#include "core/progress.hpp"

namespace mn::core {

// How progress numbers, thresholds and measures are worded for a person. The
// adaptation's explanation and the progress renderers (src/codec) share
// these, so a change reads the same everywhere. Pure.

// One decimal, without a trailing ".0": 1.25 -> "1.3", 2 -> "2", -0.04 -> "0".
std::string number_text(double value);

// number_text with its sign: "+1.5", "\u22122" (a real minus sign), "0".
std::string signed_text(double value);

// The sources' ids as names, comma-separated: "Farrar 2001, Ostelo 2008"
// ("farrar-2001" -> "Farrar 2001", "clinic-policy" -> "Clinic policy").
std::string sources_text(const KnowledgeBase& knowledge, const SourceList& sources);

// "\u22652 points or 30%, Farrar 2001, Ostelo 2008". `threshold` indexes
// knowledge.progress.thresholds.
std::string threshold_text(const KnowledgeBase& knowledge, Index threshold);

// The measure's label from progress.yaml, {region} filled in: "lower back
// pain", "stress".
std::string measure_label(const KnowledgeBase& knowledge, const MeasureProgress& measure);

// "yes_word: <deciding threshold>; <label> <other threshold> reached|not
// reached; ...", or just `no` when there was nothing to compare.
std::string statement_text(const KnowledgeBase& knowledge, const Statement& statement,
                           std::string_view yes, std::string_view no);

// "neck pain 7 \u2192 4 (\u22123; beyond noise: ...; meaningful: ...)".
std::string measure_line(const KnowledgeBase& knowledge, const MeasureProgress& measure);

// Replaces every `placeholder` ("{region}") in `text` by `value`.
void replace_all(std::string& text, std::string_view placeholder, const std::string& value);

}  // namespace mn::core
