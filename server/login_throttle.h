// Who may try a password now: decided before the hash is paid for, so logins sent at once
// cannot race past a limit, and kept per handle *and* address, so that a stranger's failures
// never lock a person out of their own account.
//  - Per handle and address: `free_failures` failed logins, then each further attempt waits
//    for a delay that doubles with every failure (1 s, 2 s, 4 s, ... at most 15 minutes). One
//    address cannot guess one password fast; the same handle from another address is not
//    slowed by it. A success forgives the pair's failures.
//  - Per address: at most `failures_per_address` failed logins in 15 minutes, whatever the
//    handles, so one address cannot spread guesses over many accounts.
// An attempt counts as a failure from the moment it starts until it is settled. Thread-safe.
#pragma once

#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "server/rate_limiter.h"

namespace hearth::server {

class LoginThrottle {
 public:
  static constexpr std::chrono::milliseconds kFirstDelay{1000};
  static constexpr std::chrono::seconds kMaxDelay{15 * 60};
  static constexpr std::chrono::seconds kAddressWindow{15 * 60};

  // One login attempt under way. Settle it with succeeded() or failed(); destroyed unsettled
  // (the password was never checked: the server failed, or the connection went) it counts
  // nothing. Must not outlive its throttle.
  class Attempt {
   public:
    Attempt(LoginThrottle& throttle, std::string pair_key, std::shared_ptr<WindowLimiter::Reservation> address);
    ~Attempt();
    Attempt(const Attempt&) = delete;
    Attempt& operator=(const Attempt&) = delete;
    void succeeded();
    void failed(SteadyClock::time_point now);

   private:
    LoginThrottle& throttle_;
    std::string pair_key_;
    std::shared_ptr<WindowLimiter::Reservation> address_;
    bool settled_ = false;
  };

  LoginThrottle(unsigned free_failures, unsigned failures_per_address);

  // An attempt for `handle` (compared ignoring ASCII case) from `address`, or null when either
  // limit says wait; `retry_after` then says how long.
  std::shared_ptr<Attempt> begin(const std::string& handle, const std::string& address, SteadyClock::time_point now,
                                 std::chrono::milliseconds& retry_after);

 private:
  struct Pair {
    unsigned failures = 0;
    unsigned pending = 0;  // attempts begun and not yet settled
    SteadyClock::time_point last_failure{};
  };
  // How long after its last failure a pair with `failures` may try again.
  std::chrono::milliseconds delay_after(unsigned failures) const;
  void settle(const std::string& pair_key, bool success, SteadyClock::time_point now);
  void abandon(const std::string& pair_key);
  void sweep(SteadyClock::time_point now);

  unsigned free_failures_;
  WindowLimiter by_address_;
  std::mutex mutex_;
  std::unordered_map<std::string, Pair> pairs_;  // key: lowercased handle, NUL, address
  std::uint64_t calls_since_sweep_ = 0;
};

}  // namespace hearth::server
