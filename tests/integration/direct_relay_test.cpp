// End-to-end direct messages through the real relay: offline queues, several devices, live
// pushes, removed devices, and what the relay and the client refuse. Every message is really
// encrypted by one test device and decrypted by another (hearth_e2e).
#include <algorithm>
#include <catch2/catch.hpp>

#include "tests/integration/e2e_test_device.h"
#include "tests/integration/raw_websocket.h"

using namespace hearth::testing;
namespace v1 = hearth::v1;

namespace {

std::vector<std::uint64_t> sorted(std::vector<std::uint64_t> ids) {
  std::sort(ids.begin(), ids.end());
  return ids;
}

std::vector<std::uint64_t> expected_devices(const v1::Error& error) {
  return sorted({error.expected_device_ids().begin(), error.expected_device_ids().end()});
}

}  // namespace

TEST_CASE("messages to an offline device wait, arrive in order, decrypt, and are deleted once acknowledged", "[direct]") {
  Community community;
  auto ann = community.member("ann");
  auto bob = community.member("bob");
  sponsor(*ann, *bob, "bob");
  E2eDevice ann_phone(*ann, "ann");
  E2eDevice bob_laptop(*bob, "bob", "laptop");
  bob.reset();  // bob's only device is offline from here on

  const std::vector<std::string> texts = {"day one without a drink", "the meeting helped", "called my sister",
                                          "a hard night", "still here"};
  std::vector<std::uint64_t> sent_ids;
  for (const auto& text : texts) {
    const auto sent = ann_phone.send_ok("bob", text);
    CHECK_FALSE(sent.request());
    if (!sent_ids.empty()) CHECK(sent.dm_id() > sent_ids.back());
    sent_ids.push_back(sent.dm_id());
  }

  auto bob_again = community.log_in("bob");
  bob_laptop.use(*bob_again);
  CHECK(bob_laptop.attach().queued() == 5);
  const auto fetched = bob_laptop.fetch();
  REQUIRE(fetched.size() == 5);
  std::vector<std::uint64_t> ids;
  for (std::size_t i = 0; i < fetched.size(); ++i) {
    const auto& message = fetched[i];
    ids.push_back(message.dm_id());
    CHECK(message.device_id() == bob_laptop.id());
    CHECK(message.sender().handle() == "ann");
    CHECK(message.sender_device_id() == ann_phone.id());
    CHECK(message.recipient().handle() == "bob");
    const auto text = bob_laptop.decrypt(message);
    REQUIRE(text.ok());
    CHECK(text.value() == texts[i]);
  }
  CHECK(ids == sent_ids);  // ascending, in the order sent
  bob_laptop.ack(ids);
  CHECK(bob_laptop.fetch().empty());
  CHECK(bob_laptop.attach().queued() == 0);

  // ann hears of each delivery to bob's laptop.
  std::vector<std::uint64_t> receipts;
  REQUIRE(eventually([&] {
    receipts.clear();
    for (const auto& event : ann->events()) {
      if (!event.has_direct_delivered()) continue;
      CHECK(event.direct_delivered().recipient().handle() == "bob");
      CHECK(event.direct_delivered().device_id() == bob_laptop.id());
      receipts.push_back(event.direct_delivered().dm_id());
    }
    return receipts.size() >= 5;
  }));
  CHECK(sorted(receipts) == sent_ids);

  ann.reset();
  bob_again.reset();
  community.admin.reset();
  REQUIRE(community.server->terminate() == 0);
  CHECK(count_rows(community.dir.path() / "data", "direct_copies") == 0);
  CHECK(count_rows(community.dir.path() / "data", "direct_messages") == 0);
}

