// `hearth chat` when the connection goes away in the middle of a send: the line is sent again,
// with the same idempotency key, once the server is back, and is stored once. (`hearth send`
// shares the retry, clients/cli/room_send.h; it cannot be cut off the same way, since a frozen
// server stops it at its connect, before it sends.)
#include <catch2/catch.hpp>
#include <functional>

#include "tests/integration/background_cli.h"
#include "tests/integration/test_users.h"

using namespace hearth::testing;

namespace {

Person registered_member(const Community& community, const std::string& handle) {
  Person person{community.server->ws_url(), community.dir.path() / ("home-" + handle)};
  REQUIRE(person.run("register " + handle).exit_code == 0);
  REQUIRE(person.run("join circle").exit_code == 0);
  return person;
}

// Freezes the server, lets `send` write its request into the server's socket (where it stays
// unread), then kills the server: the request was sent and no answer will ever come for it.
// Returns once the server is back on the same port with the same data.
void cut_off_after_sending(Community& community, const std::function<void()>& send) {
  const std::uint16_t port = community.server->port();
  community.admin.reset();
  community.server->freeze();
  send();
  REQUIRE(eventually([&] { return community.server->unread_bytes() > 0; }, 60s));
  community.server->kill_hard();
  community.server = std::make_unique<HearthdProcess>(
      community.dir.path() / "data", std::vector<std::string>{"--listen", "127.0.0.1:" + std::to_string(port)});
}

std::size_t stored_copies(const Person& reader, const std::string& text) {
  const auto history = reader.run("history circle");
  REQUIRE(history.exit_code == 0);
  return occurrences(history.out, text);
}

}  // namespace

TEST_CASE("hearth chat sends a line cut off by a server restart again, and it is stored once", "[cli][idempotency]") {
  Community community;
  const Person ann = registered_member(community, "ann");
  BackgroundCli chat(ann, "chat circle");
  INFO(chat.output());
  REQUIRE(chat.shows("-- circle --"));
  chat.type("before the cut");
  REQUIRE(chat.shows("ann: before the cut"));

  cut_off_after_sending(community, [&] { chat.type("sent as the server froze"); });
  REQUIRE(chat.shows("connection lost"));
  REQUIRE(chat.shows("hearth: reconnected"));
  // Sent again on the new connection: it reaches the room (and this chat) once.
  REQUIRE(chat.shows("ann: sent as the server froze"));
  CHECK(eventually([&] { return stored_copies(ann, "sent as the server froze") == 1; }, 60s));

  // The chat goes on as before.
  chat.type("after the cut");
  REQUIRE(chat.shows("ann: after the cut"));
  chat.type("/quit");
  CHECK(eventually([&] { return !chat.running(); }, 60s));
  const std::string out = chat.output();
  CHECK(occurrences(out, "ann: sent as the server froze") == 1);
  CHECK(occurrences(out, "ann: before the cut") == 1);
  CHECK(stored_copies(ann, "sent as the server froze") == 1);
  CHECK(stored_copies(ann, "before the cut") == 1);
}
