// One connection: reads requests one after another (pipelined ones wait in
// its buffer), hands each to a handler and writes the answer before it reads
// the next. With server.cpp the only files that see Boost.
#include "http/session.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <ctime>
#include <limits>
#include <optional>
#include <string>

#include "http/protocol.hpp"

// After the standard headers (session.hpp has <utility>, which Boost 1.74 needs first).
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>

namespace mn::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;
using boost::system::error_code;

constexpr std::size_t kReadChunk = std::size_t{16} * 1024;
// After an answer that closes the connection the server stops sending and
// reads (and drops) what the client still sends, for at most this long:
// closing with unread bytes would reset the connection and could destroy the
// answer before the client reads it.
constexpr std::chrono::seconds kLingerTimeout{2};

std::string_view to_std(beast::string_view text) { return {text.data(), text.size()}; }

Response internal_error() {
  Response response = error_response(500, "internal", "the server failed to answer this request");
  response.close = false;  // the request was read whole: the connection is still in step
  return response;
}

// A handler's answer the server can send: a final status, headers that
// cannot split the response, and no body where HTTP allows none.
bool sendable(const Response& response) {
  const bool bodiless = response.status == 204 || response.status == 304;
  return response.status >= 200 && response.status <= 599 && (!bodiless || response.body.empty()) &&
         std::all_of(response.headers.begin(), response.headers.end(), sendable_header);
}

// The Date header's value (RFC 9110, section 6.6.1), formatted once a second
// per thread.
std::string_view current_http_date() {
  thread_local std::time_t formatted_second = -1;
  thread_local std::string text;
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  if (now != formatted_second) {
    text = http_date(now);
    formatted_second = now;
  }
  return text;
}

}  // namespace

// One connection. Every member is used on the session's executor only (a
// strand when there are several I/O threads); workers reach it through post.
class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(SessionHost& host, tcp::socket socket)
      : host_(host),
        executor_(socket.get_executor()),
        socket_(std::move(socket)),
        timer_(executor_) {
    error_code error;
    remote_ = socket_.remote_endpoint(error).address().to_string();
  }
  ~Session() { host_.remove_session(this); }
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  const asio::any_io_executor& executor() const { return executor_; }
  void start() { next_request(); }
  // Thread-safe: closes the connection if it waits for a request.
  void drain() {
    asio::post(executor_, [self = shared_from_this()] {
      if (self->phase_ == Phase::reading && !self->request_started_) self->close();
    });
  }

 private:
  enum class Phase { reading, processing, writing, lingering, closed };

  void next_request();
  void begin_request();
  void read();
  void on_read(const error_code& error, std::size_t bytes);
  void parse();
  bool check_header();
  void send_continue();
  void refuse(const error_code& error);
  void dispatch();
  void respond(Response response);
  void on_written(const error_code& error);
  void linger();
  void close();
  void set_deadline(Clock::time_point deadline);
  void on_timer(std::uint64_t generation);
  void on_deadline();

  SessionHost& host_;
  asio::any_io_executor executor_;
  tcp::socket socket_;
  asio::steady_timer timer_;
  std::string remote_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  ObsFoldDetector fold_detector_;
  // The answer being written: head_ keeps its capacity from one request to the next.
  std::string head_;
  std::string body_;
  int status_ = 0;
  Phase phase_ = Phase::reading;
  bool read_pending_ = false;
  bool request_started_ = false;  // a byte of the current request has arrived
  bool header_checked_ = false;
  bool keep_alive_ = false;  // what the request asked for
  bool head_request_ = false;
  bool http10_ = false;
  bool close_after_write_ = false;
  Clock::time_point request_start_;
  // The timer's wait may end before the deadline; it then waits again. That
  // saves rearming the timer on every request.
  Clock::time_point deadline_ = Clock::time_point::max();
  std::uint64_t timer_generation_ = 0;
  bool timer_armed_ = false;
  // What the access log says about the current request.
  std::string method_;
  std::string route_;
};

void Session::next_request() {
  phase_ = Phase::reading;
  parser_.emplace();
  parser_->header_limit(static_cast<std::uint32_t>(std::min<std::size_t>(
      host_.options().header_limit, std::numeric_limits<std::uint32_t>::max())));
  parser_->body_limit(host_.options().body_limit);
  fold_detector_ = ObsFoldDetector{};
  header_checked_ = false;
  keep_alive_ = false;
  head_request_ = false;
  http10_ = false;
  method_.clear();
  route_.clear();
  if (buffer_.size() > 0) {  // pipelined
    begin_request();
    parse();
    return;
  }
  if (host_.draining()) {
    close();
    return;
  }
  request_started_ = false;
  set_deadline(Clock::now() + host_.options().idle_timeout);
  read();
}

