// CPU time and resident memory of a process, read from /proc (Linux).
#pragma once

#include <cstdint>
#include <sys/types.h>

namespace hearth::loadgen {

struct ProcessStats {
  double cpu_seconds = 0;  // user + system
  std::int64_t rss_kib = 0;
  bool valid = false;
};

// pid 0 means this process.
ProcessStats read_process_stats(pid_t pid);

}  // namespace hearth::loadgen
