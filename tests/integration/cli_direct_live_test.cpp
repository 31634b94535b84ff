// `hearth dm --live` outlives a restart of the server: it reconnects like `hearth chat`, and a
// message written after the restart shows, once, in the conversation it kept open.
#include <catch2/catch.hpp>

#include "tests/integration/background_cli.h"
#include "tests/integration/test_users.h"

using namespace hearth::testing;

TEST_CASE("dm --live reconnects after a server restart and shows what was written after it", "[cli][direct]") {
  Community community;
  const auto [ann, bob] = sponsored_pair(community);
  REQUIRE(ann.run("dm bob 'before the restart'").exit_code == 0);

  BackgroundCli live(bob, "dm ann --live");
  INFO(live.output());
  REQUIRE(live.shows("-- direct messages with ann"));
  CHECK(live.shows("ann → bob: before the restart"));

  // The server goes away and comes back on the same port.
  const std::uint16_t port = community.server->port();
  community.admin.reset();
  REQUIRE(community.server->terminate() == 0);
  REQUIRE(live.shows("connection lost"));
  community.server = std::make_unique<HearthdProcess>(
      community.dir.path() / "data", std::vector<std::string>{"--listen", "127.0.0.1:" + std::to_string(port)});
  REQUIRE(live.shows("hearth: reconnected"));

  // Written after the restart: shown live, once; what came before is not shown again.
  REQUIRE(ann.run("dm bob 'after the restart'").exit_code == 0);
  REQUIRE(live.shows("ann → bob: after the restart"));
  // bob writes from the reconnected conversation; ann reads it.
  live.type("typed after the restart");
  CHECK(eventually([&] { return ann.run("dm bob").out.find("bob → ann: typed after the restart") != std::string::npos; },
                   60s));
  live.type("/quit");
  CHECK(eventually([&] { return !live.running(); }, 60s));
  const std::string out = live.output();
  CHECK(occurrences(out, "before the restart") == 1);
  CHECK(occurrences(out, "ann → bob: after the restart") == 1);
}
