#pragma once

#include <iosfwd>
#include <memory>
#include <optional>

#include "cli/app.hpp"
#include "cli/config.hpp"
#include "core/date.hpp"
#include "core/knowledge_base.hpp"
#include "store/clock.hpp"
#include "store/store.hpp"

namespace mn::cli {

// What every command works with: the streams, the resolved settings, the
// clock, and the knowledge base and store opened on first use. Failures are
// printed to `err` once, as "error: where: message".
class Context {
 public:
  Context(Settings settings, std::istream& in, std::ostream& out, std::ostream& err,
          const store::Clock& clock);

  std::istream& in;
  std::ostream& out;
  std::ostream& err;
  const store::Clock& clock;
  const Settings& settings() const { return settings_; }

  // Null after printing why.
  const core::KnowledgeBase* knowledge();
  store::Store* store();

  // The local operator, as the audit trail names them: "cli:<login>".
  const store::Actor& actor() const { return actor_; }

  // Prints the error; kBadInput for refused input, kInternalError when the
  // database failed.
  int fail(const Error& error);
  // The exit code of the last failure (after knowledge() or store() gave
  // null): kBadInput for a bad setting, else kInternalError.
  int failed() const { return failed_; }

 private:
  Settings settings_;
  store::Actor actor_;
  std::optional<core::KnowledgeBase> knowledge_;
  std::unique_ptr<store::Store> store_;
  int failed_ = kInternalError;
};

// Today in this machine's local time zone.
core::Date local_today();

}  // namespace mn::cli
