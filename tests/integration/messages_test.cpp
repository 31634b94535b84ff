// Room messages end to end: fan-out, history paging, resync, edits and deletes, limits.
#include <catch2/catch.hpp>

#include "clients/client/room_reader.h"
#include "tests/integration/test_users.h"

using namespace hearth::testing;

TEST_CASE("a message is stored, acknowledged with its seq and fanned out to every member", "[messages]") {
  Community community;
  auto ann = community.member("ann");
  auto bob = community.member("bob");
  auto cat = community.member("cat");

  const auto response = ann->call(requests::send_message(community.room_id, "hello, circle"));
  REQUIRE(response.has_sent());
  CHECK(response.sent().seq() == 1);
  CHECK(response.sent().message_id() > 0);

  for (TestClient* reader : {ann.get(), bob.get(), cat.get()}) {
    const auto posted = reader->wait_posted(community.room_id, 1);
    REQUIRE(posted.size() == 1);
    CHECK(posted[0].text() == "hello, circle");
    CHECK(posted[0].seq() == 1);
    CHECK(posted[0].author().handle() == "ann");
  }
  // The admin never joined the room: no delivery there.
  CHECK(community.admin->wait_posted(community.room_id, 1, 300ms).empty());
}

TEST_CASE("many senders: every member sees every message once, in seq order", "[messages]") {
  Community community({"--requests-per-second", "1000"});
  auto ann = community.member("ann");
  auto bob = community.member("bob");
  constexpr int kEach = 40;
  std::vector<std::future<hearth::v1::Response>> acks;
  for (int i = 0; i < kEach; ++i) {
    acks.push_back(ann->connection().send_request(requests::send_message(community.room_id, "a" + std::to_string(i))));
    acks.push_back(bob->connection().send_request(requests::send_message(community.room_id, "b" + std::to_string(i))));
  }
  for (auto& ack : acks) REQUIRE(ack.get().has_sent());
  for (TestClient* reader : {ann.get(), bob.get()}) {
    const auto posted = reader->wait_posted(community.room_id, 2 * kEach);
    REQUIRE(posted.size() == 2 * kEach);
    for (std::size_t i = 0; i < posted.size(); ++i) CHECK(posted[i].seq() == i + 1);
  }
}

TEST_CASE("history pages forwards and backwards without gaps", "[messages]") {
  Community community({"--requests-per-second", "1000"});
  auto ann = community.member("ann");
  for (int i = 1; i <= 25; ++i) ann->say(community.room_id, "message " + std::to_string(i));

  auto latest = ann->call(requests::history_latest(community.room_id, 10));
  REQUIRE(latest.has_history());
  REQUIRE(latest.history().messages_size() == 10);
  CHECK(latest.history().messages(0).seq() == 16);
  CHECK(latest.history().messages(9).seq() == 25);
  CHECK(latest.history().has_more());
  CHECK(latest.history().last_seq() == 25);

  auto before = ann->call(requests::history_before(community.room_id, 16, 10));
  REQUIRE(before.history().messages_size() == 10);
  CHECK(before.history().messages(0).seq() == 6);
  CHECK(before.history().messages(9).seq() == 15);

  auto after = ann->call(requests::history_after(community.room_id, 20, 10));
  REQUIRE(after.history().messages_size() == 5);
  CHECK(after.history().messages(0).seq() == 21);
  CHECK_FALSE(after.history().has_more());
  CHECK(after.history().messages(4).text() == "message 25");

  auto too_big = ann->call(requests::history_latest(community.room_id, 501));
  REQUIRE(too_big.has_error());
  CHECK(too_big.error().code() == hearth::v1::TOO_LARGE);
}

TEST_CASE("a client that reconnects resyncs from its last seq and misses nothing", "[messages]") {
  Community community({"--requests-per-second", "1000"});
  auto ann = community.member("ann");
  auto bob = community.member("bob");
  ann->say(community.room_id, "before the gap");
  const auto first = bob->wait_posted(community.room_id, 1);
  REQUIRE(first.size() == 1);
  const std::uint64_t bob_last_seen = first.back().seq();
  // A second token for the reconnect, from a login on a connection of its own.
  const auto bob_login = TestClient(community.server->ws_url()).login_as("bob");
  bob.reset();  // bob's connection goes away

  for (int i = 0; i < 620; ++i) ann->say(community.room_id, "while bob was away " + std::to_string(i));

  TestClient reconnected(community.server->ws_url());
  std::vector<std::uint64_t> seen;
  hearth::client::RoomReader reader(community.room_id, bob_last_seen,
                                    [&](const hearth::v1::RoomMessage& message) { seen.push_back(message.seq()); });
  reconnected.connection().set_event_handler([&](const hearth::v1::Event& event) { reader.on_event(event); });
  reconnected.authenticate_with(bob_login.token());
  // Live traffic while the catch-up is paging.
  auto live = ann->connection().send_request(requests::send_message(community.room_id, "during resync"));
  REQUIRE(reader.catch_up(reconnected.connection()).empty());
  REQUIRE(live.get().has_sent());
  REQUIRE(eventually([&] { return reader.last_seq() == 622; }));
  REQUIRE(seen.size() == 621);
  for (std::size_t i = 0; i < seen.size(); ++i) CHECK(seen[i] == bob_last_seen + 1 + i);
}

