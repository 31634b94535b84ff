// SqliteStore: the relay. A direct message is one direct_messages row and one ciphertext per
// device in direct_copies, keyed (device_id, dm_id) so that a device's queue is one index range.
// A message row goes with its last copy.
#include <algorithm>

#include "server/storage/sqlite_direct_rows.h"

namespace hearth::storage {

void read_delivery_row(const Statement& row, DirectDelivery& delivery) {
  delivery.dm_id = row.uint64(0);
  delivery.device_id = row.uint64(1);
  delivery.sender_id = row.uint64(2);
  delivery.sender_handle = row.text(3);
  delivery.sender_device_id = row.uint64(4);
  delivery.recipient_id = row.uint64(5);
  delivery.recipient_handle = row.text(6);
  delivery.envelope = row.text(7);
  delivery.sent_at_ms = row.int64(8);
}

Status drop_message_if_emptied(SqliteConnection& db, std::uint64_t dm_id) {
  Statement remove = db.prepare(
      "DELETE FROM direct_messages WHERE id = ?1 AND NOT EXISTS (SELECT 1 FROM direct_copies WHERE dm_id = ?1)");
  remove.bind(1, dm_id);
  return done_status(remove.step());
}

Status delete_held_copies(SqliteConnection& db, std::uint64_t sender, std::uint64_t recipient) {
  Statement copies = db.prepare(
      "DELETE FROM direct_copies WHERE held = 1 AND dm_id IN "
      "(SELECT id FROM direct_messages WHERE recipient_id = ? AND sender_id = ?)");
  copies.bind(1, recipient).bind(2, sender);
  if (Status status = done_status(copies.step()); status != Status::kOk) return status;
  // The sender's own copies of a declined request stay until its devices acknowledge them.
  Statement emptied = db.prepare(
      "DELETE FROM direct_messages WHERE recipient_id = ? AND sender_id = ? "
      "AND NOT EXISTS (SELECT 1 FROM direct_copies c WHERE c.dm_id = direct_messages.id)");
  emptied.bind(1, recipient).bind(2, sender);
  return done_status(emptied.step());
}

namespace {

// Whether the copies name each device they must cover exactly once; `expected` is that list.
Status check_copies(SqliteConnection& db, const DirectSendRequest& request,
                    const std::vector<std::uint64_t>& recipient_devices, std::vector<std::uint64_t>& expected,
                    bool& match) {
  std::vector<std::uint64_t> own_devices;
  if (Status status = device_ids_of(db, request.sender_id, own_devices); status != Status::kOk) return status;
  expected = recipient_devices;
  for (std::uint64_t id : own_devices) {
    if (id != request.sender_device_id) expected.push_back(id);
  }
  std::vector<std::uint64_t> named;
  named.reserve(request.copies.size());
  for (const DirectCopy& copy : request.copies) named.push_back(copy.device_id);
  std::sort(named.begin(), named.end());
  std::vector<std::uint64_t> wanted = expected;
  std::sort(wanted.begin(), wanted.end());
  match = named == wanted;
  return Status::kOk;
}

// A receipt of `ack` for every device of the message's sender; a device that has one for the
// message already (another recipient device was first) keeps it.
Status leave_receipts(SqliteConnection& db, const DirectAck& ack) {
  Statement insert = db.prepare(
      "INSERT INTO direct_receipts (device_id, dm_id, recipient_id, by_device_id) "
      "SELECT id, ?, ?, ? FROM devices WHERE user_id = ? AND removed = 0 "
      "ON CONFLICT (device_id, dm_id) DO NOTHING");
  insert.bind(1, ack.dm_id).bind(2, ack.recipient_id).bind(3, ack.device_id).bind(4, ack.sender_id);
  return done_status(insert.step());
}

Status read_receipts(SqliteConnection& db, std::uint64_t device_id, std::uint32_t limit,
                     std::vector<DirectReceipt>& receipts) {
  Statement query = db.prepare(
      "SELECT r.dm_id, r.recipient_id, u.handle, r.by_device_id FROM direct_receipts r "
      "JOIN users u ON u.id = r.recipient_id WHERE r.device_id = ? ORDER BY r.dm_id LIMIT ?");
  query.bind(1, device_id).bind(2, std::int64_t{limit});
  int rc;
  while ((rc = query.step()) == SQLITE_ROW) {
    receipts.push_back(DirectReceipt{query.uint64(0), query.uint64(1), query.text(2), query.uint64(3)});
  }
  return done_status(rc);
}

}  // namespace

void SqliteStore::send_direct(DirectSendRequest request, Callback<DirectSendResult> done) {
  write<DirectSendResult>(
      [request = std::move(request)](SqliteConnection& db, DirectSendResult& result) mutable {
        DirectReach reach = DirectReach::kUnreachable;
        if (Status status = reach_between(db, request.sender_id, request.recipient_id, reach); status != Status::kOk) {
          return status;
        }
        if (reach == DirectReach::kUnreachable) return Status::kNotFound;
        if (Status status = check_own_device(db, request.sender_id, request.sender_device_id); status != Status::kOk) {
          return status;
        }

        std::vector<std::uint64_t> recipient_devices;
        if (Status status = device_ids_of(db, request.recipient_id, recipient_devices); status != Status::kOk) {
          return status;
        }
        // The header is silent here: a recipient without any device could never read the
        // message, so nothing is stored, and the refusal looks like every other "cannot reach"
        // (take_bundles has already shown the sender that there is no device to encrypt for).
        if (recipient_devices.empty()) return Status::kNotFound;
        std::vector<std::uint64_t> expected;
        bool match = false;
        if (Status status = check_copies(db, request, recipient_devices, expected, match); status != Status::kOk) {
          return status;
        }
        if (!match) {
          // Nothing written so far, so a kOk here stores nothing.
          result.route = DirectRoute::kDevicesChanged;
          result.expected_devices = std::move(expected);
          return Status::kOk;
        }

        // A stranger's messages wait unread: at most max_request_messages of them, so nobody can
        // park an unbounded pile in someone's requests.
        if (reach == DirectReach::kRequest) {
          Statement waiting = db.prepare(
              "SELECT count(*) FROM direct_messages m WHERE m.sender_id = ? AND m.recipient_id = ? "
              "AND EXISTS (SELECT 1 FROM direct_copies c WHERE c.dm_id = m.id AND c.held = 1)");
          waiting.bind(1, request.sender_id).bind(2, request.recipient_id);
          if (const int rc = waiting.step(); rc != SQLITE_ROW) return status_of(rc);
          if (waiting.uint64(0) >= request.max_request_messages) return Status::kLimitReached;
        }
        // Only the recipient's devices are capped: an abandoned device of the sender's own must
        // not stop them writing (removing that device clears its queue). Held requests are not
        // counted (they are capped per sender above), so strangers cannot fill the queue that
        // a sponsor's messages need.
        Statement queued = db.prepare("SELECT count(*) FROM direct_copies WHERE device_id = ? AND held = 0");
        for (std::uint64_t device_id : recipient_devices) {
          queued.bind(1, device_id);
          if (const int rc = queued.step(); rc != SQLITE_ROW) return status_of(rc);
          if (queued.uint64(0) >= request.max_queued_per_device) return Status::kLimitReached;
          queued.reset();
        }

        Statement message = db.prepare(
            "INSERT INTO direct_messages (sender_id, sender_device_id, recipient_id, sent_at_ms) VALUES (?, ?, ?, ?)");
        message.bind(1, request.sender_id).bind(2, request.sender_device_id).bind(3, request.recipient_id)
            .bind(4, request.now_ms);
        if (Status status = done_status(message.step()); status != Status::kOk) return status;
        result.dm_id = static_cast<std::uint64_t>(sqlite3_last_insert_rowid(db.handle()));
        result.sent_at_ms = request.now_ms;
        result.route = reach == DirectReach::kContact ? DirectRoute::kDelivered : DirectRoute::kRequest;
        result.recipient_devices = recipient_devices;

        Statement copy = db.prepare("INSERT INTO direct_copies (device_id, dm_id, envelope, held) VALUES (?, ?, ?, ?)");
        for (const DirectCopy& each : request.copies) {
          const bool for_recipient =
              std::find(recipient_devices.begin(), recipient_devices.end(), each.device_id) != recipient_devices.end();
          copy.bind(1, each.device_id).bind(2, result.dm_id).bind_blob(3, each.envelope)
              .bind(4, result.route == DirectRoute::kRequest && for_recipient);
          if (Status status = done_status(copy.step()); status != Status::kOk) return status;
          copy.reset();
        }
        // Stored: the caller gets its envelopes back to push, rather than keeping a copy of them.
        result.copies = std::move(request.copies);
        return Status::kOk;
      },
      std::move(done));
}

void SqliteStore::fetch_direct(std::uint64_t user_id, std::uint64_t device_id, std::uint64_t after_dm_id,
                               std::uint32_t limit, std::uint32_t receipt_limit, Callback<DirectPage> done) {
  read<DirectPage>(
      [user_id, device_id, after_dm_id, limit, receipt_limit](SqliteConnection& db, DirectPage& page) {
        if (Status status = check_own_device(db, user_id, device_id); status != Status::kOk) return status;
        Statement query = db.prepare(
            "SELECT " HEARTH_DELIVERY_COLUMNS HEARTH_DELIVERY_JOIN
            "WHERE c.device_id = ? AND c.dm_id > ? AND c.held = 0 ORDER BY c.dm_id LIMIT ?");
        query.bind(1, device_id).bind(2, after_dm_id).bind(3, std::int64_t{limit});
        int rc;
        while ((rc = query.step()) == SQLITE_ROW) read_delivery_row(query, page.messages.emplace_back());
        if (Status status = done_status(rc); status != Status::kOk) return status;
        return read_receipts(db, device_id, receipt_limit, page.receipts);
      },
      std::move(done));
}

void SqliteStore::ack_direct(std::uint64_t user_id, std::uint64_t device_id, std::vector<std::uint64_t> dm_ids,
                             std::vector<std::uint64_t> receipt_dm_ids, Callback<std::vector<DirectAck>> done) {
  write<std::vector<DirectAck>>(
      [user_id, device_id, dm_ids = std::move(dm_ids), receipt_dm_ids = std::move(receipt_dm_ids)](
          SqliteConnection& db, std::vector<DirectAck>& acks) {
        if (Status status = check_own_device(db, user_id, device_id); status != Status::kOk) return status;
        // Held copies were never handed out: acknowledging one (an id guessed) is ignored, so a
        // request cannot be made to vanish without an answer.
        Statement remove = db.prepare(
            "DELETE FROM direct_copies WHERE device_id = ? AND dm_id = ? AND held = 0 "
            "RETURNING (SELECT sender_id FROM direct_messages WHERE id = ?2), "
            "(SELECT recipient_id FROM direct_messages WHERE id = ?2)");
        for (std::uint64_t dm_id : dm_ids) {
          remove.bind(1, device_id).bind(2, dm_id);
          const int rc = remove.step();
          if (rc == SQLITE_ROW) {
            acks.push_back(DirectAck{dm_id, remove.uint64(0), remove.uint64(1), device_id});
          } else if (rc != SQLITE_DONE) {
            return status_of(rc);
          }
          remove.reset();
          if (rc != SQLITE_ROW) continue;
          // The sender's own devices syncing their copies is no news to anyone.
          if (acks.back().recipient_id == user_id) {
            if (Status status = leave_receipts(db, acks.back()); status != Status::kOk) return status;
          }
          if (Status status = drop_message_if_emptied(db, dm_id); status != Status::kOk) return status;
        }
        Statement forget = db.prepare("DELETE FROM direct_receipts WHERE device_id = ? AND dm_id = ?");
        for (std::uint64_t dm_id : receipt_dm_ids) {
          forget.bind(1, device_id).bind(2, dm_id);
          if (Status status = done_status(forget.step()); status != Status::kOk) return status;
          forget.reset();
        }
        return Status::kOk;
      },
      std::move(done));
}

void SqliteStore::count_queued(std::uint64_t device_id, Callback<std::uint64_t> done) {
  read<std::uint64_t>(
      [device_id](SqliteConnection& db, std::uint64_t& count) {
        Statement query = db.prepare("SELECT count(*) FROM direct_copies WHERE device_id = ?");
        query.bind(1, device_id);
        const int rc = query.step();
        if (rc != SQLITE_ROW) return status_of(rc);
        count = query.uint64(0);
        return Status::kOk;
      },
      std::move(done));
}

}  // namespace hearth::storage
