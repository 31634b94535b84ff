// One-time prekeys cannot be drained: a requester gets at most a few of each device's one-time
// prekeys in a window, then bundles with the signed prekey alone, which still open a session.
// The count lives in the database, so a restart does not reset it.
#include <catch2/catch.hpp>
#include <set>

#include "tests/integration/e2e_test_device.h"

using namespace hearth::testing;
namespace v1 = hearth::v1;

namespace {

// What one fetch_bundles of `handle` handed out: the one-time prekey id, or nothing.
std::optional<std::uint32_t> fetch_one_time_prekey(TestClient& client, const std::string& handle,
                                                   v1::KeyBundle* bundle_out = nullptr) {
  const auto fetched = client.call(requests::fetch_bundles(handle));
  INFO(fetched.ShortDebugString());
  REQUIRE(fetched.has_bundles());
  REQUIRE(fetched.bundles().bundles_size() == 1);
  const auto& bundle = fetched.bundles().bundles(0);
  CHECK_FALSE(bundle.signed_prekey().public_key().empty());
  if (bundle_out != nullptr) *bundle_out = bundle;
  if (!bundle.has_one_time_prekey()) return std::nullopt;
  return bundle.one_time_prekey().id();
}

}  // namespace

TEST_CASE("a requester drains at most its share of one-time prekeys and the signed prekey alone still works",
          "[direct][prekeys]") {
  const std::vector<std::string> flags = {"--prekeys-per-requester", "3", "--prekeys-per-requester-hours", "24"};
  Community community(flags);
  auto bob = community.member("bob");
  auto mal = community.member("mal");
  auto ann = community.member("ann");
  E2eDevice bob_phone(*bob, "bob", "phone", 60);

  // mal loops: three one-time prekeys, then bundles without one, however often mal asks.
  std::set<std::uint32_t> drained;
  for (int i = 0; i < 40; ++i) {
    if (const auto id = fetch_one_time_prekey(*mal, "bob")) drained.insert(*id);
    if (i == 2) CHECK(drained.size() == 3);
  }
  CHECK(drained.size() == 3);
  CHECK(bob_phone.attach().one_time_prekeys_left() == 57);

  // A restart does not give mal a fresh share.
  mal.reset();
  ann.reset();
  bob.reset();
  community.admin.reset();
  REQUIRE(community.server->terminate() == 0);
  community.server = std::make_unique<HearthdProcess>(community.dir.path() / "data", flags);
  const std::string url = community.server->ws_url();
  mal = std::make_unique<TestClient>(url);
  mal->login_as("mal");
  for (int i = 0; i < 5; ++i) CHECK_FALSE(fetch_one_time_prekey(*mal, "bob").has_value());

  // Someone else still gets one.
  ann = std::make_unique<TestClient>(url);
  ann->login_as("ann");
  const auto anns = fetch_one_time_prekey(*ann, "bob");
  REQUIRE(anns.has_value());
  CHECK(drained.count(*anns) == 0);
  bob = std::make_unique<TestClient>(url);
  bob->login_as("bob");
  bob_phone.use(*bob);
  CHECK(bob_phone.attach().one_time_prekeys_left() == 56);

  // A session opened from mal's bundle without a one-time prekey carries a first message that
  // decrypts (X3DH without the one-time prekey).
  E2eDevice mal_phone(*mal, "mal");
  v1::KeyBundle signed_only;
  REQUIRE_FALSE(fetch_one_time_prekey(*mal, "bob", &signed_only).has_value());
  mal_phone.open_session(signed_only);
  CHECK(mal_phone.send_ok("bob", "a first message with the signed prekey alone").request());
  REQUIRE(bob->call(requests::answer_direct_request("mal", v1::REQUEST_ACCEPT)).has_ok());
  CHECK(bob_phone.receive_all() == std::vector<std::string>{"a first message with the signed prekey alone"});
}

TEST_CASE("with prekeys-per-requester 0 the limit is off", "[direct][prekeys]") {
  Community community({"--prekeys-per-requester", "0"});
  auto bob = community.member("bob");
  auto mal = community.member("mal");
  E2eDevice bob_phone(*bob, "bob", "phone", 10);
  for (int i = 0; i < 10; ++i) CHECK(fetch_one_time_prekey(*mal, "bob").has_value());
  CHECK_FALSE(fetch_one_time_prekey(*mal, "bob").has_value());
}
