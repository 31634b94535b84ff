#include "server/secrets.h"

#include <sodium.h>

#include <catch2/catch.hpp>
#include <set>

using namespace hearth::server;

TEST_CASE("tokens are 32 random bytes and hash to a fixed-size digest", "[secrets]") {
  REQUIRE(sodium_init() >= 0);
  const std::string a = new_token();
  const std::string b = new_token();
  CHECK(a.size() == kTokenBytes);
  CHECK(a != b);
  CHECK(hash_token(a).size() == 32);
  CHECK(hash_token(a) == hash_token(a));
  CHECK(hash_token(a) != hash_token(b));
  CHECK(hash_token(a) != a);
}

TEST_CASE("token and invite hashes are domain-separated", "[secrets]") {
  REQUIRE(sodium_init() >= 0);
  CHECK(hash_token("ABCD") != hash_invite_code("ABCD"));
}

TEST_CASE("invite codes are readable, unique and forgiving of case and dashes", "[secrets]") {
  REQUIRE(sodium_init() >= 0);
  std::set<std::string> seen;
  for (int i = 0; i < 200; ++i) {
    const std::string code = new_invite_code();
    REQUIRE(code.size() == 19);  // XXXX-XXXX-XXXX-XXXX
    CHECK(code.find_first_of("ILOU") == std::string::npos);
    seen.insert(code);
  }
  CHECK(seen.size() == 200);
  const std::string code = new_invite_code();
  std::string typed;
  for (char c : code) typed.push_back(c == '-' ? ' ' : static_cast<char>(std::tolower(c)));
  CHECK(hash_invite_code(typed) == hash_invite_code(code));
}
