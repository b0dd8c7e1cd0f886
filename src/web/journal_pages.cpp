// The journal: a quick entry form (a minute on a phone) and the entries.
#include <charconv>

#include "codec/intake_json.hpp"
#include "codec/journal_validation.hpp"
#include "store/time_zone.hpp"
#include "web/journal_view.hpp"
#include "web/pages.hpp"

namespace mn::web {

namespace {

constexpr int kActivityRows = 3;

std::string region_input(std::size_t region) {
  return "pain." + std::string(core::choice_names(core::Choices::region)[region]);
}

// A whole number 0..10 typed in a form; nullopt and a problem otherwise.
std::optional<int> whole_number(std::string_view text, const std::string& input,
                                const std::string& label, std::vector<InputError>& problems) {
  int value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error == std::errc() && end == text.data() + text.size()) return value;
  problems.push_back({input, label, "must be a whole number, not '" + std::string(text) + "'"});
  return std::nullopt;
}

std::string input_of(std::string_view where) {
  // validate_journal_entry names "activities[0].name" and "activities[0].score".
  if (where.starts_with("activities[")) {
    const int row = where[11] - '0' + 1;
    return "activity" + std::to_string(row) +
           (where.ends_with(".score") ? "_score" : std::string());
  }
  return std::string(where);
}

struct ReadEntry {
  core::JournalEntry entry;
  std::vector<InputError> problems;
};

ReadEntry read_entry(const core::KnowledgeBase& knowledge, const Form& form,
                     const std::string& time_zone, store::Seconds now) {
  ReadEntry read;
  core::JournalEntry& entry = read.entry;
  std::vector<InputError>& problems = read.problems;
  entry.time = now;
  if (!form.get("time").empty()) {
    auto time = store::parse_local(form.get("time"), time_zone);
    if (time) {
      entry.time = *time;
    } else {
      problems.push_back({"time", "When", "is not a date and time (" + time_zone + ")"});
    }
  }
  for (std::size_t region = 0; region < core::kRegionCount; ++region) {
    const std::string input = region_input(region);
    if (form.get(input).empty()) continue;
    entry.pain[region] =
        whole_number(form.get(input), input, "Pain: " + region_label(knowledge, region), problems);
  }
  for (int row = 1; row <= kActivityRows; ++row) {
    const std::string name = "activity" + std::to_string(row);
    if (form.get(name).empty() && form.get(name + "_score").empty()) continue;
    auto score = whole_number(form.get(name + "_score"), name + "_score",
                              "Activity " + std::to_string(row), problems);
    entry.activities.push_back({std::string(form.get(name)), score.value_or(0)});
  }
  if (!form.get("stress").empty()) {
    entry.stress = whole_number(form.get("stress"), "stress", "Stress", problems);
  }
  if (!form.get("sleep_quality").empty()) {
    entry.sleep_quality =
        whole_number(form.get("sleep_quality"), "sleep_quality", "Sleep", problems);
  }
  if (const std::string_view text = form.get("soreness_hours"); !text.empty()) {
    double hours = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), hours);
    if (error == std::errc() && end == text.data() + text.size()) {
      entry.soreness_hours = hours;
    } else {
      problems.push_back({"soreness_hours", "Soreness", "must be a number of hours"});
    }
  }
  if (form.get("sharp_pain") == "yes") entry.sharp_pain = true;
  if (form.get("sharp_pain") == "no") entry.sharp_pain = false;
  entry.new_symptoms = form.get("new_symptoms");
  entry.notes = form.get("notes");
  if (problems.empty()) {
    for (const Error& error : codec::validate_journal_entry(entry, now, "")) {
      problems.push_back({input_of(error.where), error.where, error.message});
    }
  }
  return read;
}

