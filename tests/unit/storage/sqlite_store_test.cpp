#include "server/storage/sqlite_store.h"

#include <sqlite3.h>
#include <sys/stat.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <filesystem>
#include <future>
#include <mutex>
#include <random>
#include <thread>

#include "server/storage/schema_migrations.h"
#include "tests/unit/storage/store_fixture.h"

using namespace hearth::storage;
using namespace hearth::storage::testing;
namespace fs = std::filesystem;


TEST_CASE("a new database is created 0600 and migrated - reopening keeps its data", "[storage]") {
  TempDb db;
  {
    auto store = db.open();
    make_user(*store, "ann");
    auto fresh = wait<bool>([&](auto done) { store->is_fresh(done); });
    CHECK_FALSE(fresh.value());
  }
  struct stat info {};
  REQUIRE(::stat((db.dir / "hearth.db").c_str(), &info) == 0);
  CHECK((info.st_mode & 0777) == 0600);
  auto store = db.open();
  auto user = wait<UserRecord>([&](auto done) { store->find_user_by_handle("ANN", done); });
  REQUIRE(user.ok());
  CHECK(user->handle == "ann");
  sqlite3* raw = nullptr;
  sqlite3_open((db.dir / "hearth.db").c_str(), &raw);
  sqlite3_stmt* statement = nullptr;
  sqlite3_prepare_v2(raw, "PRAGMA user_version", -1, &statement, nullptr);
  REQUIRE(sqlite3_step(statement) == SQLITE_ROW);
  CHECK(sqlite3_column_int(statement, 0) == latest_schema_version());
  sqlite3_finalize(statement);
  sqlite3_close(raw);
}

TEST_CASE("a fresh database says so until an account or invite exists", "[storage]") {
  TempDb db;
  auto store = db.open();
  CHECK(wait<bool>([&](auto done) { store->is_fresh(done); }).value());
  InviteRecord invite;
  invite.role = Role::kAdmin;
  invite.expires_at_ms = 5000;
  REQUIRE(wait<InviteRecord>([&](auto done) { store->create_invite("code", invite, 1000, done); }).ok());
  CHECK_FALSE(wait<bool>([&](auto done) { store->is_fresh(done); }).value());
}

TEST_CASE("handles are unique ignoring case", "[storage]") {
  TempDb db;
  auto store = db.open();
  make_user(*store, "Robin");
  auto again = wait<UserRecord>([&](auto done) { store->create_user("robin", "h", Role::kMember, "", 1, done); });
  CHECK(again.status() == Status::kAlreadyExists);
}

TEST_CASE("a server invite is consumed once, decides the role, and expires", "[storage]") {
  TempDb db;
  auto store = db.open();
  InviteRecord invite;
  invite.role = Role::kCoach;
  invite.expires_at_ms = 5000;
  REQUIRE(wait<InviteRecord>([&](auto done) { store->create_invite("coach-code", invite, 1000, done); }).ok());
  CHECK(make_user(*store, "kim", "coach-code").role == Role::kCoach);
  auto reused = wait<UserRecord>([&](auto done) { store->create_user("lee", "h", Role::kMember, "coach-code", 1000, done); });
  CHECK(reused.status() == Status::kNotFound);
  // Nothing of the refused account remains.
  CHECK(wait<UserRecord>([&](auto done) { store->find_user_by_handle("lee", done); }).status() == Status::kNotFound);

  REQUIRE(wait<InviteRecord>([&](auto done) { store->create_invite("old-code", invite, 1000, done); }).ok());
  auto expired = wait<UserRecord>([&](auto done) { store->create_user("max", "h", Role::kMember, "old-code", 6000, done); });
  CHECK(expired.status() == Status::kNotFound);
}

