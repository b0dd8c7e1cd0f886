#include "web/saved_intake.hpp"

#include "codec/intake_json.hpp"
#include "service/assessed_intake.hpp"
#include "service/latest_assessment.hpp"
#include "store/time_zone.hpp"

namespace mn::web {

Result<nlohmann::json> answers_from(const core::KnowledgeBase& knowledge, std::string_view text) {
  if (text.empty()) return nlohmann::json::object();
  nlohmann::json answers = nlohmann::json::parse(text, nullptr, false);
  if (answers.is_discarded() || !answers.is_object()) {
    return Error{"invalid", "answers", "the answers so far are not an intake: start again"};
  }
  auto checked = codec::parse_intake(knowledge, text);
  if (!checked) {
    return Error{
        "invalid", "answers",
        "the answers so far are not valid (" + checked.error().describe() + "): start again"};
  }
  return answers;
}

Result<bool> save_intake(Visit& visit, std::string_view intake_json) {
  const store::PatientId patient = visit.call.account().patient.value();
  auto record = visit.call.store->patient(visit.call.actor, patient);
  if (!record) return record.error();
  const core::Date today = store::local_date(visit.call.shared.clock.now(), record->time_zone);
  auto recorded =
      service::record_assessed_intake(visit.call.shared.knowledge, *visit.call.store,
                                      visit.call.actor, patient, intake_json, today, std::nullopt);
  if (!recorded) return recorded.error();
  return true;
}

Result<std::optional<SavedAssessment>> latest_assessed_intake(Visit& visit,
                                                              store::PatientId patient) {
  return service::latest_assessment(visit.call.shared.knowledge, *visit.call.store,
                                    visit.call.actor, patient);
}

}  // namespace mn::web
