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

WindowLimiter::Reservation::Reservation(WindowLimiter* limiter, std::string key, SteadyClock::time_point at)
    : limiter_(limiter), key_(std::move(key)), at_(at) {}

WindowLimiter::Reservation::~Reservation() {
  if (limiter_ != nullptr && !kept_) limiter_->give_back(key_, at_);
}

WindowLimiter::WindowLimiter(unsigned max_events, std::chrono::seconds window)
    : max_events_(max_events), window_(window) {}

void WindowLimiter::prune(std::deque<SteadyClock::time_point>& times, SteadyClock::time_point now) const {
  while (!times.empty() && now - times.front() >= window_) times.pop_front();
}

std::shared_ptr<WindowLimiter::Reservation> WindowLimiter::reserve(const std::string& key, SteadyClock::time_point now,
                                                                   std::chrono::milliseconds& retry_after) {
  if (max_events_ == 0) return std::make_shared<Reservation>(nullptr, key, now);
  std::lock_guard lock(mutex_);
  // Forget keys whose window has passed, now and then, so a spray of addresses cannot grow
  // the map without bound.
  if (++calls_since_sweep_ >= 1024) {
    calls_since_sweep_ = 0;
    for (auto entry = events_.begin(); entry != events_.end();) {
      prune(entry->second, now);
      entry = entry->second.empty() ? events_.erase(entry) : std::next(entry);
    }
  }
  auto& times = events_[key];
  prune(times, now);
  if (times.size() >= max_events_) {
    retry_after = std::max(std::chrono::milliseconds(1),
                           std::chrono::ceil<std::chrono::milliseconds>(times.front() + window_ - now));
    return nullptr;
  }
  // Kept in order: `now` is never earlier than an entry made before it on the steady clock,
  // but callers on other threads may pass a `now` read a moment before another's.
  times.insert(std::upper_bound(times.begin(), times.end(), now), now);
  return std::make_shared<Reservation>(this, key, now);
}

void WindowLimiter::give_back(const std::string& key, SteadyClock::time_point at) {
  std::lock_guard lock(mutex_);
  const auto entry = events_.find(key);
  if (entry == events_.end()) return;
  auto& times = entry->second;
  const auto it = std::find(times.begin(), times.end(), at);
  if (it != times.end()) times.erase(it);
  if (times.empty()) events_.erase(entry);
}

}  // namespace hearth::server
