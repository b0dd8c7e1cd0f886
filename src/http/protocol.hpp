#pragma once

#include <cstddef>
#include <ctime>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "http/message.hpp"

// The parts of HTTP/1.1 the server enforces itself, on top of the parser of
// the HTTP library (which lets these through), and the server's own answers.
// No HTTP library here, so they are tested and read on their own.
namespace mn::http {

// Checks the fields that frame a request body (RFC 9112, section 6): one
// Content-Length of digits only, or one Transfer-Encoding that is exactly
// "chunked", never both. Anything else could be read differently by a proxy
// in front of the server (request smuggling), so it is refused.
class FramingCheck {
 public:
  // Every header field of the request, in any order. Values without the
  // surrounding spaces, as the parser gives them.
  void add_field(std::string_view name, std::string_view value);
  // Why the request must be refused with 400, or nullopt when it is fine.
  std::optional<std::string_view> problem() const;

 private:
  int content_lengths_ = 0;
  int transfer_encodings_ = 0;
  bool content_length_digits_ = true;
  bool transfer_encoding_chunked_ = true;
};

// Finds obs-fold (a header line continued on the next line after a space or
// tab, RFC 9112 section 5.2) in the bytes of a request's header, fed in
// order and in any pieces. The parser would join such lines silently.
class ObsFoldDetector {
 public:
  void feed(std::string_view bytes);
  bool found() const { return found_; }

 private:
  int line_end_ = 0;  // how much of "\r\n" the bytes fed so far end with
  bool found_ = false;
};

// The server's own error answer: status, Content-Type application/json, the
// body {"error":{"code":code,"message":message,"field":null}}, and close.
Response error_response(int status, std::string_view code, std::string_view message);

// Whether a handler's header can be sent as it is: the name a token, the
// value without control characters other than tab. A CR or LF in either would
// let a handler's data split the response.
bool sendable_header(const Header& header);

// How an answer is framed on its connection.
struct ResponseFraming {
  std::size_t content_length = 0;  // of the body a GET would get, also for HEAD
  bool close = false;              // the connection closes after this answer
  bool http10 = false;             // the request was HTTP/1.0 (keep-alive must be said)
  std::string_view date;           // the Date header's value (http_date)
};

// A time as HTTP writes it (IMF-fixdate): "Sun, 06 Nov 1994 08:49:37 GMT".
std::string http_date(std::time_t time);

// Writes into out (cleared first; its capacity is kept, so a connection
// reuses one buffer) what goes before the body: the status line, the
// response's own headers, each default header the response did not set, then
// Date, Content-Length (not for 1xx, 204 and 304) and Connection. The framing
// headers are the server's alone: a response's Date, Content-Length,
// Transfer-Encoding or Connection is dropped.
void write_response_head(std::string& out, const Response& response,
                         std::span<const Header> defaults, const ResponseFraming& framing);

// Appends text as a JSON string, quotes included. Bytes outside ASCII are
// written as \u00XX: the output stays valid JSON whatever the input was.
void append_json_string(std::string& out, std::string_view text);

}  // namespace mn::http
