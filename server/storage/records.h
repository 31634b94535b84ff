// Plain records that cross the storage interface. Values only; no behaviour, no protobuf, so the
// storage backends (SQLite now, PostgreSQL later) do not depend on the wire format.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace hearth::storage {

// Server-wide role, numerically equal to hearth.v1.Role.
enum class Role : int { kMember = 1, kCoach = 2, kAdmin = 3 };

struct UserRecord {
  std::uint64_t id = 0;
  std::string handle;          // as registered (case kept); unique ignoring ASCII case
  Role role = Role::kMember;
  std::string password_hash;   // crypto_pwhash_str output; never logged
  std::int64_t created_at_ms = 0;
  std::int64_t banned_until_ms = 0;  // banned from the server until then (0: not banned)
};

struct TokenRecord {
  std::uint64_t id = 0;
  std::uint64_t user_id = 0;
  std::int64_t expires_at_ms = 0;
};

// A live token with the account it belongs to: what authenticating a connection needs.
struct TokenOwner {
  TokenRecord token;
  UserRecord user;
};

// An invite code: for the server (room_id == 0, decides the new account's role) or for one
// closed room. Stored only as a hash of the code.
struct InviteRecord {
  std::uint64_t id = 0;
  Role role = Role::kMember;
  std::uint64_t room_id = 0;
  std::uint64_t created_by = 0;  // 0 for the bootstrap admin invite
  std::int64_t expires_at_ms = 0;
};

struct RoomRecord {
  std::uint64_t id = 0;
  std::string name;
  std::string topic;
  bool closed = false;
  std::uint64_t last_seq = 0;
  std::int64_t created_at_ms = 0;
};

struct MembershipRecord {
  std::uint64_t room_id = 0;
  std::uint64_t user_id = 0;
  std::string handle;          // filled by reads that join users
  bool coach = false;
  std::int64_t joined_at_ms = 0;
};

struct MessageRecord {
  std::uint64_t id = 0;
  std::uint64_t room_id = 0;
  std::uint64_t seq = 0;
  std::uint64_t author_id = 0;
  std::string author_handle;
  std::string text;            // empty when deleted
  std::int64_t sent_at_ms = 0;
  std::int64_t edited_at_ms = 0;
  bool deleted = false;
  bool removed_by_moderator = false;  // deleted by a coach or admin, not by its author
};

struct HistoryPage {
  std::vector<MessageRecord> messages;  // ascending seq
  bool has_more = false;
  std::uint64_t last_seq = 0;
};

// What hearthd remembers of one send that carried an idempotency key (table send_keys): enough
// to answer a repeat with the first send's result. The text itself is not kept a second time,
// only a keyed digest of it (server/secrets.h), and that digest is wiped when the message is
// deleted.
enum class SendOutcome : int { kStored = 1, kStoredWithCrisis = 2, kHeld = 3 };

struct SendKeyRecord {
  std::uint64_t account_id = 0;
  std::string key;                // 1..64 printable ASCII, as the client sent it
  std::uint64_t room_id = 0;
  std::string text_digest;        // empty once the message is deleted
  SendOutcome outcome = SendOutcome::kStored;
  std::uint64_t message_id = 0;   // 0 for a held send (it has no message yet)
  std::uint64_t seq = 0;
  std::int64_t sent_at_ms = 0;
  std::int64_t created_at_ms = 0;
};

// The answer to a write made under an idempotency key: what was written now, or, when the
// account had already used the key, the earlier send's record and nothing written.
template <typename T>
struct KeyedWrite {
  bool repeat = false;
  SendKeyRecord send;  // this send's record (ids filled), or the earlier one's on a repeat
  T written{};         // unset on a repeat
};

struct HistoryQuery {
  std::uint64_t room_id = 0;
  std::uint64_t after_seq = 0;   // at most one of after_seq/before_seq is non-zero
  std::uint64_t before_seq = 0;
  std::uint32_t limit = 50;
};

}  // namespace hearth::storage