TEST_CASE("room invites open only their room, once", "[storage]") {
  TempDb db;
  auto store = db.open();
  const auto ann = make_user(*store, "ann");
  const auto bob = make_user(*store, "bob");
  const auto room = make_room(*store, "closed-room", true);
  const auto other = make_room(*store, "other-room", true);
  InviteRecord invite;
  invite.room_id = room.id;
  invite.expires_at_ms = 5000;
  REQUIRE(wait<InviteRecord>([&](auto done) { store->create_invite("room-code", invite, 1000, done); }).ok());
  auto wrong_room = wait<MembershipRecord>([&](auto done) { store->add_member(other.id, ann.id, false, "room-code", 1000, done); });
  CHECK(wrong_room.status() == Status::kNotFound);
  auto joined = wait<MembershipRecord>([&](auto done) { store->add_member(room.id, ann.id, false, "room-code", 1000, done); });
  REQUIRE(joined.ok());
  CHECK(joined->handle == "ann");
  auto reused = wait<MembershipRecord>([&](auto done) { store->add_member(room.id, bob.id, false, "room-code", 1000, done); });
  CHECK(reused.status() == Status::kNotFound);
}

TEST_CASE("tokens are found until revoked or expired", "[storage]") {
  TempDb db;
  auto store = db.open();
  const auto ann = make_user(*store, "ann");
  REQUIRE(wait<TokenRecord>([&](auto done) { store->create_token(ann.id, "t1", "phone", 1000, 9000, done); }).ok());
  const auto found = wait<TokenOwner>([&](auto done) { store->find_token_owner("t1", 2000, done); });
  REQUIRE(found.ok());
  CHECK(found->token.user_id == ann.id);
  CHECK(found->token.expires_at_ms == 9000);
  CHECK(found->user.id == ann.id);
  CHECK(found->user.handle == "ann");
  CHECK(found->user.role == ann.role);
  CHECK(wait<TokenOwner>([&](auto done) { store->find_token_owner("t2", 2000, done); }).status() == Status::kNotFound);
  CHECK(wait<TokenOwner>([&](auto done) { store->find_token_owner("t1", 9500, done); }).status() == Status::kNotFound);
  REQUIRE(wait<Done>([&](auto done) { store->revoke_token("t1", done); }).ok());
  CHECK(wait<TokenOwner>([&](auto done) { store->find_token_owner("t1", 2000, done); }).status() == Status::kNotFound);
}

TEST_CASE("concurrent appends get gap-free seqs, callbacks in submission order, few transactions", "[storage]") {
  TempDb db;
  auto store = db.open();
  const auto ann = make_user(*store, "ann");
  const auto room = make_room(*store, "busy");
  const auto before = store->transactions_committed();
  constexpr int kThreads = 4, kEach = 250;
  std::mutex mutex;
  std::vector<std::uint64_t> seqs;
  std::atomic<int> done_count{0};
  std::promise<void> all_done;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < kEach; ++i) {
        store->append_message(room.id, ann.id, "m", 1, [&](Result<MessageRecord> result) {
          std::lock_guard lock(mutex);  // Catch2 assertions stay on the test thread
          seqs.push_back(result.ok() ? result->seq : 0);
          if (++done_count == kThreads * kEach) all_done.set_value();
        });
      }
    });
  }
  for (auto& thread : threads) thread.join();
  all_done.get_future().wait();
  REQUIRE(seqs.size() == kThreads * kEach);
  for (std::size_t i = 0; i < seqs.size(); ++i) CHECK(seqs[i] == i + 1);  // in commit order, no gaps
  CHECK(store->transactions_committed() - before < static_cast<std::uint64_t>(kThreads * kEach / 4));
}

TEST_CASE("a failing mutation does not spoil the others in its batch", "[storage]") {
  TempDb db;
  auto store = db.open();
  make_user(*store, "taken");
  std::promise<Status> first, second, third;
  store->create_user("one", "h", Role::kMember, "", 1, [&](Result<UserRecord> r) { first.set_value(r.status()); });
  store->create_user("TAKEN", "h", Role::kMember, "", 1, [&](Result<UserRecord> r) { second.set_value(r.status()); });
  store->create_user("three", "h", Role::kMember, "", 1, [&](Result<UserRecord> r) { third.set_value(r.status()); });
  CHECK(first.get_future().get() == Status::kOk);
  CHECK(second.get_future().get() == Status::kAlreadyExists);
  CHECK(third.get_future().get() == Status::kOk);
  CHECK(wait<std::uint64_t>([&](auto done) { store->count_users(done); }).value() == 3);
}

