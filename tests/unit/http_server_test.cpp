// The HTTP server through real sockets on 127.0.0.1: requests reach the
// handlers whole, answers go back in order, hostile or slow input gets the
// server's own error answer and a closed connection, and stop() drains.
// Timeouts are behaviour here (a 408 arrives, a connection closes), never
// a measured duration: kWait only bounds how long a test may hang.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <condition_variable>
#include <csignal>
#include <ctime>
#include <future>
#include <mutex>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "http/protocol.hpp"
#include "http/server.hpp"
#include "http_client.hpp"

namespace mn::http {
namespace {

using mn::testing::accepts_connections;
using mn::testing::HttpClient;
using mn::testing::HttpResponse;
using mn::testing::RawConnection;
using std::chrono::milliseconds;
using namespace std::string_literals;  // NOLINT(google-build-using-namespace): "\0" in requests

constexpr milliseconds kWait{10'000};  // generous: sanitizer builds on a busy machine
constexpr std::size_t kWorkers = 3;

// Holds /slow requests in their handler until the test opens it.
class Gate {
 public:
  void pass() {
    std::unique_lock lock(mutex_);
    ++waiting_;
    changed_.notify_all();
    changed_.wait(lock, [this] { return open_; });
  }
  bool wait_for_waiting(int count) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, kWait, [&] { return waiting_ >= count; });
  }
  void open() {
    {
      const std::lock_guard lock(mutex_);
      open_ = true;
    }
    changed_.notify_all();
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  int waiting_ = 0;
  bool open_ = false;
};

template <class Condition>
bool eventually(Condition condition) {
  const auto deadline = std::chrono::steady_clock::now() + kWait;
  while (!condition()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(milliseconds(20));
  }
  return true;
}

// "2026-11-27T23:59:59Z" (std::regex trips GCC 12 warnings in this build).
bool is_utc_time(std::string_view text) {
  constexpr std::string_view kShape = "dddd-dd-ddTdd:dd:ddZ";
  return text.size() == kShape.size() &&
         std::equal(kShape.begin(), kShape.end(), text.begin(), [](char shape, char c) {
           return shape == 'd' ? c >= '0' && c <= '9' : c == shape;
         });
}

nlohmann::json json_of(const HttpResponse& response) {
  return nlohmann::json::parse(response.body, nullptr, /*allow_exceptions=*/false);
}

class HttpServerTest : public ::testing::Test {
 protected:
  ~HttpServerTest() override { gate_.open(); }  // before server_ drains

  static ServerOptions test_options() {
    ServerOptions options;
    options.port = 0;
    options.worker_threads = kWorkers;
    options.body_limit = 1024;
    options.header_limit = 4096;
    options.default_headers = {{"X-Content-Type-Options", "nosniff"}, {"X-Frame-Options", "DENY"}};
    return options;
  }

  std::uint16_t start(ServerOptions options = test_options()) {
    server_ = std::make_unique<Server>(std::move(options), handlers());
    const Result<std::uint16_t> port = server_->start();
    if (!port) throw std::runtime_error(port.error().describe());
    port_ = *port;
    return port_;
  }

  // /fast and /io-throw on the I/O thread; everything else on a worker,
  // which echoes the request as JSON.
  Handlers handlers() {
    Handlers handlers;
    handlers.on_io_thread = [](const Request& request) -> std::optional<Response> {
      if (request.path == "/io-throw") throw std::runtime_error("a bug");
      if (request.path != "/fast") return std::nullopt;
      Response response;
      response.set("Content-Type", "text/plain").body = "fast";
      return response;
    };
    handlers.on_worker = [this](const Request& request, std::size_t worker) {
      if (worker >= kWorkers || active_[worker]++ != 0) worker_shared_ = true;
      Response response = answer(request, worker);
      if (worker < kWorkers) --active_[worker];
      return response;
    };
    return handlers;
  }

