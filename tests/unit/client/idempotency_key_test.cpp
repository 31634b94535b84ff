// The keys the CLI gives its messages: the server's shape (1..64 of 0x21-0x7E), and never twice.
#include "clients/client/idempotency_key.h"

#include <catch2/catch.hpp>
#include <set>

TEST_CASE("a new idempotency key is 22 base64url characters and fresh every time", "[client]") {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    const std::string key = hearth::client::new_idempotency_key();
    REQUIRE(key.size() == 22);
    CHECK(key.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") == std::string::npos);
    seen.insert(key);
  }
  CHECK(seen.size() == 1000);
}
