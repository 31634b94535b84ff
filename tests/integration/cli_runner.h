// Runs the `hearth` binary as a script would, with its own config directory, and collects its
// output and exit code.
#pragma once

#include <filesystem>
#include <string>

#include "tests/integration/test_users.h"

namespace hearth::testing {

struct CliResult {
  int exit_code = -1;
  std::string out;  // stdout and stderr together
};

// The shell command that runs `hearth` with its config in `config_dir`, talking to `server`,
// with `password` at hand.
std::string hearth_command(const std::string& server, const std::filesystem::path& config_dir,
                           const std::string& password = kPassword);
CliResult run_shell(const std::string& command);
CliResult hearth_cli(const std::string& server, const std::filesystem::path& config_dir, const std::string& args,
                     const std::string& password = kPassword);

// One person at the terminal: their own config directory (and so their own login and device).
// run() logs the command and its output for the test report.
struct Person {
  std::string url;
  std::filesystem::path home;
  CliResult run(const std::string& args) const;
};

// ann and bob at their own terminals in `community`: both registered with a device and in the
// circle, and bob is ann's sponsor, so their direct messages are delivered, not held as requests.
struct SponsoredPair {
  Person ann;
  Person bob;
};
SponsoredPair sponsored_pair(const Community& community);

}  // namespace hearth::testing
