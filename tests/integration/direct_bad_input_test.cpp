// Malformed and out-of-bounds direct-message requests: each gets its typed error, and none of
// them leaves anything behind (no message, no device, no key).
#include <catch2/catch.hpp>

#include "tests/integration/e2e_test_device.h"

using namespace hearth::testing;
namespace v1 = hearth::v1;

namespace {

v1::DirectCopy copy_for(std::uint64_t device_id) {
  v1::DirectCopy copy;
  copy.set_device_id(device_id);
  copy.set_envelope(std::string(100, 'e'));
  return copy;
}

v1::ClientFrame send_frame(const std::string& to, std::uint64_t sender_device, std::vector<v1::DirectCopy> copies) {
  return requests::send_direct(to, sender_device, std::move(copies));
}

}  // namespace

TEST_CASE("malformed direct-message requests get typed errors and store nothing", "[direct]") {
  Community community({"--max-devices-per-user", "2"});
  SponsoredPhones phones(community);
  auto& [ann, bob, ann_phone, bob_phone] = phones;
  const std::uint64_t bobs = bob_phone.id();

  SECTION("sending") {
    expect_error(ann->call(send_frame("bob", 0, {copy_for(bobs)})), v1::INVALID_ARGUMENT);        // which device?
    expect_error(ann->call(send_frame("bob", ann_phone.id(), {})), v1::INVALID_ARGUMENT);         // no copies
    expect_error(ann->call(send_frame("bob", ann_phone.id(), {copy_for(bobs), copy_for(bobs)})),  // twice
                 v1::INVALID_ARGUMENT);
    std::vector<v1::DirectCopy> too_many;
    for (std::uint64_t id = 100; id < 105; ++id) too_many.push_back(copy_for(id));
    expect_error(ann->call(send_frame("bob", ann_phone.id(), too_many)), v1::INVALID_ARGUMENT);
    auto empty = copy_for(bobs);
    empty.clear_envelope();
    expect_error(ann->call(send_frame("bob", ann_phone.id(), {empty})), v1::INVALID_ARGUMENT);
    expect_error(ann->call(send_frame("ann", ann_phone.id(), {copy_for(bobs)})), v1::INVALID_ARGUMENT);  // self
    // Another account's device as the sender is as unknown as a stranger.
    expect_error(ann->call(send_frame("bob", bobs, {copy_for(bobs)})), v1::NOT_FOUND);
  }
  SECTION("the relay") {
    expect_error(ann->call(requests::fetch_direct(ann_phone.id(), 0, 201)), v1::TOO_LARGE);
    std::vector<std::uint64_t> ids(501, 1);
    expect_error(ann->call(requests::ack_direct(ann_phone.id(), ids)), v1::TOO_LARGE);
    // bob's device is not ann's to read, acknowledge, attach or remove.
    expect_error(ann->call(requests::fetch_direct(bobs)), v1::NOT_FOUND);
    expect_error(ann->call(requests::ack_direct(bobs, {1})), v1::NOT_FOUND);
    expect_error(ann->call(requests::attach_device(bobs)), v1::NOT_FOUND);
    expect_error(ann->call(requests::remove_device(bobs)), v1::NOT_FOUND);
  }
  SECTION("the key directory") {
    const auto fresh = e2e::DeviceKeys::generate(3);
    auto short_key = publish_request(fresh, "tablet");
    short_key.set_identity_dh_key("too short");
    expect_error(ann->call(requests::publish_keys(short_key)), v1::INVALID_ARGUMENT);
    auto short_signature = publish_request(fresh, "tablet");
    short_signature.mutable_signed_prekey()->set_signature(std::string(63, 's'));
    expect_error(ann->call(requests::publish_keys(short_signature)), v1::INVALID_ARGUMENT);
    expect_error(ann->call(requests::publish_keys(publish_request(fresh, ""))), v1::INVALID_ARGUMENT);  // no name
    expect_error(ann->call(requests::publish_keys(publish_request(fresh, std::string(41, 'n')))), v1::INVALID_ARGUMENT);
    auto repeated_ids = publish_request(fresh, "tablet");
    repeated_ids.mutable_one_time_prekeys(1)->set_id(repeated_ids.one_time_prekeys(0).id());
    expect_error(ann->call(requests::publish_keys(repeated_ids)), v1::INVALID_ARGUMENT);
    // Ids count from 1: id 0 is refused even when correctly signed.
    auto zero_signed_id = publish_request(fresh, "tablet");
    zero_signed_id.mutable_signed_prekey()->set_id(0);
    const auto signed_zero = e2e::ed25519_sign(
        fresh.identity_signing_seed().span(),
        e2e::signed_prekey_signature_message(0, as_bytes(zero_signed_id.signed_prekey().public_key())));
    zero_signed_id.mutable_signed_prekey()->set_signature(as_string(*signed_zero));
    expect_error(ann->call(requests::publish_keys(zero_signed_id)), v1::INVALID_ARGUMENT);
    auto zero_one_time_id = publish_request(fresh, "tablet");
    zero_one_time_id.mutable_one_time_prekeys(0)->set_id(0);
    expect_error(ann->call(requests::publish_keys(zero_one_time_id)), v1::INVALID_ARGUMENT);
    auto many = publish_request(e2e::DeviceKeys::generate(101), "tablet");
    expect_error(ann->call(requests::publish_keys(many)), v1::TOO_LARGE);
    // Nothing of it became a device.
    const auto devices = ann->call(requests::list_devices());
    REQUIRE(devices.has_devices());
    CHECK(devices.devices().devices_size() == 1);
  }
  SECTION("requests, blocks and sponsorships") {
    expect_error(bob->call(requests::answer_direct_request("ann", v1::REQUEST_ANSWER_UNSPECIFIED)), v1::INVALID_ARGUMENT);
    expect_error(bob->call(requests::answer_direct_request("ann", v1::REQUEST_ACCEPT)), v1::NOT_FOUND);  // none waits
    expect_error(bob->call(requests::block_user("bob")), v1::INVALID_ARGUMENT);
    expect_error(bob->call(requests::block_user("nobody-here")), v1::NOT_FOUND);
    expect_error(bob->call(requests::block_user("ann", true)), v1::NOT_FOUND);  // not blocked
    expect_error(bob->call(requests::ask_sponsor("")), v1::INVALID_ARGUMENT);
    expect_error(bob->call(requests::answer_sponsorship(9999, true)), v1::NOT_FOUND);
    expect_error(bob->call(requests::end_sponsorship(9999)), v1::NOT_FOUND);
    // An answered ask cannot be answered again, by either side.
    const auto list = ann->call(requests::list_sponsorships());
    REQUIRE(list.sponsorships().sponsorships_size() == 1);
    expect_error(ann->call(requests::answer_sponsorship(list.sponsorships().sponsorships(0).sponsorship_id(), true)),
                 v1::NOT_FOUND);
  }

  ann.reset();
  bob.reset();
  community.admin.reset();
  REQUIRE(community.server->terminate() == 0);
  const auto data_dir = community.dir.path() / "data";
  CHECK(count_rows(data_dir, "direct_messages") == 0);
  CHECK(count_rows(data_dir, "direct_copies") == 0);
  CHECK(count_rows(data_dir, "devices") == 2);
  CHECK(count_rows(data_dir, "blocks") == 0);
}
