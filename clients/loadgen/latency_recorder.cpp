#include "clients/loadgen/latency_recorder.h"

#include <algorithm>
#include <cmath>

namespace hearth::loadgen {

double LatencyRecorder::quantile_ms(double q) {
  if (samples_.empty()) return 0;
  if (!sorted_) {
    std::sort(samples_.begin(), samples_.end());
    sorted_ = true;
  }
  const auto index = static_cast<std::size_t>(std::ceil(q * static_cast<double>(samples_.size()))) ;
  return samples_[std::min(samples_.size() - 1, index == 0 ? 0 : index - 1)] / 1000.0;
}

}  // namespace hearth::loadgen
