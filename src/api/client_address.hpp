#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "http/message.hpp"

// Who is on the other end of a request: the address the audit trail records
// and login throttling counts. Behind a reverse proxy (TLS ends there) every
// connection comes from the proxy, and the client's address is in the
// X-Forwarded-For the proxy appends. That header is believed only from a
// proxy the server was told to trust: anyone can send one.
namespace mn::api {

// Whether text is an IPv4 or IPv6 address literal (inet_pton's reading:
// "203.0.113.7", "2001:db8::1"; no port, no brackets, no zone).
bool is_ip_address(std::string_view text);

// The trusted proxies from a setting: addresses separated by commas, spaces
// around them ignored; empty text means none. Errors name `field`.
Result<std::vector<std::string>> parse_trusted_proxies(std::string_view text,
                                                       std::string_view field);

// The request's remote address, unless that is a trusted proxy: then the
// right-most X-Forwarded-For entry (all such header lines, in order) that is
// not itself a trusted proxy. A missing, empty or malformed entry there
// leaves the proxy's own address: a proxy that sends garbage is not guessed
// past.
std::string client_address(const http::Request& request,
                           std::span<const std::string> trusted_proxies);

}  // namespace mn::api
