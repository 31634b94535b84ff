// Who may write to whom, over the real server with real keys: the key directory, message
// requests, blocks (which look exactly like an unknown name) and sponsorships.
#include <catch2/catch.hpp>
#include <set>

#include "tests/integration/e2e_test_device.h"

using namespace hearth::testing;
namespace v1 = hearth::v1;

namespace {

// The refusal for `real` must be the one for `unknown` (a handle of the same length that does
// not exist) byte for byte, but for the handle itself: nothing says whether `real` exists.
void check_looks_unknown(const v1::Response& for_real, const v1::Response& for_unknown, const std::string& real,
                         const std::string& unknown) {
  REQUIRE(real.size() == unknown.size());
  const auto refused = expect_error(for_real, v1::NOT_FOUND);
  const auto not_there = expect_error(for_unknown, v1::NOT_FOUND);
  std::string expected = not_there.message();
  const auto at = expected.find(unknown);
  REQUIRE(at != std::string::npos);
  expected.replace(at, unknown.size(), real);
  CHECK(refused.message() == expected);
  CHECK(refused.message().size() == not_there.message().size());
  CHECK(refused.expected_device_ids_size() == 0);
  CHECK(refused.retry_after_ms() == not_there.retry_after_ms());
}

// A copy that names bob's device with an envelope no one could read: enough to be refused.
std::vector<v1::DirectCopy> junk_copy(std::uint64_t device_id) {
  v1::DirectCopy copy;
  copy.set_device_id(device_id);
  copy.set_envelope(std::string(120, '\x5a'));
  return {copy};
}

std::vector<v1::DirectRequestInfo> direct_requests(TestClient& client) {
  const auto listed = client.call(requests::list_direct_requests());
  INFO(listed.ShortDebugString());
  REQUIRE(listed.has_direct_requests());
  return {listed.direct_requests().requests().begin(), listed.direct_requests().requests().end()};
}

std::set<std::string> contacts(TestClient& client, bool blocked = false) {
  const auto listed = client.call(requests::list_contacts(blocked));
  INFO(listed.ShortDebugString());
  REQUIRE(listed.has_contacts());
  std::set<std::string> handles;
  for (const auto& contact : listed.contacts().contacts()) handles.insert(contact.user().handle());
  return handles;
}

std::vector<v1::SponsorshipInfo> sponsorships(TestClient& client) {
  const auto listed = client.call(requests::list_sponsorships());
  INFO(listed.ShortDebugString());
  REQUIRE(listed.has_sponsorships());
  return {listed.sponsorships().sponsorships().begin(), listed.sponsorships().sponsorships().end()};
}

v1::SponsorshipInfo wait_sponsorship(TestClient& client, std::uint64_t id, v1::SponsorshipState state) {
  return client
      .wait_event([&](const v1::Event& e) {
        return e.has_sponsorship_changed() && e.sponsorship_changed().sponsorship().sponsorship_id() == id &&
               e.sponsorship_changed().sponsorship().state() == state;
      })
      .sponsorship_changed()
      .sponsorship();
}

}  // namespace

