#pragma once

#include <string>

#include "core/knowledge_base.hpp"

namespace mn::cli {

// Every knowledge-base item with this id (ids are unique per kind, so one
// id may name, say, a rule and a term), with its kind, texts and sources.
// Empty when nothing has the id.
std::string describe_item(const core::KnowledgeBase& knowledge, const std::string& id);

}  // namespace mn::cli
