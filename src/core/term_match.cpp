#include "core/term_match.hpp"

#include <algorithm>
#include <array>

namespace mn::core {

namespace {

bool is_word_byte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

char lower(unsigned char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : static_cast<char>(c); }

const TermName* lookup(const KnowledgeBase& knowledge, std::string_view name) {
  const auto& names = knowledge.term_names;
  const auto found = std::lower_bound(names.begin(), names.end(), name,
                                      [](const TermName& entry, std::string_view key) { return entry.name < key; });
  if (found == names.end() || found->name != name) return nullptr;
  return &*found;
}

}  // namespace

std::string normalize_words(std::string_view text) {
  std::string result;
  result.reserve(text.size());
  bool pending_space = false;
  for (unsigned char c : text) {
    if (is_word_byte(c)) {
      if (pending_space && !result.empty()) result.push_back(' ');
      pending_space = false;
      result.push_back(lower(c));
    } else {
      pending_space = true;
    }
  }
  return result;
}

void find_terms(const KnowledgeBase& knowledge, std::string_view entry, std::vector<Index>& out) {
  const std::string normalized = normalize_words(entry);
  // Word boundaries of the normalised entry; entries are short (a list item),
  // so a fixed cap keeps this allocation-free beyond the normalised copy.
  constexpr std::size_t kMaxWords = 64;
  std::array<std::size_t, kMaxWords + 1> starts{};
  std::size_t words = 0;
  for (std::size_t i = 0; i < normalized.size() && words < kMaxWords; ++i) {
    if (i == 0 || normalized[i - 1] == ' ') starts[words++] = i;
  }
  starts[words] = normalized.size() + 1;
  std::size_t word = 0;
  while (word < words) {
    std::size_t longest = std::min<std::size_t>(knowledge.longest_term_name, words - word);
    const TermName* match = nullptr;
    for (; longest > 0 && match == nullptr; --longest) {
      const std::size_t begin = starts[word];
      const std::size_t end = starts[word + longest] - 1;
      match = lookup(knowledge, std::string_view(normalized).substr(begin, end - begin));
      if (match != nullptr) break;
    }
    if (match == nullptr) {
      ++word;
      continue;
    }
    if (std::find(out.begin(), out.end(), match->term) == out.end()) out.push_back(match->term);
    word += match->words;
  }
}

}  // namespace mn::core
