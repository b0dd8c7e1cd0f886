#pragma once

#include <string>
#include <vector>

#include "core/result.hpp"
#include "knowledge/yaml_tree.hpp"

namespace mn::knowledge {

// Collects knowledge-base problems as "file:line:column" (1-based) errors.
class Diagnostics {
 public:
  static constexpr std::size_t kMaxProblems = 50;

  void add(const std::string& file, const yaml::Mark& mark, const std::string& message);
  void add_file(const std::string& file, const std::string& message);
  bool empty() const { return errors_.empty(); }
  bool full() const { return errors_.size() >= kMaxProblems; }
  std::vector<Error> take() { return std::move(errors_); }

 private:
  std::vector<Error> errors_;
};

}  // namespace mn::knowledge