TEST_CASE("every device of the recipient and the sender's other devices get their own copy", "[direct]") {
  Community community;
  auto ann = community.member("ann");
  auto bob = community.member("bob");
  auto bob_on_laptop = community.log_in("bob");
  sponsor(*ann, *bob, "bob");
  E2eDevice ann_phone(*ann, "ann");
  E2eDevice bob_phone(*bob, "bob", "phone");
  E2eDevice bob_laptop(*bob_on_laptop, "bob", "laptop");

  SECTION("a copy set missing a device is refused with the devices to encrypt for") {
    auto copies = ann_phone.encrypt_for("bob", "only one of you will read this");
    REQUIRE(copies.size() == 2);
    copies.pop_back();
    const auto error = expect_error(ann_phone.send_copies("bob", copies), v1::DEVICES_CHANGED);
    CHECK(expected_devices(error) == sorted({bob_phone.id(), bob_laptop.id()}));
    CHECK(bob_phone.fetch().empty());
    CHECK(bob_laptop.fetch().empty());
  }

  // The phone is attached on its open connection: it gets the message pushed, without a fetch.
  CHECK(bob_phone.attach().queued() == 0);
  ann_phone.send_ok("bob", "are you both there?");
  const auto pushed = bob_phone.wait_pushed(1);
  REQUIRE(pushed.size() == 1);
  CHECK(pushed[0].sender().handle() == "ann");
  const auto pushed_text = bob_phone.decrypt(pushed[0]);
  REQUIRE(pushed_text.ok());
  CHECK(pushed_text.value() == "are you both there?");
  bob_phone.ack({pushed[0].dm_id()});
  // The laptop is not attached: nothing is pushed to it, but its copy waits.
  CHECK(bob_laptop.receive_all() == std::vector<std::string>{"are you both there?"});
  for (const auto& event : bob_on_laptop->events()) CHECK_FALSE(event.has_direct_message());

  // bob answers from his phone: ann gets it, and so does bob's laptop, as his own sent copy.
  const auto reply = bob_phone.send_ok("ann", "yes, on both");
  CHECK(ann_phone.receive_all() == std::vector<std::string>{"yes, on both"});
  const auto own_copy = bob_laptop.fetch();
  REQUIRE(own_copy.size() == 1);
  CHECK(own_copy[0].dm_id() == reply.dm_id());
  CHECK(own_copy[0].sender().handle() == "bob");
  CHECK(own_copy[0].sender_device_id() == bob_phone.id());
  CHECK(own_copy[0].recipient().handle() == "ann");
  const auto own_text = bob_laptop.decrypt(own_copy[0]);
  REQUIRE(own_text.ok());
  CHECK(own_text.value() == "yes, on both");
  bob_laptop.ack({own_copy[0].dm_id()});
  // A receipt goes to the sender for each of the recipient's devices, never for own copies.
  ann->wait_event([&](const v1::Event& e) {
    return e.has_direct_delivered() && e.direct_delivered().device_id() == bob_laptop.id();
  });
  REQUIRE(bob->call(requests::list_contacts()).has_contacts());  // a round trip: earlier events are in
  for (const auto& event : bob->events()) {
    if (event.has_direct_delivered()) CHECK(event.direct_delivered().device_id() == ann_phone.id());
  }

  // The laptop is removed with a message still queued for it.
  ann_phone.send_ok("bob", "one for the laptop too");
  const auto stale = ann_phone.encrypt_for("bob", "for a laptop that is gone");
  REQUIRE(stale.size() == 2);
  REQUIRE(bob->call(requests::remove_device(bob_laptop.id())).has_ok());
  expect_error(bob_on_laptop->call(requests::fetch_direct(bob_laptop.id())), v1::NOT_FOUND);
  expect_error(bob_on_laptop->call(requests::attach_device(bob_laptop.id())), v1::NOT_FOUND);
  const auto changed = expect_error(ann_phone.send_copies("bob", stale), v1::DEVICES_CHANGED);
  CHECK(expected_devices(changed) == std::vector<std::uint64_t>{bob_phone.id()});
  ann_phone.send_ok("bob", "just the phone now");
  // The phone, attached, got both pushed; it reads them by fetch as well.
  CHECK(bob_phone.receive_all() == std::vector<std::string>{"one for the laptop too", "just the phone now"});
  CHECK(bob_phone.fetch().empty());

  ann.reset();
  bob.reset();
  bob_on_laptop.reset();
  community.admin.reset();
  REQUIRE(community.server->terminate() == 0);
  // The removed laptop's queued copy went with it: nothing is left anywhere.
  CHECK(count_rows(community.dir.path() / "data", "direct_copies") == 0);
  CHECK(count_rows(community.dir.path() / "data", "direct_messages") == 0);
}

