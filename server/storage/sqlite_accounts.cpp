// SqliteStore: accounts, tokens and invites.
#include "server/storage/sqlite_store_jobs.h"

namespace hearth::storage {

namespace {

Status read_user(Statement& statement, UserRecord& user) {
  const int rc = statement.step();
  if (rc != SQLITE_ROW) return row_status(rc);
  user.id = statement.uint64(0);
  user.handle = statement.text(1);
  user.role = static_cast<Role>(statement.int64(2));
  user.password_hash = statement.text(3);
  user.created_at_ms = statement.int64(4);
  user.banned_until_ms = statement.int64(5);
  return Status::kOk;
}

}  // namespace

Status consume_invite(SqliteConnection& db, const std::string& code_hash, std::uint64_t room_id,
                      std::uint64_t used_by, std::int64_t now_ms, Role* role) {
  Statement find = db.prepare(
      "SELECT id, role FROM invites WHERE code_hash = ? AND room_id = ? AND used_by IS NULL "
      "AND expires_at_ms > ?");
  find.bind_blob(1, code_hash).bind(2, room_id).bind(3, now_ms);
  const int rc = find.step();
  if (rc != SQLITE_ROW) return row_status(rc);
  const std::uint64_t invite_id = find.uint64(0);
  if (role != nullptr) *role = static_cast<Role>(find.int64(1));
  Statement use = db.prepare("UPDATE invites SET used_by = ?, used_at_ms = ? WHERE id = ?");
  use.bind(1, used_by).bind(2, now_ms).bind(3, invite_id);
  return done_status(use.step());
}

void SqliteStore::create_user(std::string handle, std::string password_hash, Role role,
                              std::string invite_code_hash, std::int64_t now_ms,
                              Callback<UserRecord> done) {
  write<UserRecord>(
      [handle = std::move(handle), password_hash = std::move(password_hash), role,
       invite = std::move(invite_code_hash), now_ms](SqliteConnection& db, UserRecord& user) {
        user.handle = handle;
        user.password_hash = password_hash;
        user.role = role;
        user.created_at_ms = now_ms;
        Statement insert = db.prepare(
            "INSERT INTO users (handle, role, password_hash, created_at_ms) VALUES (?, ?, ?, ?)");
        insert.bind_text(1, handle).bind(2, std::int64_t{static_cast<int>(role)})
            .bind_text(3, password_hash).bind(4, now_ms);
        if (Status status = done_status(insert.step()); status != Status::kOk) return status;
        user.id = static_cast<std::uint64_t>(sqlite3_last_insert_rowid(db.handle()));
        if (invite.empty()) return Status::kOk;
        if (Status status = consume_invite(db, invite, 0, user.id, now_ms, &user.role); status != Status::kOk) {
          return status;
        }
        Statement set_role = db.prepare("UPDATE users SET role = ? WHERE id = ?");
        set_role.bind(1, std::int64_t{static_cast<int>(user.role)}).bind(2, user.id);
        return done_status(set_role.step());
      },
      std::move(done));
}

void SqliteStore::find_user_by_handle(std::string handle, Callback<UserRecord> done) {
  read<UserRecord>(
      [handle = std::move(handle)](SqliteConnection& db, UserRecord& user) {
        Statement query = db.prepare(
            "SELECT id, handle, role, password_hash, created_at_ms, banned_until_ms FROM users WHERE handle = ?");
        query.bind_text(1, handle);
        return read_user(query, user);
      },
      std::move(done));
}

void SqliteStore::find_user(std::uint64_t user_id, Callback<UserRecord> done) {
  read<UserRecord>(
      [user_id](SqliteConnection& db, UserRecord& user) {
        Statement query = db.prepare(
            "SELECT id, handle, role, password_hash, created_at_ms, banned_until_ms FROM users WHERE id = ?");
        query.bind(1, user_id);
        return read_user(query, user);
      },
      std::move(done));
}

void SqliteStore::count_users(Callback<std::uint64_t> done) {
  read<std::uint64_t>(
      [](SqliteConnection& db, std::uint64_t& count) {
        Statement query = db.prepare("SELECT count(*) FROM users");
        const Status status = row_status(query.step());
        count = query.uint64(0);
        return status;
      },
      std::move(done));
}

void SqliteStore::create_token(std::uint64_t user_id, std::string token_hash, std::string device_name,
                               std::int64_t now_ms, std::int64_t expires_at_ms,
                               Callback<TokenRecord> done) {
  write<TokenRecord>(
      [user_id, token_hash = std::move(token_hash), device_name = std::move(device_name), now_ms,
       expires_at_ms](SqliteConnection& db, TokenRecord& token) {
        Statement insert = db.prepare(
            "INSERT INTO tokens (user_id, token_hash, device_name, created_at_ms, expires_at_ms) "
            "VALUES (?, ?, ?, ?, ?)");
        insert.bind(1, user_id).bind_blob(2, token_hash).bind_text(3, device_name).bind(4, now_ms)
            .bind(5, expires_at_ms);
        const int rc = insert.step();
        if ((rc & 0xff) == SQLITE_CONSTRAINT && rc != SQLITE_CONSTRAINT_UNIQUE) return Status::kNotFound;
        if (Status status = done_status(rc); status != Status::kOk) return status;
        token.id = static_cast<std::uint64_t>(sqlite3_last_insert_rowid(db.handle()));
        token.user_id = user_id;
        token.expires_at_ms = expires_at_ms;
        return Status::kOk;
      },
      std::move(done));
}

void SqliteStore::find_token_owner(std::string token_hash, std::int64_t now_ms, Callback<TokenOwner> done) {
  read<TokenOwner>(
      [token_hash = std::move(token_hash), now_ms](SqliteConnection& db, TokenOwner& owner) {
        Statement query = db.prepare(
            "SELECT users.id, users.handle, users.role, users.password_hash, users.created_at_ms, "
            "users.banned_until_ms, tokens.id, tokens.expires_at_ms FROM tokens JOIN users ON users.id = tokens.user_id "
            "WHERE tokens.token_hash = ? AND tokens.revoked = 0 AND tokens.expires_at_ms > ?");
        query.bind_blob(1, token_hash).bind(2, now_ms);
        if (const Status status = read_user(query, owner.user); status != Status::kOk) return status;
        owner.token.id = query.uint64(6);
        owner.token.user_id = owner.user.id;
        owner.token.expires_at_ms = query.int64(7);
        return Status::kOk;
      },
      std::move(done));
}

void SqliteStore::revoke_token(std::string token_hash, Callback<Done> done) {
  write<Done>(
      [token_hash = std::move(token_hash)](SqliteConnection& db, Done&) {
        Statement update = db.prepare("UPDATE tokens SET revoked = 1 WHERE token_hash = ?");
        update.bind_blob(1, token_hash);
        if (Status status = done_status(update.step()); status != Status::kOk) return status;
        return sqlite3_changes(db.handle()) > 0 ? Status::kOk : Status::kNotFound;
      },
      std::move(done));
}

void SqliteStore::create_invite(std::string code_hash, InviteRecord invite, std::int64_t now_ms,
                                Callback<InviteRecord> done) {
  write<InviteRecord>(
      [code_hash = std::move(code_hash), invite, now_ms](SqliteConnection& db, InviteRecord& stored) {
        Statement insert = db.prepare(
            "INSERT INTO invites (code_hash, role, room_id, created_by, created_at_ms, expires_at_ms) "
            "VALUES (?, ?, ?, ?, ?, ?)");
        insert.bind_blob(1, code_hash).bind(2, std::int64_t{static_cast<int>(invite.role)})
            .bind(3, invite.room_id).bind(4, invite.created_by).bind(5, now_ms).bind(6, invite.expires_at_ms);
        if (Status status = done_status(insert.step()); status != Status::kOk) return status;
        stored = invite;
        stored.id = static_cast<std::uint64_t>(sqlite3_last_insert_rowid(db.handle()));
        return Status::kOk;
      },
      std::move(done));
}

void SqliteStore::is_fresh(Callback<bool> done) {
  read<bool>(
      [](SqliteConnection& db, bool& fresh) {
        Statement query = db.prepare(
            "SELECT NOT EXISTS (SELECT 1 FROM users) AND NOT EXISTS (SELECT 1 FROM invites)");
        const Status status = row_status(query.step());
        fresh = query.int64(0) != 0;
        return status;
      },
      std::move(done));
}

}  // namespace hearth::storage
