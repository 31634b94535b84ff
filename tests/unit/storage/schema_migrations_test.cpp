// Upgrades: a database an earlier release left behind opens in this build with nothing lost.
#include "server/storage/schema_migrations.h"

#include <catch2/catch.hpp>

#include "tests/unit/storage/store_fixture.h"

using namespace hearth::storage;
using namespace hearth::storage::testing;

namespace {

constexpr std::int64_t kNow = 1'000'000;
constexpr std::int64_t kLater = 9'000'000'000'000;  // a mute still in force at kNow

// Builds the database a release at schema `version` would have left: its schema, then `rows`.
void make_old_database(const TempDb& db, int version, const char* rows) {
  std::string error;
  auto connection = SqliteConnection::open(db.dir / "hearth.db", true, &error);
  INFO(error);
  REQUIRE(connection);
  REQUIRE(migrate(*connection, &error, version));
  INFO(sqlite3_errmsg(connection->handle()));
  REQUIRE(connection->exec(rows) == SQLITE_OK);
}

int schema_version(const TempDb& db) {
  std::string error;
  auto connection = SqliteConnection::open(db.dir / "hearth.db", false, &error);
  REQUIRE(connection);
  Statement query = connection->prepare("PRAGMA user_version");
  REQUIRE(query.step() == SQLITE_ROW);
  return static_cast<int>(query.int64(0));
}

}  // namespace

TEST_CASE("a version-5 database with open queue items and a mute upgrades with nothing lost", "[storage][migration]") {
  TempDb db;
  // Version 5 (direct-message receipts): queue items read their text from the message or the
  // held message; one open item per message; sanctions cannot be lifted.
  make_old_database(db, 5, R"sql(
    INSERT INTO users (id, handle, role, password_hash, created_at_ms) VALUES
      (1, 'coach', 1, 'hash', 1000), (2, 'ann', 1, 'hash', 1000), (3, 'bob', 1, 'hash', 1000);
    INSERT INTO rooms (id, name, topic, closed, last_seq, created_at_ms) VALUES (1, 'tuesday', '', 0, 1, 1000);
    INSERT INTO messages (id, room_id, seq, author_id, text, sent_at_ms) VALUES (1, 1, 1, 2, 'reported words', 2000);
    INSERT INTO held_messages (id, room_id, author_id, text, sent_at_ms) VALUES (1, 1, 2, 'held words', 3000);
    INSERT INTO queue_items (id, kind, state, room_id, message_id, held_id, author_id, why, opened_at_ms) VALUES
      (1, 2, 1, 1, 1, 0, 2, 'reported', 2500),
      (2, 3, 1, 1, 0, 1, 2, 'a phone number', 3000);
    INSERT INTO sanctions (kind, room_id, user_id, until_ms, created_by, created_at_ms) VALUES
      (1, 1, 3, 9000000000000, 1, 4000);
  )sql");
  REQUIRE(schema_version(db) == 5);

  auto store = db.open();
  CHECK(schema_version(db) == latest_schema_version());
  ModerationStore& moderation = *store;

  // Each item got its own copy of the text it is about.
  auto reported = wait<ItemRecord>([&](auto done) { moderation.find_item(1, done); });
  REQUIRE(reported.ok());
  CHECK(reported->message.text == "reported words");
  auto held = wait<ItemRecord>([&](auto done) { moderation.find_item(2, done); });
  REQUIRE(held.ok());
  CHECK(held->message.text == "held words");
  CHECK(held->edit_of == 0);

  // The copy outlives the author's delete: the coach still has the words under review.
  REQUIRE(wait<MessageRecord>([&](auto done) { store->delete_message(1, 2, done); }).ok());
  reported = wait<ItemRecord>([&](auto done) { moderation.find_item(1, done); });
  REQUIRE(reported.ok());
  CHECK(reported->message.deleted);
  CHECK(reported->message.text == "reported words");

  // The mute made before the upgrade is in force, and can be lifted now.
  auto sanctions = wait<std::vector<SanctionRecord>>([&](auto done) { moderation.list_sanctions(kNow, done); });
  REQUIRE(sanctions.ok());
  REQUIRE(sanctions->size() == 1);
  CHECK(sanctions->front().user_id == 3);
  CHECK(sanctions->front().until_ms == kLater);
  LiftRequest lift;
  lift.kind = SanctionKind::kMute;
  lift.room_id = 1;
  lift.handle = "BOB";
  lift.actor_id = 1;
  lift.now_ms = kNow;
  auto lifted = wait<LiftedSanction>([&](auto done) { moderation.lift_sanction(lift, done); });
  REQUIRE(lifted.ok());
  CHECK(lifted->outcome == LiftedSanction::Outcome::kLifted);
  CHECK(lifted->handle == "bob");
  sanctions = wait<std::vector<SanctionRecord>>([&](auto done) { moderation.list_sanctions(kNow, done); });
  REQUIRE(sanctions.ok());
  CHECK(sanctions->empty());
}

TEST_CASE("opening an upgraded database again changes nothing", "[storage][migration]") {
  TempDb db;
  make_old_database(db, 5, "INSERT INTO users (id, handle, role, password_hash, created_at_ms) VALUES (1, 'ann', 1, 'h', 1);");
  { auto store = db.open(); }
  auto store = db.open();
  CHECK(schema_version(db) == latest_schema_version());
  auto ann = wait<UserRecord>([&](auto done) { store->find_user_by_handle("ann", done); });
  REQUIRE(ann.ok());
  CHECK(ann->id == 1);
}
