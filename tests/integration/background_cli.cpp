#include "tests/integration/background_cli.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>

#include "tests/integration/test_users.h"

namespace hearth::testing {

BackgroundCli::BackgroundCli(const Person& person, const std::string& args) : out_(person.home / "live.out") {
  const auto fifo = person.home / "live.in";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  // Open for reading and writing, so neither this open nor the shell's waits for the other.
  input_ = ::open(fifo.c_str(), O_RDWR);
  REQUIRE(input_ >= 0);
  const auto started = run_shell(hearth_command(person.url, person.home) + " " + args + " <'" + fifo.string() +
                                 "' >'" + out_.string() + "' 2>&1 & echo $!");
  pid_ = std::stoi(started.out);
  REQUIRE(pid_ > 0);
}

BackgroundCli::~BackgroundCli() {
  if (input_ >= 0) ::close(input_);
  if (pid_ > 0 && running()) ::kill(pid_, SIGTERM);
}

void BackgroundCli::type(const std::string& line) {
  const std::string text = line + "\n";
  REQUIRE(::write(input_, text.data(), text.size()) == static_cast<ssize_t>(text.size()));
}

std::string BackgroundCli::output() const {
  std::ifstream in(out_);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

bool BackgroundCli::shows(const std::string& text, std::chrono::milliseconds timeout) const {
  return eventually([&] { return output().find(text) != std::string::npos; }, timeout);
}

bool BackgroundCli::running() const { return ::kill(pid_, 0) == 0; }

std::size_t occurrences(const std::string& text, const std::string& needle) {
  std::size_t count = 0;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++count;
  return count;
}

}  // namespace hearth::testing
