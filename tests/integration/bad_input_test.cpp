// Every kind of bad input gets a clear answer and costs nobody else anything.
#include <catch2/catch.hpp>

#include "tests/integration/raw_websocket.h"
#include "tests/integration/test_users.h"

using namespace hearth::testing;

TEST_CASE("an undecodable frame gets INVALID_ARGUMENT and the connection carries on", "[bad_input]") {
  Community community;
  auto ann = community.member("ann");
  ann->connection().send_raw_binary(std::string("\xff\xff\xff\xff garbage", 13));
  const auto answer = ann->connection().next_unmatched_response(5s);
  REQUIRE(answer);
  CHECK(answer->request_id() == 0);
  CHECK(answer->error().code() == hearth::v1::INVALID_ARGUMENT);
  // A frame with no request at all is named as such, with its id echoed.
  hearth::v1::ClientFrame empty;
  empty.set_request_id(77);
  ann->connection().send_raw_binary(empty.SerializeAsString());
  const auto empty_answer = ann->connection().next_unmatched_response(5s);
  REQUIRE(empty_answer);
  CHECK(empty_answer->request_id() == 77);
  CHECK(empty_answer->error().code() == hearth::v1::INVALID_ARGUMENT);
  CHECK(ann->say(community.room_id, "still here") == 1);
}

TEST_CASE("a text WebSocket message closes the connection with 1003 - others carry on", "[bad_input]") {
  Community community;
  auto ann = community.member("ann");
  auto bob = community.member("bob");
  bob->connection().send_raw_text("{\"hello\": \"json\"}");
  const auto closed = bob->connection().wait_closed(5s);
  REQUIRE(closed);
  CHECK(closed->code == 1003);
  CHECK(ann->say(community.room_id, "unaffected") == 1);
}

TEST_CASE("a message over the frame limit closes the connection with 1009", "[bad_input]") {
  Community community({"--max-frame-bytes", "4096", "--max-message-bytes", "1000", "--max-outbound-bytes", "65536"});
  auto ann = community.member("ann");
  ann->connection().send_raw_binary(std::string(5000, '\x01'));
  const auto closed = ann->connection().wait_closed(5s);
  REQUIRE(closed);
  CHECK(closed->code == 1009);
}

TEST_CASE("a request flood gets RATE_LIMITED with a retry hint", "[bad_input]") {
  Community community({"--requests-per-second", "5"});
  auto ann = community.member("ann");
  std::vector<std::future<hearth::v1::Response>> answers;
  for (int i = 0; i < 40; ++i) answers.push_back(ann->connection().send_request(requests::who_am_i()));
  int limited = 0;
  for (auto& answer : answers) {
    const auto response = answer.get();
    if (response.has_error() && response.error().code() == hearth::v1::RATE_LIMITED) {
      ++limited;
      CHECK(response.error().retry_after_ms() > 0);
    }
  }
  CHECK(limited >= 25);  // burst of 10, then refusals
  CHECK(ann->connection().is_open());
}

TEST_CASE("handshakes without the hearth.v1 subprotocol or from a foreign Origin are refused", "[bad_input]") {
  Community community;
  std::string error;
  hearth::client::ConnectOptions wrong_protocol;
  wrong_protocol.subprotocol = "chat";
  CHECK_FALSE(hearth::client::Connection::connect(community.server->ws_url(), wrong_protocol, &error));
  hearth::client::ConnectOptions foreign;
  foreign.origin = "https://evil.example";
  CHECK_FALSE(hearth::client::Connection::connect(community.server->ws_url(), foreign, &error));
  hearth::client::ConnectOptions same_host;
  same_host.origin = "http://127.0.0.1:" + std::to_string(community.server->port());
  CHECK(hearth::client::Connection::connect(community.server->ws_url(), same_host, &error));
}

