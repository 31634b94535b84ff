// Private to the SqliteStore sources: what the direct-message jobs share inside their
// transactions (the reach decision, devices, queued copies, blocks).
//
// A job that refuses (any status but kOk) is rolled back to its own savepoint by the writer
// thread (storage_threads.cpp), so a refusal found after some writes still changes nothing.
#pragma once

#include <cstdint>
#include <vector>

#include "server/storage/direct_records.h"
#include "server/storage/sqlite_store_jobs.h"

namespace hearth::storage {

// Steps a query that gives at most one row of interest: `found` says whether it gave one.
inline Status probe(Statement& query, bool& found) {
  const int rc = query.step();
  found = rc == SQLITE_ROW;
  return rc == SQLITE_ROW || rc == SQLITE_DONE ? Status::kOk : status_of(rc);
}

// Whether `from` may write to `to` now (direct_store.h). Oneself is unreachable: a message to
// one's own other devices travels as the sender's copies of a message to someone else.
Status reach_between(SqliteConnection& db, std::uint64_t from, std::uint64_t to, DirectReach& reach);
// A block in either direction.
Status blocked_either_way(SqliteConnection& db, std::uint64_t a, std::uint64_t b, bool& blocked);
// Both are members of at least one common room.
Status share_room(SqliteConnection& db, std::uint64_t a, std::uint64_t b, bool& shared);
Status user_exists(SqliteConnection& db, std::uint64_t user_id, bool& exists);

// kOk if `device_id` is one of `user_id`'s devices and not removed, kNotFound otherwise.
Status check_own_device(SqliteConnection& db, std::uint64_t user_id, std::uint64_t device_id);
// The user's devices (not removed), oldest first.
Status device_ids_of(SqliteConnection& db, std::uint64_t user_id, std::vector<std::uint64_t>& ids);

// Deletes the message row if no copy of it remains.
Status drop_message_if_emptied(SqliteConnection& db, std::uint64_t dm_id);
// Deletes the held copies of messages from `sender` to `recipient`, and the messages left
// without any copy.
Status delete_held_copies(SqliteConnection& db, std::uint64_t sender, std::uint64_t recipient);
// `user_id` blocks `target_id` (kept if already blocked). Nothing changes on the blocked side
// but what the blocker could have done by hand, so that a block never shows: the target's
// requests to the blocker go (the target never sees them again anyway), and the open
// sponsorships between them close as the blocker could close them (close_sponsorships_on_block,
// appended to `closed`). Their contact and the blocker's own requests to the target stay: the
// block overrides them (reach_between) and the blocker's listings hide them.
Status block_user(SqliteConnection& db, std::uint64_t user_id, std::uint64_t target_id, std::int64_t now_ms,
                  std::vector<SponsorshipRecord>& closed);
// The target's pending ask to the blocker is declined, the blocker's own ask withdrawn, an active
// sponsorship ended by the blocker: exactly what answer_sponsorship and end_sponsorship leave.
Status close_sponsorships_on_block(SqliteConnection& db, std::uint64_t blocker_id, std::uint64_t target_id,
                                   std::int64_t now_ms, std::vector<SponsorshipRecord>& closed);

// A queued copy with its message and both handles: SELECT HEARTH_DELIVERY_COLUMNS
// HEARTH_DELIVERY_JOIN WHERE ..., read by read_delivery_row.
#define HEARTH_DELIVERY_COLUMNS                                                                   \
  "c.dm_id, c.device_id, m.sender_id, su.handle, m.sender_device_id, m.recipient_id, ru.handle, " \
  "c.envelope, m.sent_at_ms "
#define HEARTH_DELIVERY_JOIN                                                                      \
  "FROM direct_copies c JOIN direct_messages m ON m.id = c.dm_id JOIN users su ON su.id = m.sender_id " \
  "JOIN users ru ON ru.id = m.recipient_id "
void read_delivery_row(const Statement& row, DirectDelivery& delivery);

}  // namespace hearth::storage