  Response answer(const Request& request, std::size_t worker) {
    if (request.path == "/throw") throw std::runtime_error("a bug");
    if (request.path == "/slow") gate_.pass();
    nlohmann::json headers = nlohmann::json::array();
    for (const Header& header : request.headers) headers.push_back({header.name, header.value});
    Response response;
    response.set("Content-Type", "application/json");
    response.body = nlohmann::json{
        {"method", request.method},
        {"path", request.path},
        {"query", request.query},
        {"body", request.body},
        {"echo", request.header("x-echo").value_or("")},
        {"headers", headers},
        {"remote", request.remote_address},
        {"worker",
         worker}}.dump();
    if (request.path == "/close") response.close = true;
    if (request.path == "/framed") response.set("X-Frame-Options", "SAMEORIGIN");
    if (request.path == "/bad-header") response.headers.push_back({"X-Bad", "a\r\nSet-Cookie: b"});
    if (request.path.starts_with("/items/")) response.log_route = "/items/{id}";
    return response;
  }

  Gate gate_;
  std::array<std::atomic<int>, kWorkers> active_{};
  std::atomic<bool> worker_shared_{false};  // a worker index ran two requests at once
  std::ostringstream log_;                  // read only after stop() and wait()
  std::unique_ptr<Server> server_;
  std::uint16_t port_ = 0;
};

// Sends bytes on a new connection; the answer must be the server's own
// error and the connection must close after it.
void expect_refused(std::uint16_t port, std::string_view bytes, int status, std::string_view code) {
  RawConnection connection(port);
  connection.send(bytes);
  const std::optional<HttpResponse> response = connection.read_response(kWait);
  ASSERT_TRUE(response) << "no answer";
  EXPECT_EQ(response->status, status);
  EXPECT_EQ(response->header("Content-Type"), "application/json");
  EXPECT_EQ(response->header("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(response->header("X-Frame-Options"), "DENY");
  const nlohmann::json body = json_of(*response);
  EXPECT_EQ(body["error"]["code"], code) << response->body;
  EXPECT_TRUE(body["error"]["message"].is_string());
  EXPECT_TRUE(body["error"]["field"].is_null());
  EXPECT_TRUE(response->closed_by_server);
  EXPECT_TRUE(connection.closed_within(kWait));
}

TEST_F(HttpServerTest, AnswersGetAndPost) {
  HttpClient client(start());
  const HttpResponse got = client.get("/echo/a%20b?x=1&y=2", {{"X-Echo", "hello"}});
  EXPECT_EQ(got.status, 200);
  EXPECT_EQ(got.header("content-type"), "application/json");
  const nlohmann::json echo = json_of(got);
  EXPECT_EQ(echo["method"], "GET");
  EXPECT_EQ(echo["path"], "/echo/a%20b");
  EXPECT_EQ(echo["query"], "x=1&y=2");
  EXPECT_EQ(echo["echo"], "hello");
  EXPECT_EQ(echo["remote"], "127.0.0.1");
  EXPECT_EQ(got.header("Content-Length"), std::to_string(got.body.size()));

  const HttpResponse posted = client.post("/echo", R"({"a":1})");
  EXPECT_EQ(posted.status, 200);
  EXPECT_EQ(json_of(posted)["method"], "POST");
  EXPECT_EQ(json_of(posted)["body"], R"({"a":1})");
  EXPECT_EQ(client.get("/fast").body, "fast");
}

TEST_F(HttpServerTest, SplitsTheQueryFromThePath) {
  HttpClient client(start());
  EXPECT_EQ(json_of(client.get("/a/b?c=d&e=f?g"))["query"], "c=d&e=f?g");
  EXPECT_EQ(json_of(client.get("/a/b?c=d&e=f?g"))["path"], "/a/b");
  EXPECT_EQ(json_of(client.get("/a?"))["query"], "");
  EXPECT_EQ(json_of(client.get("/a?"))["path"], "/a");
  EXPECT_EQ(json_of(client.get("/a"))["query"], "");
}

TEST_F(HttpServerTest, PassesEveryHeaderInOrderAndUnknownMethods) {
  RawConnection connection(start());
  connection.send("BREW /pot HTTP/1.1\r\nHost: x\r\nX-A: 1\r\nx-a: 2\r\n\r\n");
  const auto response = connection.read_response(kWait);
  ASSERT_TRUE(response);
  const nlohmann::json echo = json_of(*response);
  EXPECT_EQ(echo["method"], "BREW");
  EXPECT_EQ(echo["headers"], nlohmann::json::parse(R"([["Host","x"],["X-A","1"],["x-a","2"]])"));
}

TEST_F(HttpServerTest, KeepsTheConnectionAlive) {
  HttpClient client(start());
  EXPECT_EQ(client.get("/echo").status, 200);
  EXPECT_EQ(client.post("/echo", "{}").status, 200);
  EXPECT_EQ(client.get("/fast").status, 200);
  EXPECT_EQ(client.connections_opened(), 1);
}

TEST_F(HttpServerTest, AnswersPipelinedRequestsInOrder) {
  RawConnection connection(start());
  connection.send(
      "GET /echo?n=1 HTTP/1.1\r\nHost: x\r\n\r\n"
      "POST /echo?n=2 HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc"
      "GET /fast HTTP/1.1\r\nHost: x\r\n\r\n"
      "GET /echo?n=4 HTTP/1.1\r\nHost: x\r\n\r\n");
  const auto first = connection.read_response(kWait);
  const auto second = connection.read_response(kWait);
  const auto third = connection.read_response(kWait);
  const auto fourth = connection.read_response(kWait);
  ASSERT_TRUE(first && second && third && fourth);
  EXPECT_EQ(json_of(*first)["query"], "n=1");
  EXPECT_EQ(json_of(*second)["body"], "abc");
  EXPECT_EQ(third->body, "fast");
  EXPECT_EQ(json_of(*fourth)["query"], "n=4");
  EXPECT_FALSE(fourth->closed_by_server);
}

TEST_F(HttpServerTest, GivesEachWorkerOneRequestAtATime) {
  const std::uint16_t port = start();
  std::vector<std::future<std::vector<int>>> clients;
  for (int c = 0; c < 4; ++c) {
    clients.push_back(std::async(std::launch::async, [port] {
      HttpClient client(port);
      std::vector<int> workers;
      for (int i = 0; i < 10; ++i)
        workers.push_back(json_of(client.get("/echo"))["worker"].get<int>());
      return workers;
    }));
  }
  for (auto& client : clients) {
    for (const int worker : client.get()) {
      EXPECT_GE(worker, 0);
      EXPECT_LT(worker, static_cast<int>(kWorkers));
    }
  }
  EXPECT_FALSE(worker_shared_);
}

TEST_F(HttpServerTest, ServesFromSeveralIoThreads) {
  ServerOptions options = test_options();
  options.io_threads = 3;
  const std::uint16_t port = start(options);
  std::vector<std::future<int>> clients;
  for (int c = 0; c < 4; ++c) {
    clients.push_back(std::async(std::launch::async, [port, c] {
      HttpClient client(port);
      int answered = 0;
      for (int i = 0; i < 20; ++i) {
        const std::string body = std::to_string(c * 100 + i);
        answered += json_of(client.post("/echo", body))["body"] == body;
        answered += client.get("/fast").body == "fast";
      }
      return answered;
    }));
  }
  for (auto& client : clients) EXPECT_EQ(client.get(), 40);
}

TEST_F(HttpServerTest, ReadsChunkedBodies) {
  RawConnection connection(start());
  connection.send(
      "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
      "3\r\nabc\r\n2;ext=1\r\nde\r\n0\r\n\r\n");
  const auto response = connection.read_response(kWait);
  ASSERT_TRUE(response);
  EXPECT_EQ(json_of(*response)["body"], "abcde");
}

TEST_F(HttpServerTest, RefusesContentLengthOverTheLimitBeforeTheBody) {
  expect_refused(start(), "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 1025\r\n\r\n", 413,
                 "body_too_large");
  // The body sent anyway does not reset the connection before the answer is read.
  expect_refused(
      port_,
      "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n" + std::string(100000, 'a'),
      413, "body_too_large");
  // Exactly at the limit is fine.
  HttpClient client(port_);
  EXPECT_EQ(client.post("/echo", std::string(1024, 'a')).status, 200);
}

TEST_F(HttpServerTest, RefusesChunkedBodiesOverTheLimit) {
  const std::string chunk = "400\r\n" + std::string(1024, 'a') + "\r\n";
  expect_refused(start(),
                 "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n" + chunk +
                     chunk + "0\r\n\r\n",
                 413, "body_too_large");
}

TEST_F(HttpServerTest, RefusesHeadersOverTheLimit) {
  expect_refused(start(),
                 "GET /echo HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(5000, 'a') + "\r\n\r\n",
                 431, "headers_too_large");
  expect_refused(port_, "GET /" + std::string(5000, 'a') + " HTTP/1.1\r\nHost: x\r\n\r\n", 431,
                 "headers_too_large");
}

TEST_F(HttpServerTest, RefusesMalformedRequests) {
  const std::uint16_t port = start();
  const std::string post = "POST /echo HTTP/1.1\r\nHost: x\r\n";
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"duplicate Content-Length, equal",
       post + "Content-Length: 2\r\nContent-Length: 2\r\n\r\nab"},
      {"duplicate Content-Length, different",
       post + "Content-Length: 2\r\nContent-Length: 3\r\n\r\nabc"},
      {"Content-Length list", post + "Content-Length: 2,2\r\n\r\nab"},
      {"Content-Length and Transfer-Encoding",
       post + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"},
      {"Transfer-Encoding and Content-Length",
       post + "Transfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n0\r\n\r\n"},
      {"chunked, identity", post + "Transfer-Encoding: chunked, identity\r\n\r\n0\r\n\r\n"},
      {"xchunked", post + "Transfer-Encoding: xchunked\r\n\r\n0\r\n\r\n"},
      {"gzip, chunked", post + "Transfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n"},
      {"Transfer-Encoding twice",
       post + "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"},
      {"bad chunk size", post + "Transfer-Encoding: chunked\r\n\r\nzz\r\nab\r\n0\r\n\r\n"},
      {"Content-Length -1", post + "Content-Length: -1\r\n\r\n"},
      {"Content-Length 1,2", post + "Content-Length: 1,2\r\n\r\nab"},
      {"Content-Length 12a", post + "Content-Length:  12a\r\n\r\n"},
      {"Content-Length +5", post + "Content-Length: +5\r\n\r\nabcde"},
      {"empty Content-Length", post + "Content-Length: \r\n\r\n"},
      {"obs-fold", "GET /echo HTTP/1.1\r\nHost: x\r\nX-Long: a\r\n b\r\n\r\n"},
      {"obs-fold with a tab", "GET /echo HTTP/1.1\r\nHost: x\r\nX-Long: a\r\n\tb\r\n\r\n"},
      {"space before the first header", "GET /echo HTTP/1.1\r\n Host: x\r\n\r\n"},
      {"space before the colon", "GET /echo HTTP/1.1\r\nHost : x\r\n\r\n"},
      {"garbage request line", "HELLO\r\n\r\n"},
      {"no version", "GET /echo\r\n\r\n"},
      {"HTTP/2.0", "GET /echo HTTP/2.0\r\n\r\n"},
      {"HTTP/0.9 style", "GET /echo HTTP/0.9\r\n\r\n"},
      {"NUL in a header", "GET /echo HTTP/1.1\r\nHost: x\r\nX-A: a\0b\r\n\r\n"s},
      {"NUL in the target", "GET /ec\0ho HTTP/1.1\r\nHost: x\r\n\r\n"s},
      {"NUL bytes only", std::string(16, '\0')},
      {"bare LF line endings", "GET /echo HTTP/1.1\nHost: x\n\n"},
      {"bare LF after a header", "GET /echo HTTP/1.1\r\nHost: x\n\r\n"},
      {"bare CR", "GET /echo HTTP/1.1\rHost: x\r\n\r\n"},
  };
  for (const auto& [name, bytes] : cases) {
    SCOPED_TRACE(name);
    expect_refused(port, bytes, 400, "bad_request");
  }
}

TEST_F(HttpServerTest, FindsObsFoldArrivingByteByByte) {
  RawConnection connection(start());
  connection.send_slowly("GET /echo HTTP/1.1\r\nHost: x\r\nX-Long: a\r\n b\r\n\r\n", 1,
                         milliseconds(2));
  const auto response = connection.read_response(kWait);
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 400);
  EXPECT_TRUE(connection.closed_within(kWait));
}

TEST_F(HttpServerTest, AnswersHttp10AndClosesUnlessAskedToKeepAlive) {
  RawConnection plain(start());
  plain.send("GET /fast HTTP/1.0\r\n\r\n");
  const auto response = plain.read_response(kWait);
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->body, "fast");
  EXPECT_EQ(response->header("Connection"), "close");
  EXPECT_TRUE(plain.closed_within(kWait));

