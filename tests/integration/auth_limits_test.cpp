// Limits on authentication are counted before the password hash they protect, so many requests
// at once cannot race past them, and nothing a client sends keeps an unauthenticated connection
// open past its deadline. "No hash happened" is read from hearth_password_hashes_total, never
// from timing.
#include <catch2/catch.hpp>
#include <future>

#include "tests/integration/test_users.h"

using namespace hearth::testing;

namespace {

constexpr const char* kHashes = "hearth_password_hashes_total";

}  // namespace

TEST_CASE("parallel wrong logins for one handle are counted before the hash", "[auth][limits]") {
  Community community({"--login-attempts-per-handle", "3", "--login-attempts-per-address", "1000"});
  community.member("dana", false);
  const double hashes_before = metric(*community.server, kHashes);
  REQUIRE(hashes_before >= 0);

  const auto answers =
      at_once(*community.server, 40, [](std::size_t) { return requests::login("dana", "not the password"); });
  CHECK(count_code(answers, hearth::v1::UNAUTHENTICATED) <= 3);
  CHECK(count_code(answers, hearth::v1::RATE_LIMITED) >= 37);
  for (const auto& answer : answers) {
    if (answer.error().code() == hearth::v1::RATE_LIMITED) CHECK(answer.error().retry_after_ms() > 0);
  }
  CHECK(metric(*community.server, kHashes) - hashes_before <= 3);
}

TEST_CASE("parallel wrong logins from one address are counted before the hash", "[auth][limits]") {
  Community community({"--login-attempts-per-address", "5"});
  const double hashes_before = metric(*community.server, kHashes);
  REQUIRE(hashes_before >= 0);
  const auto answers = at_once(*community.server, 20, [](std::size_t i) {
    return requests::login("guess-" + std::to_string(i), "not a real password");
  });
  CHECK(count_code(answers, hearth::v1::UNAUTHENTICATED) == 5);
  CHECK(count_code(answers, hearth::v1::RATE_LIMITED) == 15);
  CHECK(metric(*community.server, kHashes) - hashes_before == 5);
}

TEST_CASE("registrations are limited per address, counted before the hash", "[auth][limits]") {
  // The community's admin registered from this address too: 3 more fit.
  Community community({"--registrations-per-address-per-hour", "4"});
  const auto answers = at_once(*community.server, 8, [](std::size_t i) {
    return requests::register_account("newcomer-" + std::to_string(i), kPassword);
  });
  CHECK(std::count_if(answers.begin(), answers.end(), [](const auto& a) { return a.has_auth(); }) == 3);
  CHECK(count_code(answers, hearth::v1::RATE_LIMITED) == 5);
  for (const auto& answer : answers) {
    if (answer.has_error()) CHECK(answer.error().retry_after_ms() > 0);
  }
}

TEST_CASE("a taken handle costs no hash, and the deadline closes whatever a connection sends", "[auth][limits]") {
  Community community({"--auth-timeout-seconds", "2"});
  community.member("robin", false);
  const double hashes_before = metric(*community.server, kHashes);
  REQUIRE(hashes_before >= 0);
  TestClient pest(community.server->ws_url());
  // Registering a taken handle over and over: each answer comes, none of them authenticates.
  std::size_t refused = 0;
  while (pest.connection().is_open() && refused < 10'000) {
    const auto taken = pest.call(requests::register_account("Robin", kPassword));
    if (taken.has_error() && taken.error().code() == hearth::v1::ALREADY_EXISTS) ++refused;
    else break;
  }
  const auto closed = pest.connection().wait_closed(30s);
  INFO(refused << " refusals before the close");
  REQUIRE(closed);
  CHECK(closed->code == 4002);
  CHECK(refused > 0);
  CHECK(metric(*community.server, kHashes) == hashes_before);
}

TEST_CASE("one connection has one authentication in flight at a time", "[auth][limits]") {
  Community community;
  community.member("kit", false);
  const double hashes_before = metric(*community.server, kHashes);
  REQUIRE(hashes_before >= 0);
  TestClient client(community.server->ws_url());
  auto first = client.connection().send_request(requests::login("kit", "not the password"));
  auto second = client.connection().send_request(requests::login("kit", "not the password either"));
  const auto refused = second.get();
  CHECK(refused.error().code() == hearth::v1::INVALID_ARGUMENT);
  CHECK_THAT(refused.error().message(), Catch::Contains("in progress"));
  CHECK(first.get().error().code() == hearth::v1::UNAUTHENTICATED);
  CHECK(metric(*community.server, kHashes) - hashes_before == 1);
}
