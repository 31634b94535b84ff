#include <boost/asio/co_spawn.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <chrono>

#include "clients/loadgen/process_stats.h"
#include "clients/loadgen/scenario.h"
#include "clients/loadgen/scenario_runner.h"

namespace hearth::loadgen {

namespace asio = boost::asio;
using Clock = std::chrono::steady_clock;

Report run_idle(const ScenarioOptions& options) {
  ScenarioRunner runner(options);
  ProcessStats before, after;
  double connect_seconds = 0;
  runner.run([&]() -> asio::awaitable<void> {
    co_await runner.population.create_accounts(options.connections);
    before = read_process_stats(options.server_pid);
    runner.begin_measuring();  // CPU per connection: the connecting, not the holding
    const auto start = Clock::now();
    // Handshakes overlap, as real clients' do: kParallel connectors take every kParallel-th index.
    constexpr unsigned kParallel = 256;
    runner.connections.resize(options.connections);
    unsigned connectors_done = 0;
    asio::steady_timer all_connected(runner.io, Clock::time_point::max());
    for (unsigned first = 0; first < kParallel; ++first) {
      asio::co_spawn(runner.io, [&, first]() -> asio::awaitable<void> {
        for (unsigned i = first; i < options.connections; i += kParallel) {
          runner.connections[i] = co_await runner.population.connect(i, false);
        }
      }, [&](std::exception_ptr failure) {
        if (failure && runner.error.empty()) runner.error = "a connection failed";
        if (++connectors_done == kParallel) all_connected.cancel();
      });
    }
    boost::system::error_code ignored;
    co_await all_connected.async_wait(asio::redirect_error(asio::use_awaitable, ignored));
    connect_seconds = std::chrono::duration<double>(Clock::now() - start).count();
    runner.end_measuring();
    std::erase(runner.connections, nullptr);
    // Hold them idle, then read the server's memory.
    asio::steady_timer hold(runner.io, std::chrono::seconds(options.seconds));
    co_await hold.async_wait(asio::use_awaitable);
    after = read_process_stats(options.server_pid);
    runner.finish();
  });
  Report report;
  report.add("scenario", std::string("idle"));
  report.add("connections", static_cast<std::uint64_t>(runner.connections.size()));
  report.add("connect_seconds", connect_seconds);
  report.add("connections_per_second",
             connect_seconds > 0 ? static_cast<double>(runner.connections.size()) / connect_seconds : 0.0);
  if (before.valid && after.valid && !runner.connections.empty()) {
    report.add("server_rss_growth_kib", static_cast<std::uint64_t>(std::max<std::int64_t>(0, after.rss_kib - before.rss_kib)));
    report.add("server_kib_per_connection",
               static_cast<double>(after.rss_kib - before.rss_kib) / static_cast<double>(runner.connections.size()));
  }
  runner.add_cpu(report);
  report.add("error", runner.error);
  return report;
}

}  // namespace hearth::loadgen
