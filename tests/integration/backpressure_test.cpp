// A reader that stops reading is cut off at its byte cap; nobody else notices.
#include <catch2/catch.hpp>
#include <deque>
#include <future>

#include "protocol/limits.h"
#include "tests/integration/raw_websocket.h"
#include "tests/integration/test_users.h"

using namespace hearth::testing;

TEST_CASE("a consumer that stops reading is closed at its cap while the room keeps flowing", "[backpressure]") {
  Community community({"--requests-per-second", "100000", "--max-outbound-bytes", "1048576"});
  auto sender = community.member("sender");
  auto reader = community.member("reader");
  community.member("stalled");
  const auto stalled_login = TestClient(community.server->ws_url()).login_as("stalled");

  // A raw connection that authenticates and then never reads again, with a tiny receive window.
  RawWebSocket stalled(community.server->port(), stalled_login.token(), 4096);
  // Once cut, the stalled reader reads again (within the server's close grace) and must learn why.
  auto ending = std::async(std::launch::async, [&] {
    eventually([&] { return metric(*community.server, "hearth_slow_consumer_disconnects_total") >= 1; }, 60s);
    return stalled.read_until_close();
  });

  // 16 MB through the room: more than the stalled socket's kernel buffers plus its 1 MiB cap.
  constexpr int kMessages = 8000;
  const std::string text(2000, 'm');
  // At most 64 messages in flight, like a busy but well-behaved client.
  std::deque<std::future<hearth::v1::Response>> in_flight;
  for (int i = 0; i < kMessages || !in_flight.empty();) {
    if (i < kMessages && in_flight.size() < 64) {
      in_flight.push_back(sender->connection().send_request(requests::send_message(community.room_id, text)));
      ++i;
      continue;
    }
    const auto response = in_flight.front().get();
    in_flight.pop_front();
    INFO(response.ShortDebugString());
    REQUIRE(response.has_sent());
  }

  const auto posted = reader->wait_posted(community.room_id, kMessages, 60s);
  REQUIRE(posted.size() == kMessages);
  for (std::size_t i = 0; i < posted.size(); ++i) REQUIRE(posted[i].seq() == i + 1);
  CHECK(eventually([&] { return metric(*community.server, "hearth_slow_consumer_disconnects_total") >= 1; }));
  const auto cut = ending.get();
  CHECK(cut.close_code == hearth::protocol::close_code::kSlowConsumer);
  REQUIRE_FALSE(cut.frames.empty());
  // The Disconnecting event is the last frame before the close, whatever was in flight before it.
  const auto& last = cut.frames.back();
  REQUIRE(last.event().has_disconnecting());
  CHECK(last.event().disconnecting().close_code() == hearth::protocol::close_code::kSlowConsumer);
  CHECK(last.event().disconnecting().reason().find("history after_seq") != std::string::npos);
  // The stalled connection is gone: three authenticated connections remain (admin, sender, reader).
  CHECK(eventually([&] { return metric(*community.server, "hearth_connections_authenticated") == 3; }));
}
