// What happened: each session that took place as a Procedure, and each
// rating of the journal as an Observation.
#include "codec/fhir_resources.hpp"

namespace mn::codec::fhir {

namespace {

struct Coded {
  std::string_view system;
  std::string_view code;
  std::string_view display;
};

constexpr std::string_view kCategorySystem =
    "http://terminology.hl7.org/CodeSystem/observation-category";

// LOINC's patient-reported 0-10 pain score.
constexpr Coded kPain{kLoinc, "72514-3",
                      "Pain severity - 0-10 verbal numeric rating [Score] - Reported"};

// The codes of our measure code system (docs/fhir.md); their system is
// filled in per bundle.
constexpr Coded kStress{"", "stress", "Stress, 0-10 (10 = worst)"};
constexpr Coded kSleep{"", "sleep-quality", "Sleep quality, 0-10 (10 = best)"};
constexpr Coded kActivity{"", "psfs-activity",
                          "Patient-specific functional scale activity, 0-10 (10 = as before)"};
constexpr Coded kSoreness{"", "soreness-hours", "Soreness after the last session, hours"};
constexpr Coded kSharpPain{"", "sharp-pain", "Sharp pain after the last session"};
constexpr Coded kNewSymptoms{"", "new-symptoms", "New symptoms"};

// The parts of one Observation that differ between measures.
struct Reading {
  std::string_view suffix;  // makes the uuid name unique within the entry
  Coded code;
  std::string text{};  // code.text; empty = none
  std::optional<Coded> site = std::nullopt;
};

class ObservationWriter {
 public:
  ObservationWriter(JsonWriter& out, const Context& context)
      : out_(out),
        context_(context),
        measures_(code_system("measure")),
        regions_(code_system("body-region")) {}

  template <class WriteValue>
  void write(const store::JournalRecord& record, const Reading& reading, WriteValue write_value) {
    std::string name = context_.scope + "/journal/" + std::to_string(record.id) + "/";
    name += reading.suffix;
    begin_entry(out_, name_uuid(name), "Observation");
    out_.field("status", "final");
    out_.key("category");
    out_.begin_array();
    out_.begin_object();
    out_.key("coding");
    out_.begin_array();
    coding(out_, kCategorySystem, "survey", "Survey");
    out_.end_array();
    out_.end_object();
    out_.end_array();
    const std::string_view system = reading.code.system.empty() ? measures_ : reading.code.system;
    codeable_concept(out_, "code", system, reading.code.code, reading.code.display, reading.text);
    reference(out_, "subject", context_.patient);
    date_time(out_, "effectiveDateTime", record.entry.time);
    date_time(out_, "issued", record.recorded_at);
    // The journal is the person's own account.
    out_.key("performer");
    out_.begin_array();
    out_.begin_object();
    out_.field("reference", "urn:uuid:" + context_.patient);
    out_.end_object();
    out_.end_array();
    write_value(out_);
    if (reading.site) {
      codeable_concept(out_, "bodySite", regions_, reading.site->code, reading.site->display,
                       reading.site->display);
    }
    end_entry(out_);
  }

  void integer(const store::JournalRecord& record, const Reading& reading, std::int64_t value) {
    write(record, reading, [value](JsonWriter& out) {
      out.key("valueInteger");
      out.integer(value);
    });
  }

  void entry(const store::JournalRecord& record);

 private:
  JsonWriter& out_;
  const Context& context_;
  std::string measures_;
  std::string regions_;
};

void ObservationWriter::entry(const store::JournalRecord& record) {
  const core::JournalEntry& entry = record.entry;
  const core::Question& areas = context_.knowledge.question(core::Field::pain_areas);
  const auto& region_names = core::choice_names(core::Choices::region);
  for (std::size_t region = 0; region < entry.pain.size(); ++region) {
    if (!entry.pain[region]) continue;
    const std::string_view label =
        value_label(areas, static_cast<unsigned>(region), region_names[region]);
    const std::string suffix = "pain-" + std::string(region_names[region]);
    integer(record, Reading{suffix, kPain, "", Coded{"", region_names[region], label}},
            *entry.pain[region]);
  }
  for (std::size_t i = 0; i < entry.activities.size(); ++i) {
    const core::ActivityRating& activity = entry.activities[i];
    const std::string suffix = "activity-" + std::to_string(i);
    integer(record, Reading{suffix, kActivity, activity.name}, activity.score);
  }
  if (entry.stress) integer(record, Reading{"stress", kStress}, *entry.stress);
  if (entry.sleep_quality) integer(record, Reading{"sleep", kSleep}, *entry.sleep_quality);
  if (entry.soreness_hours) {
    write(record, Reading{"soreness", kSoreness}, [&](JsonWriter& out) {
      out.key("valueQuantity");
      out.begin_object();
      out.key("value");
      out.number(*entry.soreness_hours);
      out.field("unit", "h");
      out.field("system", kUcum);
      out.field("code", "h");
      out.end_object();
    });
  }
  if (entry.sharp_pain) {
    write(record, Reading{"sharp-pain", kSharpPain}, [&](JsonWriter& out) {
      out.key("valueBoolean");
      out.boolean(*entry.sharp_pain);
    });
  }
  if (!entry.new_symptoms.empty()) {
    write(record, Reading{"new-symptoms", kNewSymptoms},
          [&](JsonWriter& out) { out.field("valueString", entry.new_symptoms); });
  }
}

std::string pressure_note(const core::KnowledgeBase& knowledge, int level) {
  std::string text = "Pressure used: Walton level " + std::to_string(level);
  for (const core::WaltonLevel& walton : knowledge.safety.walton) {
    if (walton.level == level) text += " (" + walton.name + ")";
  }
  return text + ".";
}

}  // namespace

void write_procedures(JsonWriter& out, const Context& context) {
  const std::string styles = code_system("massage-style");
  for (const store::SessionRecord& session : context.file.sessions) {
    const std::string_view style = core::style_name(session.style);
    begin_entry(out, name_uuid(context.scope + "/session/" + std::to_string(session.id)),
                "Procedure");
    if (!context.service_request.empty()) {
      references(out, "basedOn", {context.service_request});
    }
    out.field("status", "completed");
    const std::string title = style_title(context.knowledge, style);
    codeable_concept(out, "code", styles, style, title, title);
    reference(out, "subject", context.patient);
    out.key("performedPeriod");
    out.begin_object();
    date_time(out, "start", session.time);
    date_time(out, "end", session.time + std::int64_t{session.minutes} * 60);
    out.end_object();
    if (!session.therapist.empty()) {
      out.key("performer");
      out.begin_array();
      out.begin_object();
      out.key("actor");
      out.begin_object();
      out.field("display", session.therapist);
      out.end_object();
      out.end_object();
      out.end_array();
    }
    notes(out, {pressure_note(context.knowledge, session.pressure)});
    end_entry(out);
  }
}

void write_observations(JsonWriter& out, const Context& context) {
  ObservationWriter writer(out, context);
  for (const store::JournalRecord& record : context.file.journal) writer.entry(record);
}

}  // namespace mn::codec::fhir
