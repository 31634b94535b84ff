#include "clients/cli/password_prompt.h"

#include <termios.h>
#include <unistd.h>

#include <cstdlib>
#include <iostream>

namespace hearth::cli {

namespace {

std::optional<std::string> read_hidden(const std::string& prompt) {
  std::cerr << prompt << std::flush;
  termios saved{};
  const bool terminal = ::isatty(STDIN_FILENO) && ::tcgetattr(STDIN_FILENO, &saved) == 0;
  if (terminal) {
    termios quiet = saved;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    ::tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
  }
  std::string line;
  const bool got = static_cast<bool>(std::getline(std::cin, line));
  if (terminal) {
    ::tcsetattr(STDIN_FILENO, TCSANOW, &saved);
    std::cerr << "\n";
  }
  if (!got) return std::nullopt;
  return line;
}

}  // namespace

std::optional<std::string> read_password(const std::string& prompt, bool from_stdin, bool confirm) {
  if (const char* env = std::getenv("HEARTH_PASSWORD"); env && *env) return std::string(env);
  if (from_stdin) {
    std::string line;
    if (!std::getline(std::cin, line)) return std::nullopt;
    return line;
  }
  auto first = read_hidden(prompt);
  if (!first || !confirm || first->size() < 10) return first;  // too short: no need to ask again
  auto second = read_hidden("Type it again: ");
  if (!second || *second != *first) {
    std::cerr << "hearth: the two passwords differ\n";
    return std::nullopt;
  }
  return first;
}

}  // namespace hearth::cli
