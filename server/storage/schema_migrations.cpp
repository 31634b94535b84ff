#include "server/storage/schema_migrations.h"

#include <algorithm>
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

constexpr const char* kMigration2 = R"sql(
ALTER TABLE users ADD COLUMN banned_until_ms INTEGER NOT NULL DEFAULT 0;
ALTER TABLE rooms ADD COLUMN premoderate_first_messages INTEGER NOT NULL DEFAULT 0;
ALTER TABLE rooms ADD COLUMN links_after_member_hours INTEGER NOT NULL DEFAULT 0;
ALTER TABLE rooms ADD COLUMN slow_mode_seconds INTEGER NOT NULL DEFAULT 0;
ALTER TABLE messages ADD COLUMN removed_by_moderator INTEGER NOT NULL DEFAULT 0;
CREATE TABLE filter_rules (
  id            INTEGER PRIMARY KEY,
  room_id       INTEGER NOT NULL DEFAULT 0,
  pattern       TEXT NOT NULL,
  action        INTEGER NOT NULL,
  created_by    INTEGER NOT NULL DEFAULT 0,
  created_at_ms INTEGER NOT NULL,
  removed       INTEGER NOT NULL DEFAULT 0
);
-- Messages a filter or policy holds back: not in the room (no seq) until a coach approves.
CREATE TABLE held_messages (
  id         INTEGER PRIMARY KEY,
  room_id    INTEGER NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
  author_id  INTEGER NOT NULL REFERENCES users(id),
  text       TEXT NOT NULL,
  sent_at_ms INTEGER NOT NULL
);
CREATE TABLE queue_items (
  id                INTEGER PRIMARY KEY,
  kind              INTEGER NOT NULL,
  state             INTEGER NOT NULL,
  room_id           INTEGER NOT NULL,
  message_id        INTEGER NOT NULL DEFAULT 0,
  held_id           INTEGER NOT NULL DEFAULT 0,
  author_id         INTEGER NOT NULL,
  why               TEXT NOT NULL,
  claimed_by        INTEGER NOT NULL DEFAULT 0,
  lease_expires_ms  INTEGER NOT NULL DEFAULT 0,
  escalated         INTEGER NOT NULL DEFAULT 0,
  resolution        INTEGER NOT NULL DEFAULT 0,
  resolved_by       INTEGER NOT NULL DEFAULT 0,
  resolution_reason TEXT NOT NULL DEFAULT '',
  opened_at_ms      INTEGER NOT NULL,
  resolved_at_ms    INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX queue_items_by_state ON queue_items(state, kind, opened_at_ms);
-- One unresolved item per delivered message: reports join it.
CREATE UNIQUE INDEX queue_items_one_open_per_message ON queue_items(message_id)
  WHERE state != 3 AND message_id != 0;
CREATE TABLE reports (
  item_id        INTEGER NOT NULL REFERENCES queue_items(id),
  reporter_id    INTEGER NOT NULL REFERENCES users(id),
  reason         INTEGER NOT NULL,
  note           TEXT NOT NULL,
  reported_at_ms INTEGER NOT NULL,
  PRIMARY KEY (item_id, reporter_id)
) WITHOUT ROWID;
CREATE TABLE sanctions (
  id            INTEGER PRIMARY KEY,
  kind          INTEGER NOT NULL,
  room_id       INTEGER NOT NULL,
  user_id       INTEGER NOT NULL REFERENCES users(id),
  until_ms      INTEGER NOT NULL,
  created_by    INTEGER NOT NULL,
  created_at_ms INTEGER NOT NULL
);
CREATE INDEX sanctions_by_until ON sanctions(until_ms);
CREATE TABLE audit_log (
  id         INTEGER PRIMARY KEY,
  at_ms      INTEGER NOT NULL,
  actor_id   INTEGER NOT NULL,
  action     INTEGER NOT NULL,
  room_id    INTEGER NOT NULL DEFAULT 0,
  target_id  INTEGER NOT NULL DEFAULT 0,
  message_id INTEGER NOT NULL DEFAULT 0,
  item_id    INTEGER NOT NULL DEFAULT 0,
  rule_id    INTEGER NOT NULL DEFAULT 0,
  detail     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_by_room ON audit_log(room_id, id);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
-- The shipped crisis phrases (action 1: crisis), first-person and present-tense so that a
-- family member telling their story does not set off an alert; admins edit the list.
INSERT INTO filter_rules (room_id, pattern, action, created_by, created_at_ms) VALUES
  (0, 'kill myself', 1, 0, 0),
  (0, 'killing myself', 1, 0, 0),
  (0, 'end my life', 1, 0, 0),
  (0, 'ending my life', 1, 0, 0),
  (0, 'take my own life', 1, 0, 0),
  (0, 'want to die', 1, 0, 0),
  (0, 'wanna die', 1, 0, 0),
  (0, 'wish I was dead', 1, 0, 0),
  (0, 'wish I were dead', 1, 0, 0),
  (0, 'better off dead', 1, 0, 0),
  (0, 'no reason to live', 1, 0, 0),
  (0, 'don''t want to live', 1, 0, 0),
  (0, 'don''t want to be here anymore', 1, 0, 0),
  (0, 'can''t go on', 1, 0, 0),
  (0, 'end it all', 1, 0, 0),
  (0, 'suicid*', 1, 0, 0),
  (0, 'hurt myself', 1, 0, 0),
  (0, 'hurting myself', 1, 0, 0),
  (0, 'cut myself', 1, 0, 0),
  (0, 'cutting myself', 1, 0, 0),
  (0, 'self harm', 1, 0, 0),
  (0, 'overdosing', 1, 0, 0),
  (0, 'going to overdose', 1, 0, 0),
  (0, 'gonna overdose', 1, 0, 0),
  (0, 'took too many pills', 1, 0, 0),
  (0, 'took all my pills', 1, 0, 0),
  (0, 'not breathing', 1, 0, 0),
  (0, 'won''t wake up', 1, 0, 0);
)sql";

// End-to-end direct messages: public keys, ciphertexts queued per device, contacts, blocks and
// sponsorships. Key and envelope bytes are BLOBs storage never looks into.
constexpr const char* kMigration3 = R"sql(
-- A removed device keeps its row (so its id is never reused) with its key material wiped.
CREATE TABLE devices (
  id                      INTEGER PRIMARY KEY AUTOINCREMENT,
  user_id                 INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  name                    TEXT NOT NULL,
  identity_signing_key    BLOB NOT NULL,
  identity_dh_key         BLOB NOT NULL,
  identity_dh_signature   BLOB NOT NULL,
  signed_prekey_id        INTEGER NOT NULL,
  signed_prekey           BLOB NOT NULL,
  signed_prekey_signature BLOB NOT NULL,
  created_at_ms           INTEGER NOT NULL,
  signed_prekey_at_ms     INTEGER NOT NULL,
  removed                 INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX devices_by_identity ON devices(identity_signing_key) WHERE removed = 0;
CREATE INDEX devices_by_user ON devices(user_id) WHERE removed = 0;
CREATE TABLE one_time_prekeys (
  device_id  INTEGER NOT NULL REFERENCES devices(id) ON DELETE CASCADE,
  key_id     INTEGER NOT NULL,
  public_key BLOB NOT NULL,
  PRIMARY KEY (device_id, key_id)
) WITHOUT ROWID;
-- AUTOINCREMENT: a message id is a device's fetch cursor, so an id must never come back after
-- the newest message is acknowledged and deleted.
CREATE TABLE direct_messages (
  id               INTEGER PRIMARY KEY AUTOINCREMENT,
  sender_id        INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  sender_device_id INTEGER NOT NULL,
  recipient_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  sent_at_ms       INTEGER NOT NULL
);
CREATE INDEX direct_messages_by_pair ON direct_messages(recipient_id, sender_id);
-- One ciphertext per device; held: a request's copy, not fetchable until accepted.
CREATE TABLE direct_copies (
  device_id INTEGER NOT NULL REFERENCES devices(id),
  dm_id     INTEGER NOT NULL REFERENCES direct_messages(id),
  envelope  BLOB NOT NULL,
  held      INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (device_id, dm_id)
) WITHOUT ROWID;
CREATE INDEX direct_copies_by_dm ON direct_copies(dm_id);
-- An accepted request: each pair once, the smaller id first.
CREATE TABLE contacts (
  low_id   INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  high_id  INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  since_ms INTEGER NOT NULL,
  PRIMARY KEY (low_id, high_id),
  CHECK (low_id < high_id)
) WITHOUT ROWID;
CREATE INDEX contacts_by_high ON contacts(high_id);
CREATE TABLE blocks (
  blocker_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  blocked_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  at_ms      INTEGER NOT NULL,
  PRIMARY KEY (blocker_id, blocked_id)
) WITHOUT ROWID;
-- state: 1 pending, 2 active, 3 declined, 4 ended (SponsorshipState).
CREATE TABLE sponsorships (
  id             INTEGER PRIMARY KEY,
  sponsor_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  sponsee_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  state          INTEGER NOT NULL,
  via_invite     INTEGER NOT NULL DEFAULT 0,
  asked_at_ms    INTEGER NOT NULL,
  answered_at_ms INTEGER NOT NULL DEFAULT 0,
  ended_at_ms    INTEGER NOT NULL DEFAULT 0,
  ended_by       INTEGER NOT NULL DEFAULT 0
);
-- At most one pending or active sponsorship links two people, whichever way round.
CREATE UNIQUE INDEX sponsorships_one_open_per_pair
  ON sponsorships(min(sponsor_id, sponsee_id), max(sponsor_id, sponsee_id)) WHERE state IN (1, 2);
CREATE INDEX sponsorships_open_by_sponsor ON sponsorships(sponsor_id) WHERE state IN (1, 2);
CREATE INDEX sponsorships_open_by_sponsee ON sponsorships(sponsee_id) WHERE state IN (1, 2);
CREATE TABLE sponsor_invites (
  code_hash     BLOB PRIMARY KEY,
  sponsor_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at_ms INTEGER NOT NULL,
  expires_at_ms INTEGER NOT NULL,
  used_by       INTEGER
) WITHOUT ROWID;
)sql";

// Who took which device's one-time prekeys when, so one requester cannot drain a device's
// stock; rows older than the window are deleted as the pair is counted again.
constexpr const char* kMigration4 = R"sql(
CREATE TABLE prekey_handouts (
  requester_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  device_id    INTEGER NOT NULL REFERENCES devices(id) ON DELETE CASCADE,
  at_ms        INTEGER NOT NULL
);
CREATE INDEX prekey_handouts_by_pair ON prekey_handouts(requester_id, device_id, at_ms);
)sql";

