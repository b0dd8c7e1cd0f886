#include "web/journal_view.hpp"

#include <algorithm>
#include <functional>

#include "core/progress_wording.hpp"
#include "web/page.hpp"

namespace mn::web {

namespace {

// "Neck pain 4/10; stairs 6/10; stress 5/10".
std::string entry_summary(const core::KnowledgeBase& knowledge, const core::JournalEntry& entry) {
  std::string text;
  const auto add = [&](const std::string& part) {
    if (!text.empty()) text += "; ";
    text += part;
  };
  for (std::size_t region = 0; region < core::kRegionCount; ++region) {
    if (entry.pain[region]) {
      add(region_label(knowledge, region) + " pain " + std::to_string(*entry.pain[region]) + "/10");
    }
  }
  for (const core::ActivityRating& activity : entry.activities) {
    add(activity.name + " " + std::to_string(activity.score) + "/10");
  }
  if (entry.stress) add("stress " + std::to_string(*entry.stress) + "/10");
  if (entry.sleep_quality) add("sleep " + std::to_string(*entry.sleep_quality) + "/10");
  if (entry.soreness_hours) add("sore for " + core::number_text(*entry.soreness_hours) + " hours");
  return text.empty() ? "Nothing rated." : text;
}

}  // namespace

std::string region_label(const core::KnowledgeBase& knowledge, std::size_t region) {
  return knowledge.question(core::Field::pain_areas).value_labels[region];
}

void show_entries(const core::KnowledgeBase& knowledge,
                  const std::vector<store::JournalRecord>& journal, const std::string& time_zone,
                  Values& values) {
  values.show_if(journal.empty(), "NO_ENTRIES");
  // Newest first by the time each entry is about (not the order written).
  std::vector<const core::JournalEntry*> newest;
  newest.reserve(journal.size());
  for (const store::JournalRecord& record : journal) newest.push_back(&record.entry);
  std::ranges::stable_sort(newest, std::greater<>(), &core::JournalEntry::time);
  if (newest.size() > kEntriesShown) {
    values.add("EARLIER").set("COUNT", static_cast<std::int64_t>(newest.size() - kEntriesShown));
    newest.resize(kEntriesShown);
  }
  for (const core::JournalEntry* shown_entry : newest) {
    const core::JournalEntry& entry = *shown_entry;
    Values shown = values.add("ENTRY");
    shown.set("WHEN", show_time(entry.time, time_zone))
        .set("SUMMARY", entry_summary(knowledge, entry));
    if (entry.sharp_pain.value_or(false)) shown.add("FLAG").set("TEXT", "sharp pain");
    if (!entry.new_symptoms.empty()) {
      shown.add("FLAG").set("TEXT", "new symptoms");
      shown.add("NOTE").set("TEXT", "New: " + entry.new_symptoms);
    }
    if (!entry.notes.empty()) shown.add("NOTE").set("TEXT", entry.notes);
  }
}

}  // namespace mn::web
