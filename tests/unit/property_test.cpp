// Properties over generated intakes (10,000 per property per run, fixed
// seeds so a failure reproduces; the seed and intake are printed).
#include <gtest/gtest.h>

#include <functional>
#include <random>
#include <set>

#include "codec/assessment_json.hpp"
#include "codec/intake_json.hpp"
#include "test_support.hpp"

namespace mn::testing {
namespace {

using nlohmann::json;

constexpr int kRuns = 10000;

// Builds random valid intakes from the questionnaire: every field present or
// absent at random, values anywhere in their allowed range.
class IntakeGenerator {
 public:
  explicit IntakeGenerator(unsigned seed) : random_(seed) {}

  json next() {
    json intake = json::object();
    for (const core::Question& question : knowledge().questionnaire) {
      if (!chance(0.7)) continue;
      const core::FieldInfo& info = core::field_info(question.field);
      switch (info.type) {
        case core::FieldType::integer:
          intake[info.name] =
              integer(static_cast<int>(*question.min), static_cast<int>(*question.max));
          break;
        case core::FieldType::number:
          if (question.nullable && chance(0.3))
            intake[info.name] = nullptr;
          else
            intake[info.name] =
                static_cast<double>(integer(0, std::min(300, static_cast<int>(*question.max))));
          break;
        case core::FieldType::boolean:
          intake[info.name] = chance(0.5);
          break;
        case core::FieldType::choice:
          intake[info.name] = pick(question, info.choices);
          break;
        case core::FieldType::choice_set:
          intake[info.name] = pick_set(question, info.choices);
          break;
        case core::FieldType::text_list:
          intake[info.name] = terms();
          break;
        case core::FieldType::text:
          intake[info.name] = "free text";
          break;
        case core::FieldType::pain_list:
          intake[info.name] = pain_areas(question);
          break;
      }
    }
    return intake;
  }

 private:
  bool chance(double p) { return std::bernoulli_distribution(p)(random_); }
  int integer(int low, int high) { return std::uniform_int_distribution<int>(low, high)(random_); }

  std::vector<std::string> allowed(const core::Question& question, core::Choices choices) {
    std::vector<std::string> values;
    const auto& names = core::choice_names(choices);
    for (std::size_t i = 0; i < names.size(); ++i) {
      if (question.allowed >> i & 1U) values.emplace_back(names[i]);
    }
    return values;
  }

  std::string pick(const core::Question& question, core::Choices choices) {
    const auto values = allowed(question, choices);
    return values[static_cast<std::size_t>(integer(0, static_cast<int>(values.size()) - 1))];
  }

  json pick_set(const core::Question& question, core::Choices choices) {
    json list = json::array();
    for (const auto& value : allowed(question, choices)) {
      if (chance(0.3)) list.push_back(value);
    }
    return list;
  }

  json terms() {
    const auto& names = knowledge().term_names;
    json list = json::array();
    const int count = integer(0, 3);
    for (int i = 0; i < count; ++i) {
      if (chance(0.1))
        list.push_back("unheard-of remedy " + std::to_string(integer(0, 99)));
      else
        list.push_back(
            names[static_cast<std::size_t>(integer(0, static_cast<int>(names.size()) - 1))].name);
    }
    return list;
  }

  json pain_areas(const core::Question& question) {
    json list = json::array();
    for (const auto& region : allowed(question, core::Choices::region)) {
      if (!chance(0.15)) continue;
      json area{{"region", region}};
      if (chance(0.9)) area["intensity"] = integer(0, 10);
      if (chance(0.9)) area["weeks"] = integer(0, 200);
      if (chance(0.9)) area["localized"] = chance(0.5);
      list.push_back(area);
    }
    return list;
  }

