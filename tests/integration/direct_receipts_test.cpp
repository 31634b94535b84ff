// A delivery receipt reaches the sender's devices even when they were offline when the
// recipient acknowledged: it waits in the database (through a restart) until each device of
// the sender fetches and acknowledges it, and then never comes again.
#include <catch2/catch.hpp>

#include "tests/integration/e2e_test_device.h"

using namespace hearth::testing;
namespace v1 = hearth::v1;

namespace {

v1::DirectMessagesResult fetch_page(TestClient& client, std::uint64_t device_id) {
  const auto fetched = client.call(requests::fetch_direct(device_id, 0, 0));
  INFO(fetched.ShortDebugString());
  REQUIRE(fetched.has_direct_messages());
  return fetched.direct_messages();
}

std::size_t live_receipts(const TestClient& client) {
  std::size_t count = 0;
  for (const auto& event : client.events()) count += event.has_direct_delivered() ? 1 : 0;
  return count;
}

}  // namespace

TEST_CASE("a receipt waits for a sender who was offline, survives a restart, and comes exactly once", "[direct]") {
  Community community;
  auto ann = community.member("ann");
  auto bob = community.member("bob");
  auto ann_on_laptop = community.log_in("ann");
  sponsor(*ann, *bob, "bob");
  E2eDevice ann_phone(*ann, "ann", "phone");
  E2eDevice ann_laptop(*ann_on_laptop, "ann", "laptop");
  E2eDevice bob_phone(*bob, "bob");
  const std::uint64_t dm_id = ann_phone.send_ok("bob", "are you awake?").dm_id();

  // ann goes offline on both devices; bob reads and acknowledges.
  ann.reset();
  ann_on_laptop.reset();
  CHECK(bob_phone.receive_all() == std::vector<std::string>{"are you awake?"});

  bob.reset();
  community.admin.reset();
  REQUIRE(community.server->terminate() == 0);
  community.server = std::make_unique<HearthdProcess>(community.dir.path() / "data");

  // ann's phone comes back: the receipt is there, once, with who and which device.
  auto ann_again = community.log_in("ann");
  ann_phone.use(*ann_again);
  ann_phone.attach();
  const auto page = fetch_page(*ann_again, ann_phone.id());
  CHECK(page.messages().empty());
  REQUIRE(page.receipts_size() == 1);
  CHECK(page.receipts(0).dm_id() == dm_id);
  CHECK(page.receipts(0).recipient().handle() == "bob");
  CHECK(page.receipts(0).device_id() == bob_phone.id());
  // Until acknowledged it comes again; then never.
  CHECK(fetch_page(*ann_again, ann_phone.id()).receipts_size() == 1);
  const auto acked = ann_again->call(requests::ack_direct(ann_phone.id(), {}, {dm_id}));
  INFO(acked.ShortDebugString());
  REQUIRE(acked.has_ok());
  CHECK(fetch_page(*ann_again, ann_phone.id()).receipts().empty());
  ann_again.reset();
  auto ann_third = community.log_in("ann");
  CHECK(fetch_page(*ann_third, ann_phone.id()).receipts().empty());

  // The laptop has its own: its copy of ann's message, and the receipt for it.
  const auto laptop_page = fetch_page(*ann_third, ann_laptop.id());
  REQUIRE(laptop_page.messages_size() == 1);
  CHECK(laptop_page.messages(0).dm_id() == dm_id);
  REQUIRE(laptop_page.receipts_size() == 1);
  CHECK(laptop_page.receipts(0).dm_id() == dm_id);
  // Nothing was pushed to ann as an event on reconnecting: the fetch is where a receipt waits.
  CHECK(live_receipts(*ann_third) == 0);
}

TEST_CASE("a sender online when the recipient acknowledges hears it at once", "[direct]") {
  Community community;
  SponsoredPhones phones(community);
  auto& [ann, bob, ann_phone, bob_phone] = phones;
  const std::uint64_t dm_id = ann_phone.send_ok("bob", "hello").dm_id();
  CHECK(bob_phone.receive_all() == std::vector<std::string>{"hello"});
  const auto receipt =
      ann->wait_event([&](const v1::Event& e) { return e.has_direct_delivered() && e.direct_delivered().dm_id() == dm_id; });
  CHECK(receipt.direct_delivered().device_id() == bob_phone.id());
  // Bob acknowledging again sends nothing more.
  bob_phone.ack({dm_id});
  CHECK(ann->call(requests::who_am_i()).has_who_am_i());
  CHECK(live_receipts(*ann) == 1);
}
