#include "cli/kb_show.hpp"

namespace mn::cli {

namespace {

class Printer {
 public:
  explicit Printer(const core::KnowledgeBase& knowledge) : knowledge_(knowledge) {}

  void item(const std::string& kind, const std::string& id,
            const std::vector<std::pair<std::string, std::string>>& fields,
            const core::SourceList& sources) {
    text_ += kind + " " + id + "\n";
    for (const auto& [name, value] : fields) {
      if (!value.empty()) text_ += "  " + name + ": " + value + "\n";
    }
    for (core::Index source : sources) {
      text_ += "  source: " + knowledge_.sources[source].id + " — " +
               knowledge_.sources[source].citation + "\n";
    }
  }

  void text_items(const std::string& kind, const std::vector<core::TextItem>& items,
                  const std::string& id) {
    for (const core::TextItem& entry : items) {
      if (entry.id == id)
        item(kind, id, {{"title", entry.title}, {"text", entry.text}}, entry.sources);
    }
  }

  std::string take() { return std::move(text_); }

 private:
  const core::KnowledgeBase& knowledge_;
  std::string text_;
};

void describe_rules(const core::KnowledgeBase& knowledge, const std::string& id, Printer& printer) {
  for (const core::Source& source : knowledge.sources) {
    if (source.id == id) printer.item("source", id, {{"citation", source.citation}}, {});
  }
  for (const core::Question& question : knowledge.questionnaire) {
    if (question.id == id) {
      printer.item(
          "question", id,
          {{"section", question.section}, {"prompt", question.prompt}, {"help", question.help}},
          question.sources);
    }
  }
  for (const core::ChecklistItem& entry : knowledge.items) {
    if (entry.id == id) {
      printer.item(
          "checklist item", id,
          {{"checklist", knowledge.checklists[entry.checklist].id}, {"label", entry.label}},
          entry.sources);
    }
  }
  for (const core::Checklist& checklist : knowledge.checklists) {
    if (checklist.id == id)
      printer.item("checklist", id, {{"title", checklist.title}}, checklist.sources);
  }
  for (const core::DecisionRule& rule : knowledge.decision) {
    if (rule.id == id) {
      printer.item(
          "decision rule", id,
          {{"style", std::string(core::style_name(rule.style))}, {"explanation", rule.explanation}},
          rule.sources);
    }
  }
}

void describe_safety(const core::KnowledgeBase& knowledge, const std::string& id,
                     Printer& printer) {
  for (const core::SafetyRule& rule : knowledge.rules) {
    if (rule.id != id) continue;
    printer.item(
        "safety rule", id,
        {{"category", std::string(core::safety_status_name(rule.category))},
         {"text", rule.text},
         {"therapist note", rule.therapist_note},
         {"pressure ceiling", rule.pressure_ceiling ? std::to_string(rule.pressure_ceiling) : ""},
         {"avoid site", rule.avoid_site}},
        rule.sources);
  }
  for (std::size_t t = 0; t < knowledge.terms.size(); ++t) {
    const core::Term& term = knowledge.terms[t];
    if (term.id != id) continue;
    std::string names;
    for (const core::TermName& name : knowledge.term_names) {
      if (name.term == t) names += (names.empty() ? "" : ", ") + name.name;
    }
    std::string rules;
    for (core::Index rule : term.rules)
      rules += (rules.empty() ? "" : ", ") + knowledge.rules[rule].id;
    const char* kind = term.is_none                              ? "none"
                       : term.kind == core::TermKind::medication ? "medication"
                                                                 : "condition";
    printer.item("term", id,
                 {{"kind", kind}, {"label", term.label}, {"names", names}, {"triggers", rules}},
                 term.sources);
  }
}

void describe_progress(const core::KnowledgeBase& knowledge, const std::string& id,
                       Printer& printer) {
  const core::ProgressPolicy& progress = knowledge.progress;
  for (const core::ChangeThreshold& threshold : progress.thresholds) {
    if (threshold.id != id) continue;
    printer.item("change threshold", id,
                 {{"label", threshold.label},
                  {"points", std::to_string(threshold.points)},
                  {"percent", threshold.percent > 0 ? std::to_string(threshold.percent) : ""}},
                 threshold.sources);
  }
  for (const core::MeasurePolicy& measure : progress.measures) {
    if (measure.id == id) printer.item("measure", id, {{"label", measure.label}}, measure.sources);
  }
  for (const core::AdaptationRule& rule : progress.rules) {
    if (rule.id == id) printer.item("adaptation rule", id, {{"text", rule.text}}, rule.sources);
  }
}

void describe_plan_and_guidance(const core::KnowledgeBase& knowledge, const std::string& id,
                                Printer& printer) {
  for (const core::Cadence& cadence : knowledge.plan.cadences) {
    if (cadence.id == id) {
      printer.item("cadence", id,
                   {{"style", std::string(core::style_name(cadence.style))},
                    {"explanation", cadence.explanation}},
                   cadence.sources);
    }
  }
  for (const core::DosePolicy& policy : knowledge.plan.dose_policies) {
    if (policy.id == id)
      printer.item("dose policy", id, {{"description", policy.description}}, policy.sources);
  }
  const core::Guidance& guidance = knowledge.guidance;
  printer.text_items("style guide", guidance.styles, id);
  printer.text_items("preparation", guidance.preparation, id);
  printer.text_items("aftercare", guidance.aftercare, id);
  printer.text_items("when to call", guidance.when_to_call, id);
  printer.text_items("pairing", guidance.pairings, id);
  printer.text_items("bring to clinic", guidance.bring_to_clinic, id);
  printer.text_items("evidence", guidance.evidence, id);
  printer.text_items("misconception", guidance.misconceptions, id);
  printer.text_items("choosing a therapist", guidance.choosing_a_therapist, id);
  for (const core::FaqEntry& entry : guidance.faq) {
    if (entry.id == id) {
      printer.item("faq", id, {{"question", entry.question}, {"answer", entry.answer}},
                   entry.sources);
    }
  }
}

}  // namespace

std::string describe_item(const core::KnowledgeBase& knowledge, const std::string& id) {
  Printer printer(knowledge);
  describe_rules(knowledge, id, printer);
  describe_safety(knowledge, id, printer);
  describe_progress(knowledge, id, printer);
  describe_plan_and_guidance(knowledge, id, printer);
  return printer.take();
}

}  // namespace mn::cli
