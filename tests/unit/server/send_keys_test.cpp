// The shape of an idempotency key and what its record keeps of the text.
#include "server/send_keys.h"

#include <sodium.h>

#include <catch2/catch.hpp>
#include <string>

using namespace hearth::server;

TEST_CASE("an idempotency key is 1 to 64 printable ASCII characters without space", "[send_keys]") {
  CHECK(is_valid_send_key("a"));
  CHECK(is_valid_send_key("Zq3_-x9VQmW2kA8bYt0LfQ"));  // what the CLI makes: 22 base64url characters
  CHECK(is_valid_send_key("550e8400-e29b-41d4-a716-446655440000"));  // a browser's randomUUID()
  CHECK(is_valid_send_key("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"));
  CHECK(is_valid_send_key(std::string(64, 'k')));

  CHECK_FALSE(is_valid_send_key(""));  // "no key" is the caller's case, not a valid key
  CHECK_FALSE(is_valid_send_key(std::string(65, 'k')));
  CHECK_FALSE(is_valid_send_key("two words"));
  CHECK_FALSE(is_valid_send_key("tab\there"));
  CHECK_FALSE(is_valid_send_key("line\n"));
  CHECK_FALSE(is_valid_send_key(std::string("nul\0byte", 8)));
  CHECK_FALSE(is_valid_send_key("del\x7f"));
  CHECK_FALSE(is_valid_send_key("caf\xc3\xa9"));  // UTF-8 beyond ASCII
}

TEST_CASE("a send key's record keeps a digest of the text, never the text", "[send_keys]") {
  REQUIRE(sodium_init() >= 0);
  const std::string text = "I told my son I was proud of him today";
  const auto record = new_send_key(7, "key", 3, text, 1000);
  CHECK(record.account_id == 7);
  CHECK(record.key == "key");
  CHECK(record.room_id == 3);
  CHECK(record.sent_at_ms == 1000);
  CHECK(record.created_at_ms == 1000);
  CHECK(record.text_digest.size() == 32);
  CHECK(record.text_digest.find("proud") == std::string::npos);
  CHECK(new_send_key(8, "other", 4, text, 2000).text_digest == record.text_digest);
  CHECK(new_send_key(7, "key", 3, text + ".", 1000).text_digest != record.text_digest);
}
