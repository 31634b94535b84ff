// What every scenario does around its own work: one io_context, the population, a time limit
// that closes every connection, and errors turned into a message. One thread.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "clients/loadgen/population.h"
#include "clients/loadgen/process_stats.h"
#include "clients/loadgen/report.h"
#include "clients/loadgen/scenario.h"

namespace hearth::loadgen {

class ScenarioRunner {
 public:
  explicit ScenarioRunner(const ScenarioOptions& options);

  // Runs `body`, then everything it spawned, until the io_context stops (someone calls
  // finish()) or the time limit passes. An exception from `body` becomes `error`.
  void run(std::function<boost::asio::awaitable<void>()> body);
  void finish() { io.stop(); }

  // The measured phase: CPU figures cover only what happens between these two calls, not the
  // set-up before (registering accounts costs an Argon2id hash each, far more than a delivery).
  void begin_measuring();
  void end_measuring();
  // Adds server_cpu_seconds and loadgen_cpu_seconds of the measured phase (of the whole run
  // if none was marked), each as a share of the phase's wall time too, and generator_saturated
  // 1 when the load generator used 90% or more of the cores it may run on: then the figures
  // measure the load generator, not the server.
  void add_cpu(Report& report);

  boost::asio::io_context io{1};
  Population population;
  std::vector<std::unique_ptr<LoadConnection>> connections;
  std::string error;

 private:
  const ScenarioOptions& options_;
  boost::asio::steady_timer grace_{io};
  ProcessStats server_begin_, self_begin_, server_end_, self_end_;
  std::chrono::steady_clock::time_point wall_begin_, wall_end_;
  bool ended_ = false;
};

}  // namespace hearth::loadgen
