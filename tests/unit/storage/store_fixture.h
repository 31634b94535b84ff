// What the storage tests share: a throw-away database directory and a way to wait for one
// asynchronous store call.
#pragma once

#include <catch2/catch.hpp>
#include <filesystem>
#include <future>
#include <random>
#include <string>

#include "server/storage/sqlite_store.h"

namespace hearth::storage::testing {

namespace fs = std::filesystem;

struct TempDb {
  TempDb() {
    std::random_device random;
    dir = fs::temp_directory_path() / ("hearth-store-" + std::to_string(random()));
    fs::create_directories(dir);
  }
  ~TempDb() { fs::remove_all(dir); }
  std::unique_ptr<SqliteStore> open(std::int64_t max_bytes = 0) const {
    SqliteStoreOptions options;
    options.db_path = dir / "hearth.db";
    options.max_db_bytes = max_bytes;
    std::string error;
    auto store = SqliteStore::open(options, &error);
    INFO(error);
    REQUIRE(store);
    return store;
  }
  fs::path dir;
};

// Blocks on one asynchronous store call.
template <typename T, typename Call>
Result<T> wait(Call&& call) {
  std::promise<Result<T>> promise;
  call([&](Result<T> result) { promise.set_value(std::move(result)); });
  return promise.get_future().get();
}

inline UserRecord make_user(Store& store, const std::string& handle, std::string invite = {}) {
  auto user = wait<UserRecord>([&](auto done) { store.create_user(handle, "hash", Role::kMember, invite, 1000, done); });
  REQUIRE(user.ok());
  return user.value();
}

inline RoomRecord make_room(Store& store, const std::string& name, bool closed = false) {
  auto room = wait<RoomRecord>([&](auto done) { store.create_room(name, "topic", closed, 1000, done); });
  REQUIRE(room.ok());
  return room.value();
}

inline std::uint64_t append(Store& store, std::uint64_t room, std::uint64_t author, const std::string& text) {
  auto message = wait<MessageRecord>([&](auto done) { store.append_message(room, author, text, 2000, done); });
  REQUIRE(message.ok());
  return message->seq;
}


}  // namespace hearth::storage::testing
