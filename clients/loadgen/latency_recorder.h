// End-to-end latencies in microseconds and their percentiles. One thread.
#pragma once

#include <cstdint>
#include <vector>

namespace hearth::loadgen {

class LatencyRecorder {
 public:
  void record(std::uint64_t micros) { samples_.push_back(static_cast<std::uint32_t>(micros)); }
  // Room for `samples` in all, taken before the measured phase rather than grown inside it. The
  // room is written once here: a page touched for the first time inside the measured phase costs
  // a page fault, and 2M samples are 2,000 of them.
  void reserve(std::size_t samples) {
    samples_.resize(samples);
    samples_.clear();
  }
  // The q-quantile (0..1) in milliseconds; 0 with no samples. Sorts on first use.
  double quantile_ms(double q);
  std::size_t count() const { return samples_.size(); }

 private:
  std::vector<std::uint32_t> samples_;
  bool sorted_ = false;
};

}  // namespace hearth::loadgen
