// SqliteStore: sponsorships (a sponsee asks, the sponsor answers; while active the two are
// contacts) and the one-time sponsor invites that name a sponsor without sharing a room.
#include <algorithm>

#include "server/storage/sqlite_direct_rows.h"

// An ask never answered (pending, or withdrawn) from someone the sponsor blocks
// (SponsorshipRecord::hidden_from_sponsor). A block closes every ask made before it with an
// answer (close_sponsorships_on_block), so these are the asks made while it lasts.
#define HEARTH_HIDDEN_FROM_SPONSOR \
  "(s.answered_at_ms = 0 AND EXISTS (SELECT 1 FROM blocks b WHERE b.blocker_id = s.sponsor_id " \
  "AND b.blocked_id = s.sponsee_id))"

// A sponsorship with both handles, read by read_sponsorship_row.
#define HEARTH_SPONSORSHIP_COLUMNS                                                                       \
  "s.id, s.sponsor_id, sponsor.handle, s.sponsee_id, sponsee.handle, s.state, s.via_invite, s.asked_at_ms, " \
  "s.answered_at_ms, s.ended_at_ms, s.ended_by, " HEARTH_HIDDEN_FROM_SPONSOR " FROM sponsorships s "        \
  "JOIN users sponsor ON sponsor.id = s.sponsor_id JOIN users sponsee ON sponsee.id = s.sponsee_id "