  RawConnection kept(port_);
  for (int i = 0; i < 2; ++i) {
    kept.send("GET /echo HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
    const auto again = kept.read_response(kWait);
    ASSERT_TRUE(again);
    EXPECT_EQ(again->status, 200);
    EXPECT_EQ(again->header("Connection"), "keep-alive");
  }
}

TEST_F(HttpServerTest, AnswersHeadWithoutABody) {
  RawConnection connection(start());
  connection.send("HEAD /fast HTTP/1.1\r\nHost: x\r\n\r\nGET /fast HTTP/1.1\r\nHost: x\r\n\r\n");
  const auto head = connection.read_response(kWait, /*head=*/true);
  ASSERT_TRUE(head);
  EXPECT_EQ(head->header("Content-Length"), "4");
  EXPECT_EQ(head->body, "");
  const auto get = connection.read_response(kWait);
  ASSERT_TRUE(get);
  EXPECT_EQ(get->body, "fast");
}

TEST_F(HttpServerTest, AnswersExpectContinue) {
  RawConnection connection(start());
  connection.send(
      "POST /echo HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n");
  const auto go_on = connection.read_response(kWait);
  ASSERT_TRUE(go_on);
  EXPECT_EQ(go_on->status, 100);
  connection.send("hello");
  const auto response = connection.read_response(kWait);
  ASSERT_TRUE(response);
  EXPECT_EQ(json_of(*response)["body"], "hello");
}

TEST_F(HttpServerTest, CutsOffSlowHeadersWith408) {
  ServerOptions options = test_options();
  options.read_timeout = milliseconds(300);
  RawConnection connection(start(options));
  const std::string request =
      "GET /echo HTTP/1.1\r\nHost: x\r\nX-Padding: " + std::string(200, 'a') + "\r\n\r\n";
  EXPECT_LT(connection.send_slowly(request, 1, milliseconds(50)), request.size());
  const auto response = connection.read_response(kWait);
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 408);
  EXPECT_EQ(json_of(*response)["error"]["code"], "request_timeout");
  EXPECT_EQ(response->header("X-Frame-Options"), "DENY");
  EXPECT_TRUE(connection.closed_within(kWait));
}

TEST_F(HttpServerTest, CutsOffSlowBodiesWith408) {
  ServerOptions options = test_options();
  options.read_timeout = milliseconds(300);
  RawConnection connection(start(options));
  connection.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n");
  EXPECT_LT(connection.send_slowly(std::string(1000, 'a'), 1, milliseconds(50)), 1000U);
  const auto response = connection.read_response(kWait);
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 408);
  EXPECT_TRUE(connection.closed_within(kWait));
}

