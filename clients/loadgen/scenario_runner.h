// What every scenario does around its own work: one io_context, the population, a time limit
// that closes every connection, and errors turned into a message. One thread.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "clients/loadgen/population.h"
#include "clients/loadgen/scenario.h"

namespace hearth::loadgen {

class ScenarioRunner {
 public:
  explicit ScenarioRunner(const ScenarioOptions& options) : population(io, options.target), options_(options) {}

  // Runs `body`, then everything it spawned, until the io_context stops (someone calls
  // finish()) or the time limit passes. An exception from `body` becomes `error`.
  void run(std::function<boost::asio::awaitable<void>()> body);
  void finish() { io.stop(); }

  boost::asio::io_context io{1};
  Population population;
  std::vector<std::unique_ptr<LoadConnection>> connections;
  std::string error;

 private:
  const ScenarioOptions& options_;
  boost::asio::steady_timer grace_{io};
};

}  // namespace hearth::loadgen
