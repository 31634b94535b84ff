#include <sqlite3.h>

#include <catch2/catch.hpp>
#include <set>

#include "tests/unit/storage/store_fixture.h"

using namespace hearth::storage;
using namespace hearth::storage::testing;

namespace {

constexpr std::int64_t kNow = 5'000'000;

// Arbitrary key bytes (storage does not verify them), with a NUL inside so that a byte string
// cut at the first zero would show.
std::string bytes(char tag, std::uint32_t n, std::size_t size = 32) {
  std::string out(size, '\0');
  for (std::size_t i = 1; i < size; ++i) out[i] = static_cast<char>((tag * 31 + n * 7 + i * 13) & 0xff);
  return out;
}

struct Scene {
  TempDb db;
  std::unique_ptr<SqliteStore> store = db.open();
  DirectStore* direct = &store->direct();
  // ann, bob and dan share a room; cat shares none with anyone.
  UserRecord ann = make_user(*store, "ann");
  UserRecord bob = make_user(*store, "bob");
  UserRecord cat = make_user(*store, "cat");
  UserRecord dan = make_user(*store, "dan");
  RoomRecord room = make_room(*store, "evening");

  Scene() {
    join(room.id, ann.id);
    join(room.id, bob.id);
    join(room.id, dan.id);
  }

  void reopen() {
    store.reset();
    store = db.open();
    direct = &store->direct();
  }

  void join(std::uint64_t room_id, std::uint64_t user_id) {
    auto member = wait<MembershipRecord>([&](auto done) { store->add_member(room_id, user_id, false, "", 1000, done); });
    REQUIRE(member.ok());
  }

  static PublishKeysRequest keys(const UserRecord& user, char tag, std::uint64_t device_id = 0,
                                 std::uint32_t signed_prekey_id = 1, std::vector<std::uint32_t> prekey_ids = {}) {
    PublishKeysRequest request;
    request.user_id = user.id;
    request.keys.device_id = device_id;
    request.keys.name = std::string("device ") + tag;
    request.keys.identity_signing_key = bytes(tag, 1);
    request.keys.identity_dh_key = bytes(tag, 2);
    request.keys.identity_dh_signature = bytes(tag, 3, 64);
    request.keys.signed_prekey_id = signed_prekey_id;
    request.keys.signed_prekey = bytes(tag, 100 + signed_prekey_id);
    request.keys.signed_prekey_signature = bytes(tag, 200 + signed_prekey_id, 64);
    for (std::uint32_t id : prekey_ids) request.one_time_prekeys.push_back({id, bytes(tag, 1000 + id)});
    request.now_ms = kNow;
    return request;
  }
  Result<PublishKeysResult> publish(PublishKeysRequest request) {
    return wait<PublishKeysResult>([&](auto done) { direct->publish_keys(request, done); });
  }
  DeviceRecord device(const UserRecord& user, char tag, std::vector<std::uint32_t> prekey_ids = {}) {
    auto result = publish(keys(user, tag, 0, 1, std::move(prekey_ids)));
    REQUIRE(result.ok());
    return result->device;
  }
  std::vector<DeviceRecord> devices(const UserRecord& user) {
    auto listed = wait<std::vector<DeviceRecord>>([&](auto done) { direct->list_devices(user.id, done); });
    REQUIRE(listed.ok());
    return listed.value();
  }
  // Without a per-requester limit unless `allowance` says otherwise.
  Result<std::vector<DeviceBundle>> bundles(const UserRecord& requester, const UserRecord& owner,
                                            PrekeyAllowance allowance = {0, 0, kNow}) {
    return wait<std::vector<DeviceBundle>>(
        [&](auto done) { direct->take_bundles(requester.id, owner.id, allowance, done); });
  }

  Result<DirectSendResult> send(const UserRecord& from, const DeviceRecord& from_device, const UserRecord& to,
                                const std::vector<std::uint64_t>& device_ids, const std::string& text = "hello",
                                std::uint32_t max_queued = 1000, std::int64_t at = kNow) {
    DirectSendRequest request;
    request.sender_id = from.id;
    request.sender_device_id = from_device.device_id;
    request.recipient_id = to.id;
    for (std::uint64_t id : device_ids) request.copies.push_back({id, text + " for " + std::to_string(id) + '\0'});
    request.max_queued_per_device = max_queued;
    request.now_ms = at;
    return wait<DirectSendResult>([&](auto done) { direct->send_direct(request, done); });
  }
  DirectSendResult sent(const UserRecord& from, const DeviceRecord& from_device, const UserRecord& to,
                        const std::vector<std::uint64_t>& device_ids, const std::string& text = "hello",
                        std::int64_t at = kNow) {
    auto result = send(from, from_device, to, device_ids, text, 1000, at);
    REQUIRE(result.ok());
    return result.value();
  }
  Result<DirectPage> try_fetch(const UserRecord& user, const DeviceRecord& device, std::uint64_t after = 0,
                               std::uint32_t limit = 100) {
    return wait<DirectPage>(
        [&](auto done) { direct->fetch_direct(user.id, device.device_id, after, limit, limit, done); });
  }
  std::vector<DirectDelivery> fetch(const UserRecord& user, const DeviceRecord& device, std::uint64_t after = 0,
                                    std::uint32_t limit = 100) {
    auto result = try_fetch(user, device, after, limit);
    REQUIRE(result.ok());
    return result->messages;
  }
  std::vector<DirectReceipt> receipts(const UserRecord& user, const DeviceRecord& device) {
    auto result = try_fetch(user, device);
    REQUIRE(result.ok());
    return result->receipts;
  }
  Result<std::vector<DirectAck>> ack(const UserRecord& user, const DeviceRecord& device,
                                     std::vector<std::uint64_t> dm_ids, std::vector<std::uint64_t> receipt_ids = {}) {
    return wait<std::vector<DirectAck>>(
        [&](auto done) { direct->ack_direct(user.id, device.device_id, dm_ids, receipt_ids, done); });
  }
  std::uint64_t queued(const DeviceRecord& device) {
    auto count = wait<std::uint64_t>([&](auto done) { direct->count_queued(device.device_id, done); });
    REQUIRE(count.ok());
    return count.value();
  }
  DirectReach reach(const UserRecord& from, const UserRecord& to) {
    auto result = wait<DirectReach>([&](auto done) { direct->reach(from.id, to.id, done); });
    REQUIRE(result.ok());
    return result.value();
  }
  Result<ContactChange> answer_change(const UserRecord& user, const UserRecord& from, RequestAnswer answer) {
    return wait<ContactChange>([&](auto done) { direct->answer_request(user.id, from.id, answer, kNow + 10, done); });
  }
  // The copies an answer released.
  Result<std::vector<DirectDelivery>> answer(const UserRecord& user, const UserRecord& from, RequestAnswer answer) {
    auto change = answer_change(user, from, answer);
    if (!change.ok()) return change.status();
    return std::move(change->released);
  }
  std::vector<DirectRequestRecord> requests(const UserRecord& user) {
    auto listed = wait<std::vector<DirectRequestRecord>>([&](auto done) { direct->list_requests(user.id, done); });
    REQUIRE(listed.ok());
    return listed.value();
  }
  Result<ContactChange> block_change(const UserRecord& user, const UserRecord& target, bool blocked = true) {
    return wait<ContactChange>([&](auto done) { direct->set_blocked(user.id, target.id, blocked, kNow + 20, done); });
  }
  Status set_blocked(const UserRecord& user, const UserRecord& target, bool blocked) {
    return block_change(user, target, blocked).status();
  }
  std::vector<ContactRecord> contacts(const UserRecord& user) {
    auto listed = wait<std::vector<ContactRecord>>([&](auto done) { direct->list_contacts(user.id, done); });
    REQUIRE(listed.ok());
    return listed.value();
  }
  std::vector<ContactRecord> blocked(const UserRecord& user) {
    auto listed = wait<std::vector<ContactRecord>>([&](auto done) { direct->list_blocked(user.id, done); });
    REQUIRE(listed.ok());
    return listed.value();
  }
  Result<SponsorshipRecord> ask(const UserRecord& sponsee, const UserRecord& sponsor, std::int64_t at = kNow) {
    return wait<SponsorshipRecord>([&](auto done) { direct->ask_sponsor(sponsee.id, sponsor.id, at, done); });
  }
  Result<SponsorshipRecord> ask_by_invite(const UserRecord& sponsee, const std::string& code, std::int64_t at = kNow) {
    return wait<SponsorshipRecord>([&](auto done) { direct->ask_sponsor_by_invite(sponsee.id, code, at, done); });
  }
  Result<SponsorshipRecord> answer_sponsorship(std::uint64_t id, const UserRecord& user, bool accept) {
    return wait<SponsorshipRecord>(
        [&](auto done) { direct->answer_sponsorship(id, user.id, accept, kNow + 30, done); });
  }
  Result<SponsorshipRecord> end_sponsorship(std::uint64_t id, const UserRecord& user) {
    return wait<SponsorshipRecord>([&](auto done) { direct->end_sponsorship(id, user.id, kNow + 40, done); });
  }
  std::vector<SponsorshipRecord> sponsorships(const UserRecord& user) {
    auto listed = wait<std::vector<SponsorshipRecord>>([&](auto done) { direct->list_sponsorships(user.id, done); });
    REQUIRE(listed.ok());
    return listed.value();
  }
  Status create_invite(const UserRecord& sponsor, const std::string& code, std::int64_t expires_at_ms) {
    return wait<Done>([&](auto done) { direct->create_sponsor_invite(sponsor.id, code, kNow, expires_at_ms, done); })
        .status();
  }

