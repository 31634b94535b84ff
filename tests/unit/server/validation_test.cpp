#include "server/validation.h"

#include <catch2/catch.hpp>
#include <string>

using namespace hearth::server;

TEST_CASE("handles are short, plain and start with a letter or digit", "[validation]") {
  CHECK(check_handle("ann").empty());
  CHECK(check_handle("Ann_B.2-x").empty());
  CHECK_FALSE(check_handle("an").empty());
  CHECK_FALSE(check_handle(std::string(33, 'a')).empty());
  CHECK_FALSE(check_handle("ann smith").empty());
  CHECK_FALSE(check_handle("_ann").empty());
  CHECK_FALSE(check_handle("ann@home").empty());
  CHECK_FALSE(check_handle("\xc3\xa9lise").empty());
}

TEST_CASE("passwords need at least 10 bytes and at most 256", "[validation]") {
  CHECK_FALSE(check_password("short").empty());
  CHECK(check_password("a long enough passphrase").empty());
  CHECK_FALSE(check_password(std::string(257, 'p')).empty());
}

TEST_CASE("room names are lower-case slugs", "[validation]") {
  CHECK(check_room_name("families-together").empty());
  CHECK_FALSE(check_room_name("Families").empty());
  CHECK_FALSE(check_room_name("-start").empty());
  CHECK_FALSE(check_room_name("ab").empty());
  CHECK_FALSE(check_room_name("has space").empty());
}

TEST_CASE("message text: blank is refused, oversize is flagged as too large", "[validation]") {
  bool too_large = false;
  CHECK(check_message_text("hello", 10, too_large).empty());
  CHECK_FALSE(too_large);
  CHECK_FALSE(check_message_text(" \n\t", 10, too_large).empty());
  CHECK_FALSE(too_large);
  CHECK_FALSE(check_message_text(std::string(11, 'a'), 10, too_large).empty());
  CHECK(too_large);
}
