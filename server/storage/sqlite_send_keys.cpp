// SqliteStore: idempotency keys of send_message. A keyed send is looked up and recorded on the
// writer thread, inside the transaction that stores (or holds) its message: of two sends with
// one key, the second one queued finds the first's row, whatever connections they came on.
#include "server/storage/sqlite_store_jobs.h"

namespace hearth::storage {

namespace {

// Expired rows deleted per keyed send. Any number above one drains a backlog (each send adds one
// row and removes up to this many), and a small one keeps every send's transaction short.
constexpr std::int64_t kExpiredSweptPerSend = 4;

constexpr const char* kSelectKey =
    "SELECT room_id, text_digest, outcome, message_id, seq, sent_at_ms, created_at_ms FROM send_keys "
    "WHERE account_id = ? AND idempotency_key = ? AND created_at_ms >= ?";

Status load_key(SqliteConnection& db, std::uint64_t account_id, const std::string& key, std::int64_t since_ms,
                SendKeyRecord& record) {
  Statement query = db.prepare(kSelectKey);
  query.bind(1, account_id).bind_text(2, key).bind(3, since_ms);
  if (Status status = row_status(query.step()); status != Status::kOk) return status;
  record.account_id = account_id;
  record.key = key;
  record.room_id = query.uint64(0);
  record.text_digest = query.text(1);
  record.outcome = static_cast<SendOutcome>(query.int64(2));
  record.message_id = query.uint64(3);
  record.seq = query.uint64(4);
  record.sent_at_ms = query.int64(5);
  record.created_at_ms = query.int64(6);
  return Status::kOk;
}

Status sweep_expired(SqliteConnection& db, std::int64_t since_ms) {
  Statement sweep = db.prepare(
      "DELETE FROM send_keys WHERE id IN "
      "(SELECT id FROM send_keys WHERE created_at_ms < ? ORDER BY created_at_ms LIMIT ?)");
  sweep.bind(1, since_ms).bind(2, kExpiredSweptPerSend);
  return done_status(sweep.step());
}

Status insert_key(SqliteConnection& db, const SendKeyRecord& record) {
  // REPLACE: the only row this can meet is an expired one for the same key, not swept yet (a
  // live one was looked for just before, on this same thread).
  Statement insert = db.prepare(
      "INSERT OR REPLACE INTO send_keys (account_id, idempotency_key, room_id, text_digest, outcome, message_id, "
      "seq, sent_at_ms, created_at_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
  insert.bind(1, record.account_id).bind_text(2, record.key).bind(3, record.room_id)
      .bind_blob(4, record.text_digest).bind(5, static_cast<std::int64_t>(record.outcome))
      .bind(6, record.message_id).bind(7, record.seq).bind(8, record.sent_at_ms).bind(9, record.created_at_ms);
  return done_status(insert.step());
}

// kOk with the earlier send `send` repeats, kAlreadyExists if its key was used for another
// message, kNotFound if it is unused.
Status find_earlier(SqliteConnection& db, const SendKeyRecord& send, std::int64_t since_ms, SendKeyRecord& earlier) {
  if (Status status = load_key(db, send.account_id, send.key, since_ms, earlier); status != Status::kOk) return status;
  // An empty digest: the message was deleted and its digest with it; the key still stands.
  const bool same_text = earlier.text_digest.empty() || earlier.text_digest == send.text_digest;
  return earlier.room_id == send.room_id && same_text ? Status::kOk : Status::kAlreadyExists;
}

}  // namespace

Status write_once(SqliteConnection& db, const SendKeyRecord& send, std::int64_t since_ms, bool& repeat,
                  SendKeyRecord& out, const std::function<Status(SendKeyRecord&)>& write_new) {
  if (Status status = sweep_expired(db, since_ms); status != Status::kOk) return status;
  const Status found = find_earlier(db, send, since_ms, out);
  repeat = found == Status::kOk;
  if (found != Status::kNotFound) return found;
  out = send;
  if (Status status = write_new(out); status != Status::kOk) return status;
  return insert_key(db, out);
}

void SqliteStore::find_earlier_send(SendKeyRecord send, std::int64_t since_ms, Callback<SendKeyRecord> done) {
  read<SendKeyRecord>(
      [send = std::move(send), since_ms](SqliteConnection& db, SendKeyRecord& earlier) {
        return find_earlier(db, send, since_ms, earlier);
      },
      std::move(done));
}

void SqliteStore::append_message_once(SendKeyRecord send, std::string text, std::int64_t since_ms,
                                      Callback<KeyedWrite<MessageRecord>> done) {
  write<KeyedWrite<MessageRecord>>(
      [send = std::move(send), text = std::move(text), since_ms](SqliteConnection& db,
                                                                 KeyedWrite<MessageRecord>& result) {
        return write_once(db, send, since_ms, result.repeat, result.send, [&](SendKeyRecord& record) {
          MessageRecord& message = result.written;
          const Status status = insert_message(db, record.room_id, record.account_id, text, record.sent_at_ms, message);
          record.message_id = message.id;
          record.seq = message.seq;
          return status;
        });
      },
      std::move(done));
}

}  // namespace hearth::storage