TEST_CASE("authors edit and delete their own messages - the room is told - history keeps a tombstone", "[messages]") {
  Community community;
  auto ann = community.member("ann");
  auto bob = community.member("bob");
  const auto sent = ann->call(requests::send_message(community.room_id, "first draft"));
  REQUIRE(sent.has_sent());
  const auto id = sent.sent().message_id();

  CHECK(bob->call(requests::edit_message(id, "not mine")).error().code() == hearth::v1::FORBIDDEN);
  CHECK(bob->call(requests::delete_message(id)).error().code() == hearth::v1::FORBIDDEN);

  REQUIRE(ann->call(requests::edit_message(id, "second draft")).has_ok());
  const auto edited = bob->wait_event([&](const auto& e) { return e.has_message_edited(); });
  CHECK(edited.message_edited().text() == "second draft");
  CHECK(edited.message_edited().seq() == 1);

  REQUIRE(ann->call(requests::delete_message(id)).has_ok());
  const auto deleted = bob->wait_event([&](const auto& e) { return e.has_message_deleted(); });
  CHECK(deleted.message_deleted().message_id() == id);

  const auto history = bob->call(requests::history_latest(community.room_id));
  REQUIRE(history.history().messages_size() == 1);
  CHECK(history.history().messages(0).deleted());
  CHECK(history.history().messages(0).text().empty());
  CHECK(ann->call(requests::edit_message(id, "too late")).error().code() == hearth::v1::NOT_FOUND);
  CHECK(ann->call(requests::delete_message(987654)).error().code() == hearth::v1::NOT_FOUND);
}

TEST_CASE("message text limits: too large and empty are refused and nothing is stored", "[messages]") {
  Community community({"--max-message-bytes", "100"});
  auto ann = community.member("ann");
  const auto large = ann->call(requests::send_message(community.room_id, std::string(101, 'x')));
  REQUIRE(large.has_error());
  CHECK(large.error().code() == hearth::v1::TOO_LARGE);
  const auto blank = ann->call(requests::send_message(community.room_id, "  \n "));
  CHECK(blank.error().code() == hearth::v1::INVALID_ARGUMENT);
  CHECK(ann->say(community.room_id, std::string(100, 'y')) == 1);  // the limit itself is fine
}

TEST_CASE("writing in a room needs membership, and rooms must exist", "[messages]") {
  Community community;
  auto outsider = community.member("outsider", false);
  CHECK(outsider->call(requests::send_message(community.room_id, "hi")).error().code() == hearth::v1::FORBIDDEN);
  CHECK(outsider->call(requests::history_latest(community.room_id)).error().code() == hearth::v1::FORBIDDEN);
  CHECK(outsider->call(requests::send_message(424242, "hi")).error().code() == hearth::v1::NOT_FOUND);
  CHECK(outsider->call(requests::history_latest(424242)).error().code() == hearth::v1::NOT_FOUND);
}

TEST_CASE("history cursors of 2^63 or more are refused, not read as negative numbers", "[messages]") {
  Community community;
  auto ann = community.member("ann");
  ann->say(community.room_id, "one");
  ann->say(community.room_id, "two");

  for (const std::uint64_t cursor : {~std::uint64_t{0}, std::uint64_t{1} << 63}) {
    INFO("cursor " << cursor);
    const auto after = ann->call(requests::history_after(community.room_id, cursor, 10));
    REQUIRE(after.has_error());
    CHECK(after.error().code() == hearth::v1::INVALID_ARGUMENT);
    CHECK(after.error().message().find("history.after_seq") != std::string::npos);
    const auto before = ann->call(requests::history_before(community.room_id, cursor, 10));
    REQUIRE(before.has_error());
    CHECK(before.error().code() == hearth::v1::INVALID_ARGUMENT);
    CHECK(before.error().message().find("history.before_seq") != std::string::npos);
  }
  // The largest cursor that is allowed is simply past the end.
  const auto last = ann->call(requests::history_after(community.room_id, (std::uint64_t{1} << 63) - 1, 10));
  REQUIRE(last.has_history());
  CHECK(last.history().messages_size() == 0);
  CHECK(last.history().last_seq() == 2);
}
