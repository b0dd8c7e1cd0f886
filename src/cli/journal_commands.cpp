// journal add (flags or questions in the terminal), journal list.
#include <array>
#include <charconv>
#include <functional>
#include <istream>
#include <ostream>

#include "cli/commands.hpp"
#include "cli/record_lookup.hpp"
#include "core/intake.hpp"
#include "store/time_zone.hpp"

namespace mn::cli {

namespace {

std::optional<int> whole_number(std::string_view text) {
  int value = 0;
  const auto* end = text.data() + text.size();
  const auto [stop, error] = std::from_chars(text.data(), end, value);
  if (error != std::errc{} || stop != end || text.empty()) return std::nullopt;
  return value;
}

std::string trimmed(std::string_view text) {
  const auto begin = text.find_first_not_of(" \t\r\n");
  if (begin == std::string_view::npos) return "";
  const auto end = text.find_last_not_of(" \t\r\n");
  return std::string(text.substr(begin, end - begin + 1));
}

// "neck=4" into the entry; the error names the option and the value.
std::optional<Error> add_pain(core::JournalEntry& entry, const std::string& text) {
  const auto equals = text.find('=');
  const std::string where = "--pain " + text;
  if (equals == std::string::npos) {
    return Error{"invalid", where, "write REGION=SCORE, as in neck=4"};
  }
  const std::string region = trimmed(std::string_view{text}.substr(0, equals));
  const auto index = core::choice_by_name(core::Choices::region, region);
  if (!index) {
    return Error{"invalid", where,
                 "unknown body region '" + region +
                     "'; known: head, jaw, neck, shoulders, upper_back, lower_back, hips, arms, "
                     "elbows, wrists, hands, legs, knees, feet"};
  }
  const auto score = whole_number(trimmed(std::string_view{text}.substr(equals + 1)));
  if (!score) return Error{"invalid", where, "the score must be a whole number 0..10"};
  if (entry.pain[*index]) return Error{"invalid", where, "this region is given twice"};
  entry.pain[*index] = *score;
  return std::nullopt;
}

// "lifting my toddler=6": the last '=' separates, so names may contain one.
std::optional<Error> add_activity(core::JournalEntry& entry, const std::string& text) {
  const auto equals = text.rfind('=');
  const std::string where = "--activity " + text;
  if (equals == std::string::npos) {
    return Error{"invalid", where, "write NAME=SCORE, as in \"climbing stairs=6\""};
  }
  const auto score = whole_number(trimmed(std::string_view{text}.substr(equals + 1)));
  if (!score) return Error{"invalid", where, "the score must be a whole number 0..10"};
  entry.activities.push_back(core::ActivityRating{trimmed(text.substr(0, equals)), *score});
  return std::nullopt;
}

Result<core::JournalEntry> entry_from_flags(const JournalAddOptions& options) {
  core::JournalEntry entry;
  for (const std::string& pain : options.pain) {
    if (auto problem = add_pain(entry, pain)) return *problem;
  }
  for (const std::string& activity : options.activities) {
    if (auto problem = add_activity(entry, activity)) return *problem;
  }
  entry.stress = options.stress;
  entry.sleep_quality = options.sleep_quality;
  entry.soreness_hours = options.soreness_hours;
  if (options.sharp_pain == "yes") {
    entry.sharp_pain = true;
  } else if (options.sharp_pain == "no") {
    entry.sharp_pain = false;
  } else if (!options.sharp_pain.empty()) {
    return Error{"invalid", "--sharp-pain", "must be yes or no"};
  }
  entry.new_symptoms = options.new_symptoms;
  entry.notes = options.notes;
  return entry;
}

// Asks one question until the answer is empty (skipped) or `accept` takes it.
void ask(Context& ctx, const std::string& question,
         const std::function<std::optional<std::string>(const std::string&)>& accept) {
  for (;;) {
    ctx.out << question << " " << std::flush;
    std::string line;
    if (!std::getline(ctx.in, line)) return;
    line = trimmed(line);
    if (line.empty()) return;
    const auto problem = accept(line);
    if (!problem) return;
    ctx.out << "  " << *problem << "\n";
  }
}

std::function<std::optional<std::string>(const std::string&)> rating_into(
    std::optional<int>& slot) {
  return [&slot](const std::string& answer) -> std::optional<std::string> {
    const auto value = whole_number(answer);
    if (!value || *value < 0 || *value > 10) return "Type a whole number from 0 to 10.";
    slot = *value;
    return std::nullopt;
  };
}

core::JournalEntry entry_from_questions(Context& ctx) {
  core::JournalEntry entry;
  ctx.out << "Journal entry. Press Enter to skip a question.\n";
  ask(ctx, "Where does it hurt? (regions separated by commas, e.g. neck, lower_back)",
      [&](const std::string& answer) -> std::optional<std::string> {
        std::vector<std::size_t> regions;
        std::string_view rest = answer;
        while (!rest.empty()) {
          const auto comma = rest.find(',');
          const std::string name = trimmed(rest.substr(0, comma));
          rest = comma == std::string_view::npos ? "" : rest.substr(comma + 1);
          if (name.empty()) continue;
          const auto index = core::choice_by_name(core::Choices::region, name);
          if (!index) return "Unknown region '" + name + "'.";
          regions.push_back(*index);
        }
        for (std::size_t region : regions) {
          ask(ctx,
              "  Pain in " + std::string(core::choice_names(core::Choices::region)[region]) +
                  " (0 none .. 10 worst)?",
              rating_into(entry.pain[region]));
        }
        return std::nullopt;
      });
  for (std::size_t a = 0; a < core::kMaxActivities; ++a) {
    bool named = false;
    ask(ctx, "An activity that is hard for you (Enter when done)?",
        [&](const std::string& answer) -> std::optional<std::string> {
          std::optional<int> score;
          ask(ctx, "  How well can you do it now (0 unable .. 10 as before)?", rating_into(score));
          if (!score) return "A score is needed for the activity.";
          entry.activities.push_back(core::ActivityRating{answer, *score});
          named = true;
          return std::nullopt;
        });
    if (!named) break;
  }
  ask(ctx, "Stress (0 none .. 10 worst)?", rating_into(entry.stress));
  ask(ctx, "Sleep quality last night (0 worst .. 10 best)?", rating_into(entry.sleep_quality));
  ask(ctx, "Hours of soreness after your last session?",
      [&](const std::string& answer) -> std::optional<std::string> {
        const auto hours = whole_number(answer);
        if (!hours || *hours < 0) return "Type a whole number of hours.";
        entry.soreness_hours = *hours;
        return std::nullopt;
      });
  ask(ctx, "Any sharp pain? (yes/no)",
      [&](const std::string& answer) -> std::optional<std::string> {
        if (answer != "yes" && answer != "no") return "Type yes or no.";
        entry.sharp_pain = answer == "yes";
        return std::nullopt;
      });
  ask(ctx, "New symptoms (numbness, swelling, ...)?", [&](const std::string& answer) {
    entry.new_symptoms = answer;
    return std::optional<std::string>{};
  });
  ask(ctx, "Notes?", [&](const std::string& answer) {
    entry.notes = answer;
    return std::optional<std::string>{};
  });
  return entry;
}

std::string entry_line(const core::JournalEntry& entry) {
  std::string line;
  const auto add = [&line](const std::string& part) {
    if (!line.empty()) line += ", ";
    line += part;
  };
  for (std::size_t r = 0; r < entry.pain.size(); ++r) {
    if (entry.pain[r]) {
      add("pain " + std::string(core::choice_names(core::Choices::region)[r]) + " " +
          std::to_string(*entry.pain[r]));
    }
  }
  for (const auto& activity : entry.activities) {
    add(activity.name + " " + std::to_string(activity.score));
  }
  if (entry.stress) add("stress " + std::to_string(*entry.stress));
  if (entry.sleep_quality) add("sleep " + std::to_string(*entry.sleep_quality));
  if (entry.soreness_hours) {
    std::array<char, 32> hours{};
    auto* const end =
        std::to_chars(hours.data(), hours.data() + hours.size(), *entry.soreness_hours).ptr;
    add("sore " + std::string(hours.data(), end) + " h");
  }
  if (entry.sharp_pain.value_or(false)) add("SHARP PAIN");
  if (!entry.new_symptoms.empty()) add("new: " + entry.new_symptoms);
  if (!entry.notes.empty()) add("\"" + entry.notes + "\"");
  return line;
}

}  // namespace

int journal_add(Context& ctx, const JournalAddOptions& options) {
  auto records = open_patient(ctx, options.patient);
  if (!records.ok) return records.exit_code;
  auto time = read_time(ctx, options.time, records.patient, "--time");
  if (!time) return ctx.fail(time.error());
  Result<core::JournalEntry> entry = options.interactive
                                         ? Result<core::JournalEntry>(entry_from_questions(ctx))
                                         : entry_from_flags(options);
  if (!entry) return ctx.fail(entry.error());
  entry->time = *time;
  auto saved =
      records.store->add_journal_entries(ctx.actor(), options.patient, std::span(&*entry, 1));
  if (!saved) return ctx.fail(saved.error());
  ctx.out << "Saved journal entry " << saved->front() << " ("
          << store::format_local(entry->time, records.patient.time_zone) << ")\n";
  return kOk;
}

int journal_list(Context& ctx, store::PatientId patient) {
  auto records = open_patient(ctx, patient);
  if (!records.ok) return records.exit_code;
  auto journal = records.store->journal(ctx.actor(), patient);
  if (!journal) return ctx.fail(journal.error());
  if (journal->empty()) ctx.out << "No journal entries yet.\n";
  for (const store::JournalRecord& record : *journal) {
    ctx.out << store::format_local(record.entry.time, records.patient.time_zone) << "  "
            << entry_line(record.entry) << "\n";
  }
  return kOk;
}

}  // namespace mn::cli
