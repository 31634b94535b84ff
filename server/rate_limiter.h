// Two rate limiters.
//  TokenBucket: requests per connection; owned by one session, touched only on its strand.
//  WindowLimiter: events per key (a client address) in a sliding window, counted by reservation
//  when an attempt starts; thread-safe.
#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <memory>
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

// At most `max_events` per key in any `window`. An event is counted the moment its attempt
// starts (a reservation), before the expensive work it stands for, so attempts that run at
// once cannot pass the limit together; an attempt that turns out not to count gives its
// reservation back.
class WindowLimiter {
 public:
  // One counted event. It stands once keep() is called; destroyed without keep() it is taken
  // back (the attempt succeeded, or never ran). Thread-safe; must not outlive its limiter.
  class Reservation {
   public:
    Reservation(WindowLimiter* limiter, std::string key, SteadyClock::time_point at);
    ~Reservation();
    Reservation(const Reservation&) = delete;
    Reservation& operator=(const Reservation&) = delete;
    void keep() { kept_ = true; }

   private:
    WindowLimiter* limiter_;  // null when the limit is off
    std::string key_;
    SteadyClock::time_point at_;
    bool kept_ = false;
  };

  // `max_events` 0: no limit (every reservation succeeds and counts nothing).
  WindowLimiter(unsigned max_events, std::chrono::seconds window);
  // A reservation, or null when `key` already has max_events in the window; `retry_after` is
  // then when the oldest leaves it.
  std::shared_ptr<Reservation> reserve(const std::string& key, SteadyClock::time_point now,
                                       std::chrono::milliseconds& retry_after);

 private:
  void give_back(const std::string& key, SteadyClock::time_point at);
  void prune(std::deque<SteadyClock::time_point>& times, SteadyClock::time_point now) const;

  unsigned max_events_;
  std::chrono::seconds window_;
  std::mutex mutex_;
  std::unordered_map<std::string, std::deque<SteadyClock::time_point>> events_;  // oldest first
  std::uint64_t calls_since_sweep_ = 0;
};

}  // namespace hearth::server