TEST_F(HttpServerTest, ClosesIdleConnectionsSilently) {
  ServerOptions options = test_options();
  options.idle_timeout = milliseconds(300);
  RawConnection silent(start(options));
  EXPECT_TRUE(silent.closed_within(kWait));
  EXPECT_FALSE(silent.read_response(milliseconds(1)));  // closed without a byte

  RawConnection after_a_request(port_);
  after_a_request.send("GET /fast HTTP/1.1\r\nHost: x\r\n\r\n");
  ASSERT_TRUE(after_a_request.read_response(kWait));
  EXPECT_TRUE(after_a_request.closed_within(kWait));
}

TEST_F(HttpServerTest, GivesAnIdleClientTheIdleTimeoutNotTheReadTimeout) {
  ServerOptions options = test_options();
  options.read_timeout = milliseconds(200);
  RawConnection connection(start(options));
  std::this_thread::sleep_for(milliseconds(600));  // well past read_timeout, before any byte
  connection.send("GET /fast HTTP/1.1\r\nHost: x\r\n\r\n");
  const auto response = connection.read_response(kWait);
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200);
}

TEST_F(HttpServerTest, TurnsHandlerExceptionsInto500AndGoesOn) {
  HttpClient client(start());
  for (const char* target : {"/throw", "/io-throw"}) {
    const HttpResponse failed = client.get(target);
    EXPECT_EQ(failed.status, 500);
    EXPECT_EQ(json_of(failed)["error"]["code"], "internal");
    EXPECT_EQ(client.get("/echo").status, 200);
  }
}

