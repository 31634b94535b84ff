// Idempotency keys in storage: a keyed send is written once per (account, key) within the window,
// in the same transaction as its message, and the record keeps no text.
#include <catch2/catch.hpp>
#include <future>

#include "tests/unit/storage/store_fixture.h"

using namespace hearth::storage;
using namespace hearth::storage::testing;

namespace {

constexpr std::int64_t kNow = 100'000'000;
constexpr std::int64_t kWindow = 24LL * 60 * 60 * 1000;
constexpr std::int64_t kSince = kNow - kWindow;

struct Scene {
  TempDb db;
  std::unique_ptr<SqliteStore> store = db.open();
  UserRecord ann = make_user(*store, "ann");
  UserRecord bob = make_user(*store, "bob");
  RoomRecord room = make_room(*store, "evening");
  RoomRecord other_room = make_room(*store, "morning");

  // The record a send of `text` with `key` starts from (the digest is opaque to storage).
  SendKeyRecord keyed(const UserRecord& who, const std::string& key, const std::string& text,
                      std::uint64_t room_id = 0, std::int64_t at = kNow) const {
    SendKeyRecord record;
    record.account_id = who.id;
    record.key = key;
    record.room_id = room_id != 0 ? room_id : room.id;
    record.text_digest = "digest of " + text;
    record.sent_at_ms = at;
    record.created_at_ms = at;
    return record;
  }
  Result<KeyedWrite<MessageRecord>> send(const SendKeyRecord& record, const std::string& text,
                                         std::int64_t since = kSince) {
    return wait<KeyedWrite<MessageRecord>>(
        [&](auto done) { store->append_message_once(record, text, since, done); });
  }
  Result<SendKeyRecord> find(const SendKeyRecord& record, std::int64_t since = kSince) {
    return wait<SendKeyRecord>([&](auto done) { store->find_earlier_send(record, since, done); });
  }
  std::vector<MessageRecord> history(std::uint64_t room_id = 0) {
    HistoryQuery query;
    query.room_id = room_id != 0 ? room_id : room.id;
    query.limit = 500;
    auto page = wait<HistoryPage>([&](auto done) { store->history(query, done); });
    REQUIRE(page.ok());
    return page->messages;
  }
  // One number from the database file itself, read beside the store (WAL allows it).
  std::int64_t count(const char* sql) const {
    std::string error;
    auto connection = SqliteConnection::open(db.dir / "hearth.db", false, &error);
    REQUIRE(connection);
    Statement query = connection->prepare(sql);
    REQUIRE(query.step() == SQLITE_ROW);
    return query.int64(0);
  }
};

}  // namespace

TEST_CASE("a repeated key answers the first send's ids and stores the message once", "[storage][send_keys]") {
  Scene scene;
  auto first = scene.send(scene.keyed(scene.ann, "key-1", "hello"), "hello");
  REQUIRE(first.ok());
  CHECK_FALSE(first->repeat);
  CHECK(first->written.seq == 1);
  CHECK(first->send.message_id == first->written.id);
  CHECK(first->send.seq == 1);
  CHECK(first->send.outcome == SendOutcome::kStored);

  auto again = scene.send(scene.keyed(scene.ann, "key-1", "hello", 0, kNow + 5000), "hello");
  REQUIRE(again.ok());
  CHECK(again->repeat);
  CHECK(again->send.message_id == first->written.id);
  CHECK(again->send.seq == 1);
  CHECK(again->send.sent_at_ms == kNow);  // the first send's time, not the repeat's
  CHECK(scene.history().size() == 1);

  auto found = scene.find(scene.keyed(scene.ann, "key-1", "hello"));
  REQUIRE(found.ok());
  CHECK(found->message_id == first->written.id);
}

TEST_CASE("a key used for another text or room is refused and nothing is stored", "[storage][send_keys]") {
  Scene scene;
  REQUIRE(scene.send(scene.keyed(scene.ann, "k", "hello"), "hello").ok());
  CHECK(scene.send(scene.keyed(scene.ann, "k", "goodbye"), "goodbye").status() == Status::kAlreadyExists);
  CHECK(scene.send(scene.keyed(scene.ann, "k", "hello", scene.other_room.id), "hello").status() ==
        Status::kAlreadyExists);
  CHECK(scene.find(scene.keyed(scene.ann, "k", "goodbye")).status() == Status::kAlreadyExists);
  CHECK(scene.history().size() == 1);
  CHECK(scene.history(scene.other_room.id).empty());
}

TEST_CASE("keys belong to one account", "[storage][send_keys]") {
  Scene scene;
  auto ann = scene.send(scene.keyed(scene.ann, "shared", "hi"), "hi");
  auto bob = scene.send(scene.keyed(scene.bob, "shared", "hi"), "hi");
  REQUIRE(ann.ok());
  REQUIRE(bob.ok());
  CHECK_FALSE(bob->repeat);
  CHECK(bob->written.id != ann->written.id);
  CHECK(scene.history().size() == 2);
}

TEST_CASE("an unused key is not found, and a failed write records no key", "[storage][send_keys]") {
  Scene scene;
  CHECK(scene.find(scene.keyed(scene.ann, "k", "hello")).status() == Status::kNotFound);
  // No such room: the message is not stored, and the key is not kept without it.
  CHECK(scene.send(scene.keyed(scene.ann, "k", "hello", 999), "hello").status() == Status::kNotFound);
  CHECK(scene.count("SELECT count(*) FROM send_keys") == 0);
  auto stored = scene.send(scene.keyed(scene.ann, "k", "hello"), "hello");
  REQUIRE(stored.ok());
  CHECK_FALSE(stored->repeat);
}

