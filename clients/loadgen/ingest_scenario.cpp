#include <boost/asio/co_spawn.hpp>
#include <chrono>

#include "clients/loadgen/scenario.h"
#include "clients/loadgen/scenario_runner.h"
#include "clients/loadgen/windowed_sender.h"

namespace hearth::loadgen {

namespace asio = boost::asio;
using Clock = std::chrono::steady_clock;

Report run_ingest(const ScenarioOptions& given) {
  // One account per sender: a room's events go to every connection of each member, so senders
  // sharing an account would each receive every room's messages (a fan-out, not ingest).
  ScenarioOptions options = given;
  options.target.connections_per_account = 1;
  ScenarioRunner runner(options);
  std::uint64_t refused = 0;
  unsigned senders_done = 0;
  Clock::time_point start, end;
  runner.run([&]() -> asio::awaitable<void> {
    const auto rooms = co_await runner.population.create_rooms(options.admin_invite, options.rooms);
    co_await runner.population.create_accounts(options.rooms);
    for (unsigned i = 0; i < options.rooms; ++i) {
      runner.connections.push_back(co_await runner.population.connect(i, false));
      co_await runner.population.join(*runner.connections.back(), rooms[i]);
    }
    runner.begin_measuring();
    start = Clock::now();
    for (unsigned i = 0; i < options.rooms; ++i) {
      asio::co_spawn(runner.io, send_windowed(runner.io, *runner.connections[i], rooms[i], options, refused),
                     [&](std::exception_ptr failure) {
                       if (failure && runner.error.empty()) runner.error = "a sender failed";
                       end = Clock::now();
                       if (++senders_done < options.rooms) return;
                       runner.end_measuring();
                       runner.finish();
                     });
    }
  });
  const double seconds = end > start ? std::chrono::duration<double>(end - start).count() : 0;
  const std::uint64_t stored = std::uint64_t{options.rooms} * options.messages - refused;
  Report report;
  report.add("scenario", std::string("ingest"));
  report.add("rooms", std::uint64_t{options.rooms});
  report.add("messages_per_room", std::uint64_t{options.messages});
  report.add("window", std::uint64_t{options.window});
  report.add("message_bytes", std::uint64_t{options.bytes});
  report.add("refused", refused);
  report.add("stored", runner.error.empty() ? stored : 0);
  report.add("seconds", seconds);
  report.add("messages_per_second", seconds > 0 && runner.error.empty() ? static_cast<double>(stored) / seconds : 0.0);
  runner.add_cpu(report);
  report.add("error", runner.error);
  return report;
}

}  // namespace hearth::loadgen