TEST_F(HttpServerTest, RefusesToSendAHeaderThatWouldSplitTheResponse) {
  HttpClient client(start());
  const HttpResponse response = client.get("/bad-header");
  EXPECT_EQ(response.status, 500);
  EXPECT_FALSE(response.header("Set-Cookie"));
}

TEST_F(HttpServerTest, AddsDefaultHeadersTheResponseLacks) {
  HttpClient client(start());
  const HttpResponse plain = client.get("/echo");
  EXPECT_EQ(plain.header("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(plain.header("X-Frame-Options"), "DENY");
  const HttpResponse framed = client.get("/framed");
  EXPECT_EQ(framed.header("X-Frame-Options"), "SAMEORIGIN");
  EXPECT_EQ(std::count_if(framed.headers.begin(), framed.headers.end(),
                          [](const auto& header) { return header.first == "X-Frame-Options"; }),
            1);
  EXPECT_EQ(client.get("/fast").header("X-Content-Type-Options"), "nosniff");
  // Date on every answer (RFC 9110 6.6.1), as of now: the year is enough.
  const auto date = plain.header("Date");
  ASSERT_TRUE(date);
  const std::time_t now = std::time(nullptr);
  EXPECT_NE(date->find(http_date(now).substr(12, 4)), std::string::npos) << *date;
  // The server's own error answers: see expect_refused.
}

TEST_F(HttpServerTest, ClosesWhenTheResponseSaysSo) {
  HttpClient client(start());
  const HttpResponse closing = client.get("/close");
  EXPECT_EQ(closing.status, 200);
  EXPECT_EQ(closing.header("Connection"), "close");
  EXPECT_TRUE(closing.closed_by_server);
  EXPECT_EQ(client.get("/echo").status, 200);
  EXPECT_EQ(client.connections_opened(), 2);
}

TEST_F(HttpServerTest, LogsOneJsonLinePerResponseWithoutQueries) {
  ServerOptions options = test_options();
  options.access_log = &log_;
  HttpClient client(start(options));
  client.get("/echo?name=secret-name");
  client.post("/items/42?token=secret-token", R"({"pain":"secret-body"})");
  client.get("/fast");
  client.get("/throw");
  expect_refused(port_, "POST /echo?q=secret-refused HTTP/1.1\r\nContent-Length: 5000\r\n\r\n", 413,
                 "body_too_large");
  expect_refused(port_, "HELLO\r\n\r\n", 400, "bad_request");
  server_->stop();
  server_->wait();

  const std::string log = log_.str();
  EXPECT_EQ(log.find("secret"), std::string::npos) << log;
  std::istringstream lines(log);
  std::vector<nlohmann::json> entries;
  for (std::string line; std::getline(lines, line);) {
    entries.push_back(nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false));
    ASSERT_TRUE(entries.back().is_object()) << line;
  }
  ASSERT_EQ(entries.size(), 6U) << log;
  for (const nlohmann::json& entry : entries) {
    EXPECT_EQ(entry.size(), 7U) << entry;
    EXPECT_TRUE(is_utc_time(entry["time"].get<std::string>())) << entry;
    EXPECT_EQ(entry["remote"], "127.0.0.1");
    EXPECT_TRUE(entry["status"].is_number_integer());
    EXPECT_TRUE(entry["bytes"].is_number_unsigned());
    EXPECT_GE(entry["ms"].get<double>(), 0.0);
  }
  EXPECT_EQ(entries[0]["route"], "/echo");
  EXPECT_EQ(entries[0]["method"], "GET");
  EXPECT_EQ(entries[1]["route"], "/items/{id}");
  EXPECT_EQ(entries[1]["method"], "POST");
  EXPECT_EQ(entries[2]["bytes"], 4);
  EXPECT_EQ(entries[3]["status"], 500);
  EXPECT_EQ(entries[4]["status"], 413);
  EXPECT_EQ(entries[4]["route"], "/echo");
  EXPECT_EQ(entries[5]["status"], 400);
}

TEST_F(HttpServerTest, StopLetsTheRequestInFlightFinish) {
  const std::uint16_t port = start();
  auto slow = std::async(std::launch::async, [port] { return HttpClient(port).get("/slow"); });
  ASSERT_TRUE(gate_.wait_for_waiting(1));
  server_->stop();
  EXPECT_TRUE(server_->draining());
  EXPECT_TRUE(eventually([port] { return !accepts_connections(port); }));
  gate_.open();
  const HttpResponse response = slow.get();
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.header("Connection"), "close");
  server_->wait();
}