// Delivery receipts waiting for the sender's devices: one per device of the sender and message,
// deleted when that device acknowledges it (or is removed). The message row may be gone by
// then, so the receipt carries what the event needs.
constexpr const char* kMigration5 = R"sql(
CREATE TABLE direct_receipts (
  device_id    INTEGER NOT NULL REFERENCES devices(id),
  dm_id        INTEGER NOT NULL,
  recipient_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  by_device_id INTEGER NOT NULL,
  PRIMARY KEY (device_id, dm_id)
) WITHOUT ROWID;
)sql";

// The review queue keeps its own copy of the text under review, so that an author's later edit
// or delete does not take it from the coach; an item is about one text of a message, so a
// message can have more than one open item (a report of what it said, a crisis in what it was
// edited to). A held edit names the delivered message it would change and that message's edit
// time as its author saw it. Mutes and bans can be lifted before they end.
constexpr const char* kMigration6 = R"sql(
ALTER TABLE queue_items ADD COLUMN text TEXT NOT NULL DEFAULT '';
ALTER TABLE queue_items ADD COLUMN edit_of INTEGER NOT NULL DEFAULT 0;
ALTER TABLE queue_items ADD COLUMN edit_base_ms INTEGER NOT NULL DEFAULT 0;
UPDATE queue_items SET text = coalesce(
  (SELECT m.text FROM messages m WHERE queue_items.message_id != 0 AND m.id = queue_items.message_id),
  (SELECT h.text FROM held_messages h WHERE queue_items.held_id != 0 AND h.id = queue_items.held_id), '');
