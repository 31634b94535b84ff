// Accounts and authentication over real connections.
#include <catch2/catch.hpp>

#include "tests/integration/test_users.h"

using namespace hearth::testing;

TEST_CASE("register gives a token that authenticates a new connection", "[auth]") {
  Community community;
  TestClient first(community.server->ws_url());
  const auto auth = first.register_as("Ann");
  CHECK(auth.token().size() == 32);
  CHECK(auth.user().role() == hearth::v1::ROLE_MEMBER);
  CHECK(auth.expires_at_ms() > 0);

  TestClient second(community.server->ws_url());
  second.authenticate_with(auth.token());
  const auto who = second.call(requests::who_am_i());
  REQUIRE(who.has_who_am_i());
  CHECK(who.who_am_i().user().handle() == "Ann");

  TestClient forged(community.server->ws_url());
  const auto refused = forged.call(requests::authenticate(std::string(32, 'x')));
  CHECK(refused.error().code() == hearth::v1::UNAUTHENTICATED);
  CHECK(forged.call(requests::authenticate("short")).error().code() == hearth::v1::UNAUTHENTICATED);
}

TEST_CASE("handles are unique ignoring case, and bad ones are explained", "[auth]") {
  Community community;
  TestClient first(community.server->ws_url());
  first.register_as("Robin");
  TestClient second(community.server->ws_url());
  const auto taken = second.call(requests::register_account("robin", kPassword));
  REQUIRE(taken.has_error());
  CHECK(taken.error().code() == hearth::v1::ALREADY_EXISTS);
  CHECK_THAT(taken.error().message(), Catch::Contains("taken"));
  CHECK(second.call(requests::register_account("x", kPassword)).error().code() == hearth::v1::INVALID_ARGUMENT);
  CHECK(second.call(requests::register_account("sam", "short")).error().code() == hearth::v1::INVALID_ARGUMENT);
  second.register_as("robin2");  // the connection is still usable after refusals
}

TEST_CASE("anything but authentication first gets UNAUTHENTICATED and the connection stays", "[auth]") {
  Community community;
  TestClient client(community.server->ws_url());
  const auto refused = client.call(requests::list_rooms());
  REQUIRE(refused.has_error());
  CHECK(refused.error().code() == hearth::v1::UNAUTHENTICATED);
  client.register_as("late");
  CHECK(client.call(requests::list_rooms()).has_rooms());
  // A second authentication on the same connection is refused.
  CHECK(client.call(requests::login("late", kPassword)).error().code() == hearth::v1::INVALID_ARGUMENT);
}

TEST_CASE("login checks the password and counts failures per handle", "[auth]") {
  Community community({"--login-attempts-per-handle", "3"});
  community.member("dana", false);
  TestClient client(community.server->ws_url());
  for (int i = 0; i < 3; ++i) {
    const auto wrong = client.call(requests::login("dana", "not the password"));
    CHECK(wrong.error().code() == hearth::v1::UNAUTHENTICATED);
    CHECK(wrong.error().message() == "wrong handle or password");
  }
  // Unknown handles get the very same answer.
  CHECK(client.call(requests::login("nobody-here", "whatever it is")).error().message() ==
        "wrong handle or password");
  const auto limited = client.call(requests::login("dana", kPassword));
  REQUIRE(limited.has_error());
  CHECK(limited.error().code() == hearth::v1::RATE_LIMITED);
  CHECK(limited.error().retry_after_ms() > 0);
  // Another handle from another connection is unaffected.
  community.member("eli", false);
  TestClient other(community.server->ws_url());
  other.login_as("eli");
}

TEST_CASE("failed logins are also counted per address, across handles", "[auth]") {
  Community community({"--login-attempts-per-address", "4", "--login-attempts-per-handle", "100"});
  community.member("hana", false);
  TestClient client(community.server->ws_url());
  for (int i = 0; i < 4; ++i) {
    const auto guess = client.call(requests::login("guess-" + std::to_string(i), "not a real password"));
    CHECK(guess.error().code() == hearth::v1::UNAUTHENTICATED);
  }
  // The address is now locked out, even for a real account with the right password.
  const auto limited = client.call(requests::login("hana", kPassword));
  REQUIRE(limited.has_error());
  CHECK(limited.error().code() == hearth::v1::RATE_LIMITED);
}

