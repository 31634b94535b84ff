// SqliteStore: the key directory. Devices publish public keys; initiators take bundles, each
// one-time prekey handed out (deleted) exactly once by the write job that returns it.
#include <algorithm>

#include "server/storage/sqlite_direct_rows.h"

// A device row and its one-time prekey count, read by read_device_row.
#define HEARTH_DEVICE_COLUMNS                                                                              \
  "d.id, d.user_id, d.name, d.identity_signing_key, d.identity_dh_key, d.identity_dh_signature, "           \
  "d.signed_prekey_id, d.signed_prekey, d.signed_prekey_signature, d.created_at_ms, d.signed_prekey_at_ms, " \
  "(SELECT count(*) FROM one_time_prekeys k WHERE k.device_id = d.id) "

namespace hearth::storage {

namespace {

void read_device_row(const Statement& row, DeviceRecord& device) {
  device.device_id = row.uint64(0);
  device.user_id = row.uint64(1);
  device.name = row.text(2);
  device.identity_signing_key = row.text(3);
  device.identity_dh_key = row.text(4);
  device.identity_dh_signature = row.text(5);
  device.signed_prekey_id = static_cast<std::uint32_t>(row.int64(6));
  device.signed_prekey = row.text(7);
  device.signed_prekey_signature = row.text(8);
  device.created_at_ms = row.int64(9);
  device.signed_prekey_at_ms = row.int64(10);
  device.one_time_prekeys_left = static_cast<std::uint32_t>(row.int64(11));
}

Status read_device(SqliteConnection& db, std::uint64_t device_id, DeviceRecord& device) {
  Statement query = db.prepare("SELECT " HEARTH_DEVICE_COLUMNS "FROM devices d WHERE d.id = ? AND d.removed = 0");
  query.bind(1, device_id);
  const int rc = query.step();
  if (rc != SQLITE_ROW) return row_status(rc);
  read_device_row(query, device);
  return Status::kOk;
}

Status register_device(SqliteConnection& db, const PublishKeysRequest& request, std::uint64_t& device_id) {
  Statement count = db.prepare("SELECT count(*) FROM devices WHERE user_id = ? AND removed = 0");
  count.bind(1, request.user_id);
  if (const int rc = count.step(); rc != SQLITE_ROW) return status_of(rc);
  if (count.uint64(0) >= request.max_devices_per_user) return Status::kLimitReached;

  const DeviceRecord& keys = request.keys;
  Statement taken = db.prepare("SELECT 1 FROM devices WHERE identity_signing_key = ? AND removed = 0");
  taken.bind_blob(1, keys.identity_signing_key);
  bool found = false;
  if (Status status = probe(taken, found); status != Status::kOk) return status;
  if (found) return Status::kAlreadyExists;

  Statement insert = db.prepare(
      "INSERT INTO devices (user_id, name, identity_signing_key, identity_dh_key, identity_dh_signature, "
      "signed_prekey_id, signed_prekey, signed_prekey_signature, created_at_ms, signed_prekey_at_ms) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  insert.bind(1, request.user_id).bind_text(2, keys.name).bind_blob(3, keys.identity_signing_key)
      .bind_blob(4, keys.identity_dh_key).bind_blob(5, keys.identity_dh_signature)
      .bind(6, std::int64_t{keys.signed_prekey_id}).bind_blob(7, keys.signed_prekey)
      .bind_blob(8, keys.signed_prekey_signature).bind(9, request.now_ms).bind(10, request.now_ms);
  if (Status status = done_status(insert.step()); status != Status::kOk) return status;
  device_id = static_cast<std::uint64_t>(sqlite3_last_insert_rowid(db.handle()));
  return Status::kOk;
}

Status update_device(SqliteConnection& db, const PublishKeysRequest& request) {
  const DeviceRecord& keys = request.keys;
  Statement find = db.prepare(
      "SELECT identity_signing_key, identity_dh_key, signed_prekey_id, name FROM devices "
      "WHERE id = ? AND user_id = ? AND removed = 0");
  find.bind(1, keys.device_id).bind(2, request.user_id);
  const int rc = find.step();
  if (rc != SQLITE_ROW) return row_status(rc);
  // A new identity is a new device: the people who verified this one must not be moved silently.
  if (find.text(0) != keys.identity_signing_key || find.text(1) != keys.identity_dh_key) return Status::kForbidden;
  const bool rotate = static_cast<std::uint32_t>(find.int64(2)) != keys.signed_prekey_id;
  // The header is silent on the name: an upload naming the device differently renames it (an
  // empty name keeps the stored one).
  const bool rename = !keys.name.empty() && find.text(3) != keys.name;
  find.reset();

  if (rotate) {
    Statement update = db.prepare(
        "UPDATE devices SET signed_prekey_id = ?, signed_prekey = ?, signed_prekey_signature = ?, "
        "signed_prekey_at_ms = ? WHERE id = ?");
    update.bind(1, std::int64_t{keys.signed_prekey_id}).bind_blob(2, keys.signed_prekey)
        .bind_blob(3, keys.signed_prekey_signature).bind(4, request.now_ms).bind(5, keys.device_id);
    if (Status status = done_status(update.step()); status != Status::kOk) return status;
  }
  if (rename) {
    Statement update = db.prepare("UPDATE devices SET name = ? WHERE id = ?");
    update.bind_text(1, keys.name).bind(2, keys.device_id);
    if (Status status = done_status(update.step()); status != Status::kOk) return status;
  }
  return Status::kOk;
}

// Adds the prekeys whose ids the device does not hold yet; kLimitReached if it would then hold
// more than `max` (the job is rolled back: none stored).
Status add_one_time_prekeys(SqliteConnection& db, std::uint64_t device_id,
                            const std::vector<OneTimePrekeyRecord>& prekeys, std::uint32_t max) {
  Statement insert = db.prepare(
      "INSERT INTO one_time_prekeys (device_id, key_id, public_key) VALUES (?, ?, ?) "
      "ON CONFLICT (device_id, key_id) DO NOTHING");
  for (const OneTimePrekeyRecord& prekey : prekeys) {
    insert.bind(1, device_id).bind(2, std::int64_t{prekey.key_id}).bind_blob(3, prekey.public_key);
    if (Status status = done_status(insert.step()); status != Status::kOk) return status;
    insert.reset();
  }
  Statement count = db.prepare("SELECT count(*) FROM one_time_prekeys WHERE device_id = ?");
  count.bind(1, device_id);
  if (const int rc = count.step(); rc != SQLITE_ROW) return status_of(rc);
  return count.uint64(0) > max ? Status::kLimitReached : Status::kOk;
}

// Whether `requester_id` may take another of `device_id`'s one-time prekeys now: fewer than
// allowance.per_requester taken within the window. Forgets the pair's older hand-outs first, so
// the table holds at most per_requester rows per pair.
Status may_take_prekey(SqliteConnection& db, std::uint64_t requester_id, std::uint64_t device_id,
                       const PrekeyAllowance& allowance, bool& allowed) {
  allowed = true;
  if (allowance.per_requester == 0) return Status::kOk;
  Statement forget = db.prepare("DELETE FROM prekey_handouts WHERE requester_id = ? AND device_id = ? AND at_ms <= ?");
  forget.bind(1, requester_id).bind(2, device_id).bind(3, allowance.now_ms - allowance.window_ms);
  if (Status status = done_status(forget.step()); status != Status::kOk) return status;
  Statement count = db.prepare("SELECT count(*) FROM prekey_handouts WHERE requester_id = ? AND device_id = ?");
  count.bind(1, requester_id).bind(2, device_id);
  if (const int rc = count.step(); rc != SQLITE_ROW) return status_of(rc);
  allowed = count.uint64(0) < allowance.per_requester;
  return Status::kOk;
}

// Hands out (deletes) the device's lowest-id one-time prekey into `taken`, and records who took
// it; leaves `taken` empty when the device has none left.
Status take_prekey(SqliteConnection& db, std::uint64_t requester_id, std::uint64_t device_id, std::int64_t now_ms,
                   std::optional<OneTimePrekeyRecord>& taken) {
  Statement take = db.prepare(
      "DELETE FROM one_time_prekeys WHERE device_id = ?1 AND key_id = "
      "(SELECT min(key_id) FROM one_time_prekeys WHERE device_id = ?1) RETURNING key_id, public_key");
  take.bind(1, device_id);
  const int rc = take.step();
  if (rc == SQLITE_DONE) return Status::kOk;
  if (rc != SQLITE_ROW) return status_of(rc);
  taken = OneTimePrekeyRecord{static_cast<std::uint32_t>(take.int64(0)), take.text(1)};
  take.reset();
  Statement record = db.prepare("INSERT INTO prekey_handouts (requester_id, device_id, at_ms) VALUES (?, ?, ?)");
  record.bind(1, requester_id).bind(2, device_id).bind(3, now_ms);
  return done_status(record.step());
}

}  // namespace

Status check_own_device(SqliteConnection& db, std::uint64_t user_id, std::uint64_t device_id) {
  Statement query = db.prepare("SELECT 1 FROM devices WHERE id = ? AND user_id = ? AND removed = 0");
  query.bind(1, device_id).bind(2, user_id);
  return row_status(query.step());
}

Status device_ids_of(SqliteConnection& db, std::uint64_t user_id, std::vector<std::uint64_t>& ids) {
  Statement query = db.prepare("SELECT id FROM devices WHERE user_id = ? AND removed = 0 ORDER BY id");
  query.bind(1, user_id);
  int rc;
  while ((rc = query.step()) == SQLITE_ROW) ids.push_back(query.uint64(0));
  return done_status(rc);
}

void SqliteStore::publish_keys(PublishKeysRequest request, Callback<PublishKeysResult> done) {
  write<PublishKeysResult>(
      [request = std::move(request)](SqliteConnection& db, PublishKeysResult& result) {
        std::uint64_t device_id = request.keys.device_id;
        if (device_id == 0) {
          if (Status status = register_device(db, request, device_id); status != Status::kOk) return status;
          result.created = true;
        } else if (Status status = update_device(db, request); status != Status::kOk) {
          return status;
        }
        if (Status status = add_one_time_prekeys(db, device_id, request.one_time_prekeys, request.max_one_time_prekeys);
            status != Status::kOk) {
          return status;
        }
        return read_device(db, device_id, result.device);
      },
      std::move(done));
}

void SqliteStore::list_devices(std::uint64_t user_id, Callback<std::vector<DeviceRecord>> done) {
  read<std::vector<DeviceRecord>>(
      [user_id](SqliteConnection& db, std::vector<DeviceRecord>& devices) {
        Statement query = db.prepare(
            "SELECT " HEARTH_DEVICE_COLUMNS "FROM devices d WHERE d.user_id = ? AND d.removed = 0 ORDER BY d.id");
        query.bind(1, user_id);
        int rc;
        while ((rc = query.step()) == SQLITE_ROW) read_device_row(query, devices.emplace_back());
        return done_status(rc);
      },
      std::move(done));
}

void SqliteStore::remove_device(std::uint64_t user_id, std::uint64_t device_id, Callback<Done> done) {
  write<Done>(
      [user_id, device_id](SqliteConnection& db, Done&) {
        // The row stays, so the id is never given to another device; the keys go.
        Statement remove = db.prepare(
            "UPDATE devices SET removed = 1, identity_signing_key = X'', identity_dh_key = X'', "
            "identity_dh_signature = X'', signed_prekey = X'', signed_prekey_signature = X'' "
            "WHERE id = ? AND user_id = ? AND removed = 0 RETURNING id");
        remove.bind(1, device_id).bind(2, user_id);
        if (Status status = row_status(remove.step()); status != Status::kOk) return status;
        remove.reset();

        Statement prekeys = db.prepare("DELETE FROM one_time_prekeys WHERE device_id = ?");
        prekeys.bind(1, device_id);
        if (Status status = done_status(prekeys.step()); status != Status::kOk) return status;
        Statement handouts = db.prepare("DELETE FROM prekey_handouts WHERE device_id = ?");
        handouts.bind(1, device_id);
        if (Status status = done_status(handouts.step()); status != Status::kOk) return status;
        Statement receipts = db.prepare("DELETE FROM direct_receipts WHERE device_id = ?");
        receipts.bind(1, device_id);
        if (Status status = done_status(receipts.step()); status != Status::kOk) return status;

        std::vector<std::uint64_t> dm_ids;
        Statement copies = db.prepare("DELETE FROM direct_copies WHERE device_id = ? RETURNING dm_id");
        copies.bind(1, device_id);
        int rc;
        while ((rc = copies.step()) == SQLITE_ROW) dm_ids.push_back(copies.uint64(0));
        if (Status status = done_status(rc); status != Status::kOk) return status;
        for (std::uint64_t dm_id : dm_ids) {
          if (Status status = drop_message_if_emptied(db, dm_id); status != Status::kOk) return status;
        }
        return Status::kOk;
      },
      std::move(done));
}

void SqliteStore::take_bundles(std::uint64_t requester_id, std::uint64_t owner_id, PrekeyAllowance allowance,
                               Callback<std::vector<DeviceBundle>> done) {
  write<std::vector<DeviceBundle>>(
      [requester_id, owner_id, allowance](SqliteConnection& db, std::vector<DeviceBundle>& bundles) {
        if (requester_id != owner_id) {
          DirectReach reach = DirectReach::kUnreachable;
          if (Status status = reach_between(db, requester_id, owner_id, reach); status != Status::kOk) return status;
          if (reach == DirectReach::kUnreachable) return Status::kNotFound;
        }
        std::vector<std::uint64_t> device_ids;
        if (Status status = device_ids_of(db, owner_id, device_ids); status != Status::kOk) return status;
        // Someone without a device cannot be written to (send_direct refuses it the same way):
        // the answer of a block, so that a blocked person cannot tell the two apart.
        if (requester_id != owner_id && device_ids.empty()) return Status::kNotFound;
        for (std::uint64_t device_id : device_ids) {
          DeviceBundle& bundle = bundles.emplace_back();
          bool allowed = false;
          if (Status status = may_take_prekey(db, requester_id, device_id, allowance, allowed); status != Status::kOk) {
            return status;
          }
          if (allowed) {
            if (Status status = take_prekey(db, requester_id, device_id, allowance.now_ms, bundle.one_time_prekey);
                status != Status::kOk) {
              return status;
            }
          }
          if (Status status = read_device(db, device_id, bundle.device); status != Status::kOk) return status;
        }
        return Status::kOk;
      },
      std::move(done));
}

}  // namespace hearth::storage
