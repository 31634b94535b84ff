#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <chrono>

#include "clients/client/requests.h"
#include "clients/loadgen/delivery_tally.h"
#include "clients/loadgen/windowed_sender.h"
#include "clients/loadgen/scenario.h"
#include "clients/loadgen/scenario_runner.h"

namespace hearth::loadgen {

namespace asio = boost::asio;
namespace requests = hearth::client::requests;
using Clock = std::chrono::steady_clock;

Report run_fanout(const ScenarioOptions& options) {
  ScenarioRunner runner(options);
  DeliveryTally tally;
  std::uint64_t refused = 0;
  unsigned receivers_done = 0;
  Clock::time_point start, end;
  runner.run([&]() -> asio::awaitable<void> {
    const unsigned total = options.receivers + options.senders;
    co_await runner.population.create_accounts(total);
    for (unsigned i = 0; i < total; ++i) runner.connections.push_back(co_await runner.population.connect(i, true));
    for (unsigned i = 0; i < options.receivers; ++i) runner.connections[i]->expect_backlog();
    const auto latest = co_await runner.connections.front()->call(requests::history_latest(runner.population.room_id(), 1));
    const std::uint64_t first_seq = latest.history().last_seq();
    const std::uint64_t per_receiver = std::uint64_t{options.senders} * options.messages;
    tally.expected = per_receiver * options.receivers;
    tally.latency.reserve(tally.expected);
    runner.begin_measuring();
    start = Clock::now();
    for (unsigned i = 0; i < options.receivers; ++i) {
      asio::co_spawn(runner.io, count_deliveries(*runner.connections[i], first_seq, per_receiver, tally),
                     [&](std::exception_ptr) {
                       end = Clock::now();
                       if (++receivers_done < options.receivers) return;
                       runner.end_measuring();
                       runner.finish();
                     });
    }
    for (unsigned i = options.receivers; i < total; ++i) {
      asio::co_spawn(runner.io, send_windowed(runner.io, *runner.connections[i], runner.population.room_id(), options, refused),
                     asio::detached);
    }
  });
  const double seconds = end > start ? std::chrono::duration<double>(end - start).count() : 0;
  Report report;
  report.add("scenario", std::string("fanout"));
  report.add("receivers", std::uint64_t{options.receivers});
  report.add("senders", std::uint64_t{options.senders});
  report.add("messages_per_sender", std::uint64_t{options.messages});
  report.add("window", std::uint64_t{options.window});
  report.add("message_bytes", std::uint64_t{options.bytes});
  report.add("refused", refused);
  report.add("seconds", seconds);
  report.add("deliveries_per_second", seconds > 0 ? static_cast<double>(tally.delivered) / seconds : 0.0);
  tally.add_to(report);
  if (runner.error.empty()) runner.error = tally.problem();
  runner.add_cpu(report);
  report.add("error", runner.error);
  return report;
}

}  // namespace hearth::loadgen
