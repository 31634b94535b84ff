// The narrow interface between hearthd and its database. Every operation is asynchronous: it is
// queued to the backend's own thread(s) and `done` is called there, never on the caller's
// thread, so a network thread never waits on disk. Callers post back to their own strand.
//
// Ordering: mutations are applied and their callbacks invoked in the order they were submitted
// (one writer, FIFO); several queued mutations are committed in one transaction (group commit),
// and a mutation's callback runs only after its transaction is durable. A failed commit fails
// every mutation in it (kFull/kInternal) and leaves no trace of any of them.
// Reads see every mutation whose callback has already run.
//
// Thread safety: every method may be called from any thread.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "server/storage/records.h"
#include "server/storage/result.h"

namespace hearth::storage {

template <typename T>
using Callback = std::function<void(Result<T>)>;

class Store {
 public:
  virtual ~Store() = default;

  // --- accounts --------------------------------------------------------------------------
  // Creates an account. If `invite_code_hash` is non-empty, the invite (a server invite,
  // room_id == 0, unexpired, unused) is consumed in the same transaction and decides the role
  // (`role` is then ignored); an unknown, used or expired invite gives kNotFound.
  // A handle taken ignoring ASCII case gives kAlreadyExists.
  virtual void create_user(std::string handle, std::string password_hash, Role role,
                           std::string invite_code_hash, std::int64_t now_ms,
                           Callback<UserRecord> done) = 0;
  virtual void find_user_by_handle(std::string handle, Callback<UserRecord> done) = 0;
  virtual void find_user(std::uint64_t user_id, Callback<UserRecord> done) = 0;
  virtual void count_users(Callback<std::uint64_t> done) = 0;

  // Tokens are stored only as hashes. find_token_owner gives kNotFound for unknown, revoked or
  // expired; one query, so authenticating a connection costs one trip to the reader thread.
  virtual void create_token(std::uint64_t user_id, std::string token_hash, std::string device_name,
                            std::int64_t now_ms, std::int64_t expires_at_ms,
                            Callback<TokenRecord> done) = 0;
  virtual void find_token_owner(std::string token_hash, std::int64_t now_ms,
                                Callback<TokenOwner> done) = 0;
  virtual void revoke_token(std::string token_hash, Callback<Done> done) = 0;

  // Invites are stored only as hashes of their codes.
  virtual void create_invite(std::string code_hash, InviteRecord invite, std::int64_t now_ms,
                             Callback<InviteRecord> done) = 0;
  // True when the database holds no account and no invite yet (a brand-new server): used once
  // at start to decide whether to mint the bootstrap admin invite.
  virtual void is_fresh(Callback<bool> done) = 0;

  // --- rooms and membership ----------------------------------------------------------------
  // kAlreadyExists if the name is taken.
  virtual void create_room(std::string name, std::string topic, bool closed, std::int64_t now_ms,
                           Callback<RoomRecord> done) = 0;
  virtual void list_rooms(Callback<std::vector<RoomRecord>> done) = 0;
  // Every membership of every room, handles filled: read once at start to build the in-memory
  // room registry.
  virtual void list_all_memberships(Callback<std::vector<MembershipRecord>> done) = 0;
  // Adds (or, if present, updates the coach flag of) a membership. If `invite_code_hash` is
  // non-empty, an unused unexpired invite for this room is consumed in the same transaction
  // (kNotFound otherwise).
  virtual void add_member(std::uint64_t room_id, std::uint64_t user_id, bool coach,
                          std::string invite_code_hash, std::int64_t now_ms,
                          Callback<MembershipRecord> done) = 0;
  // kNotFound if not a member.
  virtual void remove_member(std::uint64_t room_id, std::uint64_t user_id,
                             Callback<Done> done) = 0;

  // --- messages ----------------------------------------------------------------------------
  // Appends a message with the room's next seq (last_seq + 1, no gaps). kNotFound for an
  // unknown room. The returned record's author_handle is left empty: the caller knows it.
  virtual void append_message(std::uint64_t room_id, std::uint64_t author_id, std::string text,
                              std::int64_t now_ms, Callback<MessageRecord> done) = 0;
  // Replaces the text of the author's own, not deleted message (author_handle left empty).
  // kNotFound if there is no such message (or it is deleted), kForbidden if `author_id` did
  // not write it.
  virtual void edit_message(std::uint64_t message_id, std::uint64_t author_id, std::string text,
                            std::int64_t now_ms, Callback<MessageRecord> done) = 0;
  // Tombstones the message: text erased, deleted set, seq kept so history has no gap.
  // `author_id` == 0 skips the authorship check (moderation removals).
  virtual void delete_message(std::uint64_t message_id, std::uint64_t author_id,
                              Callback<MessageRecord> done) = 0;
  virtual void history(HistoryQuery query, Callback<HistoryPage> done) = 0;

  // --- idempotent sends (sqlite_send_keys.cpp) ------------------------------------------------
  // The earlier send that `send` repeats: the record of the send that send.account_id made with
  // send.key at or after `since_ms`, if its room and digest match `send`'s (or its digest was
  // wiped by a delete); kAlreadyExists if they do not; kNotFound if the key is unused. A read,
  // so only a first look (a send with the key may still be queued): append_message_once decides.
  virtual void find_earlier_send(SendKeyRecord send, std::int64_t since_ms, Callback<SendKeyRecord> done) = 0;
  // append_message of `text` by send.account_id into send.room_id at send.sent_at_ms, with
  // `send` recorded (its ids filled in) in the same transaction, unless find_earlier_send would
  // find an earlier send: then nothing is written and its record comes back as a repeat (or
  // kAlreadyExists, as there). Checked on the writer thread, so two sends racing with one key
  // store once. A few records older than `since_ms` are deleted on the way.
  virtual void append_message_once(SendKeyRecord send, std::string text, std::int64_t since_ms,
                                   Callback<KeyedWrite<MessageRecord>> done) = 0;

  // Transactions committed so far (group commit merges many mutations into one), for metrics.
  virtual std::uint64_t transactions_committed() const = 0;

  // Finishes every queued operation (committing what was submitted) and stops the threads.
  // Operations submitted afterwards get kUnavailable. Idempotent; called by the destructor.
  virtual void shutdown() = 0;
};

}  // namespace hearth::storage
