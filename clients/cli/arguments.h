// The `hearth` command line: global flags, a command, its positional words and --options.
// Pure parsing; no I/O.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace hearth::cli {

struct Arguments {
  std::string server;            // --server URL (empty: from env, credentials or default)
  std::string profile;           // --profile NAME
  bool json = false;             // --json
  bool password_stdin = false;   // --password-stdin
  bool help = false;             // --help / -h anywhere
  std::string command;
  std::vector<std::string> words;              // positional arguments after the command
  std::map<std::string, std::string> options;  // --name value, or --flag with value "true"

  std::optional<std::string> option(const std::string& name) const;
  bool flag(const std::string& name) const { return options.count(name) != 0; }
};

// Options of each command that take a value (others are flags). Unknown options are errors.
// Returns nullopt and sets `error` on a usage mistake.
std::optional<Arguments> parse_arguments(const std::vector<std::string>& argv, std::string& error);

}  // namespace hearth::cli
