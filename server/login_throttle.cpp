#include "server/login_throttle.h"

#include <algorithm>

namespace hearth::server {

namespace {

std::string pair_key(const std::string& handle, const std::string& address) {
  std::string key;
  key.reserve(handle.size() + 1 + address.size());
  for (char c : handle) key.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
  key.push_back('\0');
  key.append(address);
  return key;
}

// While an attempt of the pair is being checked, the next may start about a hash later.
constexpr std::chrono::milliseconds kRetryWhileChecking{1000};

}  // namespace

LoginThrottle::Attempt::Attempt(LoginThrottle& throttle, std::string pair_key,
                                std::shared_ptr<WindowLimiter::Reservation> address)
    : throttle_(throttle), pair_key_(std::move(pair_key)), address_(std::move(address)) {}

LoginThrottle::Attempt::~Attempt() {
  if (!settled_) throttle_.abandon(pair_key_);
}

void LoginThrottle::Attempt::succeeded() {
  if (settled_) return;
  settled_ = true;
  throttle_.settle(pair_key_, true, SteadyClock::now());
  address_.reset();  // a success is no failure of the address: its reservation is given back
}

void LoginThrottle::Attempt::failed(SteadyClock::time_point now) {
  if (settled_) return;
  settled_ = true;
  address_->keep();
  throttle_.settle(pair_key_, false, now);
}

LoginThrottle::LoginThrottle(unsigned free_failures, unsigned failures_per_address)
    : free_failures_(free_failures), by_address_(failures_per_address, kAddressWindow) {}

std::chrono::milliseconds LoginThrottle::delay_after(unsigned failures) const {
  if (failures < free_failures_) return std::chrono::milliseconds(0);
  const unsigned doublings = std::min(failures - free_failures_, 20u);  // 2^20 s is past the cap
  return std::min<std::chrono::milliseconds>(kFirstDelay * (std::int64_t{1} << doublings), kMaxDelay);
}

std::shared_ptr<LoginThrottle::Attempt> LoginThrottle::begin(const std::string& handle, const std::string& address,
                                                             SteadyClock::time_point now,
                                                             std::chrono::milliseconds& retry_after) {
  std::string key = pair_key(handle, address);
  std::lock_guard lock(mutex_);
  if (++calls_since_sweep_ >= 1024) sweep(now);
  Pair& pair = pairs_[key];
  if (pair.failures + pair.pending >= free_failures_) {
    // Past the free failures, one attempt at a time, each after its delay.
    if (pair.pending > 0) {
      retry_after = kRetryWhileChecking;
      return nullptr;
    }
    const auto ready = pair.last_failure + delay_after(pair.failures);
    if (now < ready) {
      retry_after = std::max(std::chrono::milliseconds(1), std::chrono::ceil<std::chrono::milliseconds>(ready - now));
      return nullptr;
    }
  }
  auto reservation = by_address_.reserve(address, now, retry_after);
  if (!reservation) {
    if (pair.failures == 0 && pair.pending == 0) pairs_.erase(key);
    return nullptr;
  }
  ++pair.pending;
  return std::make_shared<Attempt>(*this, std::move(key), std::move(reservation));
}

void LoginThrottle::settle(const std::string& key, bool success, SteadyClock::time_point now) {
  std::lock_guard lock(mutex_);
  const auto entry = pairs_.find(key);
  if (entry == pairs_.end()) {
    if (!success) pairs_[key] = Pair{1, 0, now};  // forgiven meanwhile by a success beside it
    return;
  }
  Pair& pair = entry->second;
  if (pair.pending > 0) --pair.pending;
  if (success) {
    pairs_.erase(entry);
    return;
  }
  ++pair.failures;
  pair.last_failure = std::max(pair.last_failure, now);
}

void LoginThrottle::abandon(const std::string& key) {
  std::lock_guard lock(mutex_);
  const auto entry = pairs_.find(key);
  if (entry == pairs_.end()) return;
  Pair& pair = entry->second;
  if (pair.pending > 0) --pair.pending;
  if (pair.pending == 0 && pair.failures == 0) pairs_.erase(entry);
}

void LoginThrottle::sweep(SteadyClock::time_point now) {
  // A pair is forgotten once nothing is pending and both its delay and the address window
  // have passed since its last failure, so a spray of handles cannot grow the map for ever.
  calls_since_sweep_ = 0;
  for (auto entry = pairs_.begin(); entry != pairs_.end();) {
    const Pair& pair = entry->second;
    const auto quiet = std::max<std::chrono::milliseconds>(delay_after(pair.failures), kAddressWindow);
    const bool forgotten = pair.pending == 0 && now - pair.last_failure >= quiet;
    entry = forgotten ? pairs_.erase(entry) : std::next(entry);
  }
}

}  // namespace hearth::server