  // Rows in a table, read through a connection of our own (what the store left on disk).
  std::int64_t rows(const std::string& table) {
    sqlite3* raw = nullptr;
    REQUIRE(sqlite3_open_v2((db.dir / "hearth.db").c_str(), &raw, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    sqlite3_stmt* statement = nullptr;
    REQUIRE(sqlite3_prepare_v2(raw, ("SELECT count(*) FROM " + table).c_str(), -1, &statement, nullptr) == SQLITE_OK);
    REQUIRE(sqlite3_step(statement) == SQLITE_ROW);
    const std::int64_t count = sqlite3_column_int64(statement, 0);
    sqlite3_finalize(statement);
    sqlite3_close(raw);
    return count;
  }

  // ann and bob become contacts: ann writes, bob accepts.
  void make_contacts(const UserRecord& a, const DeviceRecord& a_device, const UserRecord& b,
                     const std::vector<std::uint64_t>& copies) {
    sent(a, a_device, b, copies, "hi");
    REQUIRE(answer(b, a, RequestAnswer::kAccept).ok());
    REQUIRE(reach(a, b) == DirectReach::kContact);
  }
};

UserRecord nobody() {
  UserRecord user;
  user.id = 999;
  user.handle = "nobody";
  return user;
}

std::vector<std::uint64_t> dm_ids_of(const std::vector<DirectDelivery>& deliveries) {
  std::vector<std::uint64_t> ids;
  for (const auto& delivery : deliveries) ids.push_back(delivery.dm_id);
  return ids;
}

}  // namespace

// --- key directory -------------------------------------------------------------------------------

TEST_CASE("a new device is registered with its keys, byte for byte", "[storage][direct]") {
  Scene scene;
  auto result = scene.publish(Scene::keys(scene.ann, 'a', 0, 7, {3, 1, 2}));
  REQUIRE(result.ok());
  CHECK(result->created);
  const DeviceRecord& device = result->device;
  CHECK(device.device_id != 0);
  CHECK(device.user_id == scene.ann.id);
  CHECK(device.name == "device a");
  CHECK(device.identity_signing_key == bytes('a', 1));
  CHECK(device.identity_signing_key.size() == 32);
  CHECK(device.identity_dh_key == bytes('a', 2));
  CHECK(device.identity_dh_signature == bytes('a', 3, 64));
  CHECK(device.signed_prekey_id == 7);
  CHECK(device.signed_prekey == bytes('a', 107));
  CHECK(device.signed_prekey_signature == bytes('a', 207, 64));
  CHECK(device.created_at_ms == kNow);
  CHECK(device.signed_prekey_at_ms == kNow);
  CHECK(device.one_time_prekeys_left == 3);

  const DeviceRecord second = scene.device(scene.ann, 'b');
  const auto listed = scene.devices(scene.ann);
  REQUIRE(listed.size() == 2);
  CHECK(listed[0].device_id == device.device_id);  // oldest first
  CHECK(listed[0].one_time_prekeys_left == 3);
  CHECK(listed[0].signed_prekey == bytes('a', 107));
  CHECK(listed[1].device_id == second.device_id);
  CHECK(listed[1].one_time_prekeys_left == 0);
  CHECK(scene.devices(scene.bob).empty());
}

TEST_CASE("an update rotates the signed prekey only when its id changes, and tops up prekeys", "[storage][direct]") {
  Scene scene;
  const DeviceRecord device = scene.device(scene.ann, 'a', {1, 2});

  SECTION("a retried upload changes nothing") {
    auto retry = Scene::keys(scene.ann, 'a', device.device_id, 1, {1, 2});
    retry.keys.signed_prekey = bytes('z', 1);  // same id: the stored one stays
    retry.one_time_prekeys[0].public_key = bytes('z', 2);
    retry.now_ms = kNow + 5;
    auto result = scene.publish(retry);
    REQUIRE(result.ok());
    CHECK_FALSE(result->created);
    CHECK(result->device.device_id == device.device_id);
    CHECK(result->device.signed_prekey == device.signed_prekey);
    CHECK(result->device.signed_prekey_at_ms == kNow);
    CHECK(result->device.one_time_prekeys_left == 2);
    auto bundles = scene.bundles(scene.bob, scene.ann);
    REQUIRE(bundles.ok());
    REQUIRE(bundles->at(0).one_time_prekey.has_value());
    CHECK(bundles->at(0).one_time_prekey->public_key == bytes('a', 1001));  // not the retried bytes
  }
  SECTION("a new signed prekey id rotates it; new prekey ids are added") {
    auto rotate = Scene::keys(scene.ann, 'a', device.device_id, 2, {2, 3, 4});
    rotate.now_ms = kNow + 5;
    auto result = scene.publish(rotate);
    REQUIRE(result.ok());
    CHECK_FALSE(result->created);
    CHECK(result->device.signed_prekey_id == 2);
    CHECK(result->device.signed_prekey == bytes('a', 102));
    CHECK(result->device.signed_prekey_signature == bytes('a', 202, 64));
    CHECK(result->device.signed_prekey_at_ms == kNow + 5);
    CHECK(result->device.created_at_ms == kNow);
    CHECK(result->device.one_time_prekeys_left == 4);
    CHECK(scene.devices(scene.ann).size() == 1);
  }
  SECTION("a different identity is refused and changes nothing") {
    auto other = Scene::keys(scene.ann, 'x', device.device_id, 2, {9});
    CHECK(scene.publish(other).status() == Status::kForbidden);
    other = Scene::keys(scene.ann, 'a', device.device_id, 2, {9});
    other.keys.identity_dh_key = bytes('x', 2);
    CHECK(scene.publish(other).status() == Status::kForbidden);
    const auto listed = scene.devices(scene.ann);
    REQUIRE(listed.size() == 1);
    CHECK(listed[0].signed_prekey_id == 1);
    CHECK(listed[0].one_time_prekeys_left == 2);
  }
  SECTION("someone else's device, or an unknown one, is not found") {
    CHECK(scene.publish(Scene::keys(scene.bob, 'a', device.device_id, 2, {9})).status() == Status::kNotFound);
    CHECK(scene.publish(Scene::keys(scene.ann, 'a', device.device_id + 100, 2)).status() == Status::kNotFound);
    CHECK(scene.devices(scene.ann)[0].signed_prekey_id == 1);
  }
}

TEST_CASE("an identity key is registered once, and devices and prekeys are capped", "[storage][direct]") {
  Scene scene;
  const DeviceRecord first = scene.device(scene.ann, 'a', {1, 2, 3});

  // The same identity signing key again, by anyone, as a new device.
  CHECK(scene.publish(Scene::keys(scene.ann, 'a')).status() == Status::kAlreadyExists);
  CHECK(scene.publish(Scene::keys(scene.bob, 'a')).status() == Status::kAlreadyExists);
  CHECK(scene.devices(scene.bob).empty());

  auto capped = Scene::keys(scene.ann, 'b');
  capped.max_devices_per_user = 2;
  REQUIRE(scene.publish(capped).ok());
  capped = Scene::keys(scene.ann, 'c');
  capped.max_devices_per_user = 2;
  CHECK(scene.publish(capped).status() == Status::kLimitReached);
  CHECK(scene.devices(scene.ann).size() == 2);

  // Three stored, three new (one a repeat of a stored id): 3 + 2 <= 5 fits; then one more does not.
  auto top_up = Scene::keys(scene.ann, 'a', first.device_id, 1, {3, 4, 5});
  top_up.max_one_time_prekeys = 5;
  auto result = scene.publish(top_up);
  REQUIRE(result.ok());
  CHECK(result->device.one_time_prekeys_left == 5);
  auto too_many = Scene::keys(scene.ann, 'a', first.device_id, 2, {6});
  too_many.max_one_time_prekeys = 5;
  CHECK(scene.publish(too_many).status() == Status::kLimitReached);
  // None stored, and the rotation that came with them was not applied either.
  CHECK(scene.devices(scene.ann)[0].one_time_prekeys_left == 5);
  CHECK(scene.devices(scene.ann)[0].signed_prekey_id == 1);

  // A new device with more prekeys than allowed is not registered at all.
  auto new_too_many = Scene::keys(scene.bob, 'n', 0, 1, {1, 2, 3});
  new_too_many.max_one_time_prekeys = 2;
  CHECK(scene.publish(new_too_many).status() == Status::kLimitReached);
  CHECK(scene.devices(scene.bob).empty());
}

TEST_CASE("each one-time prekey is handed out once, lowest id first", "[storage][direct]") {
  Scene scene;
  const DeviceRecord bob1 = scene.device(scene.bob, 'b', {30, 10, 20});
  const DeviceRecord bob2 = scene.device(scene.bob, 'c', {5});

  auto for_ann = scene.bundles(scene.ann, scene.bob);
  REQUIRE(for_ann.ok());
  REQUIRE(for_ann->size() == 2);
  CHECK(for_ann->at(0).device.device_id == bob1.device_id);
  CHECK(for_ann->at(0).device.signed_prekey == bob1.signed_prekey);
  REQUIRE(for_ann->at(0).one_time_prekey.has_value());
  CHECK(for_ann->at(0).one_time_prekey->key_id == 10);
  CHECK(for_ann->at(0).one_time_prekey->public_key == bytes('b', 1010));
  CHECK(for_ann->at(0).device.one_time_prekeys_left == 2);
  CHECK(for_ann->at(1).device.device_id == bob2.device_id);
  REQUIRE(for_ann->at(1).one_time_prekey.has_value());
  CHECK(for_ann->at(1).one_time_prekey->key_id == 5);
  CHECK(for_ann->at(1).device.one_time_prekeys_left == 0);

  // A second taker never gets the same key; an empty stock gives a bundle without one.
  auto for_dan = scene.bundles(scene.dan, scene.bob);
  REQUIRE(for_dan.ok());
  REQUIRE(for_dan->size() == 2);
  REQUIRE(for_dan->at(0).one_time_prekey.has_value());
  CHECK(for_dan->at(0).one_time_prekey->key_id == 20);
  CHECK_FALSE(for_dan->at(1).one_time_prekey.has_value());
  CHECK(for_dan->at(1).device.signed_prekey == bob2.signed_prekey);

  // Bob encrypting for his own other devices needs no reach.
  auto own = scene.bundles(scene.bob, scene.bob);
  REQUIRE(own.ok());
  REQUIRE(own->at(0).one_time_prekey.has_value());
  CHECK(own->at(0).one_time_prekey->key_id == 30);
  CHECK(own->at(0).device.one_time_prekeys_left == 0);

  auto drained = scene.bundles(scene.ann, scene.bob);
  REQUIRE(drained.ok());
  CHECK_FALSE(drained->at(0).one_time_prekey.has_value());
  CHECK(scene.rows("one_time_prekeys") == 0);
}

TEST_CASE("one requester takes at most its share of a device's one-time prekeys per window", "[storage][direct]") {
  Scene scene;
  scene.device(scene.bob, 'b', {1, 2, 3, 4, 5, 6, 7, 8});
  scene.device(scene.bob, 'c', {1, 2, 3, 4, 5, 6, 7, 8});
  constexpr std::int64_t kHour = 3600 * 1000;
  const auto taken = [&](const UserRecord& requester, std::int64_t at) {
    auto fetched = scene.bundles(requester, scene.bob, PrekeyAllowance{2, 24 * kHour, at});
    REQUIRE(fetched.ok());
    REQUIRE(fetched->size() == 2);
    CHECK(fetched->at(0).one_time_prekey.has_value() == fetched->at(1).one_time_prekey.has_value());
    return fetched->at(0).one_time_prekey.has_value();
  };
  CHECK(taken(scene.ann, kNow));
  CHECK(taken(scene.ann, kNow + kHour));
  // Past the share: the signed prekey alone, and nothing taken.
  CHECK_FALSE(taken(scene.ann, kNow + 2 * kHour));
  CHECK_FALSE(taken(scene.ann, kNow + 24 * kHour - 1));
  CHECK(scene.devices(scene.bob)[0].one_time_prekeys_left == 6);
  // Another requester has a share of its own.
  CHECK(taken(scene.dan, kNow + 2 * kHour));
  // A hand-out leaves the window 24 hours after it was made.
  CHECK(taken(scene.ann, kNow + 24 * kHour));
  CHECK_FALSE(taken(scene.ann, kNow + 24 * kHour + 1));
  CHECK(scene.devices(scene.bob)[1].one_time_prekeys_left == 4);
  CHECK(scene.rows("prekey_handouts") == 3 * 2);
}

TEST_CASE("bundles are refused to whoever cannot reach the owner, taking nothing", "[storage][direct]") {
  Scene scene;
  scene.device(scene.bob, 'b', {1, 2});
  CHECK(scene.bundles(scene.cat, scene.bob).status() == Status::kNotFound);  // no shared room
  REQUIRE(scene.set_blocked(scene.bob, scene.dan, true) == Status::kOk);
  CHECK(scene.bundles(scene.dan, scene.bob).status() == Status::kNotFound);  // blocked by bob
  REQUIRE(scene.set_blocked(scene.ann, scene.bob, true) == Status::kOk);
  CHECK(scene.bundles(scene.ann, scene.bob).status() == Status::kNotFound);  // blocked bob
  CHECK(scene.bundles(scene.cat, nobody()).status() == Status::kNotFound);
  CHECK(scene.devices(scene.bob)[0].one_time_prekeys_left == 2);
  // Someone without a device gets the answer of a block, so that the two look alike; for
  // oneself the list is only empty.
  CHECK(scene.reach(scene.ann, scene.dan) == DirectReach::kRequest);
  CHECK(scene.bundles(scene.ann, scene.dan).status() == Status::kNotFound);
  auto own = scene.bundles(scene.dan, scene.dan);
  REQUIRE(own.ok());
  CHECK(own->empty());
}

TEST_CASE("removing a device deletes its keys, prekeys and queue", "[storage][direct]") {
  Scene scene;
  const DeviceRecord ann1 = scene.device(scene.ann, 'a');
  const DeviceRecord bob1 = scene.device(scene.bob, 'b', {1, 2});
  const DeviceRecord bob2 = scene.device(scene.bob, 'c', {1});
  scene.make_contacts(scene.ann, ann1, scene.bob, {bob1.device_id, bob2.device_id});
  const auto one = scene.sent(scene.ann, ann1, scene.bob, {bob1.device_id, bob2.device_id});
  const auto only_bob1 = scene.sent(scene.bob, bob2, scene.ann, {ann1.device_id, bob1.device_id});
  REQUIRE(scene.ack(scene.bob, bob2, {one.dm_id - 1, one.dm_id})->size() == 2);
  REQUIRE(scene.ack(scene.ann, ann1, {only_bob1.dm_id}).ok());
  CHECK(scene.queued(bob1) == 3);

  CHECK(wait<Done>([&](auto done) { scene.direct->remove_device(scene.ann.id, bob1.device_id, done); }).status() ==
        Status::kNotFound);
  REQUIRE(wait<Done>([&](auto done) { scene.direct->remove_device(scene.bob.id, bob1.device_id, done); }).ok());
  CHECK(wait<Done>([&](auto done) { scene.direct->remove_device(scene.bob.id, bob1.device_id, done); }).status() ==
        Status::kNotFound);

  const auto left = scene.devices(scene.bob);
  REQUIRE(left.size() == 1);
  CHECK(left[0].device_id == bob2.device_id);
  CHECK(scene.queued(bob1) == 0);
  CHECK(scene.rows("one_time_prekeys") == 1);
  CHECK(scene.rows("direct_copies") == 0);    // every message's last copy was bob1's
  CHECK(scene.rows("direct_messages") == 0);
  CHECK(scene.try_fetch(scene.bob, bob1).status() == Status::kNotFound);
  CHECK(scene.ack(scene.bob, bob1, {1}).status() == Status::kNotFound);

  // The device is gone from what senders must cover...
  auto stale = scene.send(scene.ann, ann1, scene.bob, {bob1.device_id, bob2.device_id});
  REQUIRE(stale.ok());
  CHECK(stale->route == DirectRoute::kDevicesChanged);
  CHECK(stale->expected_devices == std::vector<std::uint64_t>{bob2.device_id});
  CHECK(scene.rows("direct_messages") == 0);
  // ...and its identity may come back, as a new device with a new id.
  auto again = scene.publish(Scene::keys(scene.bob, 'b'));
  REQUIRE(again.ok());
  CHECK(again->device.device_id != bob1.device_id);
}

// --- relay -----------------------------------------------------------------------------------

TEST_CASE("a contact's message is queued for every device, and a room-sharer's waits as a request", "[storage][direct]") {
  Scene scene;
  const DeviceRecord ann1 = scene.device(scene.ann, 'a');
  const DeviceRecord ann2 = scene.device(scene.ann, 'b');
  const DeviceRecord bob1 = scene.device(scene.bob, 'c');

  CHECK(scene.reach(scene.ann, scene.bob) == DirectReach::kRequest);
  const auto request = scene.sent(scene.ann, ann1, scene.bob, {bob1.device_id, ann2.device_id}, "first", kNow + 1);
  CHECK(request.route == DirectRoute::kRequest);
  CHECK(request.dm_id != 0);
  CHECK(request.sent_at_ms == kNow + 1);
  CHECK(request.expected_devices.empty());
  CHECK(request.recipient_devices == std::vector<std::uint64_t>{bob1.device_id});
  CHECK(scene.fetch(scene.bob, bob1).empty());  // held
  CHECK(scene.queued(bob1) == 1);               // but waiting
  const auto own = scene.fetch(scene.ann, ann2);  // the sender's own copies are never held
  REQUIRE(own.size() == 1);
  CHECK(own[0].dm_id == request.dm_id);
  CHECK(own[0].recipient_id == scene.bob.id);
  CHECK(own[0].recipient_handle == "bob");
  CHECK(own[0].sender_handle == "ann");
  CHECK(own[0].sender_device_id == ann1.device_id);
  CHECK(own[0].envelope == "first for " + std::to_string(ann2.device_id) + '\0');

  REQUIRE(scene.answer(scene.bob, scene.ann, RequestAnswer::kAccept).ok());
  const auto delivered = scene.sent(scene.ann, ann1, scene.bob, {ann2.device_id, bob1.device_id}, "second", kNow + 2);
  CHECK(delivered.route == DirectRoute::kDelivered);
  const auto fetched = scene.fetch(scene.bob, bob1);
  CHECK(dm_ids_of(fetched) == std::vector<std::uint64_t>{request.dm_id, delivered.dm_id});
  CHECK(fetched[1].device_id == bob1.device_id);
  CHECK(fetched[1].sender_id == scene.ann.id);
  CHECK(fetched[1].envelope == "second for " + std::to_string(bob1.device_id) + '\0');
  CHECK(fetched[1].sent_at_ms == kNow + 2);
}

TEST_CASE("strangers and blocked pairs are not found, and nothing is stored", "[storage][direct]") {
  Scene scene;
  const DeviceRecord ann1 = scene.device(scene.ann, 'a');
  const DeviceRecord bob1 = scene.device(scene.bob, 'b');
  const DeviceRecord cat1 = scene.device(scene.cat, 'c');
  const DeviceRecord dan1 = scene.device(scene.dan, 'd');

  CHECK(scene.reach(scene.ann, scene.cat) == DirectReach::kUnreachable);
  CHECK(scene.send(scene.ann, ann1, scene.cat, {cat1.device_id}).status() == Status::kNotFound);
  CHECK(scene.send(scene.cat, cat1, scene.ann, {ann1.device_id}).status() == Status::kNotFound);
  CHECK(scene.send(scene.ann, ann1, nobody(), {}).status() == Status::kNotFound);
  CHECK(scene.send(scene.ann, ann1, scene.ann, {}).status() == Status::kNotFound);

  // Contacts first, then a block: either side is refused, the same way as a stranger.
  scene.make_contacts(scene.ann, ann1, scene.bob, {bob1.device_id});
  REQUIRE(scene.ack(scene.bob, bob1, {1}).ok());
  REQUIRE(scene.set_blocked(scene.bob, scene.ann, true) == Status::kOk);
  CHECK(scene.reach(scene.ann, scene.bob) == DirectReach::kUnreachable);
  CHECK(scene.reach(scene.bob, scene.ann) == DirectReach::kUnreachable);
  CHECK(scene.send(scene.ann, ann1, scene.bob, {bob1.device_id}).status() == Status::kNotFound);
  CHECK(scene.send(scene.bob, bob1, scene.ann, {ann1.device_id}).status() == Status::kNotFound);

  // A device that is not the sender's.
  CHECK(scene.send(scene.ann, bob1, scene.dan, {dan1.device_id}).status() == Status::kNotFound);
  // A recipient without any device.
  CHECK(scene.reach(scene.dan, scene.ann) == DirectReach::kRequest);
  const UserRecord eve = make_user(*scene.store, "eve");
  scene.join(scene.room.id, eve.id);
  CHECK(scene.send(scene.dan, dan1, eve, {}).status() == Status::kNotFound);

  CHECK(scene.rows("direct_copies") == 0);
  CHECK(scene.rows("direct_messages") == 0);
}

TEST_CASE("copies must name exactly the devices to cover, or nothing is stored", "[storage][direct]") {
  Scene scene;
  const DeviceRecord ann1 = scene.device(scene.ann, 'a');
  const DeviceRecord ann2 = scene.device(scene.ann, 'b');
  const DeviceRecord ann3 = scene.device(scene.ann, 'c');
  const DeviceRecord bob1 = scene.device(scene.bob, 'd');
  const DeviceRecord bob2 = scene.device(scene.bob, 'e');
  // The recipient's devices, then the sender's others, each oldest first.
  const std::vector<std::uint64_t> expected{bob1.device_id, bob2.device_id, ann1.device_id, ann3.device_id};

  const std::vector<std::vector<std::uint64_t>> wrong{
      {bob1.device_id, bob2.device_id},                                                    // own devices missing
      {bob1.device_id, ann1.device_id, ann3.device_id},                                    // a recipient device missing
      {bob1.device_id, bob2.device_id, ann1.device_id, ann2.device_id, ann3.device_id},    // the sending device
      {bob1.device_id, bob2.device_id, ann1.device_id, ann3.device_id, 999},               // an unknown device
      {bob1.device_id, bob1.device_id, bob2.device_id, ann1.device_id, ann3.device_id},    // twice
      {},
  };
  for (const auto& copies : wrong) {
    auto result = scene.send(scene.ann, ann2, scene.bob, copies);
    REQUIRE(result.ok());
    CHECK(result->route == DirectRoute::kDevicesChanged);
    CHECK(result->expected_devices == expected);
    CHECK(result->dm_id == 0);
    CHECK(result->recipient_devices.empty());
  }
  CHECK(scene.rows("direct_messages") == 0);
  CHECK(scene.rows("direct_copies") == 0);

  auto right = scene.send(scene.ann, ann2, scene.bob, {ann3.device_id, bob2.device_id, ann1.device_id, bob1.device_id});
  REQUIRE(right.ok());
  CHECK(right->route == DirectRoute::kRequest);
  CHECK(right->expected_devices.empty());
  CHECK(right->recipient_devices == std::vector<std::uint64_t>{bob1.device_id, bob2.device_id});
  CHECK(scene.rows("direct_copies") == 4);
  // A device mismatch is decided before the cap: the client learns what to fix first.
  auto changed = scene.send(scene.ann, ann2, scene.bob, {bob1.device_id}, "x", 1);
  REQUIRE(changed.ok());
  CHECK(changed->route == DirectRoute::kDevicesChanged);
}

TEST_CASE("a recipient device holds at most max_queued_per_device copies", "[storage][direct]") {
  Scene scene;
  const DeviceRecord ann1 = scene.device(scene.ann, 'a');
  const DeviceRecord ann2 = scene.device(scene.ann, 'b');
  const DeviceRecord bob1 = scene.device(scene.bob, 'c');
  const std::vector<std::uint64_t> copies{bob1.device_id, ann2.device_id};
  // Contacts first: bob accepts ann's request and picks its message up.
  REQUIRE(scene.send(scene.ann, ann1, scene.bob, copies, "0", 2).ok());
  REQUIRE(scene.answer(scene.bob, scene.ann, RequestAnswer::kAccept).ok());
  REQUIRE(scene.ack(scene.bob, bob1, dm_ids_of(scene.fetch(scene.bob, bob1, 0, 10))).ok());
  REQUIRE(scene.send(scene.ann, ann1, scene.bob, copies, "1", 2).ok());
  REQUIRE(scene.send(scene.ann, ann1, scene.bob, copies, "2", 2).ok());
  CHECK(scene.send(scene.ann, ann1, scene.bob, copies, "3", 2).status() == Status::kLimitReached);
  CHECK(scene.queued(bob1) == 2);
  CHECK(scene.rows("direct_messages") == 3);  // "0" still waits for ann2
  // The sender's own devices are not what the cap protects.
  CHECK(scene.queued(ann2) == 3);
  // Acknowledging makes room.
  const auto first = scene.fetch(scene.bob, bob1, 0, 1);
  REQUIRE(scene.ack(scene.bob, bob1, dm_ids_of(first)).ok());
  CHECK(scene.send(scene.ann, ann1, scene.bob, copies, "3", 2).ok());
}

TEST_CASE("a stranger's request holds at most max_request_messages, and does not fill the device's queue",
          "[storage][direct]") {
  Scene scene;
  const DeviceRecord ann1 = scene.device(scene.ann, 'a');
  const DeviceRecord bob1 = scene.device(scene.bob, 'c');
  auto send = [&](const std::string& text, std::uint32_t max_queued) {
    DirectSendRequest request;
    request.sender_id = scene.ann.id;
    request.sender_device_id = ann1.device_id;
    request.recipient_id = scene.bob.id;
    request.copies.push_back({bob1.device_id, text});
    request.max_queued_per_device = max_queued;
    request.max_request_messages = 3;
    request.now_ms = kNow;
    return wait<DirectSendResult>([&](auto done) { scene.direct->send_direct(request, done); });
  };
  for (const char* text : {"1", "2", "3"}) {
    auto sent = send(text, 1);  // a queue cap of 1 does not count held copies
    REQUIRE(sent.ok());
    CHECK(sent->route == DirectRoute::kRequest);
  }
  CHECK(send("4", 1).status() == Status::kLimitReached);
  CHECK(scene.rows("direct_messages") == 3);
  // Declined, the pile is gone and a new request may start.
  REQUIRE(scene.answer(scene.bob, scene.ann, RequestAnswer::kDecline).ok());
  CHECK(send("5", 1).ok());
}

TEST_CASE("fetching pages through a device's queue in message order", "[storage][direct]") {
  Scene scene;
  const DeviceRecord ann1 = scene.device(scene.ann, 'a');
  const DeviceRecord bob1 = scene.device(scene.bob, 'b');
  const DeviceRecord dan1 = scene.device(scene.dan, 'd');
  scene.make_contacts(scene.ann, ann1, scene.bob, {bob1.device_id});
  scene.make_contacts(scene.dan, dan1, scene.bob, {bob1.device_id});
  const auto first = scene.fetch(scene.bob, bob1);
  REQUIRE(first.size() == 2);
  REQUIRE(scene.ack(scene.bob, bob1, dm_ids_of(first)).ok());

  std::vector<std::uint64_t> ids;
  ids.push_back(scene.sent(scene.ann, ann1, scene.bob, {bob1.device_id}, "a").dm_id);
  ids.push_back(scene.sent(scene.dan, dan1, scene.bob, {bob1.device_id}, "b").dm_id);
  ids.push_back(scene.sent(scene.ann, ann1, scene.bob, {bob1.device_id}, "c").dm_id);
  CHECK(ids[0] < ids[1]);
  CHECK(ids[1] < ids[2]);

  const auto page1 = scene.fetch(scene.bob, bob1, 0, 2);
  CHECK(dm_ids_of(page1) == std::vector<std::uint64_t>{ids[0], ids[1]});
  CHECK(page1[1].sender_handle == "dan");
  CHECK(page1[1].recipient_handle == "bob");
  const auto page2 = scene.fetch(scene.bob, bob1, page1.back().dm_id, 2);
  CHECK(dm_ids_of(page2) == std::vector<std::uint64_t>{ids[2]});
  CHECK(scene.fetch(scene.bob, bob1, ids[2], 2).empty());
  // Fetching does not consume: only an acknowledgement does.
  CHECK(scene.fetch(scene.bob, bob1).size() == 3);
  CHECK(scene.try_fetch(scene.ann, bob1).status() == Status::kNotFound);
}

TEST_CASE("acknowledgements delete copies, then the message, and repeats are harmless", "[storage][direct]") {
  Scene scene;
  const DeviceRecord ann1 = scene.device(scene.ann, 'a');
  const DeviceRecord ann2 = scene.device(scene.ann, 'b');
  const DeviceRecord bob1 = scene.device(scene.bob, 'c');
  const DeviceRecord bob2 = scene.device(scene.bob, 'd');
  const std::vector<std::uint64_t> copies{bob1.device_id, bob2.device_id, ann2.device_id};
  scene.make_contacts(scene.ann, ann1, scene.bob, copies);
  const auto message = scene.sent(scene.ann, ann1, scene.bob, copies);
  const std::uint64_t hello = message.dm_id;
  const std::uint64_t hi = hello - 1;

  auto acked = scene.ack(scene.bob, bob1, {hi, hello, 12345});
  REQUIRE(acked.ok());
  REQUIRE(acked->size() == 2);
  CHECK(acked->at(1).dm_id == hello);
  CHECK(acked->at(1).sender_id == scene.ann.id);
  CHECK(acked->at(1).recipient_id == scene.bob.id);
  CHECK(acked->at(1).device_id == bob1.device_id);
  auto repeat = scene.ack(scene.bob, bob1, {hi, hello});
  REQUIRE(repeat.ok());
  CHECK(repeat->empty());
  CHECK(scene.fetch(scene.bob, bob1).empty());
  CHECK(scene.fetch(scene.bob, bob2).size() == 2);  // the other device's copies stay
  CHECK(scene.ack(scene.ann, bob2, {hello}).status() == Status::kNotFound);
  CHECK(scene.rows("direct_messages") == 2);

  REQUIRE(scene.ack(scene.bob, bob2, {hi, hello})->size() == 2);
  CHECK(scene.rows("direct_messages") == 2);  // ann2 has not acknowledged yet
  auto own = scene.ack(scene.ann, ann2, {hi, hello});
  REQUIRE(own.ok());
  CHECK(own->size() == 2);
  CHECK(scene.rows("direct_copies") == 0);
  CHECK(scene.rows("direct_messages") == 0);

  // An id is never reused once its message is gone: a device's cursor stays valid.
  const auto next = scene.sent(scene.ann, ann1, scene.bob, copies);
  CHECK(next.dm_id > hello);
  CHECK(dm_ids_of(scene.fetch(scene.bob, bob1, hello)) == std::vector<std::uint64_t>{next.dm_id});
}

TEST_CASE("a recipient's acknowledgement leaves one receipt per device of the sender until each acknowledges it",
          "[storage][direct]") {
  Scene scene;
  const DeviceRecord ann1 = scene.device(scene.ann, 'a');
  const DeviceRecord ann2 = scene.device(scene.ann, 'c');
  const DeviceRecord bob1 = scene.device(scene.bob, 'b');
  const DeviceRecord bob2 = scene.device(scene.bob, 'd');
  const auto sent = scene.sent(scene.ann, ann1, scene.bob, {bob1.device_id, bob2.device_id, ann2.device_id});
  REQUIRE(scene.answer(scene.bob, scene.ann, RequestAnswer::kAccept).ok());

  // ann's other device syncing its own copy leaves no receipt.
  REQUIRE(scene.ack(scene.ann, ann2, {sent.dm_id}).ok());
  CHECK(scene.receipts(scene.ann, ann1).empty());
  // bob's first device to acknowledge leaves one for each of ann's devices; his second, none more.
  REQUIRE(scene.ack(scene.bob, bob2, {sent.dm_id}).ok());
  REQUIRE(scene.ack(scene.bob, bob1, {sent.dm_id}).ok());
  CHECK(scene.rows("direct_messages") == 0);  // the message is gone; its receipts stay
  for (const DeviceRecord& device : {ann1, ann2}) {
    const auto waiting = scene.receipts(scene.ann, device);
    REQUIRE(waiting.size() == 1);
    CHECK(waiting[0].dm_id == sent.dm_id);
    CHECK(waiting[0].recipient_id == scene.bob.id);
    CHECK(waiting[0].recipient_handle == "bob");
    CHECK(waiting[0].by_device_id == bob2.device_id);
  }
  CHECK(scene.receipts(scene.bob, bob1).empty());

  // Each device acknowledges its own; repeats are harmless; they survive reopening until then.
  REQUIRE(scene.ack(scene.ann, ann1, {}, {sent.dm_id}).ok());
  REQUIRE(scene.ack(scene.ann, ann1, {}, {sent.dm_id}).ok());
  CHECK(scene.receipts(scene.ann, ann1).empty());
  CHECK(scene.receipts(scene.ann, ann2).size() == 1);
  // Removing a device takes its receipts with it.
  REQUIRE(wait<Done>([&](auto done) { scene.direct->remove_device(scene.ann.id, ann2.device_id, done); }).ok());
  CHECK(scene.rows("direct_receipts") == 0);
}

TEST_CASE("a held request cannot be acknowledged away", "[storage][direct]") {
  Scene scene;
  const DeviceRecord ann1 = scene.device(scene.ann, 'a');
  const DeviceRecord bob1 = scene.device(scene.bob, 'b');
  const auto request = scene.sent(scene.ann, ann1, scene.bob, {bob1.device_id});
  auto acked = scene.ack(scene.bob, bob1, {request.dm_id});
  REQUIRE(acked.ok());
  CHECK(acked->empty());
  CHECK(scene.requests(scene.bob).size() == 1);
}

// --- requests, contacts, blocks ----------------------------------------------------------------

TEST_CASE("accepting a request makes contacts and releases the held copies", "[storage][direct]") {
  Scene scene;
  const DeviceRecord ann1 = scene.device(scene.ann, 'a');
  const DeviceRecord ann2 = scene.device(scene.ann, 'b');
  const DeviceRecord bob1 = scene.device(scene.bob, 'c');
  const DeviceRecord bob2 = scene.device(scene.bob, 'd');
  const DeviceRecord dan1 = scene.device(scene.dan, 'e');
  const std::vector<std::uint64_t> to_bob{bob1.device_id, bob2.device_id, ann2.device_id};
  const auto m1 = scene.sent(scene.ann, ann1, scene.bob, to_bob, "one", kNow + 1);
  const auto m2 = scene.sent(scene.ann, ann1, scene.bob, to_bob, "two", kNow + 2);
  scene.sent(scene.dan, dan1, scene.bob, {bob1.device_id, bob2.device_id}, "from dan", kNow + 3);

  const auto waiting = scene.requests(scene.bob);
  REQUIRE(waiting.size() == 2);
  CHECK(waiting[0].from_id == scene.ann.id);
  CHECK(waiting[0].from_handle == "ann");
  CHECK(waiting[0].messages == 2);
  CHECK(waiting[0].first_at_ms == kNow + 1);
  CHECK(waiting[0].last_at_ms == kNow + 2);
  CHECK(waiting[1].from_handle == "dan");
  CHECK(waiting[1].messages == 1);
  CHECK(scene.requests(scene.ann).empty());
  CHECK(scene.contacts(scene.bob).empty());
  CHECK(scene.answer(scene.bob, scene.cat, RequestAnswer::kAccept).status() == Status::kNotFound);
  CHECK(scene.answer(scene.ann, scene.bob, RequestAnswer::kAccept).status() == Status::kNotFound);  // wrong way

  auto released = scene.answer(scene.bob, scene.ann, RequestAnswer::kAccept);
  REQUIRE(released.ok());
  REQUIRE(released->size() == 4);  // two messages, two devices each
  CHECK(released->at(0).dm_id == m1.dm_id);
  CHECK(released->at(0).device_id == bob1.device_id);
  CHECK(released->at(1).device_id == bob2.device_id);
  CHECK(released->at(3).dm_id == m2.dm_id);
  CHECK(released->at(0).sender_handle == "ann");
  CHECK(released->at(0).recipient_handle == "bob");
  CHECK(released->at(0).envelope == "one for " + std::to_string(bob1.device_id) + '\0');
  CHECK(dm_ids_of(scene.fetch(scene.bob, bob2)) == std::vector<std::uint64_t>{m1.dm_id, m2.dm_id});

  CHECK(scene.reach(scene.ann, scene.bob) == DirectReach::kContact);
  CHECK(scene.reach(scene.bob, scene.ann) == DirectReach::kContact);
  const auto listed = scene.contacts(scene.bob);
  REQUIRE(listed.size() == 1);
  CHECK(listed[0].user_id == scene.ann.id);
  CHECK(listed[0].handle == "ann");
  CHECK(listed[0].since_ms == kNow + 10);
  CHECK(scene.contacts(scene.ann).size() == 1);
  const auto still = scene.requests(scene.bob);
  REQUIRE(still.size() == 1);
  CHECK(still[0].from_handle == "dan");
  // Accepting again: no request left.
  CHECK(scene.answer(scene.bob, scene.ann, RequestAnswer::kAccept).status() == Status::kNotFound);
}

TEST_CASE("a reply waiting the other way is released by the same accept", "[storage][direct]") {
  Scene scene;
  const DeviceRecord ann1 = scene.device(scene.ann, 'a');
  const DeviceRecord bob1 = scene.device(scene.bob, 'b');
  const auto from_ann = scene.sent(scene.ann, ann1, scene.bob, {bob1.device_id});
  const auto from_bob = scene.sent(scene.bob, bob1, scene.ann, {ann1.device_id});
  auto released = scene.answer(scene.bob, scene.ann, RequestAnswer::kAccept);
  REQUIRE(released.ok());
  REQUIRE(released->size() == 2);
  CHECK(released->at(1).dm_id == from_bob.dm_id);
  CHECK(released->at(1).device_id == ann1.device_id);
  CHECK(dm_ids_of(scene.fetch(scene.ann, ann1)) == std::vector<std::uint64_t>{from_bob.dm_id});
  CHECK(dm_ids_of(scene.fetch(scene.bob, bob1)) == std::vector<std::uint64_t>{from_ann.dm_id});
  CHECK(scene.requests(scene.ann).empty());
}

TEST_CASE("declining deletes the held copies, and the sender may ask again", "[storage][direct]") {
  Scene scene;
  const DeviceRecord ann1 = scene.device(scene.ann, 'a');
  const DeviceRecord ann2 = scene.device(scene.ann, 'b');
  const DeviceRecord bob1 = scene.device(scene.bob, 'c');
  const auto acked_by_ann2 = scene.sent(scene.ann, ann1, scene.bob, {bob1.device_id, ann2.device_id});
  REQUIRE(scene.ack(scene.ann, ann2, {acked_by_ann2.dm_id})->size() == 1);
  const auto with_own_copy = scene.sent(scene.ann, ann2, scene.bob, {bob1.device_id, ann1.device_id});

  auto declined = scene.answer(scene.bob, scene.ann, RequestAnswer::kDecline);
  REQUIRE(declined.ok());
  CHECK(declined->empty());
  CHECK(scene.requests(scene.bob).empty());
  CHECK(scene.queued(bob1) == 0);
  CHECK(scene.reach(scene.ann, scene.bob) == DirectReach::kRequest);
  CHECK(scene.contacts(scene.bob).empty());
  // The first message had no other copy: gone. The second waits for ann1's acknowledgement.
  CHECK(scene.rows("direct_messages") == 1);
  CHECK(scene.rows("direct_copies") == 1);
  REQUIRE(scene.ack(scene.ann, ann1, {with_own_copy.dm_id})->size() == 1);
  CHECK(scene.rows("direct_messages") == 0);

  CHECK(scene.answer(scene.bob, scene.ann, RequestAnswer::kDecline).status() == Status::kNotFound);
  REQUIRE(scene.send(scene.ann, ann1, scene.bob, {bob1.device_id, ann2.device_id}).ok());
  CHECK(scene.requests(scene.bob).size() == 1);
}

TEST_CASE("blocking from a request deletes it and makes the pair unreachable both ways", "[storage][direct]") {
  Scene scene;
  const DeviceRecord ann1 = scene.device(scene.ann, 'a');
  const DeviceRecord bob1 = scene.device(scene.bob, 'b');
  scene.sent(scene.ann, ann1, scene.bob, {bob1.device_id});
  auto blocked = scene.answer(scene.bob, scene.ann, RequestAnswer::kBlock);
  REQUIRE(blocked.ok());
  CHECK(blocked->empty());
  CHECK(scene.requests(scene.bob).empty());
  CHECK(scene.rows("direct_messages") == 0);
  CHECK(scene.reach(scene.ann, scene.bob) == DirectReach::kUnreachable);
  CHECK(scene.reach(scene.bob, scene.ann) == DirectReach::kUnreachable);
  const auto list = scene.blocked(scene.bob);
  REQUIRE(list.size() == 1);
  CHECK(list[0].user_id == scene.ann.id);
  CHECK(list[0].handle == "ann");
  CHECK(list[0].since_ms == kNow + 10);
  CHECK(scene.blocked(scene.ann).empty());

  // kBlock needs no request; blocking twice is harmless; oneself and nobody are refused.
  CHECK(scene.answer(scene.bob, scene.dan, RequestAnswer::kBlock).ok());
  CHECK(scene.set_blocked(scene.bob, scene.ann, true) == Status::kOk);
  CHECK(scene.blocked(scene.bob).size() == 2);
  CHECK(scene.set_blocked(scene.bob, scene.bob, true) == Status::kForbidden);
  CHECK(scene.set_blocked(scene.bob, nobody(), true) == Status::kNotFound);
}

TEST_CASE("a block changes nothing the blocked side can see but what the blocker could do by hand",
          "[storage][direct]") {
  Scene scene;
  const DeviceRecord ann1 = scene.device(scene.ann, 'a');
  const DeviceRecord bob1 = scene.device(scene.bob, 'b');
  const DeviceRecord dan1 = scene.device(scene.dan, 'd');
  scene.make_contacts(scene.ann, ann1, scene.bob, {bob1.device_id});
  scene.sent(scene.ann, ann1, scene.dan, {dan1.device_id});  // a request ann made to dan
  scene.sent(scene.dan, dan1, scene.ann, {ann1.device_id});  // and one dan made to ann

  // dan's request to ann goes (dan never sees it again anyway); ann's to dan stays: withdrawing
  // it is nothing ann could have done by hand, so its vanishing would tell dan of the block.
  REQUIRE(scene.set_blocked(scene.ann, scene.dan, true) == Status::kOk);
  CHECK(scene.requests(scene.ann).empty());
  const auto still = scene.requests(scene.dan);
  REQUIRE(still.size() == 1);
  CHECK(still[0].from_id == scene.ann.id);
  CHECK(scene.reach(scene.dan, scene.ann) == DirectReach::kUnreachable);

  // The contact stays for the blocked side and is hidden from the blocker, who lists bob as
  // blocked instead; the block still overrides it.
  REQUIRE(scene.set_blocked(scene.bob, scene.ann, true) == Status::kOk);
  CHECK(scene.contacts(scene.bob).empty());
  const auto anns = scene.contacts(scene.ann);
  REQUIRE(anns.size() == 1);
  CHECK(anns[0].handle == "bob");
  CHECK(scene.reach(scene.ann, scene.bob) == DirectReach::kUnreachable);
  CHECK(scene.reach(scene.bob, scene.ann) == DirectReach::kUnreachable);

  // Unblocking brings back what the block only hid.
  REQUIRE(scene.set_blocked(scene.bob, scene.ann, false) == Status::kOk);
  CHECK(scene.blocked(scene.bob).empty());
  CHECK(scene.contacts(scene.bob).size() == 1);
  CHECK(scene.reach(scene.ann, scene.bob) == DirectReach::kContact);
  CHECK(scene.set_blocked(scene.bob, scene.ann, false) == Status::kNotFound);
  CHECK(scene.set_blocked(scene.dan, scene.ann, false) == Status::kNotFound);  // ann blocked dan, not the reverse
  CHECK(scene.reach(scene.dan, scene.ann) == DirectReach::kUnreachable);
}

TEST_CASE("the blocked side may still accept the blocker's earlier request, and still cannot write",
          "[storage][direct]") {
  Scene scene;
  const DeviceRecord ann1 = scene.device(scene.ann, 'a');
  const DeviceRecord dan1 = scene.device(scene.dan, 'd');
  const auto before = scene.sent(scene.ann, ann1, scene.dan, {dan1.device_id});
  REQUIRE(scene.set_blocked(scene.ann, scene.dan, true) == Status::kOk);
  auto released = scene.answer(scene.dan, scene.ann, RequestAnswer::kAccept);
  REQUIRE(released.ok());
  REQUIRE(released->size() == 1);
  CHECK(released->at(0).dm_id == before.dm_id);
  CHECK(scene.contacts(scene.dan).size() == 1);
  CHECK(scene.contacts(scene.ann).empty());
  CHECK(scene.reach(scene.dan, scene.ann) == DirectReach::kUnreachable);
  CHECK(scene.send(scene.dan, dan1, scene.ann, {ann1.device_id}).status() == Status::kNotFound);
}

// --- sponsorships ----------------------------------------------------------------------------

TEST_CASE("a sponsorship is asked, accepted, and ended by either side", "[storage][direct]") {
  Scene scene;
  CHECK(scene.ask(scene.ann, scene.ann).status() == Status::kForbidden);
  CHECK(scene.ask(scene.cat, scene.ann).status() == Status::kNotFound);  // no shared room
  CHECK(scene.ask(scene.ann, nobody()).status() == Status::kNotFound);

  auto asked = scene.ask(scene.ann, scene.bob, kNow + 1);
  REQUIRE(asked.ok());
  CHECK(asked->sponsor_id == scene.bob.id);
  CHECK(asked->sponsor_handle == "bob");
  CHECK(asked->sponsee_id == scene.ann.id);
  CHECK(asked->sponsee_handle == "ann");
  CHECK(asked->state == SponsorshipState::kPending);
  CHECK_FALSE(asked->via_invite);
  CHECK(asked->asked_at_ms == kNow + 1);
  CHECK(scene.ask(scene.ann, scene.bob).status() == Status::kAlreadyExists);
  CHECK(scene.ask(scene.bob, scene.ann).status() == Status::kAlreadyExists);  // the other way round too
  CHECK(scene.reach(scene.ann, scene.bob) == DirectReach::kRequest);          // pending is not contact

  CHECK(scene.answer_sponsorship(asked->id, scene.ann, true).status() == Status::kNotFound);  // the sponsee
  CHECK(scene.answer_sponsorship(asked->id, scene.dan, true).status() == Status::kNotFound);
  CHECK(scene.end_sponsorship(asked->id, scene.bob).status() == Status::kNotFound);  // only the sponsee withdraws
  auto accepted = scene.answer_sponsorship(asked->id, scene.bob, true);
  REQUIRE(accepted.ok());
  CHECK(accepted->state == SponsorshipState::kActive);
  CHECK(accepted->answered_at_ms == kNow + 30);
  CHECK(scene.answer_sponsorship(asked->id, scene.bob, false).status() == Status::kNotFound);  // not pending

  CHECK(scene.reach(scene.ann, scene.bob) == DirectReach::kContact);
  CHECK(scene.reach(scene.bob, scene.ann) == DirectReach::kContact);
  const auto listed = scene.contacts(scene.ann);
  REQUIRE(listed.size() == 1);
  CHECK(listed[0].handle == "bob");
  CHECK(listed[0].since_ms == kNow + 30);
  CHECK(scene.contacts(scene.bob).size() == 1);

  CHECK(scene.end_sponsorship(asked->id, scene.dan).status() == Status::kNotFound);
  auto ended = scene.end_sponsorship(asked->id, scene.bob);
  REQUIRE(ended.ok());
  CHECK(ended->state == SponsorshipState::kEnded);
  CHECK(ended->ended_by == scene.bob.id);
  CHECK(ended->ended_at_ms == kNow + 40);
  CHECK(scene.end_sponsorship(asked->id, scene.ann).status() == Status::kNotFound);
  CHECK(scene.reach(scene.ann, scene.bob) == DirectReach::kRequest);
  CHECK(scene.contacts(scene.ann).empty());
  CHECK(scene.sponsorships(scene.ann).empty());

  // Asking again after the end is allowed.
  CHECK(scene.ask(scene.ann, scene.bob).ok());
}

TEST_CASE("a sponsorship ask is declined or withdrawn, and listings show the open ones newest first",
          "[storage][direct]") {
  Scene scene;
  auto first = scene.ask(scene.ann, scene.bob);
  auto second = scene.ask(scene.dan, scene.ann);
  REQUIRE(first.ok());
  REQUIRE(second.ok());
  const auto listed = scene.sponsorships(scene.ann);
  REQUIRE(listed.size() == 2);
  CHECK(listed[0].id == second->id);
  CHECK(listed[0].sponsor_id == scene.ann.id);
  CHECK(listed[1].id == first->id);
  CHECK(scene.sponsorships(scene.bob).size() == 1);

  auto declined = scene.answer_sponsorship(first->id, scene.bob, false);
  REQUIRE(declined.ok());
  CHECK(declined->state == SponsorshipState::kDeclined);
  CHECK(scene.reach(scene.ann, scene.bob) == DirectReach::kRequest);
  auto withdrawn = scene.end_sponsorship(second->id, scene.dan);
  REQUIRE(withdrawn.ok());
  CHECK(withdrawn->state == SponsorshipState::kEnded);
  CHECK(withdrawn->ended_by == scene.dan.id);
  CHECK(scene.answer_sponsorship(second->id, scene.ann, true).status() == Status::kNotFound);
  CHECK(scene.sponsorships(scene.ann).empty());
}

TEST_CASE("a block closes open sponsorships as the blocker could by hand, and returns them", "[storage][direct]") {
  Scene scene;
  auto active = scene.ask(scene.ann, scene.bob);  // ann's sponsor is bob
  REQUIRE(active.ok());
  REQUIRE(scene.answer_sponsorship(active->id, scene.bob, true).ok());
  auto to_ann = scene.ask(scene.dan, scene.ann);  // dan asks ann
  REQUIRE(to_ann.ok());

  auto ended = scene.block_change(scene.ann, scene.bob);
  REQUIRE(ended.ok());
  REQUIRE(ended->sponsorships.size() == 1);
  CHECK(ended->sponsorships[0].id == active->id);
  CHECK(ended->sponsorships[0].state == SponsorshipState::kEnded);
  CHECK(ended->sponsorships[0].ended_by == scene.ann.id);
  CHECK_FALSE(ended->sponsorships[0].hidden_from_sponsor);
  CHECK(scene.sponsorships(scene.bob).empty());
  CHECK(scene.reach(scene.bob, scene.ann) == DirectReach::kUnreachable);

  auto declined = scene.block_change(scene.ann, scene.dan);
  REQUIRE(declined.ok());
  REQUIRE(declined->sponsorships.size() == 1);
  CHECK(declined->sponsorships[0].id == to_ann->id);
  CHECK(declined->sponsorships[0].state == SponsorshipState::kDeclined);  // as answer_sponsorship declines
  CHECK(declined->sponsorships[0].answered_at_ms == kNow + 20);
  CHECK_FALSE(declined->sponsorships[0].hidden_from_sponsor);

  // The blocker's own pending ask is withdrawn, as end_sponsorship withdraws it.
  auto own = scene.ask(scene.bob, scene.dan);
  REQUIRE(own.ok());
  auto withdrawn = scene.block_change(scene.bob, scene.dan);
  REQUIRE(withdrawn.ok());
  REQUIRE(withdrawn->sponsorships.size() == 1);
  CHECK(withdrawn->sponsorships[0].state == SponsorshipState::kEnded);
  CHECK(withdrawn->sponsorships[0].ended_by == scene.bob.id);
  CHECK(scene.block_change(scene.bob, scene.dan)->sponsorships.empty());  // nothing left to close
}

TEST_CASE("an ask to someone who blocks the asker is pending for the asker and hidden from them",
          "[storage][direct]") {
  Scene scene;
  REQUIRE(scene.set_blocked(scene.ann, scene.bob, true) == Status::kOk);
  // The blocker asking the one they block is refused: they know of their own block.
  CHECK(scene.ask(scene.ann, scene.bob).status() == Status::kNotFound);
  REQUIRE(scene.create_invite(scene.bob, "code-b", kNow + 1000) == Status::kOk);
  CHECK(scene.ask_by_invite(scene.ann, "code-b").status() == Status::kNotFound);

  auto asked = scene.ask(scene.bob, scene.ann);
  REQUIRE(asked.ok());
  CHECK(asked->state == SponsorshipState::kPending);
  CHECK(asked->hidden_from_sponsor);
  const auto bobs = scene.sponsorships(scene.bob);
  REQUIRE(bobs.size() == 1);
  CHECK(bobs[0].id == asked->id);
  CHECK(scene.sponsorships(scene.ann).empty());
  CHECK(scene.ask(scene.bob, scene.ann).status() == Status::kAlreadyExists);  // as for any pending ask
  CHECK(scene.answer_sponsorship(asked->id, scene.ann, true).status() == Status::kNotFound);
  CHECK(scene.reach(scene.bob, scene.ann) == DirectReach::kUnreachable);

  // An invite code works the same way (and is spent), from someone sharing no room too.
  REQUIRE(scene.set_blocked(scene.ann, scene.cat, true) == Status::kOk);
  REQUIRE(scene.create_invite(scene.ann, "code-a", kNow + 1000) == Status::kOk);
  auto by_invite = scene.ask_by_invite(scene.cat, "code-a");
  REQUIRE(by_invite.ok());
  CHECK(by_invite->hidden_from_sponsor);
  CHECK(scene.ask_by_invite(scene.dan, "code-a").status() == Status::kNotFound);  // used
  CHECK(scene.sponsorships(scene.ann).empty());

  // The asker may withdraw it like any ask; unblocking shows the others to the sponsor.
  auto withdrawn = scene.end_sponsorship(by_invite->id, scene.cat);
  REQUIRE(withdrawn.ok());
  CHECK(withdrawn->state == SponsorshipState::kEnded);
  CHECK(withdrawn->hidden_from_sponsor);  // ann is not told of its end either
  REQUIRE(scene.set_blocked(scene.ann, scene.bob, false) == Status::kOk);
  const auto anns = scene.sponsorships(scene.ann);
  REQUIRE(anns.size() == 1);
  CHECK(anns[0].id == asked->id);
  CHECK_FALSE(anns[0].hidden_from_sponsor);
  CHECK(scene.answer_sponsorship(asked->id, scene.ann, true).ok());
}

TEST_CASE("a sponsor invite is used once, before it expires, and needs no shared room", "[storage][direct]") {
  Scene scene;
  REQUIRE(scene.create_invite(scene.ann, "code-1", kNow + 1000) == Status::kOk);
  REQUIRE(scene.create_invite(scene.ann, "code-2", kNow + 1000) == Status::kOk);
  REQUIRE(scene.create_invite(scene.ann, "code-old", kNow + 1) == Status::kOk);
  CHECK(scene.create_invite(scene.bob, "code-1", kNow + 1000) == Status::kAlreadyExists);

  CHECK(scene.ask_by_invite(scene.cat, "unknown").status() == Status::kNotFound);
  CHECK(scene.ask_by_invite(scene.cat, "code-old", kNow + 1).status() == Status::kNotFound);  // expired
  // Refused asks leave the code usable: ann with her own code...
  CHECK(scene.ask_by_invite(scene.ann, "code-1").status() == Status::kForbidden);

  CHECK(scene.reach(scene.cat, scene.ann) == DirectReach::kUnreachable);
  auto asked = scene.ask_by_invite(scene.cat, "code-1");
  REQUIRE(asked.ok());
  CHECK(asked->via_invite);
  CHECK(asked->sponsor_id == scene.ann.id);
  CHECK(asked->sponsee_id == scene.cat.id);
  CHECK(asked->state == SponsorshipState::kPending);
  CHECK(scene.ask_by_invite(scene.dan, "code-1").status() == Status::kNotFound);  // used
  // ...and cat asking again while one is open.
  CHECK(scene.ask_by_invite(scene.cat, "code-2").status() == Status::kAlreadyExists);
  CHECK(scene.ask_by_invite(scene.dan, "code-2").ok());

  // Active, the sponsorship makes contacts without a room; ending it takes that away.
  REQUIRE(scene.answer_sponsorship(asked->id, scene.ann, true).ok());
  CHECK(scene.reach(scene.cat, scene.ann) == DirectReach::kContact);
  const DeviceRecord ann1 = scene.device(scene.ann, 'a');
  const DeviceRecord cat1 = scene.device(scene.cat, 'c', {1});
  CHECK(scene.bundles(scene.ann, scene.cat).ok());
  auto delivered = scene.send(scene.ann, ann1, scene.cat, {cat1.device_id});
  REQUIRE(delivered.ok());
  CHECK(delivered->route == DirectRoute::kDelivered);
  REQUIRE(scene.end_sponsorship(asked->id, scene.cat).ok());
  CHECK(scene.reach(scene.cat, scene.ann) == DirectReach::kUnreachable);
  CHECK(scene.send(scene.ann, ann1, scene.cat, {cat1.device_id}).status() == Status::kNotFound);
  CHECK(scene.bundles(scene.ann, scene.cat).status() == Status::kNotFound);
}

TEST_CASE("a contact who is also a sponsor is listed once", "[storage][direct]") {
  Scene scene;
  const DeviceRecord ann1 = scene.device(scene.ann, 'a');
  const DeviceRecord bob1 = scene.device(scene.bob, 'b');
  scene.make_contacts(scene.ann, ann1, scene.bob, {bob1.device_id});
  auto asked = scene.ask(scene.bob, scene.ann);
  REQUIRE(asked.ok());
  REQUIRE(scene.answer_sponsorship(asked->id, scene.ann, true).ok());
  const auto listed = scene.contacts(scene.ann);
  REQUIRE(listed.size() == 1);
  CHECK(listed[0].since_ms == kNow + 10);  // the earlier of the two
  REQUIRE(scene.end_sponsorship(asked->id, scene.ann).ok());
  CHECK(scene.reach(scene.ann, scene.bob) == DirectReach::kContact);  // still an accepted contact
}

// --- persistence -----------------------------------------------------------------------------

TEST_CASE("keys, queues, requests, contacts, blocks and sponsorships survive reopening", "[storage][direct]") {
  Scene scene;
  const DeviceRecord ann1 = scene.device(scene.ann, 'a', {1, 2});
  const DeviceRecord bob1 = scene.device(scene.bob, 'b');
  const DeviceRecord dan1 = scene.device(scene.dan, 'd');
  scene.make_contacts(scene.ann, ann1, scene.bob, {bob1.device_id});
  const auto waiting = scene.sent(scene.dan, dan1, scene.ann, {ann1.device_id});
  REQUIRE(scene.set_blocked(scene.bob, scene.dan, true) == Status::kOk);
  auto asked = scene.ask(scene.cat, scene.ann);
  CHECK(asked.status() == Status::kNotFound);
  REQUIRE(scene.create_invite(scene.ann, "code", kNow + 1000) == Status::kOk);
  asked = scene.ask_by_invite(scene.cat, "code");
  REQUIRE(asked.ok());
  REQUIRE(scene.answer_sponsorship(asked->id, scene.ann, true).ok());

  scene.reopen();

  const auto devices = scene.devices(scene.ann);
  REQUIRE(devices.size() == 1);
  CHECK(devices[0].identity_signing_key == bytes('a', 1));
  CHECK(devices[0].one_time_prekeys_left == 2);
  CHECK(scene.fetch(scene.bob, bob1).size() == 1);
  const auto requests = scene.requests(scene.ann);
  REQUIRE(requests.size() == 1);
  CHECK(requests[0].from_id == scene.dan.id);
  CHECK(scene.reach(scene.ann, scene.bob) == DirectReach::kContact);
  CHECK(scene.reach(scene.dan, scene.bob) == DirectReach::kUnreachable);
  CHECK(scene.reach(scene.cat, scene.ann) == DirectReach::kContact);
  const auto listed = scene.sponsorships(scene.cat);
  REQUIRE(listed.size() == 1);
  CHECK(listed[0].state == SponsorshipState::kActive);
  CHECK(scene.ask_by_invite(scene.dan, "code").status() == Status::kNotFound);
  auto released = scene.answer(scene.ann, scene.dan, RequestAnswer::kAccept);
  REQUIRE(released.ok());
  REQUIRE(released->size() == 1);
  CHECK(released->at(0).dm_id == waiting.dm_id);
}
