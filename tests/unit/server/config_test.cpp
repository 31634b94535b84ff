#include "server/config.h"

#include <catch2/catch.hpp>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

using namespace hearth::server;

namespace {
ParseOutcome parse(std::vector<std::string> args, Config& config) {
  args.insert(args.begin(), "hearthd");
  std::vector<char*> argv;
  for (auto& arg : args) argv.push_back(arg.data());
  return parse_config(static_cast<int>(argv.size()), argv.data(), config);
}
}  // namespace

TEST_CASE("defaults are the documented ones", "[config]") {
  Config config;
  REQUIRE(parse({}, config) == ParseOutcome::kRun);
  CHECK(config.listen_host == "127.0.0.1");
  CHECK(config.listen_port == 8080);
  CHECK(config.max_frame_bytes == 65536);
  CHECK(config.close_grace_seconds == 3);
  CHECK_FALSE(config.invite_only);
}

TEST_CASE("flags override the config file", "[config]") {
  const std::string path = "hearthd-config-test.ini";
  {
    std::ofstream file(path);
    file << "listen = 0.0.0.0:9000\nregistration = invite-only\nmax-message-bytes = 1000\n";
  }
  Config config;
  REQUIRE(parse({"--config", path, "--listen", "127.0.0.1:0"}, config) == ParseOutcome::kRun);
  CHECK(config.listen_port == 0);
  CHECK(config.invite_only);
  CHECK(config.max_message_bytes == 1000);
  std::remove(path.c_str());
}

TEST_CASE("bad values are refused", "[config]") {
  Config config;
  CHECK(parse({"--listen", "nonsense"}, config) == ParseOutcome::kExitFailure);
  CHECK(parse({"--registration", "sometimes"}, config) == ParseOutcome::kExitFailure);
  CHECK(parse({"--max-frame-bytes", "10"}, config) == ParseOutcome::kExitFailure);
  CHECK(parse({"--close-grace-seconds", "0"}, config) == ParseOutcome::kExitFailure);
  CHECK(parse({"--no-such-flag"}, config) == ParseOutcome::kExitFailure);
  CHECK(parse({"--config", "/nonexistent/hearthd.ini"}, config) == ParseOutcome::kExitFailure);
}

TEST_CASE("trusted proxies: none by default, repeatable, comma-separated, checked at start", "[config]") {
  const auto address = [](const char* text) { return boost::asio::ip::make_address(text); };
  Config defaults;
  REQUIRE(parse({}, defaults) == ParseOutcome::kRun);
  CHECK(defaults.trusted_proxies.empty());

  const std::string path = "hearthd-trusted-proxy-test.ini";
  {
    std::ofstream file(path);
    file << "trusted-proxy = 10.0.0.0/8\ntrusted-proxy = 192.0.2.1, fd00::/8\n";
  }
  Config config;
  REQUIRE(parse({"--config", path, "--trusted-proxy", "127.0.0.1,::1"}, config) == ParseOutcome::kRun);
  std::remove(path.c_str());
  for (const char* trusted : {"10.1.2.3", "192.0.2.1", "fd00::5", "127.0.0.1", "::1"}) {
    INFO(trusted);
    CHECK(config.trusted_proxies.contains(address(trusted)));
  }
  CHECK_FALSE(config.trusted_proxies.contains(address("192.0.2.2")));

  Config refused;
  CHECK(parse({"--trusted-proxy", "nginx"}, refused) == ParseOutcome::kExitFailure);
  CHECK(parse({"--trusted-proxy", "127.0.0.1,"}, refused) == ParseOutcome::kExitFailure);
  CHECK(parse({"--trusted-proxy", "10.0.0.0/33"}, refused) == ParseOutcome::kExitFailure);
}

TEST_CASE("web-root defaults to this build's client and may be set", "[config]") {
  Config config;
  REQUIRE(parse({}, config) == ParseOutcome::kRun);
  CHECK(config.web_root == default_web_root());
  CHECK(config.web_root.generic_string().ends_with("/clients/web/dist"));
  REQUIRE(parse({"--web-root", "/srv/hearth/web"}, config) == ParseOutcome::kRun);
  CHECK(config.web_root == "/srv/hearth/web");
}
