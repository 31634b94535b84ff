// LD_PRELOAD library for crash tests: kills its process with SIGKILL (what a power cut or the
// OOM killer does: no destructor, no flush) just before the Nth rename(2) onto a path ending in
// $HEARTH_CRASH_RENAME_SUFFIX, N = $HEARTH_CRASH_AT_RENAME. A state file is replaced by a rename,
// so a test can crash a real `hearth` at each of its durable writes in turn.
// Deliberately without <cstdio>: this file defines the C library's rename itself.
#include <dlfcn.h>
#include <signal.h>

#include <atomic>
#include <cstdlib>
#include <cstring>

namespace {

bool ends_with(const char* text, const char* suffix) {
  const std::size_t n = std::strlen(text), m = std::strlen(suffix);
  return n >= m && std::strcmp(text + (n - m), suffix) == 0;
}

}  // namespace

extern "C" int rename(const char* from, const char* to) {
  static std::atomic<int> seen{0};
  using Rename = int (*)(const char*, const char*);
  static const Rename real = reinterpret_cast<Rename>(::dlsym(RTLD_NEXT, "rename"));
  const char* suffix = std::getenv("HEARTH_CRASH_RENAME_SUFFIX");
  const char* at = std::getenv("HEARTH_CRASH_AT_RENAME");
  if (suffix != nullptr && at != nullptr && to != nullptr && ends_with(to, suffix) && ++seen == std::atoi(at)) {
    ::raise(SIGKILL);
  }
  return real(from, to);
}