TEST_CASE("a tampered or replayed envelope fails to decrypt and the session carries on", "[direct]") {
  Community community;
  SponsoredPhones phones(community);
  auto& [ann, bob, ann_phone, bob_phone] = phones;

  // The very first (prekey) message, tampered, starts no session and uses up no prekey.
  ann_phone.send_ok("bob", "first");
  auto first = bob_phone.fetch();
  REQUIRE(first.size() == 1);
  auto tampered_first = first[0];
  tampered_first.mutable_envelope()->back() ^= 0x01;
  const auto refused_first = bob_phone.decrypt(tampered_first);
  REQUIRE_FALSE(refused_first.ok());
  CHECK(refused_first.error() == hearth::e2e::E2eError::kDecryptFailed);
  CHECK_FALSE(bob_phone.has_session_with(ann_phone.id()));
  const auto genuine_first = bob_phone.decrypt(first[0]);
  REQUIRE(genuine_first.ok());
  CHECK(genuine_first.value() == "first");
  bob_phone.ack({first[0].dm_id()});
  // bob answers, so ann's next messages are ordinary ratchet messages, no longer prekey messages.
  bob_phone.send_ok("ann", "got it");
  CHECK(ann_phone.receive_all() == std::vector<std::string>{"got it"});

  ann_phone.send_ok("bob", "second");
  ann_phone.send_ok("bob", "third");
  const auto later = bob_phone.fetch();
  REQUIRE(later.size() == 2);
  for (const std::size_t at : {later[0].envelope().size() - 20, std::size_t{10}}) {  // body, then header
    auto tampered = later[0];
    (*tampered.mutable_envelope())[at] ^= 0x40;
    const auto refused = bob_phone.decrypt(tampered);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error() == hearth::e2e::E2eError::kDecryptFailed);
  }
  const auto second = bob_phone.decrypt(later[0]);
  REQUIRE(second.ok());
  CHECK(second.value() == "second");
  // The same envelope again (as a replaying relay would send it) is refused.
  const auto replayed = bob_phone.decrypt(later[0]);
  REQUIRE_FALSE(replayed.ok());
  CHECK((replayed.error() == hearth::e2e::E2eError::kDuplicateMessage ||
         replayed.error() == hearth::e2e::E2eError::kDecryptFailed));
  const auto replayed_first = bob_phone.decrypt(first[0]);
  CHECK_FALSE(replayed_first.ok());
  const auto third = bob_phone.decrypt(later[1]);
  REQUIRE(third.ok());
  CHECK(third.value() == "third");
}

TEST_CASE("an envelope over the size limit is TOO_LARGE and stores nothing", "[direct]") {
  Community community({"--max-direct-envelope-bytes", "400"});
  SponsoredPhones phones(community);
  auto& [ann, bob, ann_phone, bob_phone] = phones;

  const auto copies = ann_phone.encrypt_for("bob", std::string(300, 'x'));
  REQUIRE(copies.size() == 1);
  REQUIRE(copies[0].envelope().size() > 400);
  expect_error(ann_phone.send_copies("bob", copies), v1::TOO_LARGE);
  CHECK(bob_phone.attach().queued() == 0);
  ann_phone.send_ok("bob", "short is fine");
  CHECK(bob_phone.receive_all() == std::vector<std::string>{"short is fine"});
}

TEST_CASE("a full device queue refuses with LIMIT_REACHED, storing nothing, until it is acknowledged", "[direct]") {
  Community community({"--max-direct-queued-per-device", "3"});
  auto ann = community.member("ann");
  auto bob = community.member("bob");
  sponsor(*ann, *bob, "bob");
  E2eDevice ann_phone(*ann, "ann");
  auto ann_on_laptop = community.log_in("ann");
  E2eDevice ann_laptop(*ann_on_laptop, "ann", "laptop");  // gets ann's own copies, never reads them
  E2eDevice bob_phone(*bob, "bob");

  for (const char* text : {"m1", "m2", "m3"}) ann_phone.send_ok("bob", text);
  expect_error(ann_phone.send("bob", "m4"), v1::LIMIT_REACHED);
  CHECK(bob_phone.attach().queued() == 3);
  CHECK(bob_phone.receive_all() == std::vector<std::string>{"m1", "m2", "m3"});
  // Room again: the next message arrives (the refused one's ratchet step is simply skipped).
  ann_phone.send_ok("bob", "m5");
  CHECK(bob_phone.receive_all() == std::vector<std::string>{"m5"});

  ann.reset();
  ann_on_laptop.reset();
  bob.reset();
  community.admin.reset();
  REQUIRE(community.server->terminate() == 0);
  // What stays is ann's laptop's copies of m1, m2, m3 and m5: none of the refused m4.
  CHECK(count_rows(community.dir.path() / "data", "direct_messages") == 4);
  CHECK(count_rows(community.dir.path() / "data", "direct_copies") == 4);
}

TEST_CASE("a device whose connection drops while attached loses nothing", "[direct]") {
  Community community;
  auto ann = community.member("ann");
  auto bob = community.member("bob");
  const std::string bob_token = TestClient(community.server->ws_url()).login_as("bob").token();
  sponsor(*ann, *bob, "bob");
  E2eDevice ann_phone(*ann, "ann");
  E2eDevice bob_phone(*bob, "bob");
  bob.reset();

  {
    RawWebSocket dying(community.server->port(), bob_token);
    dying.send(requests::attach_device(bob_phone.id()), 2);
    REQUIRE(dying.read_response(2).has_device_attached());
    ann_phone.send_ok("bob", "pushed to a phone");
    ann_phone.send_ok("bob", "that is about to");
    dying.reset();  // the network goes, without a close
  }
  ann_phone.send_ok("bob", "lose its network");

  auto bob_again = community.log_in("bob");
  bob_phone.use(*bob_again);
  CHECK(bob_phone.attach().queued() == 3);
  CHECK(bob_phone.receive_all() ==
        std::vector<std::string>{"pushed to a phone", "that is about to", "lose its network"});
}
