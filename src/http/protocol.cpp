#include "http/protocol.hpp"

#include <algorithm>
#include <array>

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
