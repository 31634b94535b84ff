#include "clients/cli/arguments.h"

#include <catch2/catch.hpp>

using hearth::cli::parse_arguments;

TEST_CASE("global flags, the command, words and options are told apart", "[cli]") {
  std::string error;
  auto args = parse_arguments({"--json", "--server", "ws://h:1/ws", "history", "circle", "--limit", "5"}, error);
  REQUIRE(args);
  CHECK(args->json);
  CHECK(args->server == "ws://h:1/ws");
  CHECK(args->command == "history");
  CHECK(args->words == std::vector<std::string>{"circle"});
  CHECK(args->option("limit") == "5");
  args = parse_arguments({"create-room", "evening", "--closed", "--topic", "a quiet circle"}, error);
  REQUIRE(args);
  CHECK(args->flag("closed"));
  CHECK(args->option("topic") == "a quiet circle");
}

TEST_CASE("usage mistakes are reported", "[cli]") {
  std::string error;
  CHECK_FALSE(parse_arguments({"rooms", "--bogus"}, error));
  CHECK(error == "unknown option --bogus");
  CHECK_FALSE(parse_arguments({"history", "circle", "--limit"}, error));
  CHECK_FALSE(parse_arguments({"--server"}, error));
}
