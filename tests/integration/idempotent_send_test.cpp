// send_message with an idempotency key against a real hearthd: a repeat is answered as the first
// send was and stores nothing, across connections, racing sends and a kill -9; a key reused for
// another message, or of the wrong shape, is refused.
#include <catch2/catch.hpp>

#include "clients/client/moderation_requests.h"
#include "tests/integration/test_users.h"

using namespace hearth::testing;

namespace {

hearth::v1::ClientFrame keyed_send(std::uint64_t room_id, const std::string& text, const std::string& key) {
  return requests::send_message(room_id, text, key);
}

hearth::v1::SendMessageResult sent_of(const hearth::v1::Response& response) {
  INFO(response.ShortDebugString());
  REQUIRE(response.has_sent());
  return response.sent();
}

hearth::v1::ErrorCode code_of(const hearth::v1::Response& response) {
  INFO(response.ShortDebugString());
  REQUIRE(response.has_error());
  return response.error().code();
}

std::vector<hearth::v1::RoomMessage> history(TestClient& reader, std::uint64_t room_id) {
  const auto page = reader.call(requests::history_latest(room_id, 500));
  INFO(page.ShortDebugString());
  REQUIRE(page.has_history());
  return std::vector<hearth::v1::RoomMessage>(page.history().messages().begin(), page.history().messages().end());
}

void check_same(const hearth::v1::SendMessageResult& repeat, const hearth::v1::SendMessageResult& first) {
  CHECK(repeat.room_id() == first.room_id());
  CHECK(repeat.message_id() == first.message_id());
  CHECK(repeat.seq() == first.seq());
  CHECK(repeat.sent_at_ms() == first.sent_at_ms());
  CHECK(repeat.crisis_resources() == first.crisis_resources());
}

}  // namespace

TEST_CASE("a repeated key answers the first send's ids on any connection and stores and fans out once",
          "[idempotency]") {
  Community community;
  auto ann = community.member("ann");
  auto bob = community.member("bob");
  const auto first = sent_of(ann->call(keyed_send(community.room_id, "I made it to the meeting", "k-1")));
  // The same account on another connection (a reconnect), and on the first again.
  auto ann_again = community.log_in("ann");
  check_same(sent_of(ann_again->call(keyed_send(community.room_id, "I made it to the meeting", "k-1"))), first);
  check_same(sent_of(ann->call(keyed_send(community.room_id, "I made it to the meeting", "k-1"))), first);

  // bob saw it once: a later message arrives as the second event, not the third.
  bob->say(community.room_id, "well done");
  const auto posted = bob->wait_posted(community.room_id, 2);
  REQUIRE(posted.size() == 2);
  CHECK(posted[0].message_id() == first.message_id());
  CHECK(posted[1].text() == "well done");
  const auto stored = history(*bob, community.room_id);
  REQUIRE(stored.size() == 2);
  CHECK(stored[0].text() == "I made it to the meeting");
}

TEST_CASE("a key is per account: another member's same key is another message", "[idempotency]") {
  Community community;
  auto ann = community.member("ann");
  auto bob = community.member("bob");
  const auto from_ann = sent_of(ann->call(keyed_send(community.room_id, "same words", "shared-key")));
  const auto from_bob = sent_of(bob->call(keyed_send(community.room_id, "same words", "shared-key")));
  CHECK(from_bob.message_id() != from_ann.message_id());
  CHECK(history(*ann, community.room_id).size() == 2);
}

TEST_CASE("a key used for another text or room is refused with ALREADY_EXISTS and stores nothing", "[idempotency]") {
  Community community;
  const auto other = community.admin->call(requests::create_room("second", "", false));
  REQUIRE(other.has_room());
  const std::uint64_t other_room = other.room().room().room_id();
  auto ann = community.member("ann");
  REQUIRE(ann->call(requests::join_room(other_room)).has_room());

  sent_of(ann->call(keyed_send(community.room_id, "first words", "k")));
  const auto other_text = ann->call(keyed_send(community.room_id, "other words", "k"));
  CHECK(code_of(other_text) == hearth::v1::ALREADY_EXISTS);
  CHECK(other_text.error().message().find("idempotency_key") != std::string::npos);
  CHECK(code_of(ann->call(keyed_send(other_room, "first words", "k"))) == hearth::v1::ALREADY_EXISTS);
  CHECK(history(*ann, community.room_id).size() == 1);
  CHECK(history(*ann, other_room).empty());
  // A new key is a new message.
  sent_of(ann->call(keyed_send(community.room_id, "other words", "k2")));
  CHECK(history(*ann, community.room_id).size() == 2);
}

TEST_CASE("a malformed key is refused with INVALID_ARGUMENT before anything else", "[idempotency]") {
  Community community;
  auto ann = community.member("ann");
  for (const std::string& key : {std::string(65, 'k'), std::string("with space"), std::string("tab\t"),
                                 std::string("caf\xc3\xa9"), std::string("del\x7f"), std::string("nul\0x", 5)}) {
    INFO("key: " << key);
    const auto refused = ann->call(keyed_send(community.room_id, "hello", key));
    CHECK(code_of(refused) == hearth::v1::INVALID_ARGUMENT);
    CHECK(refused.error().message().find("idempotency_key") != std::string::npos);
  }
  // The shape is checked before the room is even looked up.
  CHECK(code_of(ann->call(keyed_send(987654, "hello", "bad key"))) == hearth::v1::INVALID_ARGUMENT);
  CHECK(history(*ann, community.room_id).empty());
  // 64 printable characters are fine; an empty key is no key (two sends, two messages).
  sent_of(ann->call(keyed_send(community.room_id, "long key", std::string(64, '~'))));
  sent_of(ann->call(keyed_send(community.room_id, "no key", "")));
  sent_of(ann->call(keyed_send(community.room_id, "no key", "")));
  CHECK(history(*ann, community.room_id).size() == 3);
}