TEST_CASE("each one-time prekey is handed out once, and a session works with the signed prekey alone", "[direct]") {
  Community community({"--prekeys-low-threshold", "2"});
  auto bob = community.member("bob");
  E2eDevice bob_phone(*bob, "bob", "phone", 3);
  std::vector<std::unique_ptr<TestClient>> clients;
  std::vector<std::unique_ptr<E2eDevice>> writers;
  std::vector<std::optional<std::uint32_t>> handed_out;
  for (const std::string handle : {"ann", "cal", "dee", "eve"}) {
    clients.push_back(community.member(handle));  // they share the room with bob: requests
    writers.push_back(std::make_unique<E2eDevice>(*clients.back(), handle));
    const auto fetched = clients.back()->call(requests::fetch_bundles("bob"));
    INFO(fetched.ShortDebugString());
    REQUIRE(fetched.has_bundles());
    REQUIRE(fetched.bundles().bundles_size() == 1);
    const auto& bundle = fetched.bundles().bundles(0);
    CHECK(bundle.device().device_id() == bob_phone.id());
    CHECK(bundle.device().one_time_prekeys_left() == 0);  // the count is only for the owner
    handed_out.push_back(bundle.has_one_time_prekey() ? std::optional(bundle.one_time_prekey().id()) : std::nullopt);
    writers.back()->open_session(bundle);
  }
  // Three distinct one-time prekeys, then none left for eve.
  REQUIRE(handed_out[0].has_value());
  REQUIRE(handed_out[1].has_value());
  REQUIRE(handed_out[2].has_value());
  CHECK(std::set<std::uint32_t>{*handed_out[0], *handed_out[1], *handed_out[2]}.size() == 3);
  CHECK_FALSE(handed_out[3].has_value());

  // bob was told when fewer than 2 were left (1 after cal's fetch), not before.
  const auto low = bob->wait_event([](const v1::Event& e) { return e.has_prekeys_low(); });
  CHECK(low.prekeys_low().device_id() == bob_phone.id());
  CHECK(low.prekeys_low().left() == 1);
  bob->wait_event([](const v1::Event& e) { return e.has_prekeys_low() && e.prekeys_low().left() == 0; });
  CHECK(bob_phone.attach().one_time_prekeys_left() == 0);

  // Every one of them, eve's without a one-time prekey included, opens and decrypts.
  const std::vector<std::string> handles = {"ann", "cal", "dee", "eve"};
  for (std::size_t i = 0; i < writers.size(); ++i) {
    const auto sent = writers[i]->send_ok("bob", "hello from " + handles[i]);
    CHECK(sent.request());
    REQUIRE(bob->call(requests::answer_direct_request(handles[i], v1::REQUEST_ACCEPT)).has_ok());
  }
  CHECK(bob_phone.receive_all() ==
        std::vector<std::string>{"hello from ann", "hello from cal", "hello from dee", "hello from eve"});

  // More prekeys uploaded to the same device are handed out again.
  bob_phone.keys().add_one_time_prekeys(5);
  const auto topped_up = bob->call(requests::publish_keys(publish_request(bob_phone.keys(), "", bob_phone.id())));
  INFO(topped_up.ShortDebugString());
  REQUIRE(topped_up.has_device());
  CHECK_FALSE(topped_up.device().created());
  CHECK(topped_up.device().device().one_time_prekeys_left() == 5);
  const auto again = clients[3]->call(requests::fetch_bundles("bob"));
  REQUIRE(again.has_bundles());
  CHECK(again.bundles().bundles(0).has_one_time_prekey());
}

