// The fan-out scenario: R receivers and S senders in one room; each sender sends M messages
// keeping at most W unacknowledged; every receiver must get every message once, in seq order.
#pragma once

#include <boost/asio/ip/tcp.hpp>
#include <cstdint>
#include <string>

#include "clients/loadgen/latency_recorder.h"

namespace hearth::loadgen {

struct FanoutConfig {
  boost::asio::ip::tcp::endpoint server;
  std::string host;                  // for the Host header
  std::string room = "families-together";
  unsigned receivers = 100;
  unsigned senders = 1;
  unsigned messages_per_sender = 1000;
  unsigned window = 64;
  unsigned message_bytes = 100;
  unsigned connections_per_account = 1000;  // accounts are costly (Argon2id); connections are not
  unsigned time_limit_seconds = 120;
};

struct FanoutResult {
  std::uint64_t expected = 0;      // deliveries the receivers should see
  std::uint64_t delivered = 0;
  std::uint64_t lost = 0;
  std::uint64_t duplicated = 0;
  std::uint64_t reordered = 0;
  std::uint64_t refused = 0;       // sends answered with an error
  double seconds = 0;              // first send to last delivery
  LatencyRecorder latency;
  std::string error;               // empty when the run completed
};

// Runs the scenario on the calling thread (one io_context). Never throws.
FanoutResult run_fanout(const FanoutConfig& config);

}  // namespace hearth::loadgen
