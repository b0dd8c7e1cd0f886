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

// What one entry of the conditions or medications list names: the terms
// found in it (longest names first, without overlaps) and whether the entry
// denies them ("no blood thinners", "never had a clot"). An entry that also
// holds an uncertainty phrase ("not sure if it was a clot") is never a
// denial: a red flag is never dropped because it was hedged.
struct EntryReading {
  bool denied = false;
};
EntryReading read_entry(const KnowledgeBase& knowledge, std::string_view entry,
                        std::vector<Index>& terms);

}  // namespace mn::core