TEST_F(HttpServerTest, GivesUpOnHandlersAfterTheDrainTimeout) {
  ServerOptions options = test_options();
  options.drain_timeout = milliseconds(100);
  const std::uint16_t port = start(options);
  auto slow = std::async(std::launch::async, [port] { return HttpClient(port).get("/slow"); });
  ASSERT_TRUE(gate_.wait_for_waiting(1));
  server_->stop();
  std::this_thread::sleep_for(milliseconds(1'500));  // well past drain_timeout
  gate_.open();  // wait() joins the worker, so the handler must return
  server_->wait();
  server_.reset();
  // The answer came too late: the connection closes unanswered.
  EXPECT_THROW(slow.get(), std::runtime_error);
}

TEST_F(HttpServerTest, StopClosesIdleConnections) {
  RawConnection idle(start());
  idle.send("GET /fast HTTP/1.1\r\nHost: x\r\n\r\n");
  ASSERT_TRUE(idle.read_response(kWait));
  server_->stop();
  EXPECT_TRUE(idle.closed_within(kWait));
  server_->wait();
  EXPECT_FALSE(accepts_connections(port_));
}

TEST_F(HttpServerTest, StopsOnSigterm) {
  ServerOptions options = test_options();
  options.stop_on_signals = true;
  start(options);
  // The handler is in place once start() has returned, so this cannot end the test run.
  ASSERT_EQ(std::raise(SIGTERM), 0);
  EXPECT_TRUE(eventually([this] { return server_->draining(); }));
  server_->wait();
  EXPECT_FALSE(accepts_connections(port_));
}

TEST_F(HttpServerTest, ReportsAnAddressItCannotBind) {
  const std::uint16_t taken = start();
  ServerOptions options = test_options();
  options.port = taken;
  Server second(options, handlers());
  const Result<std::uint16_t> refused = second.start();
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, "bind");

  options.bind = "not-an-address";
  Server third(options, handlers());
  const Result<std::uint16_t> unreadable = third.start();
  ASSERT_FALSE(unreadable);
  EXPECT_EQ(unreadable.error().code, "bind");
}

TEST_F(HttpServerTest, StopsCleanlyWithoutStartOrRequests) {
  { Server never_started(test_options(), handlers()); }
  start();
  server_.reset();
}

class HttpClientTest : public HttpServerTest {};

TEST_F(HttpClientTest, ReconnectsAfterTheServerClosedTheConnection) {
  ServerOptions options = test_options();
  options.idle_timeout = milliseconds(200);
  HttpClient client(start(options));
  EXPECT_EQ(client.get("/echo").status, 200);
  std::this_thread::sleep_for(milliseconds(1'000));  // the server closes the idle connection
  EXPECT_EQ(client.get("/echo").status, 200);
  EXPECT_EQ(client.connections_opened(), 2);
}

TEST_F(HttpClientTest, SendsJsonBodiesWithTheirType) {
  HttpClient client(start());
  for (const HttpResponse& response :
       {client.post("/echo", "{}"), client.put("/echo", "{}"), client.patch("/echo", "{}")}) {
    const nlohmann::json echo = json_of(response);
    EXPECT_EQ(echo["body"], "{}");
    EXPECT_NE(echo["headers"].dump().find(R"(["Content-Type","application/json"])"),
              std::string::npos);
  }
  EXPECT_EQ(json_of(client.del("/echo/1"))["method"], "DELETE");
}

TEST_F(HttpClientTest, ThrowsWhenNoResponseArrives) {
  HttpClient client(start(), milliseconds(300));
  EXPECT_THROW(client.get("/slow"), std::runtime_error);
}

TEST_F(HttpClientTest, ThrowsWhenRefused) {
  start();
  server_.reset();  // port_ is free now
  EXPECT_THROW(HttpClient(port_).get("/"), std::runtime_error);
  EXPECT_THROW(RawConnection{port_}, std::runtime_error);
}

}  // namespace
}  // namespace mn::http
