// The plain HTTP side of hearthd: health, metrics, refusals.
#include <catch2/catch.hpp>

#include "tests/integration/test_users.h"

using namespace hearth::testing;

TEST_CASE("healthz answers ok and metrics follow the traffic", "[http]") {
  Community community;
  std::string body;
  CHECK(community.server->http_get("/healthz", body) == 200);
  CHECK(body == "ok\n");
  CHECK(community.server->http_get("/nowhere", body) == 404);

  auto ann = community.member("ann");
  ann->say(community.room_id, "counted, never shown");
  CHECK(metric(*community.server, "hearth_messages_stored_total") >= 1);
  CHECK(metric(*community.server, "hearth_connections_authenticated") == 2);
  CHECK(metric(*community.server, "hearth_fanout_deliveries_total") >= 1);
  CHECK(metric(*community.server, "hearth_storage_transactions_total") >= 1);
  REQUIRE(community.server->http_get("/metrics", body) == 200);
  CHECK(body.find("counted, never shown") == std::string::npos);
  CHECK(body.find("hearth_message_commit_seconds_bucket") != std::string::npos);
}
