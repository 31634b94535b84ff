// The `hearth` binary driven as a script would: exit codes, --json, the credentials file.
#include <sys/stat.h>

#include <catch2/catch.hpp>

#include "tests/integration/cli_runner.h"
#include "tests/integration/test_users.h"

using namespace hearth::testing;


TEST_CASE("the CLI registers, joins, sends and reads history, with exit codes and JSON", "[cli]") {
  Community community;
  const auto url = community.server->ws_url();
  const auto home = community.dir.path() / "cli-home";

  const auto not_logged_in = hearth_cli(url, home, "rooms");
  CHECK(not_logged_in.exit_code == 4);
  CHECK_THAT(not_logged_in.out, Catch::Contains("not logged in"));

  const auto registered = hearth_cli(url, home, "register walt");
  INFO(registered.out);
  REQUIRE(registered.exit_code == 0);
  struct stat info {};
  REQUIRE(::stat((home / "credentials.conf").c_str(), &info) == 0);
  CHECK((info.st_mode & 0777) == 0600);

  CHECK(hearth_cli(url, home, "join circle").exit_code == 0);
  const auto sent = hearth_cli(url, home, "--json send circle one day at a time");
  INFO(sent.out);
  REQUIRE(sent.exit_code == 0);
  CHECK_THAT(sent.out, Catch::Contains("\"seq\":\"1\""));

  const auto history = hearth_cli(url, home, "--json history circle");
  REQUIRE(history.exit_code == 0);
  CHECK_THAT(history.out, Catch::Contains("\"text\":\"one day at a time\""));
  const auto human = hearth_cli(url, home, "history circle");
  CHECK_THAT(human.out, Catch::Contains("walt: one day at a time"));

  const auto refused = hearth_cli(url, home, "create-room mine");
  CHECK(refused.exit_code == 2);
  CHECK_THAT(refused.out, Catch::Contains("FORBIDDEN"));
  CHECK(hearth_cli(url, home, "send no-such-room hello").exit_code == 2);
  CHECK(hearth_cli(url, home, "frobnicate").exit_code == 1);
  CHECK(hearth_cli(url, home, "history").exit_code == 1);
  CHECK(hearth_cli("ws://127.0.0.1:1/ws", home, "--server ws://127.0.0.1:1/ws rooms").exit_code == 3);

  // The token never shows, not even in JSON; logout forgets it.
  CHECK(hearth_cli(url, home, "--json whoami").out.find("token") == std::string::npos);
  CHECK(hearth_cli(url, home, "logout").exit_code == 0);
  CHECK_FALSE(std::filesystem::exists(home / "credentials.conf"));
  CHECK(hearth_cli(url, home, "rooms").exit_code == 4);
  CHECK(hearth_cli(url, home, "login walt", "not the password").exit_code == 2);
  CHECK(hearth_cli(url, home, "login walt").exit_code == 0);
}

TEST_CASE("tail shows the recent past, then live messages as they come", "[cli]") {
  Community community;
  const auto url = community.server->ws_url();
  const auto home = community.dir.path() / "cli-home";
  REQUIRE(hearth_cli(url, home, "register tess").exit_code == 0);
  REQUIRE(hearth_cli(url, home, "join circle").exit_code == 0);
  REQUIRE(hearth_cli(url, home, "send circle before the tail").exit_code == 0);
  const std::string hearth = hearth_command(url, home);
  const auto tailed = run_shell("(sleep 1.5; " + hearth + " send circle said while tailing >/dev/null) & timeout 5 " +
                                hearth + " tail circle; wait");
  INFO(tailed.out);
  CHECK_THAT(tailed.out, Catch::Contains("#1") && Catch::Contains("tess: before the tail"));
  CHECK_THAT(tailed.out, Catch::Contains("#2") && Catch::Contains("tess: said while tailing"));
}
