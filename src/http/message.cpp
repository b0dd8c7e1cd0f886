#include "http/message.hpp"

#include <algorithm>
#include <utility>

namespace mn::http {
namespace {

char lower_ascii(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

std::optional<std::string_view> first_header(const std::vector<Header>& headers,
                                             std::string_view name) {
  for (const Header& header : headers) {
    if (equal_ignoring_case(header.name, name)) return header.value;
  }
  return std::nullopt;
}

}  // namespace

bool equal_ignoring_case(std::string_view a, std::string_view b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                    [](char x, char y) { return lower_ascii(x) == lower_ascii(y); });
}

std::optional<std::string_view> Request::header(std::string_view name) const {
  return first_header(headers, name);
}

std::optional<std::string_view> Response::header(std::string_view name) const {
  return first_header(headers, name);
}

Response& Response::set(std::string name, std::string value) {
  auto same_name = [&name](const Header& header) { return equal_ignoring_case(header.name, name); };
  auto first = std::find_if(headers.begin(), headers.end(), same_name);
  if (first == headers.end()) {
    headers.push_back(Header{std::move(name), std::move(value)});
    return *this;
  }
  // The first keeps its place; later ones of the same name would contradict it.
  first->value = std::move(value);
  headers.erase(std::remove_if(std::next(first), headers.end(), same_name), headers.end());
  return *this;
}

}  // namespace mn::http
