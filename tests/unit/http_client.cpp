// POSIX sockets (non-blocking, waited on with poll) carry the bytes; Beast
// only parses the responses.
#include "http_client.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <thread>

// Boost 1.74 with GCC 12: Asio needs <utility> first (http_client.hpp has it).
#include <boost/asio/buffer.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>

namespace mn::testing {

namespace bhttp = boost::beast::http;
using Clock = std::chrono::steady_clock;

class TestConnection {
 public:
  explicit TestConnection(std::uint16_t port)
      : fd_(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0)) {
    if (fd_ < 0) throw std::runtime_error(std::string("socket: ") + std::strerror(errno));
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd_, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
      const int error = errno;
      ::close(fd_);
      throw std::runtime_error("cannot connect to 127.0.0.1:" + std::to_string(port) + ": " +
                               std::strerror(error));
    }
    const int on = 1;
    ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
    ::fcntl(fd_, F_SETFL, ::fcntl(fd_, F_GETFL) | O_NONBLOCK);
  }
  ~TestConnection() { ::close(fd_); }
  TestConnection(const TestConnection&) = delete;
  TestConnection& operator=(const TestConnection&) = delete;

  // False when the server has closed or reset the connection.
  bool send_all(std::string_view bytes, Clock::time_point deadline) {
    while (!bytes.empty()) {
      const ssize_t sent = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
      if (sent > 0) {
        bytes.remove_prefix(static_cast<std::size_t>(sent));
      } else if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) {
        if (!wait_for(POLLOUT, deadline)) throw std::runtime_error("the server does not read");
      } else {
        closed = true;
        return false;
      }
    }
    return true;
  }

  enum class Received { data, closed, timeout };

  // Appends what arrives to `pending`.
  Received receive(Clock::time_point deadline) {
    for (;;) {
      std::array<char, 16 * 1024> chunk{};
      const ssize_t got = ::recv(fd_, chunk.data(), chunk.size(), 0);
      if (got > 0) {
        pending.append(chunk.data(), static_cast<std::size_t>(got));
        return Received::data;
      }
      if (got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) {
        if (!wait_for(POLLIN, deadline)) return Received::timeout;
        continue;
      }
      closed = true;  // end of stream, or reset
      return Received::closed;
    }
  }

  // Whether the connection is unusable for a new request: closed by the
  // server, or holding bytes nobody asked for.
  bool stale() {
    if (closed || !pending.empty()) return true;
    char byte = 0;
    const ssize_t got = ::recv(fd_, &byte, 1, MSG_PEEK | MSG_DONTWAIT);
    return got >= 0 || (errno != EAGAIN && errno != EWOULDBLOCK);
  }

  bool readable_now() {
    pollfd entry{.fd = fd_, .events = POLLIN, .revents = 0};
    return ::poll(&entry, 1, 0) > 0;
  }

  std::string pending;  // received, not parsed yet
  bool closed = false;

 private:
  bool wait_for(short events, Clock::time_point deadline) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() <= 0) return false;
    pollfd entry{.fd = fd_, .events = events, .revents = 0};
    return ::poll(&entry, 1, static_cast<int>(left.count())) > 0;
  }

  int fd_;
};

namespace {

struct ReadResult {
  std::optional<HttpResponse> response;
  bool timed_out = false;
};

HttpResponse to_response(bhttp::response_parser<bhttp::string_body>& parser) {
  HttpResponse response;
  response.status = static_cast<int>(parser.get().result_int());
  for (const auto& field : parser.get()) {
    response.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
  }
  response.body = std::move(parser.get().body());
  response.closed_by_server = !parser.keep_alive();
  return response;
}

ReadResult read_one(TestConnection& connection, Clock::time_point deadline, bool head) {
  bhttp::response_parser<bhttp::string_body> parser;
  parser.body_limit(boost::none);
  parser.eager(true);
  parser.skip(head);
  for (;;) {
    if (!connection.pending.empty()) {
      boost::system::error_code error;
      const std::size_t used = parser.put(
          boost::asio::buffer(connection.pending.data(), connection.pending.size()), error);
      connection.pending.erase(0, used);
      if (error && error != bhttp::error::need_more) {
        throw std::runtime_error("garbled response: " + error.message());
      }
      if (parser.is_done()) return {to_response(parser), false};
      if (!error && used > 0) continue;
    }
    if (connection.closed) {
      if (parser.got_some()) {  // a body that ends with the connection
        boost::system::error_code error;
        parser.put_eof(error);
        if (!error && parser.is_done()) return {to_response(parser), false};
      }
      return {std::nullopt, false};
    }
    if (connection.receive(deadline) == TestConnection::Received::timeout)
      return {std::nullopt, true};
  }
}

bool has_header(const HttpHeaders& headers, std::string_view name) {
  return std::any_of(headers.begin(), headers.end(), [name](const auto& header) {
    return header.first.size() == name.size() &&
           std::equal(name.begin(), name.end(), header.first.begin(),
                      [](char a, char b) { return std::tolower(a) == std::tolower(b); });
  });
}

std::string format_request(std::string_view method, std::string_view target, std::uint16_t port,
                           const HttpHeaders& headers, std::string_view body) {
  std::string wire;
  wire.append(method).append(" ").append(target).append(" HTTP/1.1\r\n");
  if (!has_header(headers, "Host")) wire += "Host: 127.0.0.1:" + std::to_string(port) + "\r\n";
  for (const auto& [name, value] : headers) wire += name + ": " + value + "\r\n";
  const bool expects_body = method == "POST" || method == "PUT" || method == "PATCH";
  if ((!body.empty() || expects_body) && !has_header(headers, "Content-Length") &&
      !has_header(headers, "Transfer-Encoding")) {
    wire += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  }
  wire += "\r\n";
  wire += body;
  return wire;
}

HttpHeaders with_json_type(HttpHeaders headers) {
  if (!has_header(headers, "Content-Type"))
    headers.emplace_back("Content-Type", "application/json");
  return headers;
}

}  // namespace

