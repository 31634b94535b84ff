#include "server/rate_limiter.h"

#include <algorithm>
#include <cmath>

namespace hearth::server {

TokenBucket::TokenBucket(double rate, double burst)
    : rate_(rate), burst_(burst), tokens_(burst), last_(SteadyClock::now()) {}

bool TokenBucket::try_take(SteadyClock::time_point now, std::chrono::milliseconds& retry_after) {
  const double elapsed = std::chrono::duration<double>(now - last_).count();
  if (elapsed > 0) {
    tokens_ = std::min(burst_, tokens_ + elapsed * rate_);
    last_ = now;
  }
  if (tokens_ >= 1.0) {
    tokens_ -= 1.0;
    return true;
  }
  retry_after = std::chrono::milliseconds(
      static_cast<std::int64_t>(std::ceil((1.0 - tokens_) / rate_ * 1000.0)));
  return false;
}

AttemptLimiter::AttemptLimiter(unsigned max_failures, std::chrono::seconds window)
    : max_failures_(max_failures), window_(window) {}

void AttemptLimiter::prune(std::deque<SteadyClock::time_point>& times,
                           SteadyClock::time_point now) const {
  while (!times.empty() && now - times.front() >= window_) times.pop_front();
}

bool AttemptLimiter::allowed(const std::string& key, SteadyClock::time_point now,
                             std::chrono::milliseconds& retry_after) {
  std::lock_guard lock(mutex_);
  auto it = failures_.find(key);
  if (it == failures_.end()) return true;
  prune(it->second, now);
  if (it->second.size() < max_failures_) return true;
  retry_after = std::chrono::duration_cast<std::chrono::milliseconds>(
      it->second.front() + window_ - now);
  return false;
}

void AttemptLimiter::record_failure(const std::string& key, SteadyClock::time_point now) {
  std::lock_guard lock(mutex_);
  auto& times = failures_[key];
  prune(times, now);
  times.push_back(now);
  // Forget keys whose window has passed, now and then, so a spray of handles cannot grow
  // the map without bound.
  if (++calls_since_sweep_ >= 1024) {
    calls_since_sweep_ = 0;
    for (auto entry = failures_.begin(); entry != failures_.end();) {
      prune(entry->second, now);
      entry = entry->second.empty() ? failures_.erase(entry) : std::next(entry);
    }
  }
}

void AttemptLimiter::clear(const std::string& key) {
  std::lock_guard lock(mutex_);
  failures_.erase(key);
}

}  // namespace hearth::server
