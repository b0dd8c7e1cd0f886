// The start page: what each style is, common misconceptions and the FAQ,
// all from the knowledge base's guidance.
#include "web/pages.hpp"

namespace mn::web {

http::Response start_page(Visit& visit) {
  const core::Guidance& guidance = visit.call.shared.knowledge.guidance;
  Page page(visit, "start.html", "Which massage do I need?");
  for (const core::TextItem& style : guidance.styles) {
    page.values().add("STYLE").set("TITLE", style.title).set("TEXT", style.text);
  }
  for (const core::TextItem& myth : guidance.misconceptions) {
    page.values().add("MYTH").set("TITLE", myth.title).set("TEXT", myth.text);
  }
  for (const core::FaqEntry& entry : guidance.faq) {
    page.values().add("FAQ").set("QUESTION", entry.question).set("ANSWER", entry.answer);
  }
  return page.respond();
}

}  // namespace mn::web
