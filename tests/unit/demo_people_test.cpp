// The demo people: valid intakes, plausible journals, the same output for
// the same moment, and, read by the real knowledge base's adaptation rules,
// the decision each person's story names.
#include "demo/demo_people.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <set>
#include <string>
#include <vector>

#include "codec/intake_json.hpp"
#include "core/adaptation.hpp"
#include "core/assess.hpp"
#include "core/progress.hpp"
#include "test_support.hpp"

namespace mn::testing {
namespace {

using core::Decision;
using core::MeasureKind;
using core::Region;
using namespace std::chrono_literals;

constexpr std::int64_t kDay = 86400;

std::int64_t utc(std::chrono::year_month_day day, std::chrono::minutes time) {
  return (std::chrono::sys_seconds{std::chrono::sys_days{day}} + time).time_since_epoch().count();
}

core::Date date_at(std::int64_t time) {
  return std::chrono::floor<std::chrono::days>(
      std::chrono::sys_seconds{std::chrono::seconds{time}});
}

// Moments at different hours of the day and seasons: each person's local
// day falls differently against UTC in each.
const std::vector<std::int64_t>& moments() {
  static const std::vector<std::int64_t> all = {
      utc(std::chrono::year{2026} / 11 / 27, 15h + 20min),
      utc(std::chrono::year{2027} / 3 / 1, 0h + 10min),
      utc(std::chrono::year{2027} / 7 / 14, 23h + 55min),
      utc(std::chrono::year{2028} / 2 / 29, 11h + 5min),
  };
  return all;
}

// What each story claims, as the rule of knowledge/progress.yaml that decides.
struct Claim {
  std::string name;
  Decision decision;
  std::string rule;
};

const std::vector<Claim>& claims() {
  static const std::vector<Claim> all = {
      {"Ada Demo", Decision::taper, "taper_sustained"},
      {"Bram Example", Decision::review, "review_no_change"},
      {"Chiara Sample", Decision::stop, "stop_red_flag"},
      {"Dev Placeholder", Decision::taper, "taper_sustained"},
      {"Emi Fiction", Decision::add_relaxation, "add_relaxation_wellbeing"},
      {"Farid Mock", Decision::continue_plan, "continue_too_early"},
  };
  return all;
}

// The person's journal as the engine reads it on `now`, against the plan
// assessing their intake gave on the intake's date.
struct Followed {
  core::Intake intake;
  core::Assessment start;
  core::Progress progress;
  core::Adaptation adaptation;
  std::string rule;
};

Followed follow(const demo::DemoPerson& person, std::int64_t now) {
  Followed result;
  auto parsed = codec::parse_intake(knowledge(), person.intake_json);
  if (!parsed) {
    ADD_FAILURE() << person.display_name << ": " << parsed.error().describe();
    return result;
  }
  result.intake = *parsed;
  result.start = core::assess(knowledge(), result.intake, date_at(person.intake_time));
  std::vector<core::CompletedSession> sessions;
  for (const auto& session : person.sessions) {
    sessions.push_back({session.time, session.style, static_cast<std::uint16_t>(session.minutes),
                        static_cast<std::uint8_t>(session.pressure)});
  }
  result.progress = core::summarize_progress(knowledge(), person.journal, sessions, now);
  result.adaptation =
      core::adapt_plan(knowledge(), result.start.plan, result.progress, date_at(now));
  result.rule = knowledge().progress.rules.at(result.adaptation.rule).id;
  return result;
}

const core::MeasureProgress& measure(const core::Progress& progress, MeasureKind kind,
                                     Region region = Region::head) {
  const auto* found = core::find_measure(progress, kind, region);
  if (found == nullptr) {
    ADD_FAILURE() << "no such measure";
    static const core::MeasureProgress none;
    return none;
  }
  return *found;
}

bool meaningfully(const core::MeasureProgress& m, core::Direction direction) {
  return m.compared && m.direction == direction && m.clinically_meaningful.holds;
}

TEST(DemoPeople, SixInventedPeopleInSeveralZones) {
  const auto people = demo::demo_people(moments().front());
  ASSERT_EQ(people.size(), claims().size());
  std::set<std::string> zones;
  for (std::size_t p = 0; p < people.size(); ++p) {
    EXPECT_EQ(people[p].display_name, claims()[p].name);
    EXPECT_FALSE(people[p].story.empty());
    EXPECT_EQ(people[p].story.find('\n'), std::string::npos) << people[p].display_name;
    zones.insert(people[p].time_zone);
  }
  EXPECT_GE(zones.size(), 5U);
}

TEST(DemoPeople, IntakesAreValid) {
  for (const auto& person : demo::demo_people(moments().front())) {
    const auto parsed = codec::parse_intake(knowledge(), person.intake_json);
    EXPECT_TRUE(parsed.ok()) << person.display_name << ": "
                             << (parsed ? "" : parsed.error().describe());
  }
}

TEST(DemoPeople, JournalsArePlausibleAndEndBeforeNow) {
  for (std::int64_t now : moments()) {
    for (const auto& person : demo::demo_people(now)) {
      SCOPED_TRACE(person.display_name);
      ASSERT_GE(person.journal.size(), 10U);
      EXPECT_LT(person.intake_time, person.journal.front().time);
      EXPECT_LE(person.journal.back().time, now);
      EXPECT_GT(person.journal.back().time, now - 3 * kDay) << "ends shortly before now";
      std::set<std::int64_t> times;
      std::int64_t previous = 0;
      for (const auto& entry : person.journal) {
        EXPECT_LE(entry.time, now);
        EXPECT_GT(entry.time, previous) << "in time order, no two at one time";
        previous = entry.time;
        EXPECT_TRUE(times.insert(entry.time).second);
        for (const auto& pain : entry.pain) {
          if (pain) {
            EXPECT_GE(*pain, 0);
            EXPECT_LE(*pain, 10);
          }
        }
        EXPECT_LE(entry.activities.size(), core::kMaxActivities);
        for (const auto& activity : entry.activities) {
          EXPECT_FALSE(activity.name.empty());
          EXPECT_GE(activity.score, 0);
          EXPECT_LE(activity.score, 10);
        }
        for (const auto& rating : {entry.stress, entry.sleep_quality}) {
          if (rating) {
            EXPECT_GE(*rating, 0);
            EXPECT_LE(*rating, 10);
          }
        }
        if (entry.soreness_hours) {
          EXPECT_GE(*entry.soreness_hours, 0);
          EXPECT_LE(*entry.soreness_hours, 96);
        }
      }
    }
  }
}

TEST(DemoPeople, SessionsFollowTheStartingPlan) {
  const std::int64_t now = moments().front();
  for (const auto& person : demo::demo_people(now)) {
    SCOPED_TRACE(person.display_name);
    const Followed followed = follow(person, now);
    const core::Plan& plan = followed.start.plan;
    ASSERT_FALSE(plan.on_hold);
    ASSERT_FALSE(person.sessions.empty());
    std::int64_t previous = person.intake_time;
    for (const auto& session : person.sessions) {
      EXPECT_GT(session.time, previous);
      EXPECT_LE(session.time, now);
      previous = session.time;
      EXPECT_FALSE(session.therapist.empty());
      EXPECT_GE(session.pressure, 1);
      EXPECT_LE(session.pressure, followed.start.safety.pressure_ceiling);
      const auto planned =
          std::find_if(plan.sessions.begin(), plan.sessions.end(), [&](const auto& p) {
            return p.date == date_at(session.time) && p.style == session.style &&
                   p.minutes == session.minutes;
          });
      EXPECT_NE(planned, plan.sessions.end())
          << "no planned session on " << core::format_date(date_at(session.time));
    }
  }
}

bool same(const core::JournalEntry& a, const core::JournalEntry& b) {
  if (a.activities.size() != b.activities.size()) return false;
  for (std::size_t i = 0; i < a.activities.size(); ++i) {
    if (a.activities[i].name != b.activities[i].name ||
        a.activities[i].score != b.activities[i].score) {
      return false;
    }
  }
  return a.time == b.time && a.pain == b.pain && a.stress == b.stress &&
         a.sleep_quality == b.sleep_quality && a.soreness_hours == b.soreness_hours &&
         a.sharp_pain == b.sharp_pain && a.new_symptoms == b.new_symptoms && a.notes == b.notes;
}

TEST(DemoPeople, SameMomentSamePeople) {
  const std::int64_t now = moments().front();
  const auto first = demo::demo_people(now);
  const auto second = demo::demo_people(now);
  ASSERT_EQ(first.size(), second.size());
  for (std::size_t p = 0; p < first.size(); ++p) {
    const auto& a = first[p];
    const auto& b = second[p];
    EXPECT_EQ(a.display_name, b.display_name);
    EXPECT_EQ(a.time_zone, b.time_zone);
    EXPECT_EQ(a.story, b.story);
    EXPECT_EQ(a.intake_json, b.intake_json);
    EXPECT_EQ(a.intake_time, b.intake_time);
    ASSERT_EQ(a.sessions.size(), b.sessions.size());
    for (std::size_t s = 0; s < a.sessions.size(); ++s) {
      EXPECT_EQ(a.sessions[s].time, b.sessions[s].time);
      EXPECT_EQ(a.sessions[s].therapist, b.sessions[s].therapist);
    }
    ASSERT_EQ(a.journal.size(), b.journal.size());
    for (std::size_t e = 0; e < a.journal.size(); ++e) {
      EXPECT_TRUE(same(a.journal[e], b.journal[e])) << a.display_name << " entry " << e;
    }
  }
}

TEST(DemoPeople, EachStoryLeadsToItsDecision) {
  for (std::int64_t now : moments()) {
    const auto people = demo::demo_people(now);
    ASSERT_EQ(people.size(), claims().size());
    for (std::size_t p = 0; p < people.size(); ++p) {
      SCOPED_TRACE(people[p].display_name + " on " + core::format_date(date_at(now)));
      const Followed followed = follow(people[p], now);
      EXPECT_EQ(followed.rule, claims()[p].rule);
      EXPECT_EQ(followed.adaptation.decision, claims()[p].decision);
    }
  }
}

// The numbers behind each decision are the ones the story tells.
TEST(DemoPeople, DecisionsRestOnTheStory) {
  const std::int64_t now = moments().front();
  const auto people = demo::demo_people(now);
  ASSERT_EQ(people.size(), 6U);
  using core::Direction;

  const Followed ada = follow(people[0], now);
  const auto& back = measure(ada.progress, MeasureKind::pain, Region::lower_back);
  EXPECT_TRUE(meaningfully(back, Direction::better));
  EXPECT_GE(back.sustained_days, 14);
  EXPECT_EQ(ada.start.recommendation.style, core::Style::therapeutic);

  const Followed bram = follow(people[1], now);
  EXPECT_TRUE(bram.start.plan.review_on && date_at(now) >= *bram.start.plan.review_on);
  for (const auto& m : bram.progress.measures) {
    EXPECT_FALSE(meaningfully(m, Direction::better) || meaningfully(m, Direction::worse));
  }

  const Followed chiara = follow(people[2], now);
  EXPECT_TRUE(chiara.progress.flags.sharp_pain_at.has_value());
  EXPECT_TRUE(chiara.progress.flags.soreness_hours.has_value());
  EXPECT_TRUE(chiara.progress.flags.pain_worse);
  EXPECT_TRUE(chiara.adaptation.plan.on_hold);

  const Followed dev = follow(people[3], now);
  EXPECT_EQ(dev.start.recommendation.style, core::Style::relaxation);
  EXPECT_TRUE(meaningfully(measure(dev.progress, MeasureKind::stress), Direction::better));
  EXPECT_TRUE(meaningfully(measure(dev.progress, MeasureKind::sleep), Direction::better));
  EXPECT_TRUE(meaningfully(measure(dev.progress, MeasureKind::function), Direction::better));

  const Followed emi = follow(people[4], now);
  EXPECT_EQ(emi.start.recommendation.style, core::Style::therapeutic);
  EXPECT_TRUE(meaningfully(measure(emi.progress, MeasureKind::stress), Direction::worse));
  EXPECT_TRUE(meaningfully(measure(emi.progress, MeasureKind::sleep), Direction::worse));
  EXPECT_TRUE(
      meaningfully(measure(emi.progress, MeasureKind::pain, Region::knees), Direction::better));
  EXPECT_TRUE(std::any_of(emi.adaptation.plan.phases.begin(), emi.adaptation.plan.phases.end(),
                          [](const core::PlannedPhase& phase) {
                            return phase.phase.style == core::Style::relaxation;
                          }));

  const Followed farid = follow(people[5], now);
  EXPECT_NE(farid.start.safety.status, core::SafetyStatus::clear);
  EXPECT_LE(farid.start.safety.pressure_ceiling, 2);
  EXPECT_LT(people[5].journal.size(), people[0].journal.size() / 3);
}

}  // namespace
}  // namespace mn::testing
