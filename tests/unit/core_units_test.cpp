// Small pure pieces of the core: dates, three-valued conditions, term matching.
#include <gtest/gtest.h>

#include "core/condition.hpp"
#include "core/date.hpp"
#include "core/term_match.hpp"
#include "test_support.hpp"

namespace mn::testing {
namespace {

using core::Truth;

TEST(Date, ParsesStrictIsoAndRoundTrips) {
  ASSERT_TRUE(core::parse_date("2028-02-29"));
  EXPECT_EQ(core::format_date(*core::parse_date("2028-02-29")), "2028-02-29");
  for (const char* bad : {"2026-02-29", "2026-13-01", "2026-1-01", "2026/01/01", "", "20260101",
                          "2026-01-0x", "+026-01-01"}) {
    EXPECT_FALSE(core::parse_date(bad)) << bad;
  }
}

// A tiny program built by hand: all / any / not over two boolean leaves, so
// every combination of yes / no / unknown can be checked.
class ThreeValuedLogic : public ::testing::Test {
 protected:
  void SetUp() override {
    core::ConditionNode knots;
    knots.kind = core::NodeKind::boolean_is;
    knots.field = core::Field::knots;
    core::ConditionNode tension = knots;
    tension.field = core::Field::generalized_tension;
    program_.nodes = {knots, tension};
    program_.children = {0, 1, 0};
    core::ConditionNode all;
    all.kind = core::NodeKind::all;
    all.first_child = 0;
    all.child_count = 2;
    core::ConditionNode any = all;
    any.kind = core::NodeKind::any;
    core::ConditionNode negate;
    negate.kind = core::NodeKind::negate;
    negate.first_child = 2;
    negate.child_count = 1;
    program_.nodes.insert(program_.nodes.end(), {all, any, negate});
  }

  Truth run(core::ConditionRef root, std::optional<bool> a, std::optional<bool> b) {
    core::Intake intake;
    intake.knots = a;
    intake.generalized_tension = b;
    return core::evaluate(program_, root, {&intake, 0, core::Style::consultation});
  }

  core::ConditionProgram program_;
};

TEST_F(ThreeValuedLogic, KleeneTruthTables) {
  const std::optional<bool> values[] = {true, false, std::nullopt};
  const Truth all[3][3] = {{Truth::yes, Truth::no, Truth::unknown},
                           {Truth::no, Truth::no, Truth::no},
                           {Truth::unknown, Truth::no, Truth::unknown}};
  const Truth any[3][3] = {{Truth::yes, Truth::yes, Truth::yes},
                           {Truth::yes, Truth::no, Truth::unknown},
                           {Truth::yes, Truth::unknown, Truth::unknown}};
  for (int a = 0; a < 3; ++a) {
    for (int b = 0; b < 3; ++b) {
      EXPECT_EQ(run(2, values[a], values[b]), all[a][b]) << a << "," << b;
      EXPECT_EQ(run(3, values[a], values[b]), any[a][b]) << a << "," << b;
    }
  }
  EXPECT_EQ(run(4, true, std::nullopt), Truth::no);
  EXPECT_EQ(run(4, false, std::nullopt), Truth::yes);
  EXPECT_EQ(run(4, std::nullopt, std::nullopt), Truth::unknown) << "not(unknown) stays unknown";
  EXPECT_EQ(run(core::kAlways, std::nullopt, std::nullopt), Truth::yes);
}

TEST_F(ThreeValuedLogic, TraceKeepsOnlyTheLeavesThatDecided) {
  core::Intake intake;
  intake.knots = false;
  intake.generalized_tension = true;
  core::Trace trace;
  ASSERT_EQ(core::evaluate(program_, 3, {&intake, 0, core::Style::consultation}, &trace),
            Truth::yes);
  ASSERT_EQ(trace.count, 1);
  EXPECT_EQ(trace.entries[0].node, 1) << "only the leaf that held";
  core::Trace none;
  EXPECT_EQ(core::evaluate(program_, 2, {&intake, 0, core::Style::consultation}, &none), Truth::no);
  EXPECT_EQ(none.count, 0) << "a false condition explains nothing";
}

TEST(TermMatch, NormalizesAndFindsNamesInsideEntries) {
  EXPECT_EQ(core::normalize_words("  Eliquis, 5mg!! twice-daily "), "eliquis 5mg twice daily");
  std::vector<core::Index> found;
  core::read_entry(knowledge(), "ELIQUIS 5 mg twice a day", found);
  ASSERT_EQ(found.size(), 1U);
  const std::string id = knowledge().terms[found[0]].id;
  found.clear();
  core::read_entry(knowledge(), "apixaban", found);
  ASSERT_EQ(found.size(), 1U);
  EXPECT_EQ(knowledge().terms[found[0]].id, id) << "brand and generic name the same term";
  found.clear();
  core::read_entry(knowledge(), "zorblax", found);
  EXPECT_TRUE(found.empty());
}

TEST(TermMatch, DenialsAndHedges) {
  std::vector<core::Index> found;
  EXPECT_TRUE(core::read_entry(knowledge(), "No blood thinners", found).denied);
  EXPECT_FALSE(found.empty()) << "the denied term is still recognised";
  EXPECT_TRUE(core::read_entry(knowledge(), "never had a DVT", found).denied);
  EXPECT_FALSE(core::read_entry(knowledge(), "not sure if I take blood thinners", found).denied)
      << "a hedge is never a denial";
  EXPECT_FALSE(core::read_entry(knowledge(), "maybe no blood thinners", found).denied);
  EXPECT_FALSE(core::read_entry(knowledge(), "no", found).denied)
      << "a bare 'no' is the none answer";
  EXPECT_FALSE(core::read_entry(knowledge(), "warfarin, not aspirin", found).denied)
      << "only a leading denial counts";
}

TEST(TermMatch, EveryNameOfEveryTermFindsItsTerm) {
  const auto& kb = knowledge();
  for (const core::TermName& name : kb.term_names) {
    std::vector<core::Index> found;
    core::read_entry(kb, name.name, found);
    ASSERT_FALSE(found.empty()) << name.name;
    EXPECT_EQ(found.front(), name.term) << name.name;
  }
}

}  // namespace
}  // namespace mn::testing