DROP INDEX queue_items_one_open_per_message;
CREATE INDEX queue_items_open_by_message ON queue_items(message_id) WHERE state != 3 AND message_id != 0;
ALTER TABLE sanctions ADD COLUMN lifted_by INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sanctions ADD COLUMN lifted_at_ms INTEGER NOT NULL DEFAULT 0;
)sql";

// Idempotency keys of send_message: one row per (account, key), written in the transaction
// that stores or holds the message, so a crash keeps both or neither. The text is not stored a
// second time, only a keyed digest (wiped when the message is deleted). Rows live 24 hours:
// each keyed send deletes a few of the oldest expired rows (sqlite_send_keys.cpp).
constexpr const char* kMigration7 = R"sql(
CREATE TABLE send_keys (
  id              INTEGER PRIMARY KEY,
  account_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  idempotency_key TEXT NOT NULL,
  room_id         INTEGER NOT NULL,
  text_digest     BLOB NOT NULL,
  outcome         INTEGER NOT NULL,
  message_id      INTEGER NOT NULL DEFAULT 0,
  seq             INTEGER NOT NULL DEFAULT 0,
  sent_at_ms      INTEGER NOT NULL,
  created_at_ms   INTEGER NOT NULL,
  UNIQUE (account_id, idempotency_key)
);
CREATE INDEX send_keys_by_age ON send_keys(created_at_ms);
CREATE INDEX send_keys_by_message ON send_keys(message_id) WHERE message_id != 0;
)sql";

constexpr std::array<const char*, 7> kMigrations = {kMigration1, kMigration2, kMigration3, kMigration4,
                                                    kMigration5, kMigration6, kMigration7};

int user_version(SqliteConnection& connection) {
  Statement statement = connection.prepare("PRAGMA user_version");
  return statement.step() == SQLITE_ROW ? static_cast<int>(statement.int64(0)) : -1;
}

}  // namespace

int latest_schema_version() { return static_cast<int>(kMigrations.size()); }

bool migrate(SqliteConnection& connection, std::string* error) {
  return migrate(connection, error, latest_schema_version());
}

bool migrate(SqliteConnection& connection, std::string* error, int target_version) {
  const int current = user_version(connection);
  if (current < 0 || current > latest_schema_version()) {
    *error = "the database schema (version " + std::to_string(current) +
             ") is newer than this hearthd understands (" + std::to_string(latest_schema_version()) + ")";
    return false;
  }
  for (int version = current + 1; version <= std::min(target_version, latest_schema_version()); ++version) {
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
