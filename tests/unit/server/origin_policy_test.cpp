#include "server/origin_policy.h"

#include <catch2/catch.hpp>

using hearth::server::origin_allowed;

TEST_CASE("clients without an Origin header are allowed", "[origin]") {
  CHECK(origin_allowed("", "chat.example.org", {}));
  CHECK(origin_allowed("", "chat.example.org", {"https://other.example"}));
}

TEST_CASE("by default only the server's own host is allowed", "[origin]") {
  CHECK(origin_allowed("https://chat.example.org", "chat.example.org", {}));
  CHECK(origin_allowed("http://127.0.0.1:8080", "127.0.0.1:8080", {}));
  CHECK_FALSE(origin_allowed("https://evil.example", "chat.example.org", {}));
  CHECK_FALSE(origin_allowed("https://chat.example.org.evil.example", "chat.example.org", {}));
  CHECK_FALSE(origin_allowed("https://chat.example.org:444", "chat.example.org", {}));
  CHECK_FALSE(origin_allowed("null", "chat.example.org", {}));
  CHECK_FALSE(origin_allowed("https://anything", "", {}));
}

TEST_CASE("an allowlist admits exact matches only", "[origin]") {
  const std::vector<std::string> list = {"https://hearth.example.org"};
  CHECK(origin_allowed("https://hearth.example.org", "127.0.0.1:8080", list));
  CHECK_FALSE(origin_allowed("https://hearth.example.org/", "127.0.0.1:8080", list));
  CHECK_FALSE(origin_allowed("http://hearth.example.org", "127.0.0.1:8080", list));
  CHECK_FALSE(origin_allowed("http://127.0.0.1:8080", "127.0.0.1:8080", list));
}
