#include "core/term_match.hpp"

#include <algorithm>

namespace mn::core {

namespace {

bool is_word_byte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

char lower(unsigned char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : static_cast<char>(c);
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

namespace {

bool has_words_at(std::string_view text, std::size_t at, std::string_view phrase) {
  if (text.compare(at, phrase.size(), phrase) != 0) return false;
  const std::size_t end = at + phrase.size();
  return (at == 0 || text[at - 1] == ' ') && (end == text.size() || text[end] == ' ');
}

bool contains_words(std::string_view text, std::string_view phrase) {
  for (std::size_t at = text.find(phrase); at != std::string_view::npos;
       at = text.find(phrase, at + 1)) {
    if (has_words_at(text, at, phrase)) return true;
  }
  return false;
}

bool is_denial(const SafetySettings& settings, std::string_view text) {
  // A denial is a prefix followed by what is denied.
  const bool denied =
      std::ranges::any_of(settings.denial_phrases, [text](const std::string& phrase) {
        return text.size() > phrase.size() && has_words_at(text, 0, phrase);
      });
  return denied && std::ranges::none_of(
                       settings.uncertainty_phrases,
                       [text](const std::string& phrase) { return contains_words(text, phrase); });
}

}  // namespace

EntryReading read_entry(const KnowledgeBase& knowledge, std::string_view entry,
                        std::vector<Index>& terms) {
  const std::string normalized = normalize_words(entry);
  const std::string_view text(normalized);
  std::vector<std::size_t> starts;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (i == 0 || text[i - 1] == ' ') starts.push_back(i);
  }
  const std::size_t words = starts.size();
  starts.push_back(text.size() + 1);
  std::size_t word = 0;
  while (word < words) {
    const auto first = knowledge.longest_name_from.find(
        text.substr(starts[word], starts[word + 1] - 1 - starts[word]));
    std::size_t matched_words = 0;
    if (first != knowledge.longest_name_from.end()) {
      for (std::size_t length = std::min<std::size_t>(first->second, words - word); length > 0;
           --length) {
        const std::size_t begin = starts[word];
        const auto found =
            knowledge.term_by_name.find(text.substr(begin, starts[word + length] - 1 - begin));
        if (found == knowledge.term_by_name.end()) continue;
        if (std::find(terms.begin(), terms.end(), found->second) == terms.end())
          terms.push_back(found->second);
        matched_words = length;
        break;
      }
    }
    word += std::max<std::size_t>(matched_words, 1);
  }
  return {is_denial(knowledge.safety, text)};
}

}  // namespace mn::core
