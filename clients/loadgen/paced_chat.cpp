#include "clients/loadgen/paced_chat.h"

#include <algorithm>
#include <boost/asio/co_spawn.hpp>
#include <chrono>
#include <stdexcept>

#include "clients/client/requests.h"
#include "clients/loadgen/countdown.h"
#include "clients/loadgen/paced_sender.h"

namespace hearth::loadgen {

namespace asio = boost::asio;
namespace requests = hearth::client::requests;

asio::awaitable<void> connect_chat(ScenarioRunner& runner, const ScenarioOptions& options, unsigned extra_connections) {
  const unsigned total = options.receivers + options.senders;
  co_await runner.population.create_accounts(total + extra_connections);
  for (unsigned i = 0; i < total; ++i) runner.connections.push_back(co_await runner.population.connect(i, true));
}

asio::awaitable<void> chat_paced(ScenarioRunner& runner, const ScenarioOptions& options, DeliveryTally& tally,
                                 ReaderFloor* given_floor) {
  const unsigned total = options.receivers + options.senders;
  ReaderFloor own_floor(runner.io, total, options.max_behind);
  ReaderFloor& floor = given_floor != nullptr ? *given_floor : own_floor;
  const unsigned per_sender = options.rate * options.seconds / std::max(1u, options.senders);
  const auto interval = std::chrono::nanoseconds(1'000'000'000ULL * options.senders / std::max(1u, options.rate));
  const auto latest = co_await runner.connections.front()->call(requests::history_latest(runner.population.room_id(), 1));
  const std::uint64_t first_seq = latest.history().last_seq();
  const std::uint64_t per_receiver = std::uint64_t{per_sender} * options.senders;
  const std::uint64_t readers_failed_before = tally.readers_failed;
  tally.expected += per_receiver * options.receivers;
  tally.latency.reserve(tally.latency.count() + per_receiver * options.receivers);
  Countdown done(runner.io, total);
  for (unsigned i = 0; i < options.receivers; ++i) {
    asio::co_spawn(runner.io, count_deliveries(*runner.connections[i], first_seq, per_receiver, tally, &floor, i),
                   done.handler());
  }
  // The senders take turns, so the room gets one message every 1/rate seconds rather than a burst
  // from every sender at once each interval.
  for (unsigned i = options.receivers; i < total; ++i) {
    PacedSend send;
    send.room_id = runner.population.room_id();
    send.count = per_sender;
    send.offset = interval * (i - options.receivers) / std::max(1u, options.senders);
    send.interval = interval;
    send.bytes = options.bytes;
    send.first_seq = first_seq;
    send.room_messages = per_receiver;
    asio::co_spawn(runner.io, send_paced(runner.io, *runner.connections[i], send, floor, i), done.handler());
  }
  co_await done.wait();
  if (done.first_failure()) std::rethrow_exception(done.first_failure());
  if (tally.readers_failed > readers_failed_before) throw std::runtime_error(tally.problem());
}

void add_chat_settings(Report& report, const ScenarioOptions& options) {
  report.add("receivers", std::uint64_t{options.receivers});
  report.add("senders", std::uint64_t{options.senders});
  report.add("send_rate_per_second", std::uint64_t{options.rate});
  report.add("deliveries_per_second", static_cast<double>(options.rate) * options.receivers);
  report.add("seconds", static_cast<double>(options.seconds));
  report.add("message_bytes", std::uint64_t{options.bytes});
  report.add("max_behind", std::uint64_t{options.max_behind});
}

double add_phase_comparison(Report& report, DeliveryTally& baseline, DeliveryTally& loaded) {
  const double baseline_p99 = baseline.latency.quantile_ms(0.99);
  const double ratio = baseline_p99 > 0 ? loaded.latency.quantile_ms(0.99) / baseline_p99 : 0.0;
  report.add_latency(baseline.latency, "baseline_latency_ms");
  loaded.add_counts(baseline);
  loaded.add_to(report);
  report.add("p99_ratio", ratio);
  return ratio;
}

}  // namespace hearth::loadgen