TEST_CASE("two sends racing with one key store once and get the same answer", "[storage][send_keys]") {
  Scene scene;
  // Both queued before either commits: the writer sees the first's row when it runs the second.
  std::promise<Result<KeyedWrite<MessageRecord>>> first, second;
  scene.store->append_message_once(scene.keyed(scene.ann, "race", "once"), "once", kSince,
                                   [&](Result<KeyedWrite<MessageRecord>> r) { first.set_value(std::move(r)); });
  scene.store->append_message_once(scene.keyed(scene.ann, "race", "once"), "once", kSince,
                                   [&](Result<KeyedWrite<MessageRecord>> r) { second.set_value(std::move(r)); });
  auto a = first.get_future().get();
  auto b = second.get_future().get();
  REQUIRE(a.ok());
  REQUIRE(b.ok());
  CHECK_FALSE(a->repeat);
  CHECK(b->repeat);
  CHECK(b->send.message_id == a->written.id);
  CHECK(b->send.seq == a->written.seq);
  CHECK(scene.history().size() == 1);
}

TEST_CASE("a held send's repeat is held again, with one held message and one item", "[storage][send_keys]") {
  Scene scene;
  MessageRecord message;
  message.room_id = scene.room.id;
  message.author_id = scene.ann.id;
  message.text = "call me on 555 0100";
  message.sent_at_ms = kNow;
  auto hold = [&] {
    return wait<KeyedWrite<ItemRecord>>([&](auto done) {
      scene.store->hold_message_once(scene.keyed(scene.ann, "held", message.text), message, "a phone number", kNow,
                                     kSince, done);
    });
  };
  auto first = hold();
  REQUIRE(first.ok());
  CHECK_FALSE(first->repeat);
  CHECK(first->written.id != 0);
  CHECK(first->send.outcome == SendOutcome::kHeld);
  CHECK(first->send.message_id == 0);
  auto again = hold();
  REQUIRE(again.ok());
  CHECK(again->repeat);
  CHECK(again->send.outcome == SendOutcome::kHeld);
  CHECK(scene.count("SELECT count(*) FROM held_messages") == 1);
  CHECK(scene.count("SELECT count(*) FROM queue_items") == 1);
  CHECK(scene.history().empty());
}

TEST_CASE("a key outside the window is forgotten, and expired keys are swept a few per send", "[storage][send_keys]") {
  Scene scene;
  for (int i = 0; i < 6; ++i) {  // old-0 is the oldest
    REQUIRE(scene.send(scene.keyed(scene.ann, "old-" + std::to_string(i), "then", 0, kNow + i), "then").ok());
  }
  // A day and a bit later every one of them is expired.
  const std::int64_t later = kNow + kWindow + 100;
  const std::int64_t later_since = later - kWindow;  // kNow + 100: the literal in the queries below
  // The same key is a new message then (its expired row is replaced, not a conflict).
  auto renewed = scene.send(scene.keyed(scene.ann, "old-5", "then", 0, later), "then", later_since);
  REQUIRE(renewed.ok());
  CHECK_FALSE(renewed->repeat);
  CHECK(scene.history().size() == 7);
  // That send swept the four oldest (old-0..3) and replaced old-5: old-4 is left to the next.
  CHECK(scene.count("SELECT count(*) FROM send_keys WHERE created_at_ms < 100000100") == 1);
  REQUIRE(scene.send(scene.keyed(scene.ann, "new", "now", 0, later), "now", later_since).ok());
  CHECK(scene.count("SELECT count(*) FROM send_keys WHERE created_at_ms < 100000100") == 0);
  CHECK(scene.count("SELECT count(*) FROM send_keys") == 2);
}

TEST_CASE("deleting the message wipes its digest, and the key still answers its ids", "[storage][send_keys]") {
  Scene scene;
  auto first = scene.send(scene.keyed(scene.ann, "k", "regretted"), "regretted");
  REQUIRE(first.ok());
  REQUIRE(wait<MessageRecord>([&](auto done) { scene.store->delete_message(first->written.id, scene.ann.id, done); })
              .ok());
  CHECK(scene.count("SELECT length(text_digest) FROM send_keys") == 0);
  auto again = scene.send(scene.keyed(scene.ann, "k", "regretted"), "regretted");
  REQUIRE(again.ok());
  CHECK(again->repeat);
  CHECK(again->send.message_id == first->written.id);
  CHECK(scene.history().size() == 1);
  CHECK(scene.history()[0].deleted);
}

TEST_CASE("a key outlives a reopen of the database", "[storage][send_keys]") {
  TempDb db;
  SendKeyRecord send;
  std::uint64_t message_id = 0;
  {
    auto store = db.open();
    const auto ann = make_user(*store, "ann");
    const auto room = make_room(*store, "evening");
    send.account_id = ann.id;
    send.key = "kept";
    send.room_id = room.id;
    send.text_digest = "digest";
    send.sent_at_ms = send.created_at_ms = kNow;
    auto stored = wait<KeyedWrite<MessageRecord>>(
        [&](auto done) { store->append_message_once(send, "text", kSince, done); });
    REQUIRE(stored.ok());
    message_id = stored->written.id;
  }
  auto store = db.open();
  auto found = wait<SendKeyRecord>([&](auto done) { store->find_earlier_send(send, kSince, done); });
  REQUIRE(found.ok());
  CHECK(found->message_id == message_id);
}
