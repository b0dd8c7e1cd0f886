#include "api/client_address.hpp"

#include <arpa/inet.h>

#include <algorithm>
#include <array>

namespace mn::api {
namespace {

std::string_view trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

// The comma-separated entries of a list, trimmed, empty ones kept (so that a
// malformed list stays visible to the caller).
std::vector<std::string_view> split_list(std::string_view text) {
  std::vector<std::string_view> entries;
  for (;;) {
    const auto comma = text.find(',');
    entries.push_back(trim(text.substr(0, comma)));
    if (comma == std::string_view::npos) return entries;
    text.remove_prefix(comma + 1);
  }
}

bool is_trusted(std::string_view address, std::span<const std::string> trusted) {
  return std::find(trusted.begin(), trusted.end(), address) != trusted.end();
}

}  // namespace

bool is_ip_address(std::string_view text) {
  // The longest IPv6 text, "ffff:...:255.255.255.255", has 45 characters.
  if (text.empty() || text.size() > 45) return false;
  const std::string terminated(text);
  std::array<unsigned char, 16> binary{};
  return inet_pton(AF_INET, terminated.c_str(), binary.data()) == 1 ||
         inet_pton(AF_INET6, terminated.c_str(), binary.data()) == 1;
}

Result<std::vector<std::string>> parse_trusted_proxies(std::string_view text,
                                                       std::string_view field) {
  std::vector<std::string> proxies;
  if (trim(text).empty()) return proxies;
  for (std::string_view entry : split_list(text)) {
    if (!is_ip_address(entry)) {
      return Error{"invalid", std::string(field),
                   "'" + std::string(entry) + "' is not an IP address (a list like " +
                       "\"127.0.0.1, ::1\")"};
    }
    proxies.emplace_back(entry);
  }
  return proxies;
}

std::string client_address(const http::Request& request,
                           std::span<const std::string> trusted_proxies) {
  if (!is_trusted(request.remote_address, trusted_proxies)) return request.remote_address;
  std::vector<std::string_view> hops;
  for (const http::Header& header : request.headers) {
    if (!http::equal_ignoring_case(header.name, "X-Forwarded-For")) continue;
    for (std::string_view entry : split_list(header.value)) hops.push_back(entry);
  }
  // From the nearest hop back: each trusted proxy names the one before it.
  for (std::size_t left = hops.size(); left > 0; --left) {
    const std::string_view hop = hops[left - 1];
    if (!is_ip_address(hop)) break;
    if (!is_trusted(hop, trusted_proxies)) return std::string(hop);
  }
  return request.remote_address;
}

}  // namespace mn::api