TEST_CASE("the key directory checks signatures, keeps identity keys and caps devices", "[direct]") {
  Community community({"--max-devices-per-user", "2"});
  auto ann = community.member("ann");
  auto bob = community.member("bob");
  E2eDevice ann_phone(*ann, "ann");

  const auto fresh = hearth::e2e::DeviceKeys::generate(2);
  auto bad_identity = publish_request(fresh, "tablet");
  (*bad_identity.mutable_identity_dh_signature())[5] ^= 0x01;
  expect_error(ann->call(requests::publish_keys(bad_identity)), v1::INVALID_ARGUMENT);
  auto bad_prekey = publish_request(fresh, "tablet");
  (*bad_prekey.mutable_signed_prekey()->mutable_signature())[60] ^= 0x80;
  expect_error(ann->call(requests::publish_keys(bad_prekey)), v1::INVALID_ARGUMENT);
  auto prekey_id_changed = publish_request(fresh, "tablet");
  prekey_id_changed.mutable_signed_prekey()->set_id(prekey_id_changed.signed_prekey().id() + 1);
  expect_error(ann->call(requests::publish_keys(prekey_id_changed)), v1::INVALID_ARGUMENT);

  // An existing device keeps its identity: other keys under its id are refused, and its keys
  // cannot be registered again as a second device.
  expect_error(ann->call(requests::publish_keys(publish_request(fresh, "", ann_phone.id()))), v1::FORBIDDEN);
  expect_error(ann->call(requests::publish_keys(publish_request(ann_phone.keys(), "again"))), v1::ALREADY_EXISTS);
  // Nobody else can update ann's device.
  expect_error(bob->call(requests::publish_keys(publish_request(ann_phone.keys(), "", ann_phone.id()))), v1::NOT_FOUND);
  // A signed prekey rotation is accepted.
  ann_phone.keys().rotate_signed_prekey();
  const auto rotated = ann->call(requests::publish_keys(publish_request(ann_phone.keys(), "", ann_phone.id())));
  INFO(rotated.ShortDebugString());
  REQUIRE(rotated.has_device());

  // Two devices per user here: the third is refused until one is removed.
  E2eDevice ann_laptop(*ann, "ann", "laptop");
  const auto third = hearth::e2e::DeviceKeys::generate(1);
  expect_error(ann->call(requests::publish_keys(publish_request(third, "tablet"))), v1::LIMIT_REACHED);
  const auto listed = ann->call(requests::list_devices());
  REQUIRE(listed.has_devices());
  CHECK(listed.devices().devices_size() == 2);
  REQUIRE(ann->call(requests::remove_device(ann_laptop.id())).has_ok());
  const auto now_fits = ann->call(requests::publish_keys(publish_request(third, "tablet")));
  INFO(now_fits.ShortDebugString());
  REQUIRE(now_fits.has_device());
  CHECK(now_fits.device().device().device_id() != ann_laptop.id());  // ids are never reused
}

TEST_CASE("a message request waits until accepted, a declined one is never delivered", "[direct]") {
  Community community;
  auto bob = community.member("bob");
  auto cal = community.member("cal");
  auto eve = community.member("eve");
  auto dee = community.member("dee", false);  // shares no room with bob
  E2eDevice bob_phone(*bob, "bob");
  E2eDevice cal_phone(*cal, "cal");
  E2eDevice eve_phone(*eve, "eve");
  E2eDevice dee_phone(*dee, "dee");
  CHECK(bob_phone.attach().queued() == 0);

  CHECK(cal_phone.send_ok("bob", "we met at the tuesday group").request());
  CHECK(cal_phone.send_ok("bob", "could we talk?").request());
  bob->wait_event([](const v1::Event& e) { return e.has_direct_request() && e.direct_request().from().handle() == "cal"; });
  CHECK(bob_phone.fetch().empty());
  const auto waiting = direct_requests(*bob);
  REQUIRE(waiting.size() == 1);
  CHECK(waiting[0].from().handle() == "cal");
  CHECK(waiting[0].messages() == 2);
  CHECK(waiting[0].first_at_ms() <= waiting[0].last_at_ms());
  CHECK(contacts(*bob).empty());
  for (const auto& event : bob->events()) CHECK_FALSE(event.has_direct_message());

  // Accepted: the held messages are pushed to the attached phone, in order, and decrypt.
  REQUIRE(bob->call(requests::answer_direct_request("cal", v1::REQUEST_ACCEPT)).has_ok());
  const auto pushed = bob_phone.wait_pushed(2);
  REQUIRE(pushed.size() == 2);
  CHECK(pushed[0].dm_id() < pushed[1].dm_id());
  const auto first = bob_phone.decrypt(pushed[0]);
  const auto second = bob_phone.decrypt(pushed[1]);
  REQUIRE(first.ok());
  REQUIRE(second.ok());
  CHECK(first.value() == "we met at the tuesday group");
  CHECK(second.value() == "could we talk?");
  bob_phone.ack({pushed[0].dm_id(), pushed[1].dm_id()});
  CHECK(direct_requests(*bob).empty());
  CHECK(contacts(*bob) == std::set<std::string>{"cal"});
  CHECK(contacts(*cal) == std::set<std::string>{"bob"});
  CHECK_FALSE(cal_phone.send_ok("bob", "thank you").request());
  CHECK(bob_phone.receive_all() == std::vector<std::string>{"thank you"});

  // Declined: deleted unread. eve may ask again (still a request); only that one arrives.
  CHECK(eve_phone.send_ok("bob", "DECLINED-TEXT").request());
  REQUIRE(direct_requests(*bob).size() == 1);
  REQUIRE(bob->call(requests::answer_direct_request("eve", v1::REQUEST_DECLINE)).has_ok());
  CHECK(direct_requests(*bob).empty());
  CHECK(bob_phone.fetch().empty());
  CHECK(bob_phone.attach().queued() == 0);
  CHECK(contacts(*bob) == std::set<std::string>{"cal"});
  expect_error(bob->call(requests::answer_direct_request("eve", v1::REQUEST_ACCEPT)), v1::NOT_FOUND);
  CHECK(eve_phone.send_ok("bob", "sorry, just once more").request());
  REQUIRE(bob->call(requests::answer_direct_request("eve", v1::REQUEST_ACCEPT)).has_ok());
  CHECK(bob_phone.receive_all() == std::vector<std::string>{"sorry, just once more"});

  // dee shares no room with bob: refused exactly as for a name nobody has.
  check_looks_unknown(dee_phone.send_copies("bob", junk_copy(bob_phone.id())),
                      dee_phone.send_copies("bxb", junk_copy(bob_phone.id())), "bob", "bxb");
  check_looks_unknown(dee->call(requests::fetch_bundles("bob")), dee->call(requests::fetch_bundles("bxb")), "bob", "bxb");
  check_looks_unknown(dee->call(requests::list_devices("bob")), dee->call(requests::list_devices("bxb")), "bob", "bxb");
  CHECK(direct_requests(*bob).empty());
}

