// A client may send many requests without waiting for answers. Whatever the server does with
// them, each request gets at most one response, and every request that was carried out is
// answered before the close frame: a request without an answer there was not carried out.
#include <catch2/catch.hpp>
#include <map>
#include <set>

#include "protocol/limits.h"
#include "tests/integration/raw_websocket.h"
#include "tests/integration/test_users.h"

using namespace hearth::testing;

TEST_CASE("pipelined sends past the rate limit: every stored message is answered before the close", "[pipelining]") {
  Community community({"--requests-per-second", "5"});
  auto reader = community.member("reader");
  community.member("piper");
  const auto login = TestClient(community.server->ws_url()).login_as("piper");
  RawWebSocket raw(community.server->port(), login.token());

  constexpr std::uint32_t kFirstId = 100;
  constexpr std::uint32_t kRequests = 300;
  std::vector<hearth::v1::ClientFrame> frames;
  for (std::uint32_t id = kFirstId; id < kFirstId + kRequests; ++id) {
    auto frame = requests::send_message(community.room_id, "pipelined " + std::to_string(id));
    frame.set_request_id(id);
    frames.push_back(std::move(frame));
  }
  REQUIRE(raw.send_pipelined(frames));
  // Only now does the client read: everything the server said, up to its close frame.
  const auto ending = raw.read_until_close();
  CHECK(ending.close_code == hearth::protocol::close_code::kRateLimited);
  REQUIRE_FALSE(ending.frames.empty());
  CHECK(ending.frames.back().event().has_disconnecting());

  std::map<std::uint32_t, int> responses;
  std::set<std::uint32_t> acknowledged;
  for (const auto& frame : ending.frames) {
    if (!frame.has_response()) continue;
    const auto& response = frame.response();
    ++responses[response.request_id()];
    if (response.has_sent()) acknowledged.insert(response.request_id());
    else CHECK(response.error().code() == hearth::v1::RATE_LIMITED);
  }
  for (const auto& [id, count] : responses) {
    INFO("request " << id);
    CHECK(count == 1);
  }

  // What the room holds, seen from another connection: exactly the acknowledged messages.
  const auto history = reader->call(requests::history_latest(community.room_id, 500));
  REQUIRE(history.has_history());
  std::set<std::uint32_t> stored;
  for (const auto& message : history.history().messages()) {
    stored.insert(static_cast<std::uint32_t>(std::stoul(message.text().substr(std::string("pipelined ").size()))));
  }
  INFO("stored " << stored.size() << ", acknowledged " << acknowledged.size());
  CHECK_FALSE(stored.empty());
  CHECK(stored == acknowledged);
}
