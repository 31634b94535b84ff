// A `hearth` command left running in the background, as a person at a terminal leaves `hearth
// chat` open: its input is a FIFO the test writes lines to, its output a file the test reads.
// Tests wait on what the output shows (with generous bounds), never on timing.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <string>

#include "tests/integration/cli_runner.h"

namespace hearth::testing {

class BackgroundCli {
 public:
  // Starts `hearth ARGS` as `person`, with the FIFO and output file in their home.
  BackgroundCli(const Person& person, const std::string& args);
  // Closes the input and stops the command (SIGTERM) if it still runs.
  ~BackgroundCli();
  BackgroundCli(const BackgroundCli&) = delete;
  BackgroundCli& operator=(const BackgroundCli&) = delete;

  // Writes `line` and a newline to the command's input.
  void type(const std::string& line);
  std::string output() const;
  // Waits until the output contains `text`.
  bool shows(const std::string& text, std::chrono::milliseconds timeout = std::chrono::seconds(60)) const;
  bool running() const;

 private:
  std::filesystem::path out_;
  int input_ = -1;
  pid_t pid_ = -1;
};

// How many times `needle` occurs in `text`.
std::size_t occurrences(const std::string& text, const std::string& needle);

}  // namespace hearth::testing
