#include "codec/handoff_view.hpp"

#include <nlohmann/json.hpp>

#include "codec/assessment_view.hpp"
#include "core/progress_wording.hpp"

namespace mn::codec {

namespace {

using core::Field;

// How many planned dates a therapist's brief lists before "and N more": the
// brief must fit one page, and the next few dates are what a booking needs.
constexpr std::size_t kDatesListed = 8;

void add(HandoffView& view, std::string_view id, std::string_view title,
         std::vector<std::string> lines) {
  if (!lines.empty()) view.sections.push_back({id, title, std::move(lines)});
}

std::string capitalized(std::string text) {
  if (!text.empty() && text[0] >= 'a' && text[0] <= 'z') text[0] = static_cast<char>(text[0] - 32);
  return text;
}

std::vector<std::string> goal_lines(const core::KnowledgeBase& knowledge,
                                    const core::Intake& intake) {
  std::vector<std::string> lines;
  if (!intake.goals) return lines;
  const std::vector<std::string>& labels = knowledge.question(Field::goals).value_labels;
  for (std::size_t goal = 0; goal < labels.size(); ++goal) {
    if (*intake.goals >> goal & 1U) lines.push_back(labels[goal]);
  }
  return lines;
}

std::vector<std::string> area_lines(const core::Intake& intake) {
  std::vector<std::string> lines;
  if (!intake.pain_areas) return lines;
  lines.reserve(intake.pain_areas->size());
  for (const core::PainArea& area : *intake.pain_areas)
    lines.push_back(capitalized(humanize(pain_answer(area))));
  return lines;
}

std::vector<std::string> precaution_lines(const core::KnowledgeBase& knowledge,
                                          const core::Intake& intake,
                                          const core::Assessment& assessment,
                                          const AssessmentView& view) {
  std::vector<std::string> lines;
  for (const ReasonView& reason : view.reasons) {
    lines.push_back(reason.therapist_note.empty() ? reason.text
                                                  : std::string(reason.therapist_note));
  }
  for (const std::string& modification : view.modifications) lines.push_back(modification);
  const std::string conditions = listed(knowledge, intake, assessment.safety, Field::conditions);
  if (!conditions.empty()) lines.push_back("Conditions the person listed: " + conditions);
  const std::string medications = listed(knowledge, intake, assessment.safety, Field::medications);
  if (!medications.empty()) lines.push_back("Medicines the person listed: " + medications);
  return lines;
}

std::vector<std::string> pressure_lines(const AssessmentView& view) {
  return {"At most level " + std::to_string(view.pressure_ceiling) + " (" +
              view.pressure_ceiling_name + ") on the Walton pressure scale",
          "Aim for level " + std::to_string(view.pressure_target) + " (" +
              view.pressure_target_name + ")"};
}

std::vector<std::string> avoid_lines(const AssessmentView& view) {
  std::vector<std::string> lines;
  for (std::string_view area : view.areas_to_avoid) lines.push_back(capitalized(humanize(area)));
  for (std::string_view site : view.sites_to_avoid) lines.emplace_back(site);
  if (view.position != "any") lines.push_back("Position: " + humanize(view.position));
  if (view.max_minutes > 0)
    lines.push_back("Sessions of at most " + std::to_string(view.max_minutes) + " minutes");
  return lines;
}

// The therapist's brief lists the sessions from `from` on (ISO dates compare
// as text); the clinic team's lists them all.
// The techniques the person's answers point to (matching.yaml's techniques:
// a matched checklist item and the trainings that teach it), by the
// trainings' labels, each once.
std::vector<std::string> technique_lines(const core::KnowledgeBase& knowledge,
                                         const core::Assessment& assessment) {
  core::TrainingMask asked = 0;
  for (const core::TechniqueFit& fit : knowledge.matching.techniques) {
    if (assessment.recommendation.matched_mask >> fit.item & 1U) asked |= fit.training;
  }
  std::vector<std::string> lines;
  for (std::size_t t = 0; t < core::kTrainingCount; ++t) {
    if (asked >> t & 1U) lines.push_back(knowledge.matching.training_labels[t]);
  }
  return lines;
}

std::vector<std::string> plan_lines(const AssessmentView& plan, HandoffAudience audience,
                                    const std::string& from) {
  std::vector<std::string> lines;
  if (plan.on_hold) {
    lines.push_back(plan.on_hold_text);
    return lines;
  }
  for (const PhaseView& phase : plan.phases) {
    std::string line = std::to_string(phase.sessions) + " " + phase.style + " session" +
                       (phase.sessions == 1 ? "" : "s") + " of " + std::to_string(phase.minutes) +
                       " minutes, every " + std::to_string(phase.every_days) + " days";
    if (!phase.purpose.empty()) line += ": " + phase.purpose;
    lines.push_back(std::move(line));
  }
  const bool brief = audience == HandoffAudience::therapist;
  std::string dates;
  std::size_t listed = 0;
  std::size_t more = 0;
  for (const SessionView& session : plan.sessions) {
    if (brief && session.date < from) continue;
    if (brief && listed == kDatesListed) {
      ++more;
      continue;
    }
    dates += (dates.empty() ? "" : ", ") + session.date + " (" + session.style + ", " +
             std::to_string(session.minutes) + " min)";
    ++listed;
  }
  if (more > 0) dates += " and " + std::to_string(more) + " more";
  if (!dates.empty()) lines.push_back((brief ? "Next dates: " : "Dates: ") + dates);
  if (!plan.review_on.empty()) lines.push_back("Review with the person on " + plan.review_on);
  return lines;
}

// The signs after a session that need a call (the person's when-to-call
// guidance): the therapist should know them too.
std::vector<std::string> watch_lines(const AssessmentView& view) {
  std::vector<std::string> lines;
  lines.reserve(view.when_to_call.size());
  for (const TextView& item : view.when_to_call) lines.push_back(item.text);
  return lines;
}

std::vector<std::string> recommendation_lines(const AssessmentView& view) {
  return {"Style: " + humanize(view.style) + " massage", "Safety screen: " + humanize(view.status)};
}

// "How old are you? 45": the question as the person saw it, and their answer.
std::string answer_line(const core::Intake& intake, const core::Question& question) {
  std::string answer;
  switch (question.field) {
    case Field::pain_areas:
      for (const std::string& line : area_lines(intake))
        answer += (answer.empty() ? "" : "; ") + line;
      break;
    case Field::conditions:
    case Field::medications: {
      const auto& list =
          question.field == Field::conditions ? intake.conditions : intake.medications;
      if (list) {
        for (const std::string& entry : *list) answer += (answer.empty() ? "" : ", ") + entry;
      }
      break;
    }
    case Field::notes:
      answer = intake.notes.value_or("");
      break;
    default:
      answer = humanize(answer_text(intake, question.field));
      if (answer == "not answered") answer.clear();
      break;
  }
  return answer.empty() ? std::string() : question.prompt + " " + answer;
}

std::vector<std::string> answer_lines(const core::KnowledgeBase& knowledge,
                                      const core::Intake& intake) {
  std::vector<std::string> lines;
  for (const core::Question& question : knowledge.questionnaire) {
    std::string line = answer_line(intake, question);
    if (!line.empty()) lines.push_back(std::move(line));
  }
  return lines;
}

std::vector<std::string> progress_lines(const core::KnowledgeBase& knowledge,
                                        const core::Progress& progress) {
  std::vector<std::string> lines;
  lines.push_back(std::to_string(progress.entries) + " journal entries, " +
                  std::to_string(progress.sessions_completed) + " sessions completed");
  for (const core::MeasureProgress& measure : progress.measures)
    lines.push_back(capitalized(core::measure_line(knowledge, measure)));
  return lines;
}

std::vector<std::string> flag_lines(const HandoffInput& input) {
  std::vector<std::string> lines;
  const core::ProgressFlags& flags = input.progress->flags;
  auto day = [&input](std::int64_t time) {
    return input.date_label ? input.date_label(time) : std::to_string(time);
  };
  if (flags.sharp_pain_at) lines.push_back("Sharp pain reported on " + day(*flags.sharp_pain_at));
  if (flags.soreness_hours) {
    lines.push_back("Soreness lasting " + core::number_text(*flags.soreness_hours) + " hours");
  }
  if (flags.new_symptoms_at) {
    lines.push_back("New symptoms reported on " + day(*flags.new_symptoms_at) + ": " +
                    flags.new_symptoms);
  }
  if (flags.pain_worse) lines.emplace_back("Pain worse by a meaningful amount");
  if (input.adaptation != nullptr) {
    for (const std::string& line : input.adaptation->explanation) lines.push_back(line);
  }
  return lines;
}

}  // namespace

std::string_view audience_name(HandoffAudience audience) {
  return audience == HandoffAudience::therapist ? "therapist" : "clinic";
}

HandoffView make_handoff(const core::KnowledgeBase& knowledge, const HandoffInput& input,
                         HandoffAudience audience) {
  const core::Intake& intake = *input.intake;
  const core::Assessment& assessment = *input.assessment;
  const AssessmentView view = make_view(knowledge, intake, assessment);
  AssessmentView plan;
  plan_view(knowledge, input.plan != nullptr ? *input.plan : assessment.plan, plan);

  HandoffView handoff;
  handoff.audience = audience;
  handoff.title =
      (audience == HandoffAudience::therapist ? "Massage therapist brief: " : "Clinic summary: ") +
      input.person;
  handoff.subtitle = "Prepared " + input.prepared_on + " from the assessment of " +
                     input.assessed_on + " (guidance " + knowledge.version + ")";
  handoff.status = view.status;
  add(handoff, "recommendation", "Recommendation", recommendation_lines(view));
  add(handoff, "goals", "Goals", goal_lines(knowledge, intake));
  add(handoff, "areas", "Body areas", area_lines(intake));
  add(handoff, "precautions", "Precautions", precaution_lines(knowledge, intake, assessment, view));
  add(handoff, "pressure", "Pressure", pressure_lines(view));
  add(handoff, "avoid", "Avoid", avoid_lines(view));
  add(handoff, "techniques", "Techniques that may help", technique_lines(knowledge, assessment));
  add(handoff, "plan", "The plan", plan_lines(plan, audience, input.prepared_on));
  add(handoff, "watch", "After a session, watch for", watch_lines(view));
  if (audience == HandoffAudience::clinic) {
    add(handoff, "answers", "Intake answers", answer_lines(knowledge, intake));
    if (input.progress != nullptr) {
      add(handoff, "progress", "Progress", progress_lines(knowledge, *input.progress));
      add(handoff, "flags", "Flags and the plan decision", flag_lines(input));
    }
  }
  return handoff;
}

std::string handoff_to_json(const HandoffView& view) {
  nlohmann::json sections = nlohmann::json::array();
  for (const HandoffSection& section : view.sections) {
    sections.push_back({{"id", section.id}, {"title", section.title}, {"lines", section.lines}});
  }
  const nlohmann::json out{{"audience", audience_name(view.audience)},
                           {"title", view.title},
                           {"subtitle", view.subtitle},
                           {"status", view.status},
                           {"sections", std::move(sections)}};
  return out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string handoff_to_text(const HandoffView& view) {
  std::string text = view.title + "\n" + view.subtitle + "\n";
  for (const HandoffSection& section : view.sections) {
    text += "\n";
    text += section.title;
    text += "\n";
    for (const std::string& line : section.lines) text += "  - " + line + "\n";
  }
  return text;
}

}  // namespace mn::codec
