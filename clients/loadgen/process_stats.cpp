#include "clients/loadgen/process_stats.h"

#include <unistd.h>

#include <fstream>
#include <sstream>
#include <string>

namespace hearth::loadgen {

ProcessStats read_process_stats(pid_t pid) {
  const std::string dir = pid == 0 ? "/proc/self" : "/proc/" + std::to_string(pid);
  ProcessStats stats;
  std::ifstream stat_file(dir + "/stat");
  std::string line;
  if (!std::getline(stat_file, line)) return stats;
  // Fields after the command name (which may hold spaces) start after the last ')'.
  std::istringstream fields(line.substr(line.rfind(')') + 2));
  std::string field;
  unsigned long long utime = 0, stime = 0;
  for (int index = 3; fields >> field; ++index) {
    if (index == 14) utime = std::stoull(field);
    if (index == 15) {
      stime = std::stoull(field);
      break;
    }
  }
  stats.cpu_seconds = static_cast<double>(utime + stime) / static_cast<double>(::sysconf(_SC_CLK_TCK));
  std::ifstream status(dir + "/status");
  while (std::getline(status, line)) {
    if (line.rfind("VmRSS:", 0) == 0) stats.rss_kib = std::stoll(line.substr(6));
  }
  stats.valid = true;
  return stats;
}

}  // namespace hearth::loadgen
