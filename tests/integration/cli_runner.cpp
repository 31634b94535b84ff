#include "tests/integration/cli_runner.h"

#include <sys/wait.h>

#include <array>
#include <catch2/catch.hpp>
#include <cstdio>

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

}  // namespace hearth::testing
