#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "core/assess.hpp"
#include "core/knowledge_base.hpp"

namespace mn::testing {

// The repository's knowledge base, loaded once per test process. Aborts the
// test run (with the loader's messages) when it does not load.
const core::KnowledgeBase& knowledge();

std::filesystem::path source_dir();

// Parses intake JSON (must be valid) and returns the assessment as the JSON
// the CLI prints.
nlohmann::json assess_json(const nlohmann::json& intake, const std::string& today = "2026-11-27");

// Parses intake JSON; fails the current test on invalid input.
core::Intake intake_of(const nlohmann::json& intake);

}  // namespace mn::testing
