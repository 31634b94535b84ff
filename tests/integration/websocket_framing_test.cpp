// hearthd's own RFC 6455 framing, end to end: what clients may do (fragment, ping) works, and a
// broken frame closes only that connection, with the close code the RFC asks for.
#include <catch2/catch.hpp>

#include "tests/integration/raw_websocket.h"
#include "tests/integration/test_users.h"

using namespace hearth::testing;

TEST_CASE("a request cut into many WebSocket fragments is answered like any other", "[websocket]") {
  Community community;
  auto member = community.member("frag");
  const auto login = TestClient(community.server->ws_url()).login_as("frag");
  RawWebSocket raw(community.server->port(), login.token());

  raw.send_fragmented(requests::list_rooms(), 7, 3);
  const auto rooms = raw.read_response(7);
  INFO(rooms.ShortDebugString());
  CHECK(rooms.has_rooms());

  // A long message in 100-byte fragments is stored whole and reaches the room whole.
  const std::string text(3000, 'f');
  raw.send_fragmented(requests::send_message(community.room_id, text), 8, 100);
  const auto sent = raw.read_response(8);
  INFO(sent.ShortDebugString());
  REQUIRE(sent.has_sent());
  const auto posted = member->wait_posted(community.room_id, 1);
  REQUIRE(posted.size() == 1);
  CHECK(posted[0].text() == text);
}

TEST_CASE("a ping is answered with a pong carrying the same payload", "[websocket]") {
  Community community;
  const auto token = TestClient(community.server->ws_url()).register_as("pinger").token();
  RawWebSocket raw(community.server->port(), token);
  raw.ping("are you there");
  // The pong goes out before the answer to a request sent after the ping.
  raw.send(requests::list_rooms(), 9);
  CHECK(raw.read_response(9).has_rooms());
  CHECK(raw.pongs() == 1);
}

TEST_CASE("broken framing closes that connection with 1002 and nothing else", "[websocket]") {
  Community community;
  auto bystander = community.member("bystander");
  auto talker = community.member("talker");
  const auto token = TestClient(community.server->ws_url()).register_as("breaker").token();

  SECTION("an unmasked client frame") {
    RawWebSocket raw(community.server->port(), token);
    raw.send_raw(std::string("\x82\x05hello", 7));
    const auto ending = raw.read_until_close();
    CHECK(ending.close_code == 1002);
    REQUIRE_FALSE(ending.frames.empty());
    CHECK(ending.frames.back().event().disconnecting().close_code() == 1002);
  }
  SECTION("a reserved bit without an extension") {
    RawWebSocket raw(community.server->port(), token);
    raw.send_raw(std::string("\xC2\x80\x00\x00\x00\x00", 6));  // RSV1, masked, empty
    CHECK(raw.read_until_close().close_code == 1002);
  }
  SECTION("a continuation frame with no message to continue") {
    RawWebSocket raw(community.server->port(), token);
    raw.send_raw(std::string("\x80\x80\x00\x00\x00\x00", 6));
    CHECK(raw.read_until_close().close_code == 1002);
  }
  CHECK(eventually([&] { return metric(*community.server, "hearth_websocket_protocol_errors_total") >= 1; }));
  // The room carries on for everyone else.
  talker->say(community.room_id, "still here");
  CHECK(bystander->wait_posted(community.room_id, 1).size() == 1);
}
