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
  report.add("readers_failed", readers_failed);
  report.add_latency(latency);
}

void DeliveryTally::add_counts(const DeliveryTally& earlier) {
  expected += earlier.expected;
  delivered += earlier.delivered;
  lost += earlier.lost;
  duplicated += earlier.duplicated;
  reordered += earlier.reordered;
  readers_failed += earlier.readers_failed;
  if (first_reader_failure.empty()) first_reader_failure = earlier.first_reader_failure;
}

std::string DeliveryTally::problem() const {
  if (readers_failed > 0) {
    return std::to_string(readers_failed) + " receivers' connections ended before their last message (the first: " +
           first_reader_failure + ")";
  }
  if (lost > 0) return "deliveries were lost";
  if (duplicated > 0) return "deliveries were duplicated";
  if (reordered > 0) return "deliveries came out of order";
  return {};
}

std::string how_it_ended(const LoadConnection& connection, const std::exception& failure) {
  return connection.close_code() != 0 ? "close " + std::to_string(connection.close_code()) : failure.what();
}

boost::asio::awaitable<void> count_deliveries(LoadConnection& connection, std::uint64_t first_seq,
                                              std::uint64_t expected, DeliveryTally& tally, ReaderFloor* floor,
                                              unsigned reader) {
  ReceivedFrames frames;
  std::uint64_t last_seq = first_seq;
  std::uint64_t received = 0;
  try {
    while (received < expected) {
      co_await connection.receive(frames);
      const std::int64_t arrived = steady_ns();
      for (const auto& frame : frames) {
        const PostedMessage* message = frame.message_posted();
        if (message == nullptr) continue;
        if (message->seq <= last_seq) {
          ++tally.duplicated;
          continue;
        }
        if (message->seq != last_seq + 1) ++tally.reordered;
        ++received;
        last_seq = message->seq;
        tally.latency.record(static_cast<std::uint64_t>(arrived - sent_at_ns(message->text)) / 1000);
      }
      if (floor != nullptr) floor->advance(reader, received);
    }
  } catch (const std::exception& failure) {
    // The connection failed or the time limit closed it: what is missing counts as lost.
    ++tally.readers_failed;
    if (tally.first_reader_failure.empty()) tally.first_reader_failure = how_it_ended(connection, failure);
  }
  if (floor != nullptr) floor->finish(reader);
  tally.delivered += received;
  tally.lost += expected - received;
}

}  // namespace hearth::loadgen
