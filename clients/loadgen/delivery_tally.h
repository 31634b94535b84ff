// What receivers saw: counts, order faults and end-to-end latencies. One thread.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <cstdint>
#include <string>

#include "clients/loadgen/latency_recorder.h"
#include "clients/loadgen/load_connection.h"
#include "clients/loadgen/reader_floor.h"
#include "clients/loadgen/report.h"

namespace hearth::loadgen {

struct DeliveryTally {
  std::uint64_t expected = 0;
  std::uint64_t delivered = 0;
  std::uint64_t lost = 0;
  std::uint64_t duplicated = 0;
  std::uint64_t reordered = 0;
  std::uint64_t readers_failed = 0;  // receivers whose connection ended before their last message
  std::string first_reader_failure;  // how the first of them ended
  LatencyRecorder latency;

  void add_to(Report& report);
  // Adds an earlier phase's counts (not its latencies) to these.
  void add_counts(const DeliveryTally& earlier);
  // Empty when every receiver got every message once and in order, else what went wrong.
  std::string problem() const;
};

// Reads `connection` until it has seen `expected` posted messages with seq after `first_seq`
// (or the connection fails), checking that seqs come once each and in order, and timing each
// message from the steady_ns() stamp that leads its text. Reports its progress to `floor` as
// reader `reader`, if given.
boost::asio::awaitable<void> count_deliveries(LoadConnection& connection, std::uint64_t first_seq,
                                              std::uint64_t expected, DeliveryTally& tally,
                                              ReaderFloor* floor = nullptr, unsigned reader = 0);
// How a connection's reading ended: "close CODE" when the server closed it, else the failure.
std::string how_it_ended(const LoadConnection& connection, const std::exception& failure);

}  // namespace hearth::loadgen
