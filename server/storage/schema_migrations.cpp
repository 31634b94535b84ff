#include "server/storage/schema_migrations.h"

#include <array>

namespace hearth::storage {

namespace {

constexpr const char* kMigration1 = R"sql(
CREATE TABLE users (
  id            INTEGER PRIMARY KEY,
  handle        TEXT NOT NULL UNIQUE COLLATE NOCASE,
  role          INTEGER NOT NULL,
  password_hash TEXT NOT NULL,
  created_at_ms INTEGER NOT NULL
);
CREATE TABLE tokens (
  id            INTEGER PRIMARY KEY,
  user_id       INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  token_hash    BLOB NOT NULL UNIQUE,
  device_name   TEXT NOT NULL,
  created_at_ms INTEGER NOT NULL,
  expires_at_ms INTEGER NOT NULL,
  revoked       INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX tokens_by_user ON tokens(user_id);
CREATE TABLE invites (
  id            INTEGER PRIMARY KEY,
  code_hash     BLOB NOT NULL UNIQUE,
  role          INTEGER NOT NULL,
  room_id       INTEGER NOT NULL DEFAULT 0,
  created_by    INTEGER NOT NULL DEFAULT 0,
  created_at_ms INTEGER NOT NULL,
  expires_at_ms INTEGER NOT NULL,
  used_by       INTEGER,
  used_at_ms    INTEGER
);
CREATE TABLE rooms (
  id            INTEGER PRIMARY KEY,
  name          TEXT NOT NULL UNIQUE,
  topic         TEXT NOT NULL,
  closed        INTEGER NOT NULL,
  last_seq      INTEGER NOT NULL DEFAULT 0,
  created_at_ms INTEGER NOT NULL
);
CREATE TABLE memberships (
  room_id      INTEGER NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
  user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  coach        INTEGER NOT NULL DEFAULT 0,
  joined_at_ms INTEGER NOT NULL,
  PRIMARY KEY (room_id, user_id)
) WITHOUT ROWID;
CREATE INDEX memberships_by_user ON memberships(user_id);
CREATE TABLE messages (
  id           INTEGER PRIMARY KEY,
  room_id      INTEGER NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
  seq          INTEGER NOT NULL,
  author_id    INTEGER NOT NULL REFERENCES users(id),
  text         TEXT NOT NULL,
  sent_at_ms   INTEGER NOT NULL,
  edited_at_ms INTEGER NOT NULL DEFAULT 0,
  deleted      INTEGER NOT NULL DEFAULT 0,
  UNIQUE (room_id, seq)
);
)sql";

constexpr std::array<const char*, 1> kMigrations = {kMigration1};

int user_version(SqliteConnection& connection) {
  Statement statement = connection.prepare("PRAGMA user_version");
  return statement.step() == SQLITE_ROW ? static_cast<int>(statement.int64(0)) : -1;
}

}  // namespace

int latest_schema_version() { return static_cast<int>(kMigrations.size()); }

bool migrate(SqliteConnection& connection, std::string* error) {
  const int current = user_version(connection);
  if (current < 0 || current > latest_schema_version()) {
    *error = "the database schema (version " + std::to_string(current) +
             ") is newer than this hearthd understands (" + std::to_string(latest_schema_version()) + ")";
    return false;
  }
  for (int version = current + 1; version <= latest_schema_version(); ++version) {
    const std::string step = std::string("BEGIN IMMEDIATE;") + kMigrations[version - 1] +
                             "PRAGMA user_version = " + std::to_string(version) + "; COMMIT;";
    if (connection.exec(step.c_str()) != SQLITE_OK) {
      *error = "migration " + std::to_string(version) + " failed: " + sqlite3_errmsg(connection.handle());
      connection.exec("ROLLBACK");
      return false;
    }
  }
  return true;
}

}  // namespace hearth::storage