TEST_CASE("a block looks exactly like an unknown name, and unblocking brings the contact back", "[direct]") {
  Community community;
  auto bob = community.member("bob");
  auto cal = community.member("cal");
  E2eDevice bob_phone(*bob, "bob");
  E2eDevice cal_phone(*cal, "cal");
  CHECK(cal_phone.send_ok("bob", "hi bob").request());
  REQUIRE(bob->call(requests::answer_direct_request("cal", v1::REQUEST_ACCEPT)).has_ok());
  CHECK(bob_phone.receive_all() == std::vector<std::string>{"hi bob"});
  const auto prepared = cal_phone.encrypt_for("bob", "BLOCKED-TEXT");

  REQUIRE(bob->call(requests::block_user("cal")).has_ok());
  CHECK(contacts(*bob, true) == std::set<std::string>{"cal"});
  CHECK(contacts(*bob).empty());
  // cal still lists bob: a contact that vanished would tell of the block.
  CHECK(contacts(*cal) == std::set<std::string>{"bob"});

  check_looks_unknown(cal_phone.send_copies("bob", prepared), cal_phone.send_copies("bxb", prepared), "bob", "bxb");
  check_looks_unknown(cal->call(requests::fetch_bundles("bob")), cal->call(requests::fetch_bundles("bxb")), "bob", "bxb");
  check_looks_unknown(cal->call(requests::list_devices("bob")), cal->call(requests::list_devices("bxb")), "bob", "bxb");
  // Nor can bob write to cal while he blocks them.
  check_looks_unknown(bob_phone.send_copies("cal", junk_copy(cal_phone.id())),
                      bob_phone.send_copies("cxl", junk_copy(cal_phone.id())), "cal", "cxl");
  CHECK(bob_phone.attach().queued() == 0);
  CHECK(direct_requests(*bob).empty());
  // cal's ask is pending, as one bob left unanswered would be; bob neither hears nor sees it,
  // nor its withdrawal.
  const auto withdrawn = cal->call(requests::ask_sponsor("bob"));
  REQUIRE(withdrawn.has_sponsorship());
  REQUIRE(cal->call(requests::end_sponsorship(withdrawn.sponsorship().sponsorship().sponsorship_id())).has_sponsorship());
  const auto asked = cal->call(requests::ask_sponsor("bob"));
  INFO(asked.ShortDebugString());
  REQUIRE(asked.has_sponsorship());
  CHECK(asked.sponsorship().sponsorship().state() == v1::SPONSORSHIP_PENDING);
  wait_sponsorship(*cal, asked.sponsorship().sponsorship().sponsorship_id(), v1::SPONSORSHIP_PENDING);
  CHECK(sponsorships(*cal).size() == 1);
  CHECK(sponsorships(*bob).empty());
  expect_error(bob->call(requests::answer_sponsorship(asked.sponsorship().sponsorship().sponsorship_id(), true)),
               v1::NOT_FOUND);

  REQUIRE(bob->call(requests::block_user("cal", true)).has_ok());
  CHECK(contacts(*bob, true).empty());
  expect_error(bob->call(requests::block_user("cal", true)), v1::NOT_FOUND);
  // The contact is back, and so is the ask, for bob to answer now.
  CHECK(contacts(*bob) == std::set<std::string>{"cal"});
  CHECK_FALSE(cal_phone.send_ok("bob", "can we start over?").request());
  CHECK(bob_phone.receive_all() == std::vector<std::string>{"can we start over?"});
  REQUIRE(sponsorships(*bob).size() == 1);
  // Events reach a connection in order with its responses: had bob been told of the ask, the
  // event would be here by now.
  for (const auto& event : bob->events()) CHECK_FALSE(event.has_sponsorship_changed());
  CHECK(bob->call(requests::answer_sponsorship(asked.sponsorship().sponsorship().sponsorship_id(), false))
            .has_sponsorship());
}

