// Which address a request comes from, behind trusted reverse proxies or not.
#include "api/client_address.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace mn::api {
namespace {

http::Request from(std::string remote, std::vector<std::string> forwarded_for = {}) {
  http::Request request;
  request.remote_address = std::move(remote);
  for (std::string& value : forwarded_for) {
    request.headers.push_back(http::Header{"X-Forwarded-For", std::move(value)});
  }
  return request;
}

TEST(ClientAddress, IsTheConnectionsUnlessItComesFromATrustedProxy) {
  const std::vector<std::string> none;
  EXPECT_EQ(client_address(from("203.0.113.7", {"198.51.100.1"}), none), "203.0.113.7");
  const std::vector<std::string> proxy{"10.0.0.2"};
  EXPECT_EQ(client_address(from("203.0.113.7", {"198.51.100.1"}), proxy), "203.0.113.7");
  EXPECT_EQ(client_address(from("10.0.0.2", {"198.51.100.1"}), proxy), "198.51.100.1");
  EXPECT_EQ(client_address(from("10.0.0.2"), proxy), "10.0.0.2");  // no header
}

TEST(ClientAddress, TakesTheNearestHopThatIsNoTrustedProxy) {
  const std::vector<std::string> proxies{"10.0.0.2", "10.0.0.3"};
  // What the client wrote itself ("1.2.3.4") comes first and is passed over.
  EXPECT_EQ(client_address(from("10.0.0.2", {"1.2.3.4, 198.51.100.1 , 10.0.0.3"}), proxies),
            "198.51.100.1");
  // Several header lines are one list, in order.
  EXPECT_EQ(client_address(from("10.0.0.2", {"1.2.3.4", "2001:db8::7", "10.0.0.3"}), proxies),
            "2001:db8::7");
  // Only trusted proxies: the connection's address.
  EXPECT_EQ(client_address(from("10.0.0.2", {"10.0.0.3"}), proxies), "10.0.0.2");
}

TEST(ClientAddress, DoesNotGuessPastAMalformedHop) {
  const std::vector<std::string> proxy{"10.0.0.2"};
  for (const char* garbage : {"unknown", "", "198.51.100.1:443", "[2001:db8::1]", "1.2.3.4 x",
                              "<script>", "' OR 1=1 --"}) {
    EXPECT_EQ(client_address(from("10.0.0.2", {std::string("198.51.100.1, ") + garbage}), proxy),
              "10.0.0.2")
        << garbage;
  }
}

TEST(ClientAddress, ReadsTheTrustedProxiesSetting) {
  auto proxies = parse_trusted_proxies(" 127.0.0.1, ::1 ,10.1.2.3", "trusted_proxies");
  ASSERT_TRUE(proxies);
  EXPECT_EQ(*proxies, (std::vector<std::string>{"127.0.0.1", "::1", "10.1.2.3"}));
  auto empty = parse_trusted_proxies("  ", "trusted_proxies");
  ASSERT_TRUE(empty);
  EXPECT_TRUE(empty->empty());
  for (const char* bad : {"localhost", "127.0.0.1,", "10.0.0.0/8", "256.1.1.1"}) {
    auto refused = parse_trusted_proxies(bad, "--trusted-proxy");
    ASSERT_FALSE(refused) << bad;
    EXPECT_EQ(refused.error().where, "--trusted-proxy");
  }
}

}  // namespace
}  // namespace mn::api
