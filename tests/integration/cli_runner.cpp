#include "tests/integration/cli_runner.h"

#include <sys/wait.h>

#include <array>
#include <catch2/catch.hpp>
#include <cstdio>
#include <regex>

namespace hearth::testing {

std::string hearth_command(const std::string& server, const std::filesystem::path& config_dir,
                           const std::string& password) {
  return "env HEARTH_CONFIG_DIR='" + config_dir.string() + "' HEARTH_SERVER='" + server + "' HEARTH_PASSWORD='" +
         password + "' '" + std::string(HEARTH_CLI_BINARY) + "'";
}

CliResult run_shell(const std::string& command) {
  CliResult result;
  FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
  REQUIRE(pipe);
  std::array<char, 4096> buffer{};
  std::size_t n = 0;
  while ((n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0) result.out.append(buffer.data(), n);
  const int status = ::pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

CliResult hearth_cli(const std::string& server, const std::filesystem::path& config_dir, const std::string& args,
                     const std::string& password) {
  return run_shell(hearth_command(server, config_dir, password) + " " + args);
}


CliResult Person::run(const std::string& args) const {
  CliResult result = hearth_cli(url, home, args);
  UNSCOPED_INFO("hearth " << args << " -> " << result.exit_code << "\n" << result.out);
  return result;
}

SponsoredPair sponsored_pair(const Community& community) {
  const std::string url = community.server->ws_url();
  SponsoredPair pair{{url, community.dir.path() / "home-ann"}, {url, community.dir.path() / "home-bob"}};
  for (const auto& [who, handle] : {std::pair{&pair.ann, "ann"}, {&pair.bob, "bob"}}) {
    REQUIRE(who->run(std::string("register ") + handle + " --device laptop").exit_code == 0);
    REQUIRE(who->run("join circle").exit_code == 0);
  }
  REQUIRE(pair.ann.run("sponsor ask bob").exit_code == 0);
  const auto pending = pair.bob.run("sponsor list");
  std::smatch match;
  REQUIRE(std::regex_search(pending.out, match, std::regex("#(\\d+) ann asks you")));
  REQUIRE(pair.bob.run("sponsor accept " + match[1].str()).exit_code == 0);
  return pair;
}

}  // namespace hearth::testing
