// handoff (text or PDF, for the therapist or the clinic team) and calendar.
#include <ostream>

#include "cli/commands.hpp"
#include "cli/files.hpp"
#include "render/handoff_pdf.hpp"
#include "render/plan_calendar.hpp"
#include "service/handoff.hpp"

namespace mn::cli {

namespace {

// Writes `text` to the file, or to standard output when none is named.
int deliver(Context& ctx, const std::string& output, const std::string& text) {
  if (output.empty()) {
    ctx.out << text;
    return kOk;
  }
  auto written = write_file_atomically(output, text);
  if (!written) return ctx.fail(written.error());
  ctx.err << "Wrote " << output << "\n";
  return kOk;
}

}  // namespace

int handoff(Context& ctx, const HandoffOptions& options) {
  const core::KnowledgeBase* knowledge = ctx.knowledge();
  if (knowledge == nullptr) return kInternalError;
  if (options.format == "pdf" && options.output.empty()) {
    return ctx.fail(Error{"invalid", "--output", "a PDF needs a file to go to (--output FILE)"});
  }
  store::Store* store = ctx.store();
  if (store == nullptr) return ctx.failed();
  const store::Seconds now = ctx.clock.now();
  auto record = service::read_handoff(*knowledge, *store, ctx.actor(), options.patient, now);
  if (!record) return ctx.fail(record.error());
  if (!*record) {
    return ctx.fail(
        Error{"not_found", "patient", "this person has no assessment yet: record an intake first"});
  }
  const auto audience = options.audience == "clinic" ? codec::HandoffAudience::clinic
                                                     : codec::HandoffAudience::therapist;
  const codec::HandoffView view = service::handoff_view(*knowledge, **record, audience, now);
  if (options.format == "text") return deliver(ctx, options.output, codec::handoff_to_text(view));
  auto pdf = render::handoff_pdf(view);
  if (!pdf) return ctx.fail(pdf.error());
  return deliver(ctx, options.output, *pdf);
}

int calendar(Context& ctx, const CalendarOptions& options) {
  const core::KnowledgeBase* knowledge = ctx.knowledge();
  if (knowledge == nullptr) return kInternalError;
  store::Store* store = ctx.store();
  if (store == nullptr) return ctx.failed();
  const store::Seconds now = ctx.clock.now();
  auto course = service::review_course(*knowledge, *store, ctx.actor(), options.patient, now);
  if (!course) return ctx.fail(course.error());
  if (!course->plan_record) {
    return ctx.fail(
        Error{"not_found", "patient", "this person has no plan yet: record an intake first"});
  }
  return deliver(
      ctx, options.output,
      render::plan_calendar(course->plan, "patient-" + std::to_string(options.patient), now));
}

}  // namespace mn::cli
