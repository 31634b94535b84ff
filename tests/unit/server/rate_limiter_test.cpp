#include "server/rate_limiter.h"

#include <catch2/catch.hpp>
#include <memory>
#include <vector>

using hearth::server::SteadyClock;
using hearth::server::TokenBucket;
using hearth::server::WindowLimiter;
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

TEST_CASE("window limiter counts reservations at once, and refuses past the limit", "[rate_limiter]") {
  WindowLimiter limiter(3, 60s);
  const auto start = SteadyClock::now();
  std::chrono::milliseconds retry{0};
  std::vector<std::shared_ptr<WindowLimiter::Reservation>> held;
  for (int i = 0; i < 3; ++i) {
    auto reservation = limiter.reserve("a:1", start + std::chrono::seconds(i), retry);
    REQUIRE(reservation);
    reservation->keep();
    held.push_back(reservation);
  }
  CHECK_FALSE(limiter.reserve("a:1", start + 5s, retry));
  CHECK(retry == std::chrono::milliseconds(55'000));
  CHECK(limiter.reserve("a:2", start + 5s, retry));  // other keys are unaffected
  // The oldest leaves the window after 60 s.
  CHECK(limiter.reserve("a:1", start + 60s, retry));
}

TEST_CASE("a reservation not kept is given back", "[rate_limiter]") {
  WindowLimiter limiter(1, 60s);
  const auto now = SteadyClock::now();
  std::chrono::milliseconds retry{0};
  {
    auto reservation = limiter.reserve("a:1", now, retry);
    REQUIRE(reservation);
    CHECK_FALSE(limiter.reserve("a:1", now, retry));  // counted while it is held
  }
  auto kept = limiter.reserve("a:1", now, retry);
  REQUIRE(kept);
  kept->keep();
  kept.reset();
  CHECK_FALSE(limiter.reserve("a:1", now, retry));
}

TEST_CASE("a window limiter of 0 limits nothing", "[rate_limiter]") {
  WindowLimiter limiter(0, 60s);
  std::chrono::milliseconds retry{0};
  for (int i = 0; i < 100; ++i) CHECK(limiter.reserve("a:1", SteadyClock::now(), retry));
}