void Session::begin_request() {
  request_started_ = true;
  request_start_ = Clock::now();
  set_deadline(request_start_ + host_.options().read_timeout);
}

void Session::read() {
  if (read_pending_) return;  // the read under way serves the new phase too
  read_pending_ = true;
  socket_.async_read_some(buffer_.prepare(kReadChunk),
                          [self = shared_from_this()](const error_code& error, std::size_t bytes) {
                            self->on_read(error, bytes);
                          });
}

void Session::on_read(const error_code& error, std::size_t bytes) {
  read_pending_ = false;
  if (phase_ == Phase::lingering) {
    if (error) {
      close();
    } else {
      read();  // dropped: buffer_ never commits them
    }
    return;
  }
  // Otherwise a timeout answer is being written, or the connection closed.
  if (phase_ != Phase::reading) return;
  if (error) {
    close();  // the client left, perhaps mid-request: nobody to answer
    return;
  }
  buffer_.commit(bytes);
  if (!request_started_) begin_request();
  parse();
}

void Session::parse() {
  while (buffer_.size() > 0) {
    error_code error;
    const auto data = buffer_.data();
    const std::size_t used = parser_->put(data, error);
    if (!header_checked_) fold_detector_.feed({static_cast<const char*>(data.data()), used});
    buffer_.consume(used);
    if (error == bhttp::error::need_more) break;
    if (error) {
      refuse(error);
      return;
    }
    if (parser_->is_header_done() && !header_checked_ && !check_header()) return;
    if (parser_->is_done()) {
      dispatch();
      return;
    }
    if (used == 0) break;
  }
  read();
}

// What the parser lets through but the server refuses (see protocol.hpp).
bool Session::check_header() {
  header_checked_ = true;
  const auto& request = parser_->get();
  method_ = to_std(request.method_string());
  route_ = to_std(request.target().substr(0, request.target().find('?')));
  FramingCheck framing;
  for (const auto& field : request)
    framing.add_field(to_std(field.name_string()), to_std(field.value()));
  std::optional<std::string_view> problem = framing.problem();
  if (!problem && fold_detector_.found())
    problem = "a header line continued on the next (obs-fold)";
  if (problem) {
    respond(error_response(400, "bad_request", "malformed request: " + std::string(*problem)));
    return false;
  }
  parser_->eager(true);
  send_continue();
  return phase_ != Phase::closed;
}

// Answers "Expect: 100-continue" (curl sends it before large bodies and
// waits for this line or a second). Not queued behind anything: nothing is
// being written while a request is read, so the socket takes the 25 bytes at
// once; if it would block, the client sends its body after its own wait.
void Session::send_continue() {
  const auto& request = parser_->get();
  const auto expect = request.find(bhttp::field::expect);
  if (request.version() < 11 || parser_->is_done() || buffer_.size() > 0 ||
      expect == request.end() || !beast::iequals(expect->value(), "100-continue")) {
    return;
  }
  constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
  error_code error;
  socket_.non_blocking(true, error);
  const std::size_t written = socket_.write_some(asio::buffer(kContinue), error);
  if (written != 0 && written != kContinue.size()) close();  // half a line would garble the answer
}

void Session::refuse(const error_code& error) {
  const ServerOptions& options = host_.options();
  if (error == bhttp::error::header_limit) {
    respond(error_response(
        431, "headers_too_large",
        "the request line and headers exceed " + std::to_string(options.header_limit) + " bytes"));
  } else if (error == bhttp::error::body_limit) {
    if (!header_checked_) {  // refused on its Content-Length, before the header checks
      const auto& request = parser_->get();
      method_ = to_std(request.method_string());
      route_ = to_std(request.target().substr(0, request.target().find('?')));
    }
    respond(error_response(413, "body_too_large",
                           "the body exceeds " + std::to_string(options.body_limit) + " bytes"));
  } else {
    respond(error_response(400, "bad_request", "malformed request: " + error.message()));
  }
}

