#pragma once

// The knowledge base every benchmark uses: the repository's knowledge/
// (MN_KNOWLEDGE_DIR, an absolute path set by bench/CMakeLists.txt, so any
// working directory will do).

#include <cstdio>
#include <cstdlib>
#include <utility>
#include <variant>

#include "core/knowledge_base.hpp"
#include "knowledge/loader.hpp"

namespace mn::bench {

// Loaded on first use, outside the timed loops, and kept for the whole run
// (never destroyed). Exits the process when it does not load.
inline const core::KnowledgeBase& knowledge() {
  static const auto* loaded = [] {
    auto result = mn::knowledge::load_directory(MN_KNOWLEDGE_DIR);
    if (const auto* errors = std::get_if<mn::knowledge::LoadErrors>(&result)) {
      std::fprintf(stderr, "cannot load %s:\n%s\n", MN_KNOWLEDGE_DIR, errors->describe().c_str());
      std::exit(1);
    }
    return new core::KnowledgeBase(std::get<core::KnowledgeBase>(std::move(result)));
  }();
  return *loaded;
}

}  // namespace mn::bench