TEST_CASE("a sponsorship makes two people contacts while it lasts", "[direct]") {
  Community community;
  auto ann = community.member("ann");  // the sponsor
  auto bob = community.member("bob");  // asks ann
  auto cal = community.member("cal");
  E2eDevice ann_phone(*ann, "ann");
  E2eDevice bob_phone(*bob, "bob");

  expect_error(bob->call(requests::ask_sponsor("bob")), v1::INVALID_ARGUMENT);
  const auto asked = bob->call(requests::ask_sponsor("ann"));
  INFO(asked.ShortDebugString());
  REQUIRE(asked.has_sponsorship());
  const auto id = asked.sponsorship().sponsorship().sponsorship_id();
  CHECK(asked.sponsorship().sponsorship().state() == v1::SPONSORSHIP_PENDING);
  const auto seen = wait_sponsorship(*ann, id, v1::SPONSORSHIP_PENDING);
  CHECK(seen.sponsor().handle() == "ann");
  CHECK(seen.sponsee().handle() == "bob");
  const auto pending = sponsorships(*ann);
  REQUIRE(pending.size() == 1);
  CHECK(pending[0].sponsorship_id() == id);
  CHECK(pending[0].state() == v1::SPONSORSHIP_PENDING);
  expect_error(bob->call(requests::ask_sponsor("ann")), v1::ALREADY_EXISTS);
  expect_error(ann->call(requests::ask_sponsor("bob")), v1::ALREADY_EXISTS);  // either way round
  // Only the sponsor answers.
  expect_error(bob->call(requests::answer_sponsorship(id, true)), v1::NOT_FOUND);
  expect_error(cal->call(requests::answer_sponsorship(id, true)), v1::NOT_FOUND);
  CHECK(sponsorships(*ann)[0].state() == v1::SPONSORSHIP_PENDING);
  CHECK(bob_phone.send_ok("ann", "still a request while pending").request());
  REQUIRE(ann->call(requests::answer_direct_request("bob", v1::REQUEST_DECLINE)).has_ok());

  const auto accepted = ann->call(requests::answer_sponsorship(id, true));
  REQUIRE(accepted.has_sponsorship());
  wait_sponsorship(*ann, id, v1::SPONSORSHIP_ACTIVE);
  wait_sponsorship(*bob, id, v1::SPONSORSHIP_ACTIVE);
  for (auto* side : {ann.get(), bob.get()}) {
    const auto listed = sponsorships(*side);
    REQUIRE(listed.size() == 1);
    CHECK(listed[0].state() == v1::SPONSORSHIP_ACTIVE);
  }
  CHECK(contacts(*ann) == std::set<std::string>{"bob"});
  CHECK(contacts(*bob) == std::set<std::string>{"ann"});
  CHECK_FALSE(bob_phone.send_ok("ann", "thank you for saying yes").request());
  CHECK(ann_phone.receive_all() == std::vector<std::string>{"thank you for saying yes"});

  // Either side may end it; then they share only the room: requests again.
  expect_error(cal->call(requests::end_sponsorship(id)), v1::NOT_FOUND);
  REQUIRE(bob->call(requests::end_sponsorship(id)).has_sponsorship());
  wait_sponsorship(*ann, id, v1::SPONSORSHIP_ENDED);
  CHECK(sponsorships(*ann).empty());
  CHECK(contacts(*ann).empty());
  CHECK(bob_phone.send_ok("ann", "after it ended").request());
  CHECK(ann_phone.fetch().empty());
}

