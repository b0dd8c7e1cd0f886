// The parts of HTTP the server writes and checks itself (src/http/protocol.hpp
// and access_log.hpp), without a server.
#include <gtest/gtest.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "http/access_log.hpp"
#include "http/protocol.hpp"

namespace mn::http {
namespace {

TEST(HttpProtocol, ChecksTheFramingFields) {
  const auto problem = [](std::vector<Header> fields) {
    FramingCheck check;
    for (const Header& field : fields) check.add_field(field.name, field.value);
    return check.problem();
  };
  EXPECT_FALSE(problem({{"Content-Length", "12"}, {"Host", "x"}}));
  EXPECT_FALSE(problem({{"transfer-encoding", "Chunked"}}));
  EXPECT_FALSE(problem({}));
  EXPECT_TRUE(problem({{"Content-Length", "1"}, {"content-length", "1"}}));
  EXPECT_TRUE(problem({{"Content-Length", "1,1"}}));
  EXPECT_TRUE(problem({{"Content-Length", ""}}));
  EXPECT_TRUE(problem({{"Content-Length", "0"}, {"Transfer-Encoding", "chunked"}}));
  EXPECT_TRUE(problem({{"Transfer-Encoding", "chunked"}, {"Transfer-Encoding", "chunked"}}));
  EXPECT_TRUE(problem({{"Transfer-Encoding", "gzip, chunked"}}));
}

TEST(HttpProtocol, FindsObsFoldInAnyPieces) {
  const std::string_view header = "GET / HTTP/1.1\r\nA: b\r\n\tc\r\n\r\n";
  for (std::size_t split = 0; split <= header.size(); ++split) {
    ObsFoldDetector detector;
    detector.feed(header.substr(0, split));
    detector.feed(header.substr(split));
    EXPECT_TRUE(detector.found()) << split;
  }
  ObsFoldDetector clean;
  clean.feed("GET / HTTP/1.1\r\nA: b \r\nC:\td\r\n\r\n");
  EXPECT_FALSE(clean.found());
}

TEST(HttpProtocol, WritesAccessLogLinesAsJson) {
  const std::string line = format_access_log_line(
      AccessLogEntry{.remote = "::1",
                     .method = "GET",
                     .route = "/a\"b\\c\n\xff",
                     .status = 404,
                     .bytes = 12,
                     .duration = std::chrono::microseconds(1'500)},
      std::chrono::system_clock::time_point(std::chrono::seconds(1'795'824'000)));
  EXPECT_EQ(line, R"({"time":"2026-11-28T00:00:00Z","remote":"::1","method":"GET",)"
                  R"("route":"/a\"b\\c\u000a\u00ff","status":404,"bytes":12,"ms":1.50})");
  EXPECT_TRUE(nlohmann::json::accept(line));
}

TEST(HttpProtocol, WritesDatesAsImfFixdate) {
  EXPECT_EQ(http_date(784'111'777), "Sun, 06 Nov 1994 08:49:37 GMT");  // RFC 9110's example
  EXPECT_EQ(http_date(1'795'824'000), "Sat, 28 Nov 2026 00:00:00 GMT");
}

TEST(HttpProtocol, WritesTheHeadWithDefaultsTheResponseLacks) {
  Response response;
  response.status = 201;
  response.headers = {{"Content-Type", "application/json"}, {"Cache-Control", "no-store"}};
  const std::vector<Header> defaults{{"cache-control", "private"}, {"X-Frame-Options", "DENY"}};
  std::string head = "left over from the last answer";
  write_response_head(
      head, response, defaults,
      ResponseFraming{.content_length = 17, .date = "Sun, 06 Nov 1994 08:49:37 GMT"});
  EXPECT_EQ(head,
            "HTTP/1.1 201 Created\r\n"
            "Content-Type: application/json\r\n"
            "Cache-Control: no-store\r\n"
            "X-Frame-Options: DENY\r\n"
            "Date: Sun, 06 Nov 1994 08:49:37 GMT\r\n"
            "Content-Length: 17\r\n"
            "\r\n");
}

TEST(HttpProtocol, KeepsTheFramingHeadersToItself) {
  Response response;
  response.status = 299;  // no reason phrase known: an empty one
  response.headers = {{"content-length", "99"},
                      {"Transfer-Encoding", "chunked"},
                      {"Connection", "keep-alive"},
                      {"date", "yesterday"}};
  std::string head;
  write_response_head(head, response, {},
                      ResponseFraming{.content_length = 0, .close = true, .date = "D"});
  EXPECT_EQ(head, "HTTP/1.1 299 \r\nDate: D\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
}

TEST(HttpProtocol, SaysKeepAliveToHttp10AndNoLengthWithoutABody) {
  Response response;
  response.status = 204;
  std::string head;
  write_response_head(head, response, {}, ResponseFraming{.http10 = true, .date = "D"});
  EXPECT_EQ(head, "HTTP/1.1 204 No Content\r\nDate: D\r\nConnection: keep-alive\r\n\r\n");
}

}  // namespace
}  // namespace mn::http
