// Nothing a person typed or holds as a secret reaches hearthd's output.
#include <catch2/catch.hpp>

#include "clients/client/hex.h"
#include "tests/integration/test_users.h"

using namespace hearth::testing;

TEST_CASE("logs carry no message text, password, token or invite code", "[privacy]") {
  Community community({"--log-level", "debug"});
  auto ann = community.member("ann");
  const auto login = TestClient(community.server->ws_url()).login_as("ann");
  TestClient failed(community.server->ws_url());
  failed.call(requests::login("ann", "a wrong guess at the password"));
  const std::string secret_text = "my brother relapsed on tuesday";
  ann->say(community.room_id, secret_text);
  const auto invite = community.admin->call(requests::create_invite(hearth::v1::ROLE_MEMBER));
  REQUIRE(invite.has_invite());
  ann.reset();
  community.admin.reset();
  community.server->terminate();

  const std::string logs = community.server->output();
  CHECK(logs.find("auth.login_failed") != std::string::npos);  // the logs do say what happened
  CHECK(logs.find(secret_text) == std::string::npos);
  CHECK(logs.find(kPassword) == std::string::npos);
  CHECK(logs.find("a wrong guess at the password") == std::string::npos);
  CHECK(logs.find(hearth::client::to_hex(login.token())) == std::string::npos);
  CHECK(logs.find(login.token()) == std::string::npos);
  CHECK(logs.find(invite.invite().code()) == std::string::npos);
}
