// SqliteStore: rooms and memberships.
#include "server/storage/sqlite_store_jobs.h"

namespace hearth::storage {

void SqliteStore::create_room(std::string name, std::string topic, bool closed, std::int64_t now_ms,
                              Callback<RoomRecord> done) {
  write<RoomRecord>(
      [name = std::move(name), topic = std::move(topic), closed, now_ms](SqliteConnection& db, RoomRecord& room) {
        Statement insert = db.prepare(
            "INSERT INTO rooms (name, topic, closed, created_at_ms) VALUES (?, ?, ?, ?)");
        insert.bind_text(1, name).bind_text(2, topic).bind(3, closed).bind(4, now_ms);
        if (Status status = done_status(insert.step()); status != Status::kOk) return status;
        room.id = static_cast<std::uint64_t>(sqlite3_last_insert_rowid(db.handle()));
        room.name = name;
        room.topic = topic;
        room.closed = closed;
        room.created_at_ms = now_ms;
        return Status::kOk;
      },
      std::move(done));
}

void SqliteStore::list_rooms(Callback<std::vector<RoomRecord>> done) {
  read<std::vector<RoomRecord>>(
      [](SqliteConnection& db, std::vector<RoomRecord>& rooms) {
        Statement query = db.prepare(
            "SELECT id, name, topic, closed, last_seq, created_at_ms FROM rooms ORDER BY name");
        int rc;
        while ((rc = query.step()) == SQLITE_ROW) {
          RoomRecord& room = rooms.emplace_back();
          room.id = query.uint64(0);
          room.name = query.text(1);
          room.topic = query.text(2);
          room.closed = query.int64(3) != 0;
          room.last_seq = query.uint64(4);
          room.created_at_ms = query.int64(5);
        }
        return done_status(rc);
      },
      std::move(done));
}

void SqliteStore::list_all_memberships(Callback<std::vector<MembershipRecord>> done) {
  read<std::vector<MembershipRecord>>(
      [](SqliteConnection& db, std::vector<MembershipRecord>& memberships) {
        Statement query = db.prepare(
            "SELECT m.room_id, m.user_id, u.handle, m.coach, m.joined_at_ms "
            "FROM memberships m JOIN users u ON u.id = m.user_id");
        int rc;
        while ((rc = query.step()) == SQLITE_ROW) {
          MembershipRecord& membership = memberships.emplace_back();
          membership.room_id = query.uint64(0);
          membership.user_id = query.uint64(1);
          membership.handle = query.text(2);
          membership.coach = query.int64(3) != 0;
          membership.joined_at_ms = query.int64(4);
        }
        return done_status(rc);
      },
      std::move(done));
}

void SqliteStore::add_member(std::uint64_t room_id, std::uint64_t user_id, bool coach,
                             std::string invite_code_hash, std::int64_t now_ms,
                             Callback<MembershipRecord> done) {
  write<MembershipRecord>(
      [room_id, user_id, coach, invite = std::move(invite_code_hash), now_ms](
          SqliteConnection& db, MembershipRecord& membership) {
        Statement user = db.prepare("SELECT handle FROM users WHERE id = ?");
        user.bind(1, user_id);
        if (Status status = row_status(user.step()); status != Status::kOk) return status;
        membership = {room_id, user_id, user.text(0), coach, now_ms};
        if (!invite.empty()) {
          if (Status status = consume_invite(db, invite, room_id, user_id, now_ms, nullptr); status != Status::kOk) {
            return status;
          }
        }
        // Insert, or keep the original join time and only change the coach flag.
        Statement upsert = db.prepare(
            "INSERT INTO memberships (room_id, user_id, coach, joined_at_ms) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (room_id, user_id) DO UPDATE SET coach = excluded.coach "
            "RETURNING joined_at_ms");
        upsert.bind(1, room_id).bind(2, user_id).bind(3, coach).bind(4, now_ms);
        const int rc = upsert.step();
        if ((rc & 0xff) == SQLITE_CONSTRAINT) return Status::kNotFound;  // no such room
        if (rc != SQLITE_ROW) return status_of(rc);
        membership.joined_at_ms = upsert.int64(0);
        return Status::kOk;
      },
      std::move(done));
}

void SqliteStore::remove_member(std::uint64_t room_id, std::uint64_t user_id, Callback<Done> done) {
  write<Done>(
      [room_id, user_id](SqliteConnection& db, Done&) {
        Statement remove = db.prepare("DELETE FROM memberships WHERE room_id = ? AND user_id = ?");
        remove.bind(1, room_id).bind(2, user_id);
        if (Status status = done_status(remove.step()); status != Status::kOk) return status;
        return sqlite3_changes(db.handle()) > 0 ? Status::kOk : Status::kNotFound;
      },
      std::move(done));
}

}  // namespace hearth::storage
