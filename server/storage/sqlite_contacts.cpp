// SqliteStore: who may write to whom (the reach decision), message requests, contacts and
// blocks. A contact is a contacts row (an accepted request, stored once with the smaller id
// first) or an active sponsorship either way; a block either way overrides everything.
#include <algorithm>

#include "server/storage/sqlite_direct_rows.h"

namespace hearth::storage {

namespace {

Status contact_either_way(SqliteConnection& db, std::uint64_t a, std::uint64_t b, bool& contact) {
  Statement row = db.prepare("SELECT 1 FROM contacts WHERE low_id = ? AND high_id = ?");
  row.bind(1, std::min(a, b)).bind(2, std::max(a, b));
  if (Status status = probe(row, contact); status != Status::kOk || contact) return status;
  Statement sponsorship = db.prepare(
      "SELECT 1 FROM sponsorships WHERE min(sponsor_id, sponsee_id) = ? AND max(sponsor_id, sponsee_id) = ? "
      "AND state IN (1, 2) AND state = 2");
  sponsorship.bind(1, std::min(a, b)).bind(2, std::max(a, b));
  return probe(sponsorship, contact);
}

// Whether `sender` has messages to `recipient` waiting as a request.
Status has_request(SqliteConnection& db, std::uint64_t recipient, std::uint64_t sender, bool& found) {
  Statement query = db.prepare(
      "SELECT 1 FROM direct_messages m WHERE m.recipient_id = ? AND m.sender_id = ? "
      "AND EXISTS (SELECT 1 FROM direct_copies c WHERE c.dm_id = m.id AND c.held = 1) LIMIT 1");
  query.bind(1, recipient).bind(2, sender);
  return probe(query, found);
}

// Makes the held copies between the two (either way: once they are contacts, nothing between
// them waits) fetchable, appending them to `deliveries` in message order.
Status release_held_copies(SqliteConnection& db, std::uint64_t a, std::uint64_t b,
                           std::vector<DirectDelivery>& deliveries) {
  Statement held = db.prepare(
      "SELECT " HEARTH_DELIVERY_COLUMNS HEARTH_DELIVERY_JOIN
      "WHERE ((m.recipient_id = ?1 AND m.sender_id = ?2) OR (m.recipient_id = ?2 AND m.sender_id = ?1)) "
      "AND c.held = 1 ORDER BY c.dm_id, c.device_id");
  held.bind(1, a).bind(2, b);
  int rc;
  while ((rc = held.step()) == SQLITE_ROW) read_delivery_row(held, deliveries.emplace_back());
  if (Status status = done_status(rc); status != Status::kOk) return status;
  Statement release = db.prepare(
      "UPDATE direct_copies SET held = 0 WHERE held = 1 AND dm_id IN (SELECT id FROM direct_messages "
      "WHERE (recipient_id = ?1 AND sender_id = ?2) OR (recipient_id = ?2 AND sender_id = ?1))");
  release.bind(1, a).bind(2, b);
  return done_status(release.step());
}

// Refusals shared by blocking and unblocking: oneself (kForbidden), an unknown user (kNotFound).
Status check_block_target(SqliteConnection& db, std::uint64_t user_id, std::uint64_t target_id) {
  if (user_id == target_id) return Status::kForbidden;
  bool exists = false;
  if (Status status = user_exists(db, target_id, exists); status != Status::kOk) return status;
  return exists ? Status::kOk : Status::kNotFound;
}

}  // namespace

Status user_exists(SqliteConnection& db, std::uint64_t user_id, bool& exists) {
  Statement query = db.prepare("SELECT 1 FROM users WHERE id = ?");
  query.bind(1, user_id);
  return probe(query, exists);
}

Status blocked_either_way(SqliteConnection& db, std::uint64_t a, std::uint64_t b, bool& blocked) {
  Statement query = db.prepare(
      "SELECT 1 FROM blocks WHERE (blocker_id = ?1 AND blocked_id = ?2) OR (blocker_id = ?2 AND blocked_id = ?1)");
  query.bind(1, a).bind(2, b);
  return probe(query, blocked);
}

Status share_room(SqliteConnection& db, std::uint64_t a, std::uint64_t b, bool& shared) {
  Statement query = db.prepare(
      "SELECT 1 FROM memberships mine JOIN memberships theirs ON theirs.room_id = mine.room_id AND theirs.user_id = ? "
      "WHERE mine.user_id = ? LIMIT 1");
  query.bind(1, b).bind(2, a);
  return probe(query, shared);
}

Status reach_between(SqliteConnection& db, std::uint64_t from, std::uint64_t to, DirectReach& reach) {
  reach = DirectReach::kUnreachable;
  if (from == to) return Status::kOk;
  bool found = false;
  if (Status status = blocked_either_way(db, from, to, found); status != Status::kOk || found) return status;
  if (Status status = contact_either_way(db, from, to, found); status != Status::kOk) return status;
  if (found) {
    reach = DirectReach::kContact;
    return Status::kOk;
  }
  if (Status status = share_room(db, from, to, found); status != Status::kOk) return status;
  if (found) reach = DirectReach::kRequest;
  return Status::kOk;
}

Status block_user(SqliteConnection& db, std::uint64_t user_id, std::uint64_t target_id, std::int64_t now_ms,
                  std::vector<SponsorshipRecord>& closed) {
  Statement block = db.prepare(
      "INSERT INTO blocks (blocker_id, blocked_id, at_ms) VALUES (?, ?, ?) "
      "ON CONFLICT (blocker_id, blocked_id) DO NOTHING");
  block.bind(1, user_id).bind(2, target_id).bind(3, now_ms);
  if (Status status = done_status(block.step()); status != Status::kOk) return status;
  if (Status status = delete_held_copies(db, target_id, user_id); status != Status::kOk) return status;
  return close_sponsorships_on_block(db, user_id, target_id, now_ms, closed);
}

void SqliteStore::reach(std::uint64_t from_id, std::uint64_t to_id, Callback<DirectReach> done) {
  read<DirectReach>(
      [from_id, to_id](SqliteConnection& db, DirectReach& reach) { return reach_between(db, from_id, to_id, reach); },
      std::move(done));
}

void SqliteStore::list_requests(std::uint64_t user_id, Callback<std::vector<DirectRequestRecord>> done) {
  read<std::vector<DirectRequestRecord>>(
      [user_id](SqliteConnection& db, std::vector<DirectRequestRecord>& requests) {
        Statement query = db.prepare(
            "SELECT m.sender_id, u.handle, count(*), min(m.sent_at_ms), max(m.sent_at_ms) FROM direct_messages m "
            "JOIN users u ON u.id = m.sender_id WHERE m.recipient_id = ? "
            "AND EXISTS (SELECT 1 FROM direct_copies c WHERE c.dm_id = m.id AND c.held = 1) "
            "GROUP BY m.sender_id ORDER BY min(m.sent_at_ms), min(m.id)");
        query.bind(1, user_id);
        int rc;
        while ((rc = query.step()) == SQLITE_ROW) {
          DirectRequestRecord& request = requests.emplace_back();
          request.from_id = query.uint64(0);
          request.from_handle = query.text(1);
          request.messages = static_cast<std::uint32_t>(query.int64(2));
          request.first_at_ms = query.int64(3);
          request.last_at_ms = query.int64(4);
        }
        return done_status(rc);
      },
      std::move(done));
}

void SqliteStore::answer_request(std::uint64_t user_id, std::uint64_t from_id, RequestAnswer answer,
                                 std::int64_t now_ms, Callback<ContactChange> done) {
  write<ContactChange>(
      [user_id, from_id, answer, now_ms](SqliteConnection& db, ContactChange& change) {
        if (answer == RequestAnswer::kBlock) {
          if (Status status = check_block_target(db, user_id, from_id); status != Status::kOk) return status;
          return block_user(db, user_id, from_id, now_ms, change.sponsorships);
        }
        bool found = false;
        if (Status status = has_request(db, user_id, from_id, found); status != Status::kOk) return status;
        if (!found) return Status::kNotFound;
        if (answer == RequestAnswer::kDecline) return delete_held_copies(db, from_id, user_id);
        if (answer != RequestAnswer::kAccept) return Status::kInternal;

        Statement contact = db.prepare(
            "INSERT INTO contacts (low_id, high_id, since_ms) VALUES (?, ?, ?) "
            "ON CONFLICT (low_id, high_id) DO NOTHING");
        contact.bind(1, std::min(user_id, from_id)).bind(2, std::max(user_id, from_id)).bind(3, now_ms);
        if (Status status = done_status(contact.step()); status != Status::kOk) return status;
        return release_held_copies(db, user_id, from_id, change.released);
      },
      std::move(done));
}

void SqliteStore::set_blocked(std::uint64_t user_id, std::uint64_t target_id, bool blocked, std::int64_t now_ms,
                              Callback<ContactChange> done) {
  write<ContactChange>(
      [user_id, target_id, blocked, now_ms](SqliteConnection& db, ContactChange& change) {
        if (Status status = check_block_target(db, user_id, target_id); status != Status::kOk) return status;
        if (blocked) return block_user(db, user_id, target_id, now_ms, change.sponsorships);
        Statement unblock = db.prepare("DELETE FROM blocks WHERE blocker_id = ? AND blocked_id = ? RETURNING at_ms");
        unblock.bind(1, user_id).bind(2, target_id);
        const Status status = row_status(unblock.step());
        unblock.reset();
        return status;
      },
      std::move(done));
}

void SqliteStore::list_blocked(std::uint64_t user_id, Callback<std::vector<ContactRecord>> done) {
  read<std::vector<ContactRecord>>(
      [user_id](SqliteConnection& db, std::vector<ContactRecord>& blocked) {
        Statement query = db.prepare(
            "SELECT b.blocked_id, u.handle, b.at_ms FROM blocks b JOIN users u ON u.id = b.blocked_id "
            "WHERE b.blocker_id = ? ORDER BY u.handle");
        query.bind(1, user_id);
        int rc;
        while ((rc = query.step()) == SQLITE_ROW) {
          blocked.push_back(ContactRecord{query.uint64(0), query.text(1), query.int64(2)});
        }
        return done_status(rc);
      },
      std::move(done));
}

void SqliteStore::list_contacts(std::uint64_t user_id, Callback<std::vector<ContactRecord>> done) {
  read<std::vector<ContactRecord>>(
      [user_id](SqliteConnection& db, std::vector<ContactRecord>& contacts) {
        // Someone both a contact and a sponsor (or sponsee) is listed once, since the earlier.
        // Someone the user blocks is listed with the blocked instead (the contact is back when
        // they unblock); someone who blocks the user stays listed, so the block does not show.
        Statement query = db.prepare(
            "SELECT u.id, u.handle, min(l.since_ms) FROM ("
            "  SELECT high_id AS other, since_ms FROM contacts WHERE low_id = ?1"
            "  UNION ALL SELECT low_id, since_ms FROM contacts WHERE high_id = ?1"
            "  UNION ALL SELECT sponsee_id, answered_at_ms FROM sponsorships"
            "    WHERE sponsor_id = ?1 AND state IN (1, 2) AND state = 2"
            "  UNION ALL SELECT sponsor_id, answered_at_ms FROM sponsorships"
            "    WHERE sponsee_id = ?1 AND state IN (1, 2) AND state = 2"
            ") l JOIN users u ON u.id = l.other "
            "WHERE l.other NOT IN (SELECT blocked_id FROM blocks WHERE blocker_id = ?1) "
            "GROUP BY u.id ORDER BY u.handle");
        query.bind(1, user_id);
        int rc;
        while ((rc = query.step()) == SQLITE_ROW) {
          contacts.push_back(ContactRecord{query.uint64(0), query.text(1), query.int64(2)});
        }
        return done_status(rc);
      },
      std::move(done));
}

}  // namespace hearth::storage
