// One run's figures as an ordered JSON object, printed on one line.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "clients/loadgen/latency_recorder.h"

namespace hearth::loadgen {

class Report {
 public:
  void add(const std::string& key, double value);
  void add(const std::string& key, std::uint64_t value);
  void add(const std::string& key, const std::string& value);  // quoted and escaped
  // key: {p50 … max}
  void add_latency(LatencyRecorder& latency, const std::string& key = "latency_ms");
  std::string json() const;

 private:
  std::vector<std::pair<std::string, std::string>> fields_;  // key, JSON value
};

}  // namespace hearth::loadgen