  std::mt19937 random_;
};

core::Assessment assess_at(const core::Intake& intake) {
  return core::assess(knowledge(), intake, *core::parse_date("2026-11-27"));
}

TEST(Properties, AFiredRuleOrAnUnknownNeverGivesClear) {
  IntakeGenerator generator(20261127);
  for (int run = 0; run < kRuns; ++run) {
    const json intake = generator.next();
    const core::Assessment result = assess_at(intake_of(intake));
    const auto& safety = result.safety;
    if (!safety.fired.empty() || !safety.unrecognised.empty() || !safety.unanswered.empty()) {
      ASSERT_NE(safety.status, core::SafetyStatus::clear) << intake.dump();
    }
    for (const auto& fired : safety.fired) {
      ASSERT_GE(safety.status, knowledge().rules[fired.rule].category) << intake.dump();
    }
    if (safety.status == core::SafetyStatus::consult_provider_first) {
      ASSERT_TRUE(result.plan.sessions.empty()) << "a plan on hold has no dates: " << intake.dump();
    }
  }
}

TEST(Properties, AddingATherapeuticItemNeverLowersTheTherapeuticEvidence) {
  IntakeGenerator generator(7);
  // Each edit makes one therapeutic item true.
  const std::vector<std::function<void(json&)>> edits = {
      [](json& i) {
        i["knots"] = true;
        i["limited_motion"] = true;
      },
      [](json& i) {
        i["limited_motion"] = true;
        i["motion_limits_daily_life"] = true;
      },
      [](json& i) { i["repetitive_strain"] = "work"; },
      [](json& i) { i["posture"] = json::array({"forward_head"}); },
      [](json& i) { i["return_to_activity"] = true; },
  };
  for (int run = 0; run < kRuns; ++run) {
    const json before = generator.next();
    json after = before;
    edits[static_cast<std::size_t>(run) % edits.size()](after);
    const auto first = assess_at(intake_of(before)).recommendation;
    const auto second = assess_at(intake_of(after)).recommendation;
    ASSERT_GE(second.counts[0], first.counts[0]) << before.dump();
    ASSERT_EQ(second.counts[1], first.counts[1])
        << "a therapeutic edit changed relaxation items: " << before.dump();
    const bool was_therapeutic =
        first.style == core::Style::therapeutic || first.style == core::Style::mixed;
    if (was_therapeutic) {
      ASSERT_TRUE(second.style == core::Style::therapeutic || second.style == core::Style::mixed)
          << before.dump();
    }
  }
}

// The output always has the contract's fields, types and ranges.
TEST(Properties, OutputAlwaysValidatesAgainstTheContract) {
  IntakeGenerator generator(99);
  const std::set<std::string> statuses{"clear", "adjust", "consult_provider_first"};
  const std::set<std::string> styles{"therapeutic", "relaxation", "mixed", "consultation"};
  for (int run = 0; run < kRuns; ++run) {
    const json intake = generator.next();
    json out;
    ASSERT_NO_THROW(out = assess_json(intake)) << intake.dump();
    ASSERT_TRUE(statuses.count(out["safety"]["status"])) << intake.dump();
    for (const auto& reason : out["safety"]["reasons"]) {
      ASSERT_TRUE(reason["id"].is_string() && reason["text"].is_string() &&
                  !reason["text"].get<std::string>().empty());
      ASSERT_EQ(reason["text"].get<std::string>().find('{'), std::string::npos)
          << "unfilled placeholder";
    }
    const int ceiling = out["safety"]["pressure_ceiling"];
    ASSERT_TRUE(ceiling >= 1 && ceiling <= 5);
    ASSERT_LE(out["recommendation"]["pressure_target"].get<int>(), ceiling);
    ASSERT_TRUE(styles.count(out["recommendation"]["style"]));
    ASSERT_FALSE(out["recommendation"]["explanation"].get<std::string>().empty());
    ASSERT_FALSE(out["plan"]["phases"].empty());
    for (const auto& phase : out["plan"]["phases"]) {
      ASSERT_GE(phase["every_days"].get<int>(), 1);
      ASSERT_GE(phase["sessions"].get<int>(), 1);
      ASSERT_GE(phase["minutes"].get<int>(), 10);
      ASSERT_TRUE(styles.count(phase["style"]));
    }
    std::string previous = "2026-11-27";
    for (const auto& session : out["plan"]["sessions"]) {
      ASSERT_GE(session["date"].get<std::string>(), previous)
          << "sessions in date order, not before today";
      previous = session["date"];
    }
    for (const char* list :
         {"preparation", "aftercare", "tell_your_therapist", "bring_to_clinic"}) {
      ASSERT_TRUE(out[list].is_array()) << list;
      for (const auto& entry : out[list]) {
        ASSERT_EQ(entry["text"].get<std::string>().find('{'), std::string::npos)
            << list << " placeholder";
      }
    }
  }
}

TEST(Properties, AssessNeverThrowsAndSurvivesARoundTrip) {
  IntakeGenerator generator(1234);
  for (int run = 0; run < kRuns; ++run) {
    const json intake = generator.next();
    const core::Intake parsed = intake_of(intake);
    const std::string saved = codec::intake_to_json(parsed);
    auto reparsed = codec::parse_intake(knowledge(), saved);
    ASSERT_TRUE(reparsed.ok()) << saved;
    const auto today = *core::parse_date("2026-11-27");
    std::string first;
    std::string second;
    ASSERT_NO_THROW(first = codec::assessment_to_json(knowledge(), parsed,
                                                      core::assess(knowledge(), parsed, today)));
    ASSERT_NO_THROW(second = codec::assessment_to_json(
                        knowledge(), *reparsed, core::assess(knowledge(), *reparsed, today)));
    ASSERT_EQ(first, second) << intake.dump();
  }
}

}  // namespace
}  // namespace mn::testing
