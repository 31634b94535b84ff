// Durable before delivered: an acknowledged message survives kill -9; a clean stop commits
// everything and tells clients; a full database refuses writes without losing anything.
#include <catch2/catch.hpp>

#include "tests/integration/test_users.h"

using namespace hearth::testing;

TEST_CASE("every acknowledged message survives SIGKILL, in order, without gaps", "[durability]") {
  TempDir dir;
  const auto data = dir.path() / "data";
  std::string token;
  std::uint64_t room_id = 0;
  std::vector<std::uint64_t> acknowledged;
  {
    HearthdProcess server(data, {"--requests-per-second", "100000"});
    TestClient admin(server.ws_url());
    token = admin.register_as("admin", server.admin_invite()).token();
    room_id = admin.call(requests::create_room("vault", "", false)).room().room().room_id();
    REQUIRE(admin.call(requests::join_room(room_id)).has_room());
    std::vector<std::future<hearth::v1::Response>> pending;
    for (int i = 0; i < 500; ++i) {
      pending.push_back(admin.connection().send_request(requests::send_message(room_id, "kept " + std::to_string(i))));
    }
    for (int i = 0; i < 300; ++i) {
      const auto response = pending[static_cast<std::size_t>(i)].get();
      REQUIRE(response.has_sent());
      acknowledged.push_back(response.sent().seq());
    }
    server.kill_hard();  // the rest may or may not have made it; the acknowledged ones must
  }
  HearthdProcess restarted(data, {"--requests-per-second", "100000"});
  CHECK(restarted.admin_invite().empty());  // not a fresh database: no second bootstrap invite
  TestClient admin(restarted.ws_url());
  admin.authenticate_with(token);
  std::vector<hearth::v1::RoomMessage> history;
  std::uint64_t after = 0;
  for (;;) {
    const auto page = admin.call(requests::history_after(room_id, after, 500));
    REQUIRE(page.has_history());
    for (const auto& message : page.history().messages()) history.push_back(message);
    if (!page.history().has_more()) break;
    after = history.back().seq();
  }
  REQUIRE(history.size() >= acknowledged.size());
  for (std::size_t i = 0; i < history.size(); ++i) {
    CHECK(history[i].seq() == i + 1);
    CHECK(history[i].text() == "kept " + std::to_string(i));
  }
  // The room continues where it stopped.
  CHECK(admin.say(room_id, "after the crash") == history.size() + 1);
}

TEST_CASE("SIGTERM closes clients with 1001 and commits what was acknowledged", "[durability]") {
  TempDir dir;
  const auto data = dir.path() / "data";
  HearthdProcess server(data);
  TestClient admin(server.ws_url());
  admin.register_as("admin", server.admin_invite());
  const auto room_id = admin.call(requests::create_room("steady", "", false)).room().room().room_id();
  REQUIRE(admin.call(requests::join_room(room_id)).has_room());
  admin.say(room_id, "before the restart");
  CHECK(server.terminate() == 0);
  const auto closed = admin.connection().wait_closed(5s);
  REQUIRE(closed);
  CHECK(closed->code == 1001);

  HearthdProcess again(data);
  TestClient back(again.ws_url());
  back.login_as("admin");
  const auto history = back.call(requests::history_latest(room_id));
  REQUIRE(history.history().messages_size() == 1);
  CHECK(history.history().messages(0).text() == "before the restart");
}

TEST_CASE("a full database refuses writes with UNAVAILABLE and keeps serving", "[durability]") {
  Community community({"--max-db-bytes", "262144", "--requests-per-second", "100000"});
  auto ann = community.member("ann");
  const std::string text(3900, 'f');
  hearth::v1::Response refused;
  std::uint64_t stored = 0;
  for (int i = 0; i < 200; ++i) {
    refused = ann->call(requests::send_message(community.room_id, text));
    if (refused.has_error()) break;
    stored = refused.sent().seq();
  }
  REQUIRE(refused.has_error());
  CHECK(refused.error().code() == hearth::v1::UNAVAILABLE);
  CHECK(stored > 0);
  // Reads still work and show exactly what was acknowledged; the connection is alive.
  const auto latest = ann->call(requests::history_latest(community.room_id, 1));
  REQUIRE(latest.has_history());
  CHECK(latest.history().last_seq() == stored);
  CHECK(ann->connection().is_open());
}