TEST_CASE("the bootstrap admin invite works once - invite-only servers need invites", "[auth]") {
  Community community({"--registration", "invite-only"});
  TestClient again(community.server->ws_url());
  const auto reuse = again.call(requests::register_account("second-admin", kPassword, community.server->admin_invite()));
  CHECK(reuse.error().code() == hearth::v1::NOT_FOUND);
  CHECK(again.call(requests::register_account("uninvited", kPassword)).error().code() == hearth::v1::FORBIDDEN);

  const auto coach_invite = community.admin->call(requests::create_invite(hearth::v1::ROLE_COACH));
  REQUIRE(coach_invite.has_invite());
  TestClient coach(community.server->ws_url());
  CHECK(coach.register_as("coach-kim", coach_invite.invite().code()).user().role() == hearth::v1::ROLE_COACH);
  CHECK(coach.call(requests::create_invite(hearth::v1::ROLE_ADMIN)).error().code() == hearth::v1::FORBIDDEN);
  const auto member_invite = coach.call(requests::create_invite(hearth::v1::ROLE_MEMBER));
  REQUIRE(member_invite.has_invite());
  TestClient member(community.server->ws_url());
  // Codes are forgiving of case and dashes.
  std::string typed = member_invite.invite().code();
  for (char& c : typed) c = static_cast<char>(std::tolower(c));
  CHECK(member.register_as("member-lee", typed).user().role() == hearth::v1::ROLE_MEMBER);
  CHECK(member.call(requests::create_invite(hearth::v1::ROLE_MEMBER)).error().code() == hearth::v1::FORBIDDEN);
}

TEST_CASE("logout closes every connection of that token", "[auth]") {
  Community community;
  TestClient phone(community.server->ws_url());
  const auto auth = phone.register_as("fay");
  TestClient laptop(community.server->ws_url());
  laptop.authenticate_with(auth.token());
  TestClient other_token(community.server->ws_url());
  other_token.login_as("fay");

  // Generous bounds, so that a busy machine does not fail the test: what is checked is that
  // both connections are closed with 4003, not how fast.
  REQUIRE(phone.call(requests::logout()).has_ok());
  const auto laptop_closed = laptop.connection().wait_closed(30s);
  REQUIRE(laptop_closed);
  CHECK(laptop_closed->code == 4003);
  const auto phone_closed = phone.connection().wait_closed(30s);
  REQUIRE(phone_closed);
  CHECK(phone_closed->code == 4003);
  CHECK(other_token.connection().is_open());  // a different token is untouched
  CHECK(other_token.call(requests::who_am_i()).has_who_am_i());

  TestClient retry(community.server->ws_url());
  CHECK(retry.call(requests::authenticate(auth.token())).error().code() == hearth::v1::UNAUTHENTICATED);
}

TEST_CASE("a connection that does not authenticate in time is closed", "[auth]") {
  // A bare server, not a Community: its admin's registration (a password hash) can outlast a
  // one-second deadline on a busy machine.
  TempDir dir;
  HearthdProcess server(dir.path() / "data", {"--auth-timeout-seconds", "1"});
  TestClient idle(server.ws_url());
  const auto closed = idle.connection().wait_closed(5s);
  REQUIRE(closed);
  CHECK(closed->code == 4002);
  const auto goodbye = idle.wait_event([](const auto& e) { return e.has_disconnecting(); }, 1s);
  CHECK(goodbye.disconnecting().close_code() == 4002);
}

TEST_CASE("an account has at most max-connections-per-account connections", "[auth]") {
  Community community({"--max-connections-per-account", "2"});
  TestClient first(community.server->ws_url());
  const auto auth = first.register_as("gus");
  TestClient second(community.server->ws_url());
  second.authenticate_with(auth.token());
  TestClient third(community.server->ws_url());
  const auto refused = third.call(requests::authenticate(auth.token()));
  CHECK(refused.error().code() == hearth::v1::FORBIDDEN);
  const auto closed = third.connection().wait_closed(3s);
  REQUIRE(closed);
  CHECK(closed->code == 4004);
  CHECK(second.call(requests::who_am_i()).has_who_am_i());
}
