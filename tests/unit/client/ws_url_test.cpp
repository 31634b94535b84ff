#include "clients/client/ws_url.h"

#include <catch2/catch.hpp>

using hearth::client::parse_ws_url;

TEST_CASE("ws URLs parse into host, port and path", "[client]") {
  auto url = parse_ws_url("ws://127.0.0.1:8080/ws");
  REQUIRE(url);
  CHECK(url->host == "127.0.0.1");
  CHECK(url->port == "8080");
  CHECK(url->path == "/ws");
  url = parse_ws_url("ws://hearth.example.org");
  REQUIRE(url);
  CHECK(url->port == "80");
  CHECK(url->path == "/");
  url = parse_ws_url("ws://[::1]:9000/ws");
  REQUIRE(url);
  CHECK(url->host == "::1");
  CHECK(url->port == "9000");
}

TEST_CASE("anything else is refused", "[client]") {
  CHECK_FALSE(parse_ws_url("http://127.0.0.1:8080/ws"));
  CHECK_FALSE(parse_ws_url("wss://example.org/ws"));
  CHECK_FALSE(parse_ws_url("ws://"));
  CHECK_FALSE(parse_ws_url("ws://host:notaport/ws"));
  CHECK_FALSE(parse_ws_url("ws://host:99999/ws"));
  CHECK_FALSE(parse_ws_url("ws://host:/ws"));
  CHECK_FALSE(parse_ws_url("ws://[::1/ws"));
}
