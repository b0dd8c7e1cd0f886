#pragma once

#include <string>

#include "core/knowledge_base.hpp"

namespace mn::codec {

// The public parts of the knowledge base as JSON, for apps that render the
// intake form and the guidance pages (GET /api/v1/questionnaire and
// /api/v1/guidance). Both are compact (one line), with keys in the order
// shown, and deterministic: the same knowledge base gives the same bytes.
// Optional keys (marked ?) are left out rather than empty. Every "sources"
// list holds source ids, each described once in the closing "sources" list
// (in knowledge-base order, only the sources referenced). Text that is not
// well-formed UTF-8 is replaced with U+FFFD. Neither function throws, short
// of running out of memory.

// The questionnaire, in asking order. The compiled knowledge base keeps no
// section titles, so the list is flat and each question names its section:
//
//   {"knowledge_version": "...",   (KnowledgeBase::version)
//    "questions": [{"id": "stress",           (the intake v1 field name)
//                   "section": "stress_sleep",
//                   "prompt": "...", "help"?: "...",
//                   "type": "integer",        (as in questionnaire.yaml:
//                                              integer, number, boolean, choice,
//                                              choice_set, text_list, text,
//                                              pain_list)
//                   "min"?: 0, "max"?: 10,
//                   "nullable"?: true,        (null is an answer: "none")
//                   "max_length"?: 50,        (text: characters; lists: entries)
//                   "choices"?: [{"value": "light", "label": "Light"}],
//                   "pain"?: {"intensity": {"type": "integer", "prompt", "help"?,
//                                           "min", "max"},
//                             "weeks": {"type": "number", ...},
//                             "localized": {"type": "boolean", "prompt", "help"?}},
//                   "sources": ["article"]}],
//    "sources": [{"id": "article", "citation": "..."}]}
//
// "choices" lists the values offered, in the intake contract's order
// (pain_list: the regions). "pain" belongs to the pain_list question and
// describes the fields of each area. A question's `ask_if` condition is
// compiled to an evaluation program with no readable form, so it is not
// included.
std::string questionnaire_to_json(const core::KnowledgeBase& knowledge);

// The guidance that does not depend on a person's answers. An item is
// {"id", "title"?, "text", "sources"}; a FAQ entry is {"id", "question",
// "answer", "sources"}.
//
//   {"knowledge_version": "...",   (KnowledgeBase::version)
//    "headlines": {"styles": {"therapeutic": item, "relaxation": item,
//                             "mixed": item, "consultation": item},
//                  "safety": {"clear": item, "adjust": item,
//                             "consult_provider_first": item}},
//    "styles": [item],                (what each style is and who it suits)
//    "checklists": [{"id", "title", "style", "sources",
//                    "items": [item]}],  (the signs that point to a style)
//    "misconceptions": [item], "faq": [entry], "preparation": [item],
//    "aftercare": [item], "when_to_call": [item], "pairings": [item],
//    "bring_to_clinic": [item], "evidence": [item],
//    "choosing_a_therapist": [item],
//    "pressure_scale": {"levels": [{"level": 1, "name", "description"}],
//                       "sources"},
//    "sources": [{"id", "citation"}]}
//
// Lists keep knowledge-base order. Items shown only when their condition
// holds (say, aftercare for therapeutic work) are all included, without the
// condition; the "tell your therapist" templates and other texts with
// placeholders are left out, as they only make sense inside an assessment.
std::string guidance_to_json(const core::KnowledgeBase& knowledge);

}  // namespace mn::codec
