#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <variant>
#include <vector>

#include "core/knowledge_base.hpp"
#include "core/result.hpp"

namespace mn::knowledge {

// Every problem found, each as "file:line:column: message" in Error::where
// and Error::message. Loading stops collecting after 50 problems.
struct LoadErrors {
  std::vector<Error> errors;
  std::string describe() const;  // one problem per line
};

// File name (e.g. "safety.yaml") to its text. `schema.yaml` is one of them.
using KnowledgeTexts = std::map<std::string, std::string>;

// Checks texts against the schema and compiles them. Pure: no file access.
// Never throws on bad input (all problems come back as LoadErrors).
std::variant<core::KnowledgeBase, LoadErrors> compile_texts(const KnowledgeTexts& texts);

// Reads every file the schema names from `directory` and compiles them.
std::variant<core::KnowledgeBase, LoadErrors> load_directory(
    const std::filesystem::path& directory);

}  // namespace mn::knowledge
