#include "api/router.hpp"

namespace mn::api {

namespace {

// The next '/'-separated segment of `rest`, consuming it.
std::string_view next_segment(std::string_view& rest) {
  std::size_t end = rest.find('/');
  std::string_view segment = rest.substr(0, end);
  rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end + 1);
  return segment;
}

}  // namespace

bool match_pattern(std::string_view pattern, std::string_view path,
                   std::vector<std::pair<std::string_view, std::string_view>>& params) {
  params.clear();
  if (pattern.empty() || path.empty() || pattern[0] != '/' || path[0] != '/') return false;
  pattern.remove_prefix(1);
  path.remove_prefix(1);
  while (true) {
    const bool pattern_done = pattern.empty();
    const bool path_done = path.empty();
    if (pattern_done || path_done) return pattern_done && path_done;
    std::string_view expected = next_segment(pattern);
    std::string_view actual = next_segment(path);
    if (expected.size() > 2 && expected.front() == '{' && expected.back() == '}') {
      if (actual.empty()) return false;
      params.emplace_back(expected.substr(1, expected.size() - 2), actual);
    } else if (expected != actual) {
      return false;
    }
  }
}

std::optional<Match> match_route(std::string_view method, std::string_view path,
                                 std::vector<std::string_view>* allowed) {
  Match match;
  for (const Route& route : routes()) {
    if (!match_pattern(route.pattern, path, match.params)) continue;
    if (route.method == method) {
      match.route = &route;
      return match;
    }
    if (allowed != nullptr) allowed->push_back(route.method);
  }
  return std::nullopt;
}

}  // namespace mn::api
