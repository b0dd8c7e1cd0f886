#pragma once

// HTTP/1.1 clients for tests of the server and the API, over real sockets on
// 127.0.0.1. No Boost here, so every test file including this compiles fast.
// All calls block; each waits at most its timeout. Failures of the client
// itself (cannot connect, a garbled response, a timeout in HttpClient) throw
// std::runtime_error.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mn::testing {

using HttpHeaders = std::vector<std::pair<std::string, std::string>>;

struct HttpResponse {
  int status = 0;
  HttpHeaders headers;  // in order, duplicates kept
  std::string body;
  // The response announced the end of the connection (Connection: close, or
  // HTTP/1.0 without keep-alive).
  bool closed_by_server = false;

  // The first header of that name (case-insensitive).
  std::optional<std::string> header(std::string_view name) const;
};

class TestConnection;  // a socket and the bytes read from it; in http_client.cpp

// A keep-alive client: one connection, reused while the server keeps it
// open, opened again when the server has closed it. Not thread-safe.
class HttpClient {
 public:
  explicit HttpClient(std::uint16_t port,
                      std::chrono::milliseconds timeout = std::chrono::seconds(30));
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // Adds Host unless given, and Content-Length when there is a body (or the
  // method is POST, PUT or PATCH) unless Content-Length or Transfer-Encoding
  // is given. Throws when no response arrives within the timeout.
  HttpResponse request(std::string_view method, std::string_view target,
                       const HttpHeaders& headers = {}, std::string_view body = {});
  HttpResponse get(std::string_view target, const HttpHeaders& headers = {});
  // With Content-Type: application/json unless headers has a Content-Type.
  HttpResponse post(std::string_view target, std::string_view body,
                    const HttpHeaders& headers = {});
  HttpResponse put(std::string_view target, std::string_view body, const HttpHeaders& headers = {});
  HttpResponse patch(std::string_view target, std::string_view body,
                     const HttpHeaders& headers = {});
  HttpResponse del(std::string_view target, const HttpHeaders& headers = {});

  // How many TCP connections this client has opened so far.
  int connections_opened() const { return connections_opened_; }

 private:
  std::uint16_t port_;
  std::chrono::milliseconds timeout_;
  std::unique_ptr<TestConnection> connection_;
  int connections_opened_ = 0;
};

// Exactly the bytes a test gives, for hostile input: malformed requests,
// pipelining, slow clients. Not thread-safe.
class RawConnection {
 public:
  // Throws when the connection is refused.
  explicit RawConnection(std::uint16_t port);
  ~RawConnection();
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;

  // False when the server has closed or reset the connection.
  bool send(std::string_view bytes);
  // Sends the bytes in pieces of `piece` bytes with a pause after each,
  // stopping early when the server has answered or closed. Returns how many
  // bytes were sent.
  std::size_t send_slowly(std::string_view bytes, std::size_t piece,
                          std::chrono::milliseconds pause);
  // The next response (a 100 Continue is one too); nullopt when the server
  // closed the connection or no whole response arrived within the timeout.
  // Responses to HEAD have no body: pass head = true for those.
  std::optional<HttpResponse> read_response(std::chrono::milliseconds timeout, bool head = false);
  // Whether the server closes the connection (or resets it) within the
  // timeout. Bytes arriving meanwhile are kept for read_response.
  bool closed_within(std::chrono::milliseconds timeout);

 private:
  std::unique_ptr<TestConnection> connection_;
};

// Whether 127.0.0.1:port accepts a TCP connection (false when refused).
bool accepts_connections(std::uint16_t port);

}  // namespace mn::testing