namespace hearth::storage {

namespace {

constexpr std::int64_t kPending = static_cast<std::int64_t>(SponsorshipState::kPending);
constexpr std::int64_t kActive = static_cast<std::int64_t>(SponsorshipState::kActive);
constexpr std::int64_t kDeclined = static_cast<std::int64_t>(SponsorshipState::kDeclined);
constexpr std::int64_t kEnded = static_cast<std::int64_t>(SponsorshipState::kEnded);

void read_sponsorship_row(const Statement& row, SponsorshipRecord& record) {
  record.id = row.uint64(0);
  record.sponsor_id = row.uint64(1);
  record.sponsor_handle = row.text(2);
  record.sponsee_id = row.uint64(3);
  record.sponsee_handle = row.text(4);
  record.state = static_cast<SponsorshipState>(row.int64(5));
  record.via_invite = row.int64(6) != 0;
  record.asked_at_ms = row.int64(7);
  record.answered_at_ms = row.int64(8);
  record.ended_at_ms = row.int64(9);
  record.ended_by = row.uint64(10);
  record.hidden_from_sponsor = row.int64(11) != 0;
}

Status read_sponsorship(SqliteConnection& db, std::uint64_t id, SponsorshipRecord& record) {
  Statement query = db.prepare("SELECT " HEARTH_SPONSORSHIP_COLUMNS "WHERE s.id = ?");
  query.bind(1, id);
  const int rc = query.step();
  if (rc != SQLITE_ROW) return row_status(rc);
  read_sponsorship_row(query, record);
  return Status::kOk;
}

// Opens a pending ask. `need_room`: asking by name needs a shared room; an invite replaces it.
Status open_ask(SqliteConnection& db, std::uint64_t sponsee_id, std::uint64_t sponsor_id, bool via_invite,
                std::int64_t now_ms, SponsorshipRecord& record) {
  if (sponsee_id == sponsor_id) return Status::kForbidden;
  bool found = false;
  if (Status status = user_exists(db, sponsor_id, found); status != Status::kOk) return status;
  if (!found) return Status::kNotFound;
  // Asking someone one blocks is refused (one knows of one's own block). Asking someone who
  // blocks one opens an ask like any other, hidden from them: a refusal would tell of the block.
  Statement own_block = db.prepare("SELECT 1 FROM blocks WHERE blocker_id = ? AND blocked_id = ?");
  own_block.bind(1, sponsee_id).bind(2, sponsor_id);
  if (Status status = probe(own_block, found); status != Status::kOk) return status;
  if (found) return Status::kNotFound;
  if (!via_invite) {
    if (Status status = share_room(db, sponsee_id, sponsor_id, found); status != Status::kOk) return status;
    if (!found) return Status::kNotFound;
  }
  Statement open = db.prepare(
      "SELECT 1 FROM sponsorships WHERE min(sponsor_id, sponsee_id) = ? AND max(sponsor_id, sponsee_id) = ? "
      "AND state IN (1, 2)");
  open.bind(1, std::min(sponsee_id, sponsor_id)).bind(2, std::max(sponsee_id, sponsor_id));
  if (Status status = probe(open, found); status != Status::kOk) return status;
  if (found) return Status::kAlreadyExists;

  Statement insert = db.prepare(
      "INSERT INTO sponsorships (sponsor_id, sponsee_id, state, via_invite, asked_at_ms) VALUES (?, ?, ?, ?, ?)");
  insert.bind(1, sponsor_id).bind(2, sponsee_id).bind(3, kPending).bind(4, via_invite).bind(5, now_ms);
  if (Status status = done_status(insert.step()); status != Status::kOk) return status;
  return read_sponsorship(db, static_cast<std::uint64_t>(sqlite3_last_insert_rowid(db.handle())), record);
}

// Runs an UPDATE ... RETURNING id and appends the sponsorships it changed to `changed`.
Status read_updated(SqliteConnection& db, Statement& update, std::vector<SponsorshipRecord>& changed) {
  std::vector<std::uint64_t> ids;
  int rc;
  while ((rc = update.step()) == SQLITE_ROW) ids.push_back(update.uint64(0));
  if (Status status = done_status(rc); status != Status::kOk) return status;
  for (std::uint64_t id : ids) {
    if (Status status = read_sponsorship(db, id, changed.emplace_back()); status != Status::kOk) return status;
  }
  return Status::kOk;
}

}  // namespace

Status close_sponsorships_on_block(SqliteConnection& db, std::uint64_t blocker_id, std::uint64_t target_id,
                                   std::int64_t now_ms, std::vector<SponsorshipRecord>& closed) {
  Statement decline = db.prepare(
      "UPDATE sponsorships SET state = ?1, answered_at_ms = ?2 WHERE sponsor_id = ?3 AND sponsee_id = ?4 "
      "AND state = ?5 RETURNING id");
  decline.bind(1, kDeclined).bind(2, now_ms).bind(3, blocker_id).bind(4, target_id).bind(5, kPending);
  if (Status status = read_updated(db, decline, closed); status != Status::kOk) return status;
  // What is left open is the blocker's own ask (withdrawn) or an active one (ended): both read
  // as ended by the blocker, as end_sponsorship leaves them.
  Statement end = db.prepare(
      "UPDATE sponsorships SET state = ?1, ended_at_ms = ?2, ended_by = ?3 "
      "WHERE min(sponsor_id, sponsee_id) = ?4 AND max(sponsor_id, sponsee_id) = ?5 AND state IN (?6, ?7) "
      "RETURNING id");
  end.bind(1, kEnded).bind(2, now_ms).bind(3, blocker_id).bind(4, std::min(blocker_id, target_id))
      .bind(5, std::max(blocker_id, target_id)).bind(6, kPending).bind(7, kActive);
  return read_updated(db, end, closed);
}

void SqliteStore::create_sponsor_invite(std::uint64_t sponsor_id, std::string code_hash, std::int64_t now_ms,
                                        std::int64_t expires_at_ms, Callback<Done> done) {
  write<Done>(
      [sponsor_id, code_hash = std::move(code_hash), now_ms, expires_at_ms](SqliteConnection& db, Done&) {
        bool found = false;
        if (Status status = user_exists(db, sponsor_id, found); status != Status::kOk) return status;
        if (!found) return Status::kNotFound;
        Statement insert = db.prepare(
            "INSERT INTO sponsor_invites (code_hash, sponsor_id, created_at_ms, expires_at_ms) VALUES (?, ?, ?, ?)");
        insert.bind_blob(1, code_hash).bind(2, sponsor_id).bind(3, now_ms).bind(4, expires_at_ms);
        return done_status(insert.step());  // a hash already stored: kAlreadyExists
      },
      std::move(done));
}

void SqliteStore::ask_sponsor(std::uint64_t sponsee_id, std::uint64_t sponsor_id, std::int64_t now_ms,
                              Callback<SponsorshipRecord> done) {
  write<SponsorshipRecord>(
      [sponsee_id, sponsor_id, now_ms](SqliteConnection& db, SponsorshipRecord& record) {
        return open_ask(db, sponsee_id, sponsor_id, false, now_ms, record);
      },
      std::move(done));
}

void SqliteStore::ask_sponsor_by_invite(std::uint64_t sponsee_id, std::string code_hash, std::int64_t now_ms,
                                        Callback<SponsorshipRecord> done) {
  write<SponsorshipRecord>(
      [sponsee_id, code_hash = std::move(code_hash), now_ms](SqliteConnection& db, SponsorshipRecord& record) {
        // Consumed only if the ask is opened: a refused ask (asking oneself, an ask already open)
        // rolls back with the job and leaves the code usable.
        Statement use = db.prepare(
            "UPDATE sponsor_invites SET used_by = ? WHERE code_hash = ? AND used_by IS NULL AND expires_at_ms > ? "
            "RETURNING sponsor_id");
        use.bind(1, sponsee_id).bind_blob(2, code_hash).bind(3, now_ms);
        const int rc = use.step();
        if (rc != SQLITE_ROW) return row_status(rc);
        const std::uint64_t sponsor_id = use.uint64(0);
        use.reset();
        return open_ask(db, sponsee_id, sponsor_id, true, now_ms, record);
      },
      std::move(done));
}

void SqliteStore::answer_sponsorship(std::uint64_t sponsorship_id, std::uint64_t user_id, bool accept,
                                     std::int64_t now_ms, Callback<SponsorshipRecord> done) {
  write<SponsorshipRecord>(
      [sponsorship_id, user_id, accept, now_ms](SqliteConnection& db, SponsorshipRecord& record) {
        Statement answer = db.prepare(
            "UPDATE sponsorships SET state = ?, answered_at_ms = ? WHERE id = ? AND sponsor_id = ? AND state = ? "
            "AND NOT EXISTS (SELECT 1 FROM blocks WHERE blocker_id = sponsorships.sponsor_id "
            "AND blocked_id = sponsorships.sponsee_id) "
            "RETURNING id");
        answer.bind(1, accept ? kActive : kDeclined).bind(2, now_ms).bind(3, sponsorship_id).bind(4, user_id)
            .bind(5, kPending);
        if (Status status = row_status(answer.step()); status != Status::kOk) return status;
        answer.reset();
        return read_sponsorship(db, sponsorship_id, record);
      },
      std::move(done));
}

void SqliteStore::end_sponsorship(std::uint64_t sponsorship_id, std::uint64_t user_id, std::int64_t now_ms,
                                  Callback<SponsorshipRecord> done) {
  write<SponsorshipRecord>(
      [sponsorship_id, user_id, now_ms](SqliteConnection& db, SponsorshipRecord& record) {
        // A withdrawn ask ends too (ended, never answered), so both read the same in a history.
        Statement end = db.prepare(
            "UPDATE sponsorships SET state = ?1, ended_at_ms = ?2, ended_by = ?3 WHERE id = ?4 AND "
            "((state = ?5 AND (sponsor_id = ?3 OR sponsee_id = ?3)) OR (state = ?6 AND sponsee_id = ?3)) RETURNING id");
        end.bind(1, kEnded).bind(2, now_ms).bind(3, user_id).bind(4, sponsorship_id).bind(5, kActive).bind(6, kPending);
        if (Status status = row_status(end.step()); status != Status::kOk) return status;
        end.reset();
        return read_sponsorship(db, sponsorship_id, record);
      },
      std::move(done));
}

void SqliteStore::list_sponsorships(std::uint64_t user_id, Callback<std::vector<SponsorshipRecord>> done) {
  read<std::vector<SponsorshipRecord>>(
      [user_id](SqliteConnection& db, std::vector<SponsorshipRecord>& records) {
        Statement query = db.prepare(
            "SELECT " HEARTH_SPONSORSHIP_COLUMNS
            "WHERE (s.sponsor_id = ?1 AND s.state IN (1, 2) AND NOT " HEARTH_HIDDEN_FROM_SPONSOR ") "
            "OR (s.sponsee_id = ?1 AND s.state IN (1, 2)) ORDER BY s.id DESC");
        query.bind(1, user_id);
        int rc;
        while ((rc = query.step()) == SQLITE_ROW) read_sponsorship_row(query, records.emplace_back());
        return done_status(rc);
      },
      std::move(done));
}

}  // namespace hearth::storage
