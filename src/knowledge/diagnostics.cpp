#include "knowledge/diagnostics.hpp"

namespace mn::knowledge {

void Diagnostics::add(const std::string& file, const yaml::Mark& mark, const std::string& message) {
  if (full()) return;
  std::string where = file;
  if (!mark.is_null()) {
    where += ":" + std::to_string(mark.line + 1) + ":" + std::to_string(mark.column + 1);
  }
  errors_.push_back(Error{"knowledge_invalid", where, message});
}

void Diagnostics::add_file(const std::string& file, const std::string& message) {
  if (full()) return;
  errors_.push_back(Error{"knowledge_invalid", file, message});
}

}  // namespace mn::knowledge