std::optional<std::string> HttpResponse::header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (has_header({{key, ""}}, name)) return value;
  }
  return std::nullopt;
}

HttpClient::HttpClient(std::uint16_t port, std::chrono::milliseconds timeout)
    : port_(port), timeout_(timeout) {}

HttpClient::~HttpClient() = default;

HttpResponse HttpClient::request(std::string_view method, std::string_view target,
                                 const HttpHeaders& headers, std::string_view body) {
  const std::string wire = format_request(method, target, port_, headers, body);
  const std::string what = std::string(method) + " " + std::string(target);
  for (;;) {
    const bool reused = connection_ && !connection_->stale();
    if (!reused) {
      connection_ = std::make_unique<TestConnection>(port_);
      ++connections_opened_;
    }
    const auto deadline = Clock::now() + timeout_;
    ReadResult result;
    if (connection_->send_all(wire, deadline)) {
      do {
        result = read_one(*connection_, deadline, method == "HEAD");
      } while (result.response && result.response->status < 200);  // 100 Continue
    }
    if (result.response) {
      if (result.response->closed_by_server) connection_.reset();
      return std::move(*result.response);
    }
    connection_.reset();
    if (result.timed_out) {
      throw std::runtime_error("no response to " + what + " within " +
                               std::to_string(timeout_.count()) + " ms");
    }
    // A kept-alive connection the server closed as the request left: once
    // more on a new one. A new connection closed unanswered is an error.
    if (!reused)
      throw std::runtime_error("the server closed the connection without answering " + what);
  }
}

HttpResponse HttpClient::get(std::string_view target, const HttpHeaders& headers) {
  return request("GET", target, headers);
}

HttpResponse HttpClient::post(std::string_view target, std::string_view body,
                              const HttpHeaders& headers) {
  return request("POST", target, with_json_type(headers), body);
}

HttpResponse HttpClient::put(std::string_view target, std::string_view body,
                             const HttpHeaders& headers) {
  return request("PUT", target, with_json_type(headers), body);
}

HttpResponse HttpClient::patch(std::string_view target, std::string_view body,
                               const HttpHeaders& headers) {
  return request("PATCH", target, with_json_type(headers), body);
}

HttpResponse HttpClient::del(std::string_view target, const HttpHeaders& headers) {
  return request("DELETE", target, headers);
}

RawConnection::RawConnection(std::uint16_t port)
    : connection_(std::make_unique<TestConnection>(port)) {}

RawConnection::~RawConnection() = default;

bool RawConnection::send(std::string_view bytes) {
  return connection_->send_all(bytes, Clock::now() + std::chrono::seconds(30));
}

std::size_t RawConnection::send_slowly(std::string_view bytes, std::size_t piece,
                                       std::chrono::milliseconds pause) {
  std::size_t sent = 0;
  while (sent < bytes.size()) {
    if (connection_->readable_now()) break;  // answered or closed
    const std::string_view next = bytes.substr(sent, piece);
    if (!send(next)) break;
    sent += next.size();
    std::this_thread::sleep_for(pause);
  }
  return sent;
}

std::optional<HttpResponse> RawConnection::read_response(std::chrono::milliseconds timeout,
                                                         bool head) {
  return read_one(*connection_, Clock::now() + timeout, head).response;
}

bool RawConnection::closed_within(std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  while (!connection_->closed) {
    if (connection_->receive(deadline) == TestConnection::Received::timeout) return false;
  }
  return true;
}

bool accepts_connections(std::uint16_t port) {
  try {
    const TestConnection connection(port);
    return true;
  } catch (const std::runtime_error&) {
    return false;
  }
}

}  // namespace mn::testing
