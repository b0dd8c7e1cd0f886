#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "core/knowledge_base.hpp"
#include "store/records.hpp"
#include "web/view.hpp"

namespace mn::web {

// "Lower back", as the questionnaire names the region.
std::string region_label(const core::KnowledgeBase& knowledge, std::size_t region);

// The newest journal entries first, at most kEntriesShown, for the ENTRY
// section of journal.html and patient.html (NO_ENTRIES when there are none,
// EARLIER with their number when some are left out). Notes are text.
inline constexpr std::size_t kEntriesShown = 30;
void show_entries(const core::KnowledgeBase& knowledge,
                  const std::vector<store::JournalRecord>& journal, const std::string& time_zone,
                  Values& values);

}  // namespace mn::web
