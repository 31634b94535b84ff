#include "server/login_throttle.h"

#include <catch2/catch.hpp>
#include <memory>
#include <vector>

using hearth::server::LoginThrottle;
using hearth::server::SteadyClock;
using namespace std::chrono_literals;

namespace {
// One failed attempt at `now`; REQUIREs the throttle let it start.
void fail_once(LoginThrottle& throttle, const std::string& handle, const std::string& address,
               SteadyClock::time_point now) {
  std::chrono::milliseconds retry{0};
  auto attempt = throttle.begin(handle, address, now, retry);
  REQUIRE(attempt);
  attempt->failed(now);
}
}  // namespace

TEST_CASE("attempts under way count before they are settled", "[login_throttle]") {
  LoginThrottle throttle(3, 1000);
  const auto now = SteadyClock::now();
  std::chrono::milliseconds retry{0};
  std::vector<std::shared_ptr<LoginThrottle::Attempt>> under_way;
  for (int i = 0; i < 3; ++i) under_way.push_back(throttle.begin("dana", "a", now, retry));
  for (const auto& attempt : under_way) REQUIRE(attempt);
  CHECK_FALSE(throttle.begin("Dana", "a", now, retry));  // handles compare ignoring case
  CHECK(retry > 0ms);
  // Attempts that never checked a password (the connection went) count nothing.
  under_way.clear();
  CHECK(throttle.begin("dana", "a", now, retry));
}

TEST_CASE("past the free failures each try waits twice as long", "[login_throttle]") {
  LoginThrottle throttle(2, 1000);
  auto now = SteadyClock::now();
  std::chrono::milliseconds retry{0};
  fail_once(throttle, "dana", "a", now);
  fail_once(throttle, "dana", "a", now);
  CHECK_FALSE(throttle.begin("dana", "a", now, retry));
  CHECK(retry == 1000ms);
  now += 1s;
  fail_once(throttle, "dana", "a", now);
  CHECK_FALSE(throttle.begin("dana", "a", now + 1s, retry));
  CHECK(retry == 1000ms);  // 2 s after the last failure
  now += 2s;
  fail_once(throttle, "dana", "a", now);
  CHECK_FALSE(throttle.begin("dana", "a", now + 3s, retry));
  CHECK(retry == 1000ms);  // 4 s
  // Never longer than the cap.
  for (int i = 0; i < 30; ++i) {
    now += LoginThrottle::kMaxDelay;
    fail_once(throttle, "dana", "a", now);
  }
  CHECK_FALSE(throttle.begin("dana", "a", now, retry));
  CHECK(retry == std::chrono::duration_cast<std::chrono::milliseconds>(LoginThrottle::kMaxDelay));
}

TEST_CASE("a stranger's failures do not slow the same handle from another address", "[login_throttle]") {
  LoginThrottle throttle(2, 1000);
  const auto now = SteadyClock::now();
  std::chrono::milliseconds retry{0};
  fail_once(throttle, "dana", "stranger", now);
  fail_once(throttle, "dana", "stranger", now);
  CHECK_FALSE(throttle.begin("dana", "stranger", now, retry));
  auto own = throttle.begin("dana", "home", now, retry);
  REQUIRE(own);
  own->succeeded();
}

TEST_CASE("a success forgives the pair, and failures per address are capped", "[login_throttle]") {
  LoginThrottle throttle(2, 3);
  const auto now = SteadyClock::now();
  std::chrono::milliseconds retry{0};
  fail_once(throttle, "dana", "a", now);
  auto right = throttle.begin("dana", "a", now, retry);
  REQUIRE(right);
  right->succeeded();
  fail_once(throttle, "dana", "a", now);
  fail_once(throttle, "eli", "a", now);
  // Three failures from the address (one before the success): a fourth handle is refused too.
  CHECK_FALSE(throttle.begin("fay", "a", now, retry));
  CHECK(retry > 0ms);
  CHECK(throttle.begin("fay", "b", now, retry));
}