// Shows the form (with what was typed and the problems, after a refused
// entry) and the person's entries, newest first.
http::Response journal_view(Visit& visit, store::PatientId patient, const Form* submitted,
                            const std::vector<InputError>& problems, bool saved) {
  const core::KnowledgeBase& knowledge = visit.call.shared.knowledge;
  store::Store& store = *visit.call.store;
  auto record = store.patient(visit.call.actor, patient);
  auto journal = store.journal(visit.call.actor, patient);
  auto intake = store.latest_intake(visit.call.actor, patient);
  if (!record || !journal || !intake) {
    return error_page(visit, 500, "Your journal could not be read. Please try again.");
  }
  Page page(visit, "journal.html", "Journal");
  Values& values = page.values();
  values.set("ACTION", "/journal").show_if(saved, "SAVED");
  const Form empty;
  const Form& typed = submitted != nullptr ? *submitted : empty;
  values.set("TIME", typed.get("time")).set("TIME_ZONE", record->time_zone);
  // The areas the person told us about come first; the rest fold away.
  std::array<bool, core::kRegionCount> own{};
  if (*intake) {
    auto parsed = codec::parse_intake(knowledge, (*intake)->intake_json);
    if (parsed && parsed->pain_areas) {
      for (const core::PainArea& area : *parsed->pain_areas) {
        own[static_cast<std::size_t>(area.region)] = true;
      }
    }
  }
  for (const store::JournalRecord& entry : *journal) {
    for (std::size_t region = 0; region < core::kRegionCount; ++region) {
      if (entry.entry.pain[region]) own[region] = true;
    }
  }
  Values others = values;
  bool any_other = false;
  for (std::size_t region = 0; region < core::kRegionCount; ++region) {
    if (!own[region] && !any_other) {
      others = values.add("OTHER_AREAS");
      any_other = true;
    }
    const std::string input = region_input(region);
    (own[region] ? values.add("PAIN") : others.add("OTHER"))
        .set("ID", input)
        .set("LABEL", region_label(knowledge, region))
        .set("VALUE", typed.get(input));
  }
  // The same activities as last time, so that their scores can be compared.
  std::vector<std::string> activity_names;
  if (!journal->empty()) {
    for (const core::ActivityRating& activity : journal->back().entry.activities) {
      activity_names.push_back(activity.name);
    }
  }
  for (int row = 1; row <= kActivityRows; ++row) {
    const std::string name = "activity" + std::to_string(row);
    const auto index = static_cast<std::size_t>(row - 1);
    std::string shown = submitted != nullptr            ? std::string(typed.get(name))
                        : index < activity_names.size() ? activity_names[index]
                                                        : std::string();
    values.add("ACTIVITY")
        .set("N", row)
        .set("NAME", shown)
        .set("SCORE", typed.get(name + "_score"));
  }
  values.set("STRESS", typed.get("stress"))
      .set("SLEEP", typed.get("sleep_quality"))
      .set("SORENESS", typed.get("soreness_hours"))
      .set("NEW_SYMPTOMS", typed.get("new_symptoms"))
      .set("NOTES", typed.get("notes"))
      .show_if(typed.get("sharp_pain") == "yes", "SHARP_YES")
      .show_if(typed.get("sharp_pain") == "no", "SHARP_NO");
  show_input_errors(problems, values);
  show_entries(knowledge, *journal, record->time_zone, values);
  return page.respond(problems.empty() ? 200 : 422);
}

}  // namespace

http::Response journal_page(Visit& visit) {
  if (!visit.call.account().patient) {
    return error_page(visit, 403, "Only a patient's own account has a journal here.");
  }
  const bool saved = query_parameter(visit.call.request, "saved") == "1";
  return journal_view(visit, *visit.call.account().patient, nullptr, {}, saved);
}

http::Response add_journal_entry(Visit& visit) {
  if (!visit.call.account().patient) {
    return error_page(visit, 403, "Only a patient's own account has a journal here.");
  }
  const store::PatientId patient = *visit.call.account().patient;
  auto record = visit.call.store->patient(visit.call.actor, patient);
  if (!record) return error_page(visit, 500, "Your journal could not be saved. Please try again.");
  const store::Seconds now = visit.call.shared.clock.now();
  ReadEntry read = read_entry(visit.call.shared.knowledge, visit.form, record->time_zone, now);
  if (!read.problems.empty())
    return journal_view(visit, patient, &visit.form, read.problems, false);
  auto added =
      visit.call.store->add_journal_entries(visit.call.actor, patient, std::span(&read.entry, 1));
  if (!added && is_server_failure(added.error())) {
    return error_page(visit, 500, "Your journal could not be saved. Please try again.");
  }
  if (!added) {
    const Error& error = added.error();
    return journal_view(visit, patient, &visit.form, {{"time", "When", error.message}}, false);
  }
  return redirect("/journal?saved=1");
}

}  // namespace mn::web
