#include "clients/loadgen/delivery_tally.h"

#include <string>
#include <vector>

#include "clients/loadgen/population.h"

namespace hearth::loadgen {

void DeliveryTally::add_to(Report& report) {
  report.add("expected", expected);
  report.add("delivered", delivered);
  report.add("lost", lost);
  report.add("duplicated", duplicated);
  report.add("reordered", reordered);
  report.add_latency(latency);
}

void DeliveryTally::add_counts(const DeliveryTally& earlier) {
  expected += earlier.expected;
  delivered += earlier.delivered;
  lost += earlier.lost;
  duplicated += earlier.duplicated;
  reordered += earlier.reordered;
}

std::string DeliveryTally::problem() const {
  if (lost > 0) return "deliveries were lost";
  if (duplicated > 0) return "deliveries were duplicated";
  if (reordered > 0) return "deliveries came out of order";
  return {};
}

boost::asio::awaitable<void> count_deliveries(LoadConnection& connection, std::uint64_t first_seq,
                                              std::uint64_t expected, DeliveryTally& tally) {
  ReceivedFrames frames;
  std::uint64_t last_seq = first_seq;
  std::uint64_t received = 0;
  try {
    while (received < expected) {
      co_await connection.receive(frames);
      const std::int64_t arrived = steady_ns();
      for (const auto& frame : frames) {
        if (!frame.has_event() || !frame.event().has_message_posted()) continue;
        const auto& message = frame.event().message_posted();
        if (message.seq() <= last_seq) {
          ++tally.duplicated;
          continue;
        }
        if (message.seq() != last_seq + 1) ++tally.reordered;
        ++received;
        last_seq = message.seq();
        tally.latency.record(static_cast<std::uint64_t>(arrived - sent_at_ns(message.text())) / 1000);
      }
    }
  } catch (const std::exception&) {
    // The connection failed or the time limit closed it: what is missing counts as lost.
  }
  tally.delivered += received;
  tally.lost += expected - received;
}

}  // namespace hearth::loadgen