void Session::dispatch() {
  auto message = parser_->release();
  keep_alive_ = message.keep_alive();
  head_request_ = message.method() == bhttp::verb::head;
  http10_ = message.version() == 10;
  Request request;
  request.method = method_;
  const std::string_view target = to_std(message.target());
  request.path = route_;
  if (const auto question = target.find('?'); question != std::string_view::npos) {
    request.query = target.substr(question + 1);
  }
  for (const auto& field : message) {
    request.headers.push_back(
        Header{std::string(to_std(field.name_string())), std::string(to_std(field.value()))});
  }
  request.body = std::move(message.body());
  request.remote_address = remote_;
  phase_ = Phase::processing;
  deadline_ = Clock::time_point::max();  // the handler takes what it takes

  const Handlers& handlers = host_.handlers();
  if (handlers.on_io_thread) {
    std::optional<Response> answer;
    try {
      answer = handlers.on_io_thread(request);
    } catch (...) {
      answer = internal_error();  // a bug in the handler; the status is the report
    }
    if (answer) {
      respond(std::move(*answer));
      return;
    }
  }
  if (!handlers.on_worker || host_.workers().size() == 0) {
    respond(internal_error());
    return;
  }
  host_.workers().submit(
      [self = shared_from_this(), request = std::move(request)](std::size_t worker) {
        Response response;
        try {
          response = self->host_.handlers().on_worker(request, worker);
        } catch (...) {
          response = internal_error();
        }
        asio::post(self->executor_, [self, response = std::move(response)]() mutable {
          self->respond(std::move(response));
        });
      });
}

void Session::respond(Response response) {
  if (phase_ == Phase::closed) return;
  phase_ = Phase::writing;
  close_after_write_ = response.close || !keep_alive_ || host_.draining();
  if (!response.log_route.empty()) route_ = std::move(response.log_route);
  if (!sendable(response)) response = internal_error();
  const ResponseFraming framing{.content_length = response.body.size(),
                                .close = close_after_write_,
                                .http10 = http10_,
                                .date = current_http_date()};
  write_response_head(head_, response, host_.options().default_headers, framing);
  status_ = response.status;
  body_ = std::move(response.body);
  if (head_request_) body_.clear();  // Content-Length stays that of GET
  set_deadline(Clock::now() + host_.options().write_timeout);
  const std::array<asio::const_buffer, 2> buffers{asio::buffer(head_), asio::buffer(body_)};
  asio::async_write(socket_, buffers,
                    [self = shared_from_this()](const error_code& error, std::size_t) {
                      self->on_written(error);
                    });
}

void Session::on_written(const error_code& error) {
  host_.access_log().write(AccessLogEntry{
      .remote = remote_,
      .method = method_,
      .route = route_,
      .status = status_,
      .bytes = body_.size(),
      .duration = Clock::now() - request_start_,
  });
  if (phase_ != Phase::writing) return;  // closed on the write timeout
  if (error) {
    close();
  } else if (close_after_write_) {
    linger();
  } else {
    body_.clear();
    next_request();
  }
}

void Session::linger() {
  phase_ = Phase::lingering;
  error_code ignored;
  socket_.shutdown(tcp::socket::shutdown_send, ignored);
  set_deadline(Clock::now() + kLingerTimeout);
  read();
}

void Session::close() {
  if (phase_ == Phase::closed) return;
  phase_ = Phase::closed;
  error_code ignored;
  socket_.shutdown(tcp::socket::shutdown_both, ignored);
  socket_.close(ignored);
  timer_.cancel();
}

void Session::set_deadline(Clock::time_point deadline) {
  deadline_ = deadline;
  if (timer_armed_ && timer_.expiry() <= deadline) return;  // it wakes in time and looks again
  timer_armed_ = true;
  timer_.expires_at(deadline);
  timer_.async_wait([self = shared_from_this(), generation = ++timer_generation_](
                        const error_code&) { self->on_timer(generation); });
}

void Session::on_timer(std::uint64_t generation) {
  if (generation != timer_generation_) return;  // a later wait replaced this one
  timer_armed_ = false;
  if (phase_ == Phase::closed || deadline_ == Clock::time_point::max()) return;
  if (Clock::now() < deadline_) {
    set_deadline(deadline_);
    return;
  }
  on_deadline();
}

void Session::on_deadline() {
  if (phase_ == Phase::reading && request_started_) {
    respond(error_response(408, "request_timeout", "the request took too long to arrive"));
  } else if (phase_ != Phase::processing) {
    close();  // idle between requests, or a client that does not read its answer
  }
}

std::shared_ptr<Session> make_session(SessionHost& host, tcp::socket socket) {
  return std::make_shared<Session>(host, std::move(socket));
}

void start_session(const std::shared_ptr<Session>& session) {
  asio::post(session->executor(), [session] { session->start(); });
}

void drain_session(const std::shared_ptr<Session>& session) { session->drain(); }

}  // namespace mn::http
