// Two rate limiters.
//  TokenBucket: requests per connection; owned by one session, touched only on its strand.
//  AttemptLimiter: failed logins per key (handle or address) in a sliding window; thread-safe.
#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <unordered_map>

namespace hearth::server {

using SteadyClock = std::chrono::steady_clock;

class TokenBucket {
 public:
  // `rate` tokens per second, holding at most `burst`; starts full.
  TokenBucket(double rate, double burst);
  // Takes one token if there is one. On refusal, `retry_after` says when one will be there.
  bool try_take(SteadyClock::time_point now, std::chrono::milliseconds& retry_after);

 private:
  double rate_;
  double burst_;
  double tokens_;
  SteadyClock::time_point last_;
};

class AttemptLimiter {
 public:
  AttemptLimiter(unsigned max_failures, std::chrono::seconds window);
  // True while `key` has fewer than max_failures failures in the window; otherwise false and
  // `retry_after` is when the oldest failure leaves the window.
  bool allowed(const std::string& key, SteadyClock::time_point now,
               std::chrono::milliseconds& retry_after);
  void record_failure(const std::string& key, SteadyClock::time_point now);
  // A successful login forgives the handle's failures (not the address's).
  void clear(const std::string& key);

 private:
  void prune(std::deque<SteadyClock::time_point>& times, SteadyClock::time_point now) const;

  unsigned max_failures_;
  std::chrono::seconds window_;
  std::mutex mutex_;
  std::unordered_map<std::string, std::deque<SteadyClock::time_point>> failures_;
  std::uint64_t calls_since_sweep_ = 0;
};

}  // namespace hearth::server
