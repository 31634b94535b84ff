// One SQLite connection with a cache of prepared statements. Owned and used by exactly one
// storage thread; not thread-safe.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "server/storage/result.h"

namespace hearth::storage {

// A prepared statement borrowed from the connection's cache: reset and unbound when it goes.
class Statement {
 public:
  explicit Statement(sqlite3_stmt* statement) : statement_(statement) {}
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, std::uint64_t value) { return bind(index, static_cast<std::int64_t>(value)); }
  Statement& bind(int index, bool value) { return bind(index, std::int64_t{value ? 1 : 0}); }
  Statement& bind_text(int index, std::string_view text);
  Statement& bind_blob(int index, std::string_view bytes);

  // SQLITE_ROW, SQLITE_DONE or an error code.
  int step();
  // Ends a statement early (an UPDATE ... RETURNING read only once), bindings kept.
  void reset();
  std::int64_t int64(int column) const;
  std::uint64_t uint64(int column) const { return static_cast<std::uint64_t>(int64(column)); }
  std::string text(int column) const;

 private:
  sqlite3_stmt* statement_;
};

class SqliteConnection {
 public:
  // Opens (creating if `read_write`) the database; nullptr and `error` on failure.
  static std::unique_ptr<SqliteConnection> open(const std::filesystem::path& path, bool read_write,
                                                std::string* error);
  ~SqliteConnection();

  // Runs one or more statements without results. Returns the SQLite result code.
  int exec(const char* sql);
  // Runs one statement without results through the statement cache (no parsing after the first
  // time): for the statements every transaction repeats. Returns SQLITE_OK or the error code.
  int run(const char* sql);
  // A cached prepared statement for `sql` (a string literal: its address is the cache key).
  Statement prepare(const char* sql);
  sqlite3* handle() { return db_; }

 private:
  explicit SqliteConnection(sqlite3* db) : db_(db) {}
  sqlite3* db_;
  std::unordered_map<const char*, sqlite3_stmt*> statements_;
};

// Maps an SQLite result code to a storage Status.
Status status_of(int sqlite_code);

}  // namespace hearth::storage
