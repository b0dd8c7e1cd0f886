#include "http/protocol.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <string>

namespace mn::http {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool is_token_char(char c) {
  constexpr std::string_view kPunctuation = "!#$%&'*+-.^_`|~";
  return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         kPunctuation.find(c) != std::string_view::npos;
}

bool is_control(char c) {
  const auto byte = static_cast<unsigned char>(c);
  return byte < 0x20 || byte == 0x7f;
}

// RFC 9110's reason phrases for the statuses the server and its handlers
// use; any other status goes out with an empty one, which RFC 9112 allows.
std::string_view reason_phrase(int status) {
  switch (status) {
    case 100:
      return "Continue";
    case 200:
      return "OK";
    case 201:
      return "Created";
    case 204:
      return "No Content";
    case 303:
      return "See Other";
    case 304:
      return "Not Modified";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 408:
      return "Request Timeout";
    case 409:
      return "Conflict";
    case 410:
      return "Gone";
    case 413:
      return "Content Too Large";
    case 415:
      return "Unsupported Media Type";
    case 422:
      return "Unprocessable Content";
    case 429:
      return "Too Many Requests";
    case 431:
      return "Request Header Fields Too Large";
    case 500:
      return "Internal Server Error";
    case 503:
      return "Service Unavailable";
    default:
      return "";
  }
}

bool is_framing_header(std::string_view name) {
  return equal_ignoring_case(name, "Date") || equal_ignoring_case(name, "Content-Length") ||
         equal_ignoring_case(name, "Transfer-Encoding") || equal_ignoring_case(name, "Connection");
}

void append_header(std::string& out, std::string_view name, std::string_view value) {
  out += name;
  out += ": ";
  out += value;
  out += "\r\n";
}

}  // namespace

void FramingCheck::add_field(std::string_view name, std::string_view value) {
  if (equal_ignoring_case(name, "Content-Length")) {
    ++content_lengths_;
    if (value.empty() || !std::all_of(value.begin(), value.end(), is_digit)) {
      content_length_digits_ = false;
    }
  } else if (equal_ignoring_case(name, "Transfer-Encoding")) {
    ++transfer_encodings_;
    // Only the one coding the server can undo; "gzip, chunked" would hand a
    // handler a compressed body.
    if (!equal_ignoring_case(value, "chunked")) transfer_encoding_chunked_ = false;
  }
}

std::optional<std::string_view> FramingCheck::problem() const {
  if (content_lengths_ > 0 && transfer_encodings_ > 0) {
    return "Content-Length together with Transfer-Encoding";
  }
  if (content_lengths_ > 1) return "more than one Content-Length";
  if (!content_length_digits_) return "Content-Length is not a number";
  if (transfer_encodings_ > 1) return "more than one Transfer-Encoding";
  if (!transfer_encoding_chunked_) return "Transfer-Encoding other than chunked";
  return std::nullopt;
}

void ObsFoldDetector::feed(std::string_view bytes) {
  for (char c : bytes) {
    if (line_end_ == 2 && (c == ' ' || c == '\t')) found_ = true;
    if (c == '\r') {
      line_end_ = 1;
    } else if (c == '\n' && line_end_ == 1) {
      line_end_ = 2;
    } else {
      line_end_ = 0;
    }
  }
}

Response error_response(int status, std::string_view code, std::string_view message) {
  Response response;
  response.status = status;
  response.close = true;
  response.headers.push_back(Header{"Content-Type", "application/json"});
  response.body = R"({"error":{"code":)";
  append_json_string(response.body, code);
  response.body += R"(,"message":)";
  append_json_string(response.body, message);
  response.body += R"(,"field":null}})";
  return response;
}

bool sendable_header(const Header& header) {
  return !header.name.empty() &&
         std::all_of(header.name.begin(), header.name.end(), is_token_char) &&
         std::none_of(header.value.begin(), header.value.end(),
                      [](char c) { return is_control(c) && c != '\t'; });
}

std::string http_date(std::time_t time) {
  std::tm parts{};
  gmtime_r(&time, &parts);
  // By hand: strftime's %a and %b follow the locale, and HTTP wants English.
  constexpr std::array<const char*, 7> kDays{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  constexpr std::array<const char*, 12> kMonths{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  std::array<char, 40> text{};
  const int length = std::snprintf(text.data(), text.size(), "%s, %02d %s %04d %02d:%02d:%02d GMT",
                                   kDays.at(static_cast<std::size_t>(parts.tm_wday)), parts.tm_mday,
                                   kMonths.at(static_cast<std::size_t>(parts.tm_mon)),
                                   parts.tm_year + 1900, parts.tm_hour, parts.tm_min, parts.tm_sec);
  return {text.data(), static_cast<std::size_t>(std::max(length, 0))};
}

void write_response_head(std::string& out, const Response& response,
                         std::span<const Header> defaults, const ResponseFraming& framing) {
  out.clear();
  out += "HTTP/1.1 ";
  out += std::to_string(response.status);
  out += ' ';
  out += reason_phrase(response.status);
  out += "\r\n";
  for (const Header& header : response.headers) {
    if (!is_framing_header(header.name)) append_header(out, header.name, header.value);
  }
  for (const Header& header : defaults) {
    if (!response.header(header.name)) append_header(out, header.name, header.value);
  }
  append_header(out, "Date", framing.date);
  const bool bodiless = response.status < 200 || response.status == 204 || response.status == 304;
  if (!bodiless) append_header(out, "Content-Length", std::to_string(framing.content_length));
  if (framing.close) {
    append_header(out, "Connection", "close");
  } else if (framing.http10) {
    append_header(out, "Connection", "keep-alive");
  }
  out += "\r\n";
}

void append_json_string(std::string& out, std::string_view text) {
  constexpr std::array<char, 16> kHex = {'0', '1', '2', '3', '4', '5', '6', '7',
                                         '8', '9', 'a', 'b', 'c', 'd', 'e', 'f'};
  out += '"';
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (byte < 0x20 || byte >= 0x7f) {
      out += "\\u00";
      out += kHex[byte >> 4U];
      out += kHex[byte & 0xfU];
    } else {
      out += c;
    }
  }
  out += '"';
}

}  // namespace mn::http
