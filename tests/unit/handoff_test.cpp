// The handoff: its view, the PDF read back with Poppler's tools, the
// calendar parsed back with libical, and the CLI commands on demo data.
#include <gtest/gtest.h>
#include <libical/ical.h>

#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>

#include "cli_support.hpp"
#include "codec/handoff_view.hpp"
#include "core/assess.hpp"
#include "render/handoff_pdf.hpp"
#include "render/plan_calendar.hpp"
#include "test_support.hpp"

namespace mn::testing {
namespace {

nlohmann::json vignette(const std::string& name) {
  std::ifstream file(source_dir() / "tests/cases/vignettes" / name);
  return nlohmann::json::parse(file).at("intake");
}

// A handoff made from a vignette's intake, assessed on 2026-11-27.
struct Made {
  core::Intake intake;
  core::Assessment assessment;
  codec::HandoffView view;
};

Made handoff_of(const std::string& name, codec::HandoffAudience audience) {
  Made made{intake_of(vignette(name)), {}, {}};
  made.assessment = core::assess(knowledge(), made.intake, *core::parse_date("2026-11-27"));
  codec::HandoffInput input;
  input.person = "Test Person";
  input.prepared_on = "2026-11-27";
  input.assessed_on = "2026-11-27";
  input.intake = &made.intake;
  input.assessment = &made.assessment;
  made.view = codec::make_handoff(knowledge(), input, audience);
  return made;
}

const codec::HandoffSection* section(const codec::HandoffView& view, std::string_view id) {
  for (const codec::HandoffSection& found : view.sections) {
    if (found.id == id) return &found;
  }
  return nullptr;
}

std::string joined(const codec::HandoffSection* found) {
  std::string text;
  if (found == nullptr) return text;
  for (const std::string& line : found->lines) text += line + "\n";
  return text;
}

// Standard output of a shell command (the Poppler tools).
std::string output_of(const std::string& command) {
  std::string text;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return text;
  char buffer[4096];
  for (std::size_t got = 0; (got = fread(buffer, 1, sizeof buffer, pipe)) > 0;)
    text.append(buffer, got);
  pclose(pipe);
  return text;
}

TEST(HandoffView, AnticoagulantBriefCarriesTheTherapistNoteAndTheCeiling) {
  const Made made =
      handoff_of("10_eliquis_afib_stressed_grandfather.json", codec::HandoffAudience::therapist);
  EXPECT_EQ(made.view.title, "Massage therapist brief: Test Person");
  const std::string precautions = joined(section(made.view, "precautions"));
  EXPECT_NE(precautions.find("Anticoagulant therapy"), std::string::npos) << precautions;
  EXPECT_NE(precautions.find("Medicines the person listed: "), std::string::npos) << precautions;
  const std::string pressure = joined(section(made.view, "pressure"));
  EXPECT_NE(
      pressure.find("At most level " + std::to_string(made.assessment.safety.pressure_ceiling)),
      std::string::npos)
      << pressure;
  EXPECT_LE(made.assessment.safety.pressure_ceiling, 2);
  // The brief leaves out what is for the clinic team.
  EXPECT_EQ(section(made.view, "answers"), nullptr);
  EXPECT_NE(section(made.view, "watch"), nullptr);
}

TEST(HandoffView, ClinicSummaryAddsTheAnswers) {
  const Made made =
      handoff_of("01_mixed_office_worker_neck_stress.json", codec::HandoffAudience::clinic);
  const std::string answers = joined(section(made.view, "answers"));
  EXPECT_NE(answers.find("How old are you? 38"), std::string::npos) << answers;
  EXPECT_NE(answers.find("forward head, rounded shoulders"), std::string::npos) << answers;
  EXPECT_EQ(joined(section(made.view, "areas")), "Neck, 5/10, 6 weeks, in one spot\n");
}

TEST(HandoffView, TheBriefListsOnlyTheNextDates) {
  Made made =
      handoff_of("02_therapeutic_carpenter_shoulder.json", codec::HandoffAudience::therapist);
  ASSERT_GT(made.assessment.plan.sessions.size(), 1U);
  codec::HandoffInput input;
  input.person = "Test Person";
  // Prepared on the day of the second session: the first is past.
  input.prepared_on = core::format_date(made.assessment.plan.sessions[1].date);
  input.intake = &made.intake;
  input.assessment = &made.assessment;
  const std::string plan = joined(
      section(codec::make_handoff(knowledge(), input, codec::HandoffAudience::therapist), "plan"));
  EXPECT_EQ(plan.find(core::format_date(made.assessment.plan.sessions[0].date)), std::string::npos)
      << plan;
  EXPECT_NE(plan.find("Next dates: " + input.prepared_on), std::string::npos) << plan;
}

class HandoffPdf : public CliTest {};

TEST_F(HandoffPdf, TheBriefIsOnePageAndReadsBack) {
  const Made made =
      handoff_of("10_eliquis_afib_stressed_grandfather.json", codec::HandoffAudience::therapist);
  auto pdf = render::handoff_pdf(made.view);
  ASSERT_TRUE(pdf) << pdf.error().describe();
  ASSERT_EQ(pdf->rfind("%PDF-", 0), 0U);
  const std::filesystem::path file = write("brief.pdf", *pdf);
  EXPECT_NE(output_of("pdfinfo " + file.string()).find("Pages:           1\n"), std::string::npos);
  const std::string text = output_of("pdftotext -layout " + file.string() + " -");
  EXPECT_NE(text.find("Massage therapist brief: Test Person"), std::string::npos) << text;
  EXPECT_NE(text.find("Anticoagulant therapy"), std::string::npos) << text;
  EXPECT_NE(text.find("Walton pressure scale"), std::string::npos) << text;
  // Page one as an image, kept with the test output for a person to look at.
  const std::filesystem::path shots = std::filesystem::path(MN_BUILD_DIR) / "handoff-screenshots";
  std::filesystem::create_directories(shots);
  EXPECT_EQ(std::system(("pdftoppm -png -r 72 -f 1 -l 1 -singlefile " + file.string() + " " +
                         (shots / "therapist-brief").string())
                            .c_str()),
            0);
  EXPECT_TRUE(std::filesystem::exists(shots / "therapist-brief.png"));
}

TEST_F(HandoffPdf, ALongClinicSummaryRunsOntoMorePages) {
  Made made = handoff_of("01_mixed_office_worker_neck_stress.json", codec::HandoffAudience::clinic);
  // Enough lines for three pages at 10 points.
  codec::HandoffSection extra{"progress", "Progress", {}};
  for (int line = 0; line < 150; ++line)
    extra.lines.push_back("Line " + std::to_string(line) + " of a long course");
  made.view.sections.push_back(extra);
  auto pdf = render::handoff_pdf(made.view);
  ASSERT_TRUE(pdf) << pdf.error().describe();
  const std::filesystem::path file = write("clinic.pdf", *pdf);
  const std::string info = output_of("pdfinfo " + file.string());
  EXPECT_EQ(info.find("Pages:           1\n"), std::string::npos) << info;
  const std::string text = output_of("pdftotext " + file.string() + " -");
  EXPECT_NE(text.find("Line 149 of a long course"), std::string::npos);
  EXPECT_NE(text.find("Line 0 of a long course"), std::string::npos);
}

// The events of a calendar as libical reads them back.
struct ParsedEvent {
  std::string uid;
  std::string summary;
  std::string start;  // "2026-11-30"
  bool all_day = false;
  std::vector<int> alarm_seconds;
};

std::vector<ParsedEvent> parse_calendar(const std::string& text) {
  std::vector<ParsedEvent> events;
  icalcomponent* calendar = icalparser_parse_string(text.c_str());
  if (calendar == nullptr) return events;
  for (icalcomponent* event = icalcomponent_get_first_component(calendar, ICAL_VEVENT_COMPONENT);
       event != nullptr;
       event = icalcomponent_get_next_component(calendar, ICAL_VEVENT_COMPONENT)) {
    ParsedEvent parsed;
    parsed.uid = icalcomponent_get_uid(event);
    parsed.summary = icalcomponent_get_summary(event);
    const icaltimetype start = icalcomponent_get_dtstart(event);
    parsed.all_day = start.is_date != 0;
    char day[16];
    std::snprintf(day, sizeof day, "%04d-%02d-%02d", start.year, start.month, start.day);
    parsed.start = day;
    for (icalcomponent* alarm = icalcomponent_get_first_component(event, ICAL_VALARM_COMPONENT);
         alarm != nullptr; alarm = icalcomponent_get_next_component(event, ICAL_VALARM_COMPONENT)) {
      icalproperty* trigger = icalcomponent_get_first_property(alarm, ICAL_TRIGGER_PROPERTY);
      parsed.alarm_seconds.push_back(
          icaldurationtype_as_int(icalproperty_get_trigger(trigger).duration));
    }
    events.push_back(parsed);
  }
  icalcomponent_free(calendar);
  return events;
}

TEST(PlanCalendar, EverySessionAndTheReviewComeBackWithTheirReminders) {
  const Made made =
      handoff_of("02_therapeutic_carpenter_shoulder.json", codec::HandoffAudience::therapist);
  const core::Plan& plan = made.assessment.plan;
  ASSERT_FALSE(plan.sessions.empty());
  ASSERT_TRUE(plan.review_on);
  const std::string text = render::plan_calendar(plan, "patient-7", 1'795'000'000);
  EXPECT_NE(text.find("BEGIN:VCALENDAR\r\n"), std::string::npos);
  EXPECT_NE(text.find("DTSTAMP:20261118T110640Z\r\n"), std::string::npos) << text.substr(0, 400);
  const std::vector<ParsedEvent> events = parse_calendar(text);
  ASSERT_EQ(events.size(), plan.sessions.size() + 1);
  std::set<std::string> uids;
  for (std::size_t i = 0; i < plan.sessions.size(); ++i) {
    EXPECT_EQ(events[i].start, core::format_date(plan.sessions[i].date));
    EXPECT_TRUE(events[i].all_day);
    EXPECT_EQ(events[i].summary,
              "Massage session: " + std::string(core::style_name(plan.sessions[i].style)) + ", " +
                  std::to_string(plan.sessions[i].minutes) + " minutes");
    EXPECT_EQ(events[i].alarm_seconds, std::vector<int>{-6 * 3600});
    uids.insert(events[i].uid);
  }
  EXPECT_EQ(events.back().start, core::format_date(*plan.review_on));
  uids.insert(events.back().uid);
  EXPECT_EQ(uids.size(), events.size());  // no two events share a UID
  EXPECT_EQ(events.front().uid, "patient-7-session-1@massage-navigator");
}

TEST(PlanCalendar, APlanOnHoldHasNoEvents) {
  core::Plan plan;
  plan.on_hold = true;
  const std::string text = render::plan_calendar(plan, "patient-1", 0);
  EXPECT_NE(text.find("BEGIN:VCALENDAR"), std::string::npos);
  EXPECT_TRUE(parse_calendar(text).empty());
}

class HandoffCli : public CliTest {
 protected:
  void SetUp() override {
    CliTest::SetUp();
    database_ = "--database sqlite:" + (dir_ / "demo.db").string() + " ";
    const Outcome loaded = run(database_ + "demo load");
    ASSERT_EQ(loaded.exit_code, 0) << loaded.err;
  }
  std::string database_;
};

TEST_F(HandoffCli, TextPdfAndCalendarOfADemoPerson) {
  const Outcome text = run(database_ + "handoff 1");
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_NE(text.out.find("Massage therapist brief: Ada Demo"), std::string::npos) << text.out;
  const Outcome clinic = run(database_ + "handoff 1 --for clinic");
  ASSERT_EQ(clinic.exit_code, 0) << clinic.err;
  EXPECT_NE(clinic.out.find("Intake answers"), std::string::npos);
  EXPECT_NE(clinic.out.find("journal entries"), std::string::npos);

  const Outcome pdf =
      run(database_ + "handoff 1 --format pdf --output " + (dir_ / "brief.pdf").string());
  ASSERT_EQ(pdf.exit_code, 0) << pdf.err;
  EXPECT_NE(output_of("pdftotext " + (dir_ / "brief.pdf").string() + " -").find("Ada Demo"),
            std::string::npos);

  const Outcome calendar = run(database_ + "calendar 1");
  ASSERT_EQ(calendar.exit_code, 0) << calendar.err;
  EXPECT_FALSE(parse_calendar(calendar.out).empty());
}

TEST_F(HandoffCli, RefusalsNameTheProblemAndWriteNothing) {
  const Outcome no_file = run(database_ + "handoff 1 --format pdf");
  EXPECT_NE(no_file.exit_code, 0);
  EXPECT_NE(no_file.err.find("--output"), std::string::npos) << no_file.err;
  const Outcome added = run(database_ + "patient add --name 'New Person'");
  ASSERT_EQ(added.exit_code, 0) << added.err;
  const auto at = added.out.find("patient ") + 8;
  const std::string person = added.out.substr(at, added.out.find(' ', at) - at);
  const Outcome none = run(database_ + "handoff " + person + " --format pdf --output " +
                           (dir_ / "none.pdf").string());
  EXPECT_NE(none.exit_code, 0);
  EXPECT_NE(none.err.find("no assessment yet"), std::string::npos) << none.err;
  EXPECT_FALSE(std::filesystem::exists(dir_ / "none.pdf"));
  const Outcome missing = run(database_ + "calendar 999");
  EXPECT_NE(missing.exit_code, 0);
  EXPECT_NE(missing.err.find("999"), std::string::npos) << missing.err;
}

}  // namespace
}  // namespace mn::testing
