#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/knowledge_base.hpp"

namespace mn::core {

// Lower-cases ASCII letters, keeps letters and digits, turns every other
// character into a word break and collapses breaks to single spaces
// ("Eliquis, 5mg!" -> "eliquis 5mg"). Bytes >= 0x80 are kept as letters so
// UTF-8 names survive.
std::string normalize_words(std::string_view text);

// The terms named inside one entry a person typed, longest names first and
// without overlaps ("no blood thinners" is left to the text issue: here an
// entry names what the person has or takes). Appends term indices to `out`.
void find_terms(const KnowledgeBase& knowledge, std::string_view entry, std::vector<Index>& out);

}  // namespace mn::core
