// Every counter hearthd exports, declared in one place, rendered in Prometheus text format.
// Lock-free (relaxed atomics): any thread may bump any counter. Labels carry codes only.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <string>

#include "hearth/v1/errors.pb.h"

namespace hearth::server {

// A fixed-bucket histogram of durations in microseconds.
class LatencyHistogram {
 public:
  static constexpr std::array<std::uint64_t, 12> kBoundsUs = {
      100, 250, 500, 1000, 2500, 5000, 10000, 25000, 50000, 100000, 250000, 1000000};
  void observe(std::uint64_t micros);
  void render(const std::string& name, const std::string& help, std::string& out) const;

 private:
  std::array<std::atomic<std::uint64_t>, kBoundsUs.size() + 1> buckets_{};
  std::atomic<std::uint64_t> sum_us_{0};
  std::atomic<std::uint64_t> count_{0};
};

struct Metrics {
  std::atomic<std::int64_t> connections_open{0};
  std::atomic<std::uint64_t> connections_total{0};
  std::atomic<std::int64_t> connections_authenticated{0};
  std::atomic<std::uint64_t> frames_in{0};
  std::atomic<std::uint64_t> frames_out{0};
  std::atomic<std::uint64_t> websocket_writes{0};
  std::atomic<std::uint64_t> bytes_out{0};
  std::atomic<std::uint64_t> fanout_deliveries{0};
  std::atomic<std::uint64_t> messages_stored{0};
  std::atomic<std::uint64_t> slow_consumer_disconnects{0};
  std::atomic<std::uint64_t> auth_timeouts{0};
  std::atomic<std::uint64_t> idle_timeouts{0};
  std::atomic<std::uint64_t> websocket_protocol_errors{0};
  std::atomic<std::uint64_t> login_failures{0};
  std::atomic<std::uint64_t> password_hashes{0};
  std::atomic<std::uint64_t> rate_limited{0};
  std::atomic<std::uint64_t> direct_messages_sent{0};
  std::atomic<std::uint64_t> direct_messages_delivered{0};
  std::array<std::atomic<std::uint64_t>, 16> errors_by_code{};
  LatencyHistogram commit_latency;

  void count_error(hearth::v1::ErrorCode code);
  // What the connections hold for their peers now (summed over all, and the largest one).
  struct OutboundBytes {
    std::uint64_t total = 0;
    std::uint64_t largest = 0;
  };
  // `storage_transactions`, `moderation_queue_depth` and `outbound` come from their owners at
  // render time.
  std::string render(std::uint64_t storage_transactions, std::uint64_t moderation_queue_depth,
                     OutboundBytes outbound) const;
};

}  // namespace hearth::server
