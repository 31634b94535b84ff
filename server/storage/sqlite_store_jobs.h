// Private to the SqliteStore sources: how one operation becomes a job on a storage thread.
#pragma once

#include <functional>
#include <memory>

#include "server/storage/sqlite_store.h"

namespace hearth::storage {

template <typename T>
void SqliteStore::write(std::function<Status(SqliteConnection&, T&)> apply, Callback<T> done) {
  auto value = std::make_shared<T>();
  Mutation mutation{
      [apply = std::move(apply), value](SqliteConnection& db) { return apply(db, *value); },
      [value, done](Status status) {
        if (status == Status::kOk) done(std::move(*value));
        else done(status);
      }};
  if (!writer_->submit(std::move(mutation))) done(Status::kUnavailable);
}

template <typename T>
void SqliteStore::read(std::function<Status(SqliteConnection&, T&)> query, Callback<T> done) {
  const bool queued = reader_->submit([query = std::move(query), done](SqliteConnection* db) {
    T value{};
    const Status status = query(*db, value);
    if (status == Status::kOk) done(std::move(value));
    else done(status);
  });
  if (!queued) done(Status::kUnavailable);
}

// A step's result code as a Status, with "no row" meaning kNotFound.
inline Status row_status(int rc) { return rc == SQLITE_ROW ? Status::kOk : rc == SQLITE_DONE ? Status::kNotFound : status_of(rc); }
inline Status done_status(int rc) { return rc == SQLITE_DONE ? Status::kOk : status_of(rc); }

// Consumes an unused, unexpired invite for `room_id` (0: a server invite), marking it used by
// `used_by`; sets `role` to the invite's role if given. kNotFound if there is no such invite.
Status consume_invite(SqliteConnection& db, const std::string& code_hash, std::uint64_t room_id,
                      std::uint64_t used_by, std::int64_t now_ms, Role* role);

// Appends a message with the room's next seq (messages.cpp; also approving a held message).
Status insert_message(SqliteConnection& db, std::uint64_t room_id, std::uint64_t author_id, const std::string& text,
                      std::int64_t sent_at_ms, MessageRecord& message);
// Erases a message's text and marks it deleted, keeping its seq.
Status tombstone_message(SqliteConnection& db, std::uint64_t message_id, bool by_moderator);
// The body of every keyed write (sqlite_send_keys.cpp): if `send.account_id` used `send.key` at
// or after `since_ms`, sets `out` to that record and `repeat` (or returns kAlreadyExists for
// another room or text) and writes nothing; otherwise runs `write_new` (which fills the ids of
// the record it is given) and records the key. Sweeps a few expired keys first.
Status write_once(SqliteConnection& db, const SendKeyRecord& send, std::int64_t since_ms, bool& repeat,
                  SendKeyRecord& out, const std::function<Status(SendKeyRecord&)>& write_new);

// Reads the columns id, room_id, seq, author_id, handle, text, sent_at_ms, edited_at_ms,
// deleted, removed_by_moderator (in that order) of one row.
void read_message_row(const Statement& row, MessageRecord& message);

}  // namespace hearth::storage
