// Wall-clock time in milliseconds since the Unix epoch, the unit of every *_ms field.
#pragma once

#include <chrono>
#include <cstdint>

namespace hearth {

inline std::int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace hearth