TEST_CASE("a held send's repeat is held again and opens no second item", "[idempotency]") {
  Community community;
  auto ann = community.member("ann");
  const std::string text = "call me any time on 555 010 4477";
  const auto held = ann->call(keyed_send(community.room_id, text, "held-key"));
  REQUIRE(code_of(held) == hearth::v1::HELD_FOR_REVIEW);
  const auto again = ann->call(keyed_send(community.room_id, text, "held-key"));
  CHECK(code_of(again) == hearth::v1::HELD_FOR_REVIEW);
  const auto queue = community.admin->call(requests::list_queue());
  INFO(queue.ShortDebugString());
  REQUIRE(queue.has_queue());
  CHECK(queue.queue().items_size() == 1);
  CHECK(history(*ann, community.room_id).empty());
}

TEST_CASE("a crisis send's repeat gets the crisis resources again and raises no second alert", "[idempotency]") {
  Community community;
  auto ann = community.member("ann");
  const std::string text = "honestly I want to kill myself tonight";
  const auto first = sent_of(ann->call(keyed_send(community.room_id, text, "crisis-key")));
  CHECK_FALSE(first.crisis_resources().empty());
  // The alert's item is written after the answer: wait until the staff hear of it.
  community.admin->wait_event([](const auto& e) { return e.has_crisis_alert(); });
  check_same(sent_of(ann->call(keyed_send(community.room_id, text, "crisis-key"))), first);
  const auto queue = community.admin->call(requests::list_queue());
  REQUIRE(queue.has_queue());
  CHECK(queue.queue().items_size() == 1);
}

TEST_CASE("a repeat is not refused by slow mode, but a new message is", "[idempotency]") {
  Community community;
  hearth::v1::RoomPolicy policy;
  policy.set_slow_mode_seconds(600);
  REQUIRE(community.admin->call(requests::set_room_policy(community.room_id, policy)).has_room());
  auto ann = community.member("ann");
  const auto first = sent_of(ann->call(keyed_send(community.room_id, "one thought", "slow-key")));
  check_same(sent_of(ann->call(keyed_send(community.room_id, "one thought", "slow-key"))), first);
  CHECK(code_of(ann->call(keyed_send(community.room_id, "another thought", "slow-key-2"))) ==
        hearth::v1::RATE_LIMITED);
}

TEST_CASE("a repeat is answered only to a member: after leaving, FORBIDDEN", "[idempotency]") {
  Community community;
  auto ann = community.member("ann");
  sent_of(ann->call(keyed_send(community.room_id, "goodbye for now", "leave-key")));
  REQUIRE(ann->call(requests::leave_room(community.room_id)).has_ok());
  const auto refused = ann->call(keyed_send(community.room_id, "goodbye for now", "leave-key"));
  CHECK(code_of(refused) == hearth::v1::FORBIDDEN);
  CHECK(refused.error().message().find("join") != std::string::npos);
}

TEST_CASE("connections of one account racing with one key store the message once", "[idempotency]") {
  Community community;
  auto ann = community.member("ann");
  std::vector<std::unique_ptr<TestClient>> connections;
  for (int i = 0; i < 4; ++i) connections.push_back(community.log_in("ann"));
  // Sent on every connection before any answer is read: the server gets them together.
  std::vector<std::future<hearth::v1::Response>> answers;
  for (auto& connection : connections) {
    answers.push_back(connection->connection().send_request(keyed_send(community.room_id, "only once", "race")));
  }
  std::vector<hearth::v1::SendMessageResult> results;
  for (auto& answer : answers) results.push_back(sent_of(answer.get()));
  for (const auto& result : results) check_same(result, results[0]);
  const auto stored = history(*ann, community.room_id);
  REQUIRE(stored.size() == 1);
  CHECK(stored[0].message_id() == results[0].message_id());
}

TEST_CASE("a repeat after kill -9 and a restart on the same data answers the first result", "[idempotency]") {
  TempDir dir;
  const auto data = dir.path() / "data";
  std::string token;
  std::uint64_t room_id = 0;
  hearth::v1::SendMessageResult first;
  {
    HearthdProcess server(data);
    TestClient admin(server.ws_url());
    token = admin.register_as("admin", server.admin_invite()).token();
    room_id = admin.call(requests::create_room("vault", "", false)).room().room().room_id();
    REQUIRE(admin.call(requests::join_room(room_id)).has_room());
    first = sent_of(admin.call(keyed_send(room_id, "kept across a crash", "crash-key")));
    server.kill_hard();
  }
  HearthdProcess restarted(data);
  TestClient admin(restarted.ws_url());
  admin.authenticate_with(token);
  check_same(sent_of(admin.call(keyed_send(room_id, "kept across a crash", "crash-key"))), first);
  CHECK(code_of(admin.call(keyed_send(room_id, "something else", "crash-key"))) == hearth::v1::ALREADY_EXISTS);
  const auto stored = history(admin, room_id);
  REQUIRE(stored.size() == 1);
  CHECK(stored[0].text() == "kept across a crash");
}
