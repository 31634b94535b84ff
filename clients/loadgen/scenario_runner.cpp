#include "clients/loadgen/scenario_runner.h"

#include <sched.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/steady_timer.hpp>

namespace hearth::loadgen {

namespace asio = boost::asio;

ScenarioRunner::ScenarioRunner(const ScenarioOptions& options) : population(io, options.target), options_(options) {
  begin_measuring();
}

void ScenarioRunner::begin_measuring() {
  server_begin_ = read_process_stats(options_.server_pid);
  self_begin_ = read_process_stats(0);
  wall_begin_ = std::chrono::steady_clock::now();
  ended_ = false;
}

void ScenarioRunner::end_measuring() {
  server_end_ = read_process_stats(options_.server_pid);
  self_end_ = read_process_stats(0);
  wall_end_ = std::chrono::steady_clock::now();
  ended_ = true;
}

void ScenarioRunner::add_cpu(Report& report) {
  if (!ended_) end_measuring();
  const double wall = std::chrono::duration<double>(wall_end_ - wall_begin_).count();
  const double loadgen_cpu = self_end_.cpu_seconds - self_begin_.cpu_seconds;
  cpu_set_t allowed;
  const int cores = ::sched_getaffinity(0, sizeof allowed, &allowed) == 0 ? CPU_COUNT(&allowed) : 1;
  const double loadgen_share = wall > 0 ? loadgen_cpu / (wall * cores) : 0.0;
  report.add("wall_seconds", wall);
  report.add("loadgen_cores", static_cast<std::uint64_t>(cores));
  report.add("loadgen_cpu_seconds", loadgen_cpu);
  report.add("loadgen_cpu_share", loadgen_share);  // of the cores it may run on
  if (options_.server_pid != 0 && server_begin_.valid && server_end_.valid) {
    const double server_cpu = server_end_.cpu_seconds - server_begin_.cpu_seconds;
    report.add("server_cpu_seconds", server_cpu);
    report.add("server_cpu_share", wall > 0 ? server_cpu / wall : 0.0);  // of one core
  }
  report.add("generator_saturated", std::uint64_t{loadgen_share >= 0.9 ? 1u : 0u});
}

void ScenarioRunner::run(std::function<asio::awaitable<void>()> body) {
  asio::co_spawn(io, body(), [this](std::exception_ptr failure) {
    if (!failure) return;
    // The first error is the cause: after the time limit has closed every connection, the body
    // fails on a closed one, and that must not hide why the run ended.
    try {
      std::rethrow_exception(failure);
    } catch (const std::exception& e) {
      if (error.empty()) error = e.what();
    }
    finish();
  });
  asio::steady_timer limit(io, std::chrono::seconds(options_.time_limit));
  limit.async_wait([this](boost::system::error_code ec) {
    if (ec) return;
    if (error.empty()) error = "time limit reached";
    // Closing makes every pending read fail, so each coroutine ends and reports what it has.
    for (auto& connection : connections) {
      if (connection) connection->close();
    }
    grace_.expires_after(std::chrono::seconds(2));
    grace_.async_wait([this](boost::system::error_code) { finish(); });
  });
  io.run();
}

}  // namespace hearth::loadgen
