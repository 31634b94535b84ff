#include "server/client_address.h"

#include <catch2/catch.hpp>

using hearth::server::client_address;
using hearth::server::TrustedProxies;

namespace {

boost::asio::ip::address ip(const char* text) { return boost::asio::ip::make_address(text); }

TrustedProxies trusting(std::initializer_list<const char*> entries) {
  TrustedProxies proxies;
  for (const char* entry : entries) REQUIRE(proxies.add(entry).empty());
  return proxies;
}

}  // namespace

TEST_CASE("trusted proxies are addresses or networks", "[client_address]") {
  const auto proxies = trusting({"127.0.0.1", "10.0.0.0/8", "fd00::/8", " ::1 ", "192.0.2.77/24"});
  CHECK(proxies.contains(ip("127.0.0.1")));
  CHECK_FALSE(proxies.contains(ip("127.0.0.2")));
  CHECK(proxies.contains(ip("10.200.3.4")));
  CHECK_FALSE(proxies.contains(ip("11.0.0.1")));
  CHECK(proxies.contains(ip("fd12:3456::1")));
  CHECK(proxies.contains(ip("::1")));
  CHECK_FALSE(proxies.contains(ip("2001:db8::1")));
  CHECK(proxies.contains(ip("192.0.2.1")));  // the network is taken whole, host bits cleared
  // A dual-stack socket sees IPv4 peers as mapped IPv6.
  CHECK(proxies.contains(ip("::ffff:127.0.0.1")));
  CHECK(TrustedProxies().empty());
  CHECK_FALSE(proxies.empty());
}

TEST_CASE("a trusted proxy entry that is not an address or network is refused with a reason", "[client_address]") {
  TrustedProxies proxies;
  for (const char* bad : {"", "  ", "localhost", "127.0.0.1:80", "10.0.0.0/33", "10.0.0.0/", "10.0.0.0/8x",
                          "10.0.0.0/-1", "fd00::/129", "1.2.3", "10.0.0.0/8/8"}) {
    INFO("'" << bad << "'");
    const std::string problem = proxies.add(bad);
    CHECK_FALSE(problem.empty());
  }
  CHECK_THAT(proxies.add("10.0.0.0/40"), Catch::Contains("0 to 32"));
  CHECK_THAT(proxies.add("nginx"), Catch::Contains("'nginx' is not an IP address or network"));
  CHECK(proxies.empty());
}

TEST_CASE("without trusted proxies the header is ignored", "[client_address]") {
  const TrustedProxies none;
  CHECK(client_address(ip("127.0.0.1"), "203.0.113.5", none) == "127.0.0.1");
  CHECK(client_address(ip("198.51.100.7"), "", none) == "198.51.100.7");
}

TEST_CASE("a peer that is not a trusted proxy is its own address, whatever it sends", "[client_address]") {
  const auto proxies = trusting({"127.0.0.1"});
  CHECK(client_address(ip("198.51.100.7"), "203.0.113.5", proxies) == "198.51.100.7");
  CHECK(client_address(ip("198.51.100.7"), "127.0.0.1", proxies) == "198.51.100.7");
}

TEST_CASE("from a trusted proxy the rightmost untrusted hop is the client", "[client_address]") {
  const auto proxies = trusting({"127.0.0.1", "10.0.0.0/8"});
  CHECK(client_address(ip("127.0.0.1"), "203.0.113.5", proxies) == "203.0.113.5");
  // Whatever the client wrote itself stays on the left, and is not believed.
  CHECK(client_address(ip("127.0.0.1"), "198.51.100.20, 203.0.113.5", proxies) == "203.0.113.5");
  CHECK(client_address(ip("127.0.0.1"), "10.9.9.9,203.0.113.5", proxies) == "203.0.113.5");
  // Proxies in a chain are skipped.
  CHECK(client_address(ip("127.0.0.1"), "198.51.100.20, 203.0.113.5, 10.1.1.1", proxies) == "203.0.113.5");
  CHECK(client_address(ip("10.1.1.1"), " 203.0.113.5 ,\t10.2.2.2 ", proxies) == "203.0.113.5");
  // A chain of nothing but trusted proxies ends at the leftmost of them.
  CHECK(client_address(ip("127.0.0.1"), "10.1.1.1, 10.2.2.2", proxies) == "10.1.1.1");
  // The proxy's own connections carry no header: they count as the proxy.
  CHECK(client_address(ip("127.0.0.1"), "", proxies) == "127.0.0.1");
  CHECK(client_address(ip("127.0.0.1"), "  ", proxies) == "127.0.0.1");
}

TEST_CASE("an unreadable header from a trusted proxy leaves the proxy's address", "[client_address]") {
  const auto proxies = trusting({"127.0.0.1", "10.0.0.0/8"});
  for (const char* bad : {"unknown", "203.0.113.5:4711", "client.example.org", ",", "203.0.113.5,", "1.2.3",
                          "203.0.113.5 198.51.100.7", "\"203.0.113.5\""}) {
    INFO("'" << bad << "'");
    CHECK(client_address(ip("127.0.0.1"), bad, proxies) == "127.0.0.1");
  }
  // Unreadable further left: the last trusted hop read so far.
  CHECK(client_address(ip("127.0.0.1"), "garbage, 10.3.3.3", proxies) == "10.3.3.3");
  // Garbage the client wrote before its own address does not matter.
  CHECK(client_address(ip("127.0.0.1"), "garbage, 203.0.113.5", proxies) == "203.0.113.5");
}

TEST_CASE("IPv6 clients count by their /64, mapped IPv4 as IPv4", "[client_address]") {
  const auto proxies = trusting({"::1"});
  CHECK(client_address(ip("2001:db8:1:2:aaaa::1"), "", proxies) == "2001:db8:1:2::/64");
  CHECK(client_address(ip("2001:db8:1:2:bbbb::2"), "", proxies) == "2001:db8:1:2::/64");
  CHECK(client_address(ip("2001:db8:1:3::1"), "", proxies) == "2001:db8:1:3::/64");
  CHECK(client_address(ip("::1"), "2001:db8:1:2::99", proxies) == "2001:db8:1:2::/64");
  CHECK(client_address(ip("::1"), "[2001:db8:1:2::99]", proxies) == "2001:db8:1:2::/64");
  CHECK(client_address(ip("::1"), "::ffff:203.0.113.5", proxies) == "203.0.113.5");
  CHECK(client_address(ip("::ffff:198.51.100.7"), "", proxies) == "198.51.100.7");
}