TEST_CASE("an opening handshake with a malformed key or version is refused as RFC 6455 asks", "[bad_input]") {
  Community community;
  const auto port = community.server->port();
  // The hand-made request itself is sound: unchanged, it becomes a WebSocket.
  const auto accepted = upgrade_by_hand(port, {});
  REQUIRE(accepted.status == 101);
  CHECK(accepted.header("Sec-WebSocket-Accept") == "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");  // RFC 6455's example

  // The key must be the base64 of exactly 16 bytes: anything else is 400 Bad Request.
  for (const std::string key : {"Sec-WebSocket-Key: abc", "Sec-WebSocket-Key: ", "Sec-WebSocket-Key:",
                                "Sec-WebSocket-Key: AAAAAAAAAAAAAAAAAAAA",       // 15 bytes
                                "Sec-WebSocket-Key: AAAAAAAAAAAAAAAAAAAAAAA=",   // 17 bytes
                                "Sec-WebSocket-Key: AAAAAAAAAAAAAAAAAAAAAAAAAAAA",
                                "Sec-WebSocket-Key: !!!!!!!!!!!!!!!!!!!!!!==",
                                "Sec-WebSocket-Key: AAAAAAAAAAAAAAAAAAAAA===",
                                "Sec-WebSocket-Key: AAAAAAAAAA=AAAAAAAAAAA=="}) {
    INFO(key);
    CHECK(upgrade_by_hand(port, {key}).status == 400);
  }
  // A missing or other version is 426 Upgrade Required, naming the one version spoken.
  for (const std::string version : {"Sec-WebSocket-Version:", "Sec-WebSocket-Version: 8",
                                    "Sec-WebSocket-Version: 14", "Sec-WebSocket-Version: "}) {
    INFO(version);
    const auto refused = upgrade_by_hand(port, {version});
    CHECK(refused.status == 426);
    CHECK(refused.header("Sec-WebSocket-Version") == "13");
  }
  // None of them became a connection: only the admin's remains once the accepted one is gone.
  CHECK(eventually([&] { return metric(*community.server, "hearth_connections_open") == 1; }));
}

TEST_CASE("a client that vanishes mid-write leaks nothing", "[bad_input]") {
  Community community({"--requests-per-second", "1000"});
  auto ann = community.member("ann");
  for (int i = 0; i < 200; ++i) ann->say(community.room_id, std::string(900, 'a' + i % 26));
  const double baseline = metric(*community.server, "hearth_connections_open");

  const auto token = TestClient(community.server->ws_url()).login_as("ann").token();
  for (int round = 0; round < 5; ++round) {
    RawWebSocket vanishing(community.server->port(), token);
    for (std::uint32_t id = 2; id < 12; ++id) vanishing.send(requests::history_latest(community.room_id, 500), id);
    vanishing.reset();  // while the server is writing ~1.8 MB of history at it
  }
  CHECK(eventually([&] { return metric(*community.server, "hearth_connections_open") == baseline; }));
  CHECK(ann->say(community.room_id, "the server is fine") == 201);
  ann.reset();
  community.admin.reset();
  // Under AddressSanitizer a leak makes hearthd exit non-zero.
  CHECK(community.server->terminate() == 0);
}

TEST_CASE("a peer that goes silent is pinged and then dropped at the idle timeout", "[bad_input]") {
  Community community({"--idle-timeout-seconds", "2"});
  const auto token = TestClient(community.server->ws_url()).register_as("quiet").token();
  REQUIRE(eventually([&] { return metric(*community.server, "hearth_connections_open") == 1; }));  // the admin
  RawWebSocket silent(community.server->port(), token);
  // From here on the peer neither reads (so never answers pings) nor writes.
  const auto start = std::chrono::steady_clock::now();
  REQUIRE(eventually([&] { return metric(*community.server, "hearth_connections_open") == 2; }));
  REQUIRE(eventually([&] { return metric(*community.server, "hearth_connections_open") == 1; }, 8s));
  CHECK(std::chrono::steady_clock::now() - start >= 1s);
}