TEST_CASE("a one-time sponsor invite reaches someone who shares no room", "[direct]") {
  Community community;
  auto ann = community.member("ann");
  auto dee = community.member("dee", false);
  auto eve = community.member("eve", false);
  E2eDevice ann_phone(*ann, "ann");
  E2eDevice dee_phone(*dee, "dee");

  // Sharing no room, dee cannot even tell that ann exists.
  check_looks_unknown(dee->call(requests::ask_sponsor("ann")), dee->call(requests::ask_sponsor("axn")), "ann", "axn");
  const auto invite = ann->call(requests::create_sponsor_invite());
  INFO(invite.ShortDebugString());
  REQUIRE(invite.has_invite());
  REQUIRE_FALSE(invite.invite().code().empty());

  const auto asked = dee->call(requests::ask_sponsor_by_invite(invite.invite().code()));
  INFO(asked.ShortDebugString());
  REQUIRE(asked.has_sponsorship());
  const auto id = asked.sponsorship().sponsorship().sponsorship_id();
  CHECK(asked.sponsorship().sponsorship().sponsor().handle() == "ann");
  CHECK(asked.sponsorship().sponsorship().state() == v1::SPONSORSHIP_PENDING);
  wait_sponsorship(*ann, id, v1::SPONSORSHIP_PENDING);
  // The code is spent.
  expect_error(eve->call(requests::ask_sponsor_by_invite(invite.invite().code())), v1::NOT_FOUND);
  expect_error(eve->call(requests::ask_sponsor_by_invite("NOT-A-REAL-CODE")), v1::NOT_FOUND);

  // Until ann accepts, dee cannot write to her at all; then directly.
  expect_error(dee->call(requests::fetch_bundles("ann")), v1::NOT_FOUND);
  REQUIRE(ann->call(requests::answer_sponsorship(id, true)).has_sponsorship());
  wait_sponsorship(*dee, id, v1::SPONSORSHIP_ACTIVE);
  CHECK_FALSE(dee_phone.send_ok("ann", "thank you for the code").request());
  CHECK(ann_phone.receive_all() == std::vector<std::string>{"thank you for the code"});

  // The sponsor ends it: sharing no room, dee cannot reach ann at all any more.
  REQUIRE(ann->call(requests::end_sponsorship(id)).has_sponsorship());
  wait_sponsorship(*dee, id, v1::SPONSORSHIP_ENDED);
  check_looks_unknown(dee->call(requests::list_devices("ann")), dee->call(requests::list_devices("axn")), "ann", "axn");
  const auto after_end = dee_phone.send_copies("ann", junk_copy(ann_phone.id()));
  check_looks_unknown(after_end, dee_phone.send_copies("axn", junk_copy(ann_phone.id())), "ann", "axn");
}
