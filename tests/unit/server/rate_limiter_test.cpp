#include "server/rate_limiter.h"

#include <catch2/catch.hpp>

using hearth::server::AttemptLimiter;
using hearth::server::SteadyClock;
using hearth::server::TokenBucket;
using namespace std::chrono_literals;

TEST_CASE("token bucket allows a burst, then refuses with a retry hint", "[rate_limiter]") {
  TokenBucket bucket(10, 20);
  const auto start = SteadyClock::now();
  std::chrono::milliseconds retry{0};
  int taken = 0;
  while (bucket.try_take(start, retry)) ++taken;
  CHECK(taken == 20);
  CHECK(retry.count() > 0);
  CHECK(retry.count() <= 100);
}

TEST_CASE("token bucket refills at its rate and never beyond the burst", "[rate_limiter]") {
  TokenBucket bucket(10, 20);
  const auto start = SteadyClock::now();
  std::chrono::milliseconds retry{0};
  while (bucket.try_take(start, retry)) {
  }
  // 0.5 s at 10/s gives back 5 tokens.
  int taken = 0;
  while (bucket.try_take(start + 500ms, retry)) ++taken;
  CHECK(taken == 5);
  // An hour idle refills only up to the burst.
  taken = 0;
  while (bucket.try_take(start + 1h, retry)) ++taken;
  CHECK(taken == 20);
}

TEST_CASE("attempt limiter locks a key after max failures within the window", "[rate_limiter]") {
  AttemptLimiter limiter(3, 60s);
  const auto start = SteadyClock::now();
  std::chrono::milliseconds retry{0};
  for (int i = 0; i < 3; ++i) {
    REQUIRE(limiter.allowed("h:ann", start, retry));
    limiter.record_failure("h:ann", start + std::chrono::seconds(i));
  }
  CHECK_FALSE(limiter.allowed("h:ann", start + 5s, retry));
  CHECK(retry == std::chrono::milliseconds(55'000));
  CHECK(limiter.allowed("h:bob", start + 5s, retry));  // other keys are unaffected
  // The oldest failure leaves the window after 60 s.
  CHECK(limiter.allowed("h:ann", start + 60s, retry));
}

TEST_CASE("attempt limiter forgets a key on clear", "[rate_limiter]") {
  AttemptLimiter limiter(1, 60s);
  const auto now = SteadyClock::now();
  std::chrono::milliseconds retry{0};
  limiter.record_failure("h:ann", now);
  REQUIRE_FALSE(limiter.allowed("h:ann", now, retry));
  limiter.clear("h:ann");
  CHECK(limiter.allowed("h:ann", now, retry));
}
