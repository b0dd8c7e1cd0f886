// reassess: every person's latest intake against the current knowledge base.
#include <chrono>
#include <nlohmann/json.hpp>
#include <ostream>

#include "cli/commands.hpp"
#include "codec/intake_json.hpp"
#include "core/assess.hpp"
#include "store/time_zone.hpp"

namespace mn::cli {

namespace {

using Clock = std::chrono::steady_clock;

struct Change {
  store::PatientId patient = 0;
  std::string before_style, before_safety, before_knowledge;
  std::string after_style, after_safety;
};

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// "\rReassessing 1234/5000 (24%)" at each whole percent, on standard error.
class ProgressBar {
 public:
  ProgressBar(std::ostream& err, std::size_t total, bool enabled)
      : err_(err), total_(total), enabled_(enabled && total > 0) {}

  void advance(std::size_t done) {
    if (!enabled_) return;
    const std::size_t percent = done * 100 / total_;
    if (percent == shown_ && done != total_) return;
    shown_ = percent;
    constexpr std::size_t kWidth = 30;
    const std::size_t filled = percent * kWidth / 100;
    err_ << "\rReassessing [" << std::string(filled, '#') << std::string(kWidth - filled, ' ')
         << "] " << done << "/" << total_ << " (" << percent << "%)" << std::flush;
    if (done == total_) err_ << "\n";
  }

 private:
  std::ostream& err_;
  std::size_t total_;
  bool enabled_;
  std::size_t shown_ = 101;
};

}  // namespace

int reassess(Context& ctx, const ReassessOptions& options) {
  const core::KnowledgeBase* knowledge = ctx.knowledge();
  if (knowledge == nullptr) return kInternalError;
  store::Store* store = ctx.store();
  if (store == nullptr) return ctx.failed();
  auto total = store->count_people_with_intakes();
  if (!total) return ctx.fail(total.error());
  ProgressBar bar(ctx.err, *total, options.progress_bar);
  const core::Date today = store::local_date(ctx.clock.now(), "UTC");
  std::vector<Change> changes;
  std::size_t unreadable = 0;
  std::size_t done = 0;
  double parse_seconds = 0;
  double assess_seconds = 0;
  const auto start = Clock::now();
  auto visited =
      store->for_each_latest_intake(ctx.actor(), 2000, [&](const store::LatestIntake& latest) {
        const auto parse_start = Clock::now();
        auto intake = codec::parse_intake(*knowledge, latest.intake.intake_json);
        parse_seconds += seconds_since(parse_start);
        const store::AssessmentRecord* before = latest.assessment ? &*latest.assessment : nullptr;
        if (intake) {
          const auto assess_start = Clock::now();
          const core::Assessment now = core::assess(*knowledge, *intake, today);
          assess_seconds += seconds_since(assess_start);
          const std::string style(core::style_name(now.recommendation.style));
          const std::string safety(core::safety_status_name(now.safety.status));
          if (before == nullptr || before->style != style || before->safety_status != safety) {
            changes.push_back(Change{latest.intake.patient, before ? before->style : "none",
                                     before ? before->safety_status : "none",
                                     before ? before->knowledge_version : "none", style, safety});
          }
        } else {
          // Stored before a knowledge-base change that no longer accepts it.
          ++unreadable;
          changes.push_back(Change{latest.intake.patient, before ? before->style : "none",
                                   before ? before->safety_status : "none",
                                   before ? before->knowledge_version : "none", "invalid intake",
                                   intake.error().describe()});
        }
        bar.advance(++done);
      });
  if (!visited) return ctx.fail(visited.error());
  const double total_seconds = seconds_since(start);
  if (options.format == "json") {
    nlohmann::json report{
        {"reassessed", *visited},
        {"seconds",
         {{"total", total_seconds}, {"parse", parse_seconds}, {"assess", assess_seconds}}},
        {"knowledge_version", knowledge->version},
        {"unreadable", unreadable},
        {"changed", nlohmann::json::array()}};
    for (const Change& change : changes) {
      report["changed"].push_back(
          {{"patient", change.patient},
           {"before",
            {{"style", change.before_style},
             {"safety_status", change.before_safety},
             {"knowledge_version", change.before_knowledge}}},
           {"after", {{"style", change.after_style}, {"safety_status", change.after_safety}}}});
    }
    ctx.out << report.dump(2) << "\n";
    return kOk;
  }
  for (const Change& change : changes) {
    ctx.out << "patient " << change.patient << ": " << change.before_style << " / "
            << change.before_safety << " (knowledge base " << change.before_knowledge << ") -> "
            << change.after_style << " / " << change.after_safety << "\n";
  }
  ctx.out << "Reassessed " << *visited << " people against knowledge base " << knowledge->version
          << ": " << changes.size() << " changed";
  if (unreadable > 0) ctx.out << ", " << unreadable << " stored intakes no longer valid";
  ctx.out << ". " << total_seconds << " s in all: " << parse_seconds << " s reading intake JSON, "
          << assess_seconds << " s assessing, the rest in the database.\n";
  return kOk;
}

}  // namespace mn::cli
