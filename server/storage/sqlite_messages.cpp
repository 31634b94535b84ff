// SqliteStore: room messages and history.
#include <algorithm>

#include "server/storage/sqlite_store_jobs.h"

namespace hearth::storage {

namespace {

// Reads the row of one message for an edit or a delete and checks who may change it.
Status load_for_change(SqliteConnection& db, std::uint64_t message_id, std::uint64_t author_id,
                       MessageRecord& message) {
  Statement query = db.prepare(
      "SELECT room_id, seq, author_id, sent_at_ms, edited_at_ms, deleted, text FROM messages WHERE id = ?");
  query.bind(1, message_id);
  if (Status status = row_status(query.step()); status != Status::kOk) return status;
  message.id = message_id;
  message.room_id = query.uint64(0);
  message.seq = query.uint64(1);
  message.author_id = query.uint64(2);
  message.sent_at_ms = query.int64(3);
  message.edited_at_ms = query.int64(4);
  message.deleted = query.int64(5) != 0;
  message.text = query.text(6);
  if (message.deleted) return Status::kNotFound;
  if (author_id != 0 && message.author_id != author_id) return Status::kForbidden;
  return Status::kOk;
}


}  // namespace

void read_message_row(const Statement& row, MessageRecord& message) {
  message.id = row.uint64(0);
  message.room_id = row.uint64(1);
  message.seq = row.uint64(2);
  message.author_id = row.uint64(3);
  message.author_handle = row.text(4);
  message.text = row.text(5);
  message.sent_at_ms = row.int64(6);
  message.edited_at_ms = row.int64(7);
  message.deleted = row.int64(8) != 0;
  message.removed_by_moderator = row.int64(9) != 0;
}

Status insert_message(SqliteConnection& db, std::uint64_t room_id, std::uint64_t author_id, const std::string& text,
                      std::int64_t sent_at_ms, MessageRecord& message) {
  // The room row is the sequence: bumped in the same transaction, so seq has no gaps and a
  // rolled-back batch leaves no trace.
  Statement next = db.prepare("UPDATE rooms SET last_seq = last_seq + 1 WHERE id = ? RETURNING last_seq");
  next.bind(1, room_id);
  if (Status status = row_status(next.step()); status != Status::kOk) return status;
  message.seq = next.uint64(0);
  Statement insert = db.prepare(
      "INSERT INTO messages (room_id, seq, author_id, text, sent_at_ms) VALUES (?, ?, ?, ?, ?)");
  insert.bind(1, room_id).bind(2, message.seq).bind(3, author_id).bind_text(4, text).bind(5, sent_at_ms);
  if (Status status = done_status(insert.step()); status != Status::kOk) return status;
  message.id = static_cast<std::uint64_t>(sqlite3_last_insert_rowid(db.handle()));
  message.room_id = room_id;
  message.author_id = author_id;
  message.text = text;
  message.sent_at_ms = sent_at_ms;
  return Status::kOk;
}

Status tombstone_message(SqliteConnection& db, std::uint64_t message_id, bool by_moderator) {
  Statement update = db.prepare("UPDATE messages SET text = '', deleted = 1, removed_by_moderator = ? WHERE id = ?");
  update.bind(1, by_moderator).bind(2, message_id);
  if (Status status = done_status(update.step()); status != Status::kOk) return status;
  // Nor does the digest of the words outlive them (a repeat of the send then matches any text).
  // "message_id != 0" lets SQLite use the partial index send_keys_by_message.
  Statement digest = db.prepare("UPDATE send_keys SET text_digest = x'' WHERE message_id = ? AND message_id != 0");
  digest.bind(1, message_id);
  if (Status status = done_status(digest.step()); status != Status::kOk) return status;
  // Review items keep their own copy of the words while a coach may still need them (an
  // unresolved item keeps it whatever the author does); resolved ones let it go with the message.
  Statement forget = db.prepare(
      "UPDATE queue_items SET text = '' WHERE state = 3 AND (message_id = ?1 OR edit_of = ?1) AND text != ''");
  forget.bind(1, message_id);
  return done_status(forget.step());
}

void SqliteStore::append_message(std::uint64_t room_id, std::uint64_t author_id, std::string text,
                                 std::int64_t now_ms, Callback<MessageRecord> done) {
  write<MessageRecord>(
      [room_id, author_id, text = std::move(text), now_ms](SqliteConnection& db, MessageRecord& message) {
        return insert_message(db, room_id, author_id, text, now_ms, message);
      },
      std::move(done));
}

void SqliteStore::edit_message(std::uint64_t message_id, std::uint64_t author_id, std::string text,
                               std::int64_t now_ms, Callback<MessageRecord> done) {
  write<MessageRecord>(
      [message_id, author_id, text = std::move(text), now_ms](SqliteConnection& db, MessageRecord& message) {
        if (author_id == 0) return Status::kForbidden;  // only an author edits
        if (Status status = load_for_change(db, message_id, author_id, message); status != Status::kOk) {
          return status;
        }
        Statement update = db.prepare("UPDATE messages SET text = ?, edited_at_ms = ? WHERE id = ?");
        update.bind_text(1, text).bind(2, now_ms).bind(3, message_id);
        message.text = text;
        message.edited_at_ms = now_ms;
        return done_status(update.step());
      },
      std::move(done));
}

void SqliteStore::delete_message(std::uint64_t message_id, std::uint64_t author_id,
                                 Callback<MessageRecord> done) {
  write<MessageRecord>(
      [message_id, author_id](SqliteConnection& db, MessageRecord& message) {
        if (Status status = load_for_change(db, message_id, author_id, message); status != Status::kOk) {
          return status;
        }
        message.text.clear();
        message.deleted = true;
        return tombstone_message(db, message_id, false);
      },
      std::move(done));
}

void SqliteStore::history(HistoryQuery query, Callback<HistoryPage> done) {
  read<HistoryPage>(
      [query](SqliteConnection& db, HistoryPage& page) {
        // One read transaction: the page and last_seq describe the same moment.
        db.exec("BEGIN");
        Statement room = db.prepare("SELECT last_seq FROM rooms WHERE id = ?");
        room.bind(1, query.room_id);
        Status status = row_status(room.step());
        if (status == Status::kOk) page.last_seq = room.uint64(0);

        constexpr const char* kAfter =
            "SELECT m.id, m.room_id, m.seq, m.author_id, u.handle, m.text, m.sent_at_ms, m.edited_at_ms, "
            "m.deleted, m.removed_by_moderator FROM messages m JOIN users u ON u.id = m.author_id "
            "WHERE m.room_id = ? AND m.seq > ? ORDER BY m.seq ASC LIMIT ?";
        constexpr const char* kBefore =
            "SELECT m.id, m.room_id, m.seq, m.author_id, u.handle, m.text, m.sent_at_ms, m.edited_at_ms, "
            "m.deleted, m.removed_by_moderator FROM messages m JOIN users u ON u.id = m.author_id "
            "WHERE m.room_id = ? AND m.seq < ? ORDER BY m.seq DESC LIMIT ?";
        if (status == Status::kOk) {
          const bool ascending = query.after_seq != 0;
          // "Newest" is "before one past the end".
          const std::uint64_t bound = ascending ? query.after_seq
                                      : query.before_seq != 0 ? query.before_seq
                                                              : page.last_seq + 1;
          Statement rows = db.prepare(ascending ? kAfter : kBefore);
          rows.bind(1, query.room_id).bind(2, bound).bind(3, std::int64_t{query.limit} + 1);
          int rc;
          while ((rc = rows.step()) == SQLITE_ROW) read_message_row(rows, page.messages.emplace_back());
          status = done_status(rc);
          page.has_more = page.messages.size() > query.limit;
          if (page.has_more) page.messages.pop_back();
          if (!ascending) std::reverse(page.messages.begin(), page.messages.end());
        }
        db.exec("COMMIT");
        return status;
      },
      std::move(done));
}

}  // namespace hearth::storage
