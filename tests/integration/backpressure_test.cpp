// A reader that stops reading is cut off at its byte cap; nobody else notices.
#include <catch2/catch.hpp>
#include <deque>
#include <future>

#include "protocol/limits.h"
#include "tests/integration/raw_websocket.h"
#include "tests/integration/test_users.h"

using namespace hearth::testing;

TEST_CASE("a consumer that stops reading is closed at its cap while the room keeps flowing", "[backpressure]") {
  // A long close grace: the stalled reader starts reading once it sees the cut in /metrics, which
  // on a busy machine may be later than the default 3 s (the socket would be gone by then).
  Community community({"--requests-per-second", "100000", "--max-outbound-bytes", "1048576",
                       "--close-grace-seconds", "600"});
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

// Every byte queued for a peer counts against its cap, whatever made it: pongs, error replies.
TEST_CASE("a peer that floods pings and never reads costs the server one pong, not a backlog", "[backpressure]") {
  // The flood must not meet the authentication deadline; this test ends the connection itself.
  Community community({"--auth-timeout-seconds", "600"});
  const std::size_t peak_before = community.server->peak_resident_bytes();
  REQUIRE(peak_before > 0);

  RawWebSocket flooder(community.server->port(), "");  // never authenticates, reads nothing
  const std::string payload(125, 'p');                  // the largest a ping may carry
  constexpr std::size_t kPings = 320'000;               // 42 MB of pings, as many bytes of pongs
  const std::size_t written = flooder.flood_pings(kPings, payload, "the last ping");
  REQUIRE(written >= kPings * payload.size());

  // The server holds at most what its kernel buffers take, one write's copy and one pending pong.
  const double queued = metric(*community.server, "hearth_outbound_queued_bytes");
  INFO("queued " << queued << " bytes");
  CHECK(queued >= 0);
  CHECK(queued <= 64 * 1024);
  const std::size_t growth = community.server->peak_resident_bytes() - peak_before;
  INFO("peak memory grew by " << growth / (1024 * 1024) << " MiB during a 40 MiB ping flood");
  // A backlog would be about 5 times the flood (219 MiB were seen); what remains is the
  // allocator's own churn (AddressSanitizer keeps freed blocks in quarantine for a while).
  CHECK(growth < 128 * 1024 * 1024);

  // The most recent ping is always answered (RFC 6455 5.5.3 lets the older ones go unanswered).
  flooder.send(requests::who_am_i(), 5);
  CHECK(flooder.read_response(5).error().code() == hearth::v1::UNAUTHENTICATED);
  CHECK(flooder.last_pong() == "the last ping");
}

TEST_CASE("an unauthenticated peer that floods requests and never reads is cut at its small cap", "[backpressure]") {
  // A large cap for authenticated connections and no rate limit worth the name: only the small
  // cap for unauthenticated connections can stop this peer.
  Community community({"--max-outbound-bytes", "67108864", "--requests-per-second", "1000000"});
  const double open_before = metric(*community.server, "hearth_connections_open");

  RawWebSocket flooder(community.server->port(), "", 4096);
  // 30,000 requests that each earn an UNAUTHENTICATED error: about 2 MB of answers.
  std::vector<hearth::v1::ClientFrame> frames(30'000, requests::who_am_i());
  for (std::size_t i = 0; i < frames.size(); ++i) frames[i].set_request_id(static_cast<std::uint32_t>(i + 1));
  flooder.send_pipelined(frames);  // may fail: the server ends the connection once it is cut

  REQUIRE(eventually([&] { return metric(*community.server, "hearth_slow_consumer_disconnects_total") >= 1; }, 60s));
  const double queued = metric(*community.server, "hearth_outbound_queued_bytes");
  INFO("queued " << queued << " bytes");
  CHECK(queued >= 0);
  CHECK(queued <= 64 * 1024 + 4096);
  const auto ending = flooder.read_until_close();
  if (ending.close_code != 0) CHECK(ending.close_code == hearth::protocol::close_code::kSlowConsumer);
  CHECK(eventually([&] { return metric(*community.server, "hearth_connections_open") == open_before; }));
}
