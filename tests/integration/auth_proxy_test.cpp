// Behind a reverse proxy every client arrives from the proxy's address (here, as with the shipped
// nginx, 127.0.0.1). The address per-address limits count comes from X-Forwarded-For only when
// the peer is a configured trusted proxy, so one person's failures do not stop everyone else, and
// a stranger's failures never keep a person out of their own account. Each connection below says
// it was forwarded for a client, as nginx's `$proxy_add_x_forwarded_for` does.
#include <algorithm>
#include <catch2/catch.hpp>

#include "tests/integration/test_users.h"

using namespace hearth::testing;

namespace {

// Connection options of a connection the proxy forwarded for `client` (one header field per
// entry, as a proxy that adds its own field beside the client's would send them).
hearth::client::ConnectOptions forwarded_for(std::initializer_list<std::string> fields) {
  hearth::client::ConnectOptions options;
  for (const auto& field : fields) options.headers.emplace_back("X-Forwarded-For", field);
  return options;
}

std::unique_ptr<TestClient> client_at(const Community& community, std::initializer_list<std::string> fields) {
  return std::make_unique<TestClient>(community.server->ws_url(), forwarded_for(fields));
}

// `count` wrong logins at once, each for its own made-up handle.
std::vector<hearth::v1::Response> made_up_logins(const Community& community, std::size_t count,
                                                 std::initializer_list<std::string> fields) {
  return at_once(*community.server, count,
                 [](std::size_t i) { return requests::login("made-up-" + std::to_string(i), "not a real password"); },
                 forwarded_for(fields));
}

hearth::v1::ErrorCode login_error(const Community& community, std::initializer_list<std::string> fields,
                                  const std::string& handle) {
  return client_at(community, fields)->call(requests::login(handle, kPassword)).error().code();
}

}  // namespace

TEST_CASE("behind a trusted proxy, one address's failed logins do not stop another person's login",
          "[auth][proxy]") {
  // A generous deadline: the 30 hashes of one address take turns, however busy the machine.
  Community community({"--trusted-proxy", "127.0.0.1", "--auth-timeout-seconds", "300"});
  community.member("vera", false);

  const auto answers = made_up_logins(community, 35, {"203.0.113.5"});
  CHECK(count_code(answers, hearth::v1::UNAUTHENTICATED) == 30);
  CHECK(count_code(answers, hearth::v1::RATE_LIMITED) == 5);
  // The guessing address is limited, even with the right password ...
  CHECK(login_error(community, {"203.0.113.5"}, "vera") == hearth::v1::RATE_LIMITED);
  // ... and everyone else logs in.
  client_at(community, {"198.51.100.7"})->login_as("vera");
  // So does a connection of the proxy's own (no header): it counts as the proxy's address.
  TestClient(community.server->ws_url()).login_as("vera");
}

TEST_CASE("a stranger's failed logins for a person's handle do not lock the person out", "[auth][proxy]") {
  Community community({"--trusted-proxy", "127.0.0.1"});
  community.member("wren", false);
  // The stranger uses up the handle's free failures from their address at once, then keeps
  // trying until the doubling wait refuses them (how soon depends on the machine's speed).
  const auto answers = at_once(
      *community.server, 5, [](std::size_t) { return requests::login("wren", "a wrong guess at it"); },
      forwarded_for({"203.0.113.5"}));
  CHECK(count_code(answers, hearth::v1::UNAUTHENTICATED) == 5);
  auto stranger = client_at(community, {"203.0.113.5"});
  bool refused = false;
  for (int attempt = 0; attempt < 12 && !refused; ++attempt) {
    const auto answer = stranger->call(requests::login("wren", "another wrong guess"));
    REQUIRE(answer.has_error());
    refused = answer.error().code() == hearth::v1::RATE_LIMITED;
    if (refused) CHECK(answer.error().retry_after_ms() > 0);
  }
  REQUIRE(refused);
  // Wren, from her own address, is not slowed at all.
  client_at(community, {"198.51.100.7"})->login_as("wren");
}

TEST_CASE("registrations are counted per client address behind a trusted proxy", "[auth][proxy]") {
  Community community({"--trusted-proxy", "127.0.0.1", "--registrations-per-address-per-hour", "2"});
  const auto answers = at_once(
      *community.server, 4,
      [](std::size_t i) { return requests::register_account("new-" + std::to_string(i), kPassword); },
      forwarded_for({"203.0.113.5"}));
  CHECK(std::count_if(answers.begin(), answers.end(), [](const auto& a) { return a.has_auth(); }) == 2);
  CHECK(count_code(answers, hearth::v1::RATE_LIMITED) == 2);
  client_at(community, {"198.51.100.7"})->register_as("someone-else");
}

TEST_CASE("from a trusted proxy, the rightmost address that is not a proxy is the client", "[auth][proxy]") {
  Community community({"--trusted-proxy", "127.0.0.0/8", "--login-attempts-per-address", "3"});
  community.member("yael", false);
  // What the client wrote itself (on the left) is not believed: the proxy's entry counts.
  CHECK(count_code(made_up_logins(community, 5, {"198.51.100.20, 203.0.113.9"}), hearth::v1::RATE_LIMITED) == 2);
  CHECK(login_error(community, {"198.51.100.21, 203.0.113.9"}, "yael") == hearth::v1::RATE_LIMITED);
  CHECK(login_error(community, {"203.0.113.9, 127.0.0.5"}, "yael") == hearth::v1::RATE_LIMITED);
  // A field the proxy added beside the client's own counts the same as one it extended.
  CHECK(login_error(community, {"198.51.100.22", "203.0.113.9"}, "yael") == hearth::v1::RATE_LIMITED);
  client_at(community, {"203.0.113.10"})->login_as("yael");
}

TEST_CASE("an unreadable X-Forwarded-For from a trusted proxy counts as the proxy's address", "[auth][proxy]") {
  Community community({"--trusted-proxy", "127.0.0.1", "--login-attempts-per-address", "3"});
  community.member("zora", false);
  CHECK(count_code(made_up_logins(community, 5, {"unknown"}), hearth::v1::RATE_LIMITED) == 2);
  CHECK(login_error(community, {"203.0.113.9:4711"}, "zora") == hearth::v1::RATE_LIMITED);
  CHECK(login_error(community, {}, "zora") == hearth::v1::RATE_LIMITED);
  client_at(community, {"203.0.113.10"})->login_as("zora");
}

TEST_CASE("X-Forwarded-For from a peer that is not a trusted proxy is ignored", "[auth][proxy]") {
  // Without the option, and with proxies elsewhere: every connection really comes from 127.0.0.1.
  for (const std::vector<std::string>& trusted : {std::vector<std::string>{},
                                                   std::vector<std::string>{"--trusted-proxy", "192.0.2.0/24"}}) {
    std::vector<std::string> args = trusted;
    args.insert(args.end(), {"--login-attempts-per-address", "3"});
    Community community(args);
    community.member("uma", false);
    CHECK(count_code(made_up_logins(community, 5, {"203.0.113.5"}), hearth::v1::RATE_LIMITED) == 2);
    CHECK(login_error(community, {"198.51.100.7"}, "uma") == hearth::v1::RATE_LIMITED);
  }
}
