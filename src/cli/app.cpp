#include "cli/app.hpp"

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <iostream>

#include "cli/files.hpp"
#include "cli/interactive_intake.hpp"
#include "cli/kb_show.hpp"
#include "codec/assessment_json.hpp"
#include "codec/assessment_text.hpp"
#include "codec/intake_json.hpp"
#include "core/assess.hpp"
#include "knowledge/loader.hpp"

namespace mn::cli {

namespace {

constexpr std::size_t kMaxInputBytes = 1 << 20;

std::string default_knowledge_dir() {
  if (const char* dir = std::getenv("MN_KNOWLEDGE_DIR"); dir != nullptr && *dir != '\0') return dir;
  return MN_DEFAULT_KNOWLEDGE_DIR;
}

core::Date local_today() {
  const std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  return core::Date{std::chrono::year{local.tm_year + 1900} / (local.tm_mon + 1) / local.tm_mday};
}

struct Options {
  std::string knowledge_dir = default_knowledge_dir();
  std::string input;
  std::string format = "text";
  std::string today;
  std::string save;
  std::string show_id;
  std::string check_dir;
};

class Commands {
 public:
  Commands(const Options& options, std::istream& in, std::ostream& out, std::ostream& err)
      : options_(options), in_(in), out_(out), err_(err) {}

  int assess() {
    auto knowledge = load(options_.knowledge_dir);
    if (!knowledge) return kInternalError;
    const auto today = parse_today();
    if (!today) return kBadInput;
    auto text = read_input(options_.input, kMaxInputBytes);
    if (!text) return bad_input(text.error());
    auto intake = codec::parse_intake(*knowledge, *text);
    if (!intake) return bad_input(intake.error());
    print(*knowledge, *intake, *today);
    return kOk;
  }

  int intake() {
    auto knowledge = load(options_.knowledge_dir);
    if (!knowledge) return kInternalError;
    const auto today = parse_today();
    if (!today) return kBadInput;
    out_ << "Massage Navigator: a few questions to find the massage that fits you.\n"
         << "Press Enter to skip a question; type the number or name of a choice.\n";
    const core::Intake intake = ask_intake(*knowledge, in_, out_);
    out_ << "\n";
    print(*knowledge, intake, *today);
    if (!options_.save.empty()) {
      auto written = write_file_atomically(options_.save, codec::intake_to_json(intake));
      if (!written) return bad_input(written.error());
      err_ << "Saved your answers to " << options_.save << "\n";
    }
    return kOk;
  }

  int kb_check() {
    const std::string dir =
        options_.check_dir.empty() ? options_.knowledge_dir : options_.check_dir;
    auto knowledge = load(dir);
    if (!knowledge) return kBadInput;
    out_ << dir << ": ok (version " << knowledge->version << ", " << knowledge->questionnaire.size()
         << " questions, " << knowledge->items.size() << " checklist items, "
         << knowledge->rules.size() << " safety rules, " << knowledge->terms.size()
         << " terms with " << knowledge->term_names.size() << " names, "
         << knowledge->plan.cadences.size() << " cadences)\n";
    return kOk;
  }

  int kb_show() {
    auto knowledge = load(options_.knowledge_dir);
    if (!knowledge) return kInternalError;
    const std::string text = describe_item(*knowledge, options_.show_id);
    if (text.empty()) {
      err_ << "error: " << options_.show_id << ": no knowledge-base item has this id\n";
      return kBadInput;
    }
    out_ << text;
    return kOk;
  }

 private:
  std::optional<core::KnowledgeBase> load(const std::string& dir) {
    auto loaded = knowledge::load_directory(dir);
    if (auto* errors = std::get_if<knowledge::LoadErrors>(&loaded)) {
      err_ << errors->describe();
      return std::nullopt;
    }
    return std::move(std::get<core::KnowledgeBase>(loaded));
  }

  std::optional<core::Date> parse_today() {
    if (options_.today.empty()) return local_today();
    const auto date = core::parse_date(options_.today);
    if (!date)
      err_ << "error: --today: must be a date as YYYY-MM-DD, got '" << options_.today << "'\n";
    return date;
  }

  int bad_input(const Error& error) {
    err_ << "error: " << error.describe() << "\n";
    return kBadInput;
  }

  void print(const core::KnowledgeBase& knowledge, const core::Intake& intake, core::Date today) {
    const core::Assessment assessment = core::assess(knowledge, intake, today);
    out_ << (options_.format == "json" ? codec::assessment_to_json(knowledge, intake, assessment)
                                       : codec::assessment_to_text(knowledge, intake, assessment));
  }

  const Options& options_;
  std::istream& in_;
  std::ostream& out_;
  std::ostream& err_;
};

int run_parsed(const std::vector<std::string>& arguments, std::istream& in, std::ostream& out,
               std::ostream& err) {
  CLI::App app{"Massage Navigator: choose between therapeutic and relaxation massage, safely.",
               "massage-navigator"};
  app.set_version_flag("--version", std::string("massage-navigator ") + MN_VERSION);
  app.require_subcommand(1);
  Options options;
  app.add_option("--knowledge", options.knowledge_dir,
                 "Knowledge-base directory (env MN_KNOWLEDGE_DIR)");

  auto* assess =
      app.add_subcommand("assess", "Assess an intake (JSON, intake v1) and print the result");
  assess->add_option("--input", options.input, "Intake JSON file, or - for standard input")
      ->required();
  assess->add_option("--format", options.format, "Output format")
      ->check(CLI::IsMember({"text", "json"}));
  assess->add_option("--today", options.today,
                     "The date to plan from (YYYY-MM-DD; default: today)");

  auto* intake = app.add_subcommand(
      "intake", "Answer the questionnaire in the terminal, then see your result");
  intake->add_option("--save", options.save, "Also save your answers as intake JSON to this file");
  intake->add_option("--format", options.format, "Output format")
      ->check(CLI::IsMember({"text", "json"}));
  intake->add_option("--today", options.today,
                     "The date to plan from (YYYY-MM-DD; default: today)");

  auto* kb = app.add_subcommand("kb", "Work with the knowledge base");
  kb->require_subcommand(1);
  auto* check = kb->add_subcommand("check", "Validate a knowledge-base directory");
  check->add_option("dir", options.check_dir, "Directory (default: the one in use)");
  auto* show = kb->add_subcommand("show", "Print one knowledge-base item with its sources");
  show->add_option("id", options.show_id, "The item's id")->required();

  try {
    std::vector<std::string> reversed(arguments.rbegin(), arguments.rend());
    app.parse(reversed);
  } catch (const CLI::ParseError& error) {
    // Prints help or the version (exit 0), or the usage error.
    const int code = app.exit(error, out, err);
    return code == 0 ? kOk : kBadInput;
  }
  Commands commands(options, in, out, err);
  if (assess->parsed()) return commands.assess();
  if (intake->parsed()) return commands.intake();
  if (check->parsed()) return commands.kb_check();
  if (show->parsed()) return commands.kb_show();
  return kBadInput;
}

}  // namespace

int run(const std::vector<std::string>& arguments, std::istream& in, std::ostream& out,
        std::ostream& err) {
  try {
    return run_parsed(arguments, in, out, err);
  } catch (const std::exception& error) {
    err << "internal error: " << error.what() << "\n";
    return kInternalError;
  }
}

}  // namespace mn::cli
