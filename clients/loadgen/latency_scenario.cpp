#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <chrono>

#include "clients/client/requests.h"
#include "clients/loadgen/delivery_tally.h"
#include "clients/loadgen/scenario.h"
#include "clients/loadgen/scenario_runner.h"

namespace hearth::loadgen {

namespace asio = boost::asio;
namespace requests = hearth::client::requests;
using Clock = std::chrono::steady_clock;

namespace {

// Reads and drops what a sender receives (acknowledgements and the room's events): not measured.
asio::awaitable<void> drain(LoadConnection& connection) {
  std::vector<hearth::v1::ServerFrame> frames;
  for (;;) co_await connection.receive(frames);
}

// Open loop: sends on a fixed schedule whatever the server does, so a slow server shows up as
// latency rather than as a lower send rate (no coordinated omission).
asio::awaitable<void> send_paced(asio::io_context& io, LoadConnection& connection, std::uint64_t room_id,
                                 unsigned count, std::chrono::nanoseconds interval, unsigned bytes) {
  asio::co_spawn(io, drain(connection), asio::detached);
  asio::steady_timer timer(io);
  auto next = Clock::now();
  for (unsigned i = 0; i < count; ++i) {
    next += interval;
    timer.expires_at(next);
    co_await timer.async_wait(asio::use_awaitable);
    co_await connection.send(requests::send_message(room_id, stamped_text(bytes)));
  }
}

}  // namespace

Report run_latency(const ScenarioOptions& options) {
  ScenarioRunner runner(options);
  DeliveryTally tally;
  unsigned receivers_done = 0;
  const unsigned per_sender = options.rate * options.seconds / std::max(1u, options.senders);
  const auto interval = std::chrono::nanoseconds(1'000'000'000ULL * options.senders / std::max(1u, options.rate));
  runner.run([&]() -> asio::awaitable<void> {
    const unsigned total = options.receivers + options.senders;
    co_await runner.population.create_accounts(total);
    for (unsigned i = 0; i < total; ++i) runner.connections.push_back(co_await runner.population.connect(i, true));
    const auto latest = co_await runner.connections.front()->call(requests::history_latest(runner.population.room_id(), 1));
    const std::uint64_t per_receiver = std::uint64_t{per_sender} * options.senders;
    tally.expected = per_receiver * options.receivers;
    for (unsigned i = 0; i < options.receivers; ++i) {
      asio::co_spawn(runner.io,
                     count_deliveries(*runner.connections[i], latest.history().last_seq(), per_receiver, tally),
                     [&](std::exception_ptr) {
                       if (++receivers_done == options.receivers) runner.finish();
                     });
    }
    for (unsigned i = options.receivers; i < total; ++i) {
      asio::co_spawn(runner.io,
                     send_paced(runner.io, *runner.connections[i], runner.population.room_id(), per_sender, interval, options.bytes),
                     asio::detached);
    }
  });
  Report report;
  report.add("scenario", std::string("latency"));
  report.add("receivers", std::uint64_t{options.receivers});
  report.add("senders", std::uint64_t{options.senders});
  report.add("send_rate_per_second", std::uint64_t{options.rate});
  report.add("deliveries_per_second", static_cast<double>(options.rate) * options.receivers);
  report.add("seconds", static_cast<double>(options.seconds));
  report.add("message_bytes", std::uint64_t{options.bytes});
  tally.add_to(report);
  if (runner.error.empty()) runner.error = tally.problem();
  report.add("error", runner.error);
  return report;
}

}  // namespace hearth::loadgen