TEST_CASE("history pages in both directions and shows tombstones", "[storage]") {
  TempDb db;
  auto store = db.open();
  const auto ann = make_user(*store, "ann");
  const auto bob = make_user(*store, "bob");
  const auto room = make_room(*store, "circle");
  for (int i = 1; i <= 12; ++i) append(*store, room.id, ann.id, "m" + std::to_string(i));
  auto latest = wait<HistoryPage>([&](auto done) { store->history({room.id, 0, 0, 5}, done); });
  REQUIRE(latest->messages.size() == 5);
  CHECK(latest->messages.front().seq == 8);
  CHECK(latest->messages.back().seq == 12);
  CHECK(latest->has_more);
  CHECK(latest->last_seq == 12);
  CHECK(latest->messages.back().author_handle == "ann");
  auto after = wait<HistoryPage>([&](auto done) { store->history({room.id, 10, 0, 5}, done); });
  CHECK(after->messages.size() == 2);
  CHECK_FALSE(after->has_more);

  const auto id = latest->messages.back().id;
  CHECK(wait<MessageRecord>([&](auto done) { store->edit_message(id, bob.id, "x", 3, done); }).status() == Status::kForbidden);
  CHECK(wait<MessageRecord>([&](auto done) { store->edit_message(id, ann.id, "edited", 3, done); })->edited_at_ms == 3);
  REQUIRE(wait<MessageRecord>([&](auto done) { store->delete_message(id, 0, done); }).ok());
  CHECK(wait<MessageRecord>([&](auto done) { store->delete_message(id, ann.id, done); }).status() == Status::kNotFound);
  auto tail = wait<HistoryPage>([&](auto done) { store->history({room.id, 11, 0, 5}, done); });
  REQUIRE(tail->messages.size() == 1);
  CHECK(tail->messages[0].deleted);
  CHECK(tail->messages[0].text.empty());
  CHECK(wait<MessageRecord>([&](auto done) { store->append_message(999, ann.id, "x", 1, done); }).status() == Status::kNotFound);
}

TEST_CASE("a full database refuses writes, keeps reads, and leaves no gap in seq", "[storage]") {
  TempDb db;
  std::uint64_t last = 0;
  std::uint64_t room_id = 0, author = 0;
  {
    auto store = db.open(256 * 1024);
    author = make_user(*store, "ann").id;
    room_id = make_room(*store, "full").id;
    const std::string big(4000, 'z');
    for (int i = 0; i < 500; ++i) {
      auto result = wait<MessageRecord>([&](auto done) { store->append_message(room_id, author, big, 1, done); });
      if (!result.ok()) {
        CHECK(result.status() == Status::kFull);
        break;
      }
      last = result->seq;
    }
    REQUIRE(last > 0);
    REQUIRE(last < 500);
    auto page = wait<HistoryPage>([&](auto done) { store->history({room_id, 0, 0, 1}, done); });
    REQUIRE(page.ok());
    CHECK(page->last_seq == last);
  }
  auto store = db.open();  // no cap any more
  CHECK(append(*store, room_id, author, "room again") == last + 1);
}

TEST_CASE("shutdown commits what was queued - later calls are unavailable", "[storage]") {
  TempDb db;
  std::uint64_t room_id = 0, author = 0;
  std::atomic<int> committed{0};
  {
    auto store = db.open();
    author = make_user(*store, "ann").id;
    room_id = make_room(*store, "last-words").id;
    for (int i = 0; i < 100; ++i) {
      store->append_message(room_id, author, "queued", 1, [&](Result<MessageRecord> r) { committed += r.ok(); });
    }
    store->shutdown();
    CHECK(committed == 100);
    auto late = wait<UserRecord>([&](auto done) { store->find_user(author, done); });
    CHECK(late.status() == Status::kUnavailable);
  }
  auto store = db.open();
  auto page = wait<HistoryPage>([&](auto done) { store->history({room_id, 0, 0, 1}, done); });
  CHECK(page->last_seq == 100);
}
