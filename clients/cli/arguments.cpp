#include "clients/cli/arguments.h"

#include <set>

namespace hearth::cli {

namespace {

const std::set<std::string> kValueOptions = {"invite",  "device", "role",    "hours",      "topic",
                                             "after",   "before", "limit",   "reason",     "note",
                                             "minutes", "action", "slow-mode", "premoderate", "link-hours", "code"};
const std::set<std::string> kFlagOptions = {"closed", "remove", "release", "live", "all", "server", "also-remove",
                                            "undo", "list", "accept", "verify"};

}  // namespace

std::optional<std::string> Arguments::option(const std::string& name) const {
  auto it = options.find(name);
  if (it == options.end()) return std::nullopt;
  return it->second;
}

std::optional<Arguments> parse_arguments(const std::vector<std::string>& argv, std::string& error) {
  Arguments args;
  for (std::size_t i = 0; i < argv.size(); ++i) {
    const std::string& word = argv[i];
    const bool has_next = i + 1 < argv.size();
    if (word == "--help" || word == "-h") {
      args.help = true;
    } else if (word == "--json") {
      args.json = true;
    } else if (word == "--password-stdin") {
      args.password_stdin = true;
    } else if (word == "--server" || word == "--profile") {
      if (!has_next) {
        error = word + " needs a value";
        return std::nullopt;
      }
      (word == "--server" ? args.server : args.profile) = argv[++i];
    } else if (word.size() > 2 && word.rfind("--", 0) == 0) {
      const std::string name = word.substr(2);
      if (kFlagOptions.count(name)) {
        args.options[name] = "true";
      } else if (kValueOptions.count(name)) {
        if (!has_next) {
          error = word + " needs a value";
          return std::nullopt;
        }
        args.options[name] = argv[++i];
      } else {
        error = "unknown option " + word;
        return std::nullopt;
      }
    } else if (args.command.empty()) {
      args.command = word;
    } else {
      args.words.push_back(word);
    }
  }
  return args;
}

}  // namespace hearth::cli
