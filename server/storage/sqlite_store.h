// The SQLite backend of Store: one writer thread doing group commit and one reader thread,
// each with its own connection to a WAL-mode database file (see storage_threads.h).
// Thread-safe as Store promises.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

#include "server/storage/direct_store.h"
#include "server/storage/moderation_store.h"
#include "server/storage/store.h"
#include "server/storage/storage_threads.h"

namespace hearth::storage {

struct SqliteStoreOptions {
  std::filesystem::path db_path;
  // FULL syncs the WAL on every commit, so an acknowledged message survives power loss;
  // NORMAL survives a crash of the process only.
  bool synchronous_full = true;
  // Caps the database size (0: no cap). Writes past it fail with kFull and change nothing.
  std::int64_t max_db_bytes = 0;
  // At most this many mutations share one transaction. Large: a batch's cost is mostly the pages
  // it touches (one index page per busy room), so bigger batches cost less per message
  // (ingest over 100 rooms: 512 -> 42k/s, 4096 -> 63k/s).
  std::size_t max_batch = 4096;
  // Wraps the commit of each batch on the writer thread, completions included (see WriterThread).
  BatchScope batch_scope;
};

class SqliteStore final : public Store, public ModerationStore, public DirectStore {
 public:
  // Creates the file (mode 0600) if missing and migrates it. nullptr and `error` on failure.
  static std::unique_ptr<SqliteStore> open(const SqliteStoreOptions& options, std::string* error);
  ~SqliteStore() override;

  std::uint64_t transactions_committed() const override { return writer_->transactions_committed(); }
  Store& store() { return *this; }
  ModerationStore& moderation() { return *this; }
  DirectStore& direct() { return *this; }

  void create_user(std::string handle, std::string password_hash, Role role,
                   std::string invite_code_hash, std::int64_t now_ms, Callback<UserRecord> done) override;
  void find_user_by_handle(std::string handle, Callback<UserRecord> done) override;
  void find_user(std::uint64_t user_id, Callback<UserRecord> done) override;
  void count_users(Callback<std::uint64_t> done) override;
  void create_token(std::uint64_t user_id, std::string token_hash, std::string device_name,
                    std::int64_t now_ms, std::int64_t expires_at_ms, Callback<TokenRecord> done) override;
  void find_token_owner(std::string token_hash, std::int64_t now_ms, Callback<TokenOwner> done) override;
  void revoke_token(std::string token_hash, Callback<Done> done) override;
  void create_invite(std::string code_hash, InviteRecord invite, std::int64_t now_ms,
                     Callback<InviteRecord> done) override;
  void is_fresh(Callback<bool> done) override;
  void create_room(std::string name, std::string topic, bool closed, std::int64_t now_ms,
                   Callback<RoomRecord> done) override;
  void list_rooms(Callback<std::vector<RoomRecord>> done) override;
  void list_all_memberships(Callback<std::vector<MembershipRecord>> done) override;
  void add_member(std::uint64_t room_id, std::uint64_t user_id, bool coach,
                  std::string invite_code_hash, std::int64_t now_ms,
                  Callback<MembershipRecord> done) override;
  void remove_member(std::uint64_t room_id, std::uint64_t user_id, Callback<Done> done) override;
  void append_message(std::uint64_t room_id, std::uint64_t author_id, std::string text,
                      std::int64_t now_ms, Callback<MessageRecord> done) override;
  void edit_message(std::uint64_t message_id, std::uint64_t author_id, std::string text,
                    std::int64_t now_ms, Callback<MessageRecord> done) override;
  void delete_message(std::uint64_t message_id, std::uint64_t author_id,
                      Callback<MessageRecord> done) override;
  void history(HistoryQuery query, Callback<HistoryPage> done) override;
  void find_earlier_send(SendKeyRecord send, std::int64_t since_ms, Callback<SendKeyRecord> done) override;
  void append_message_once(SendKeyRecord send, std::string text, std::int64_t since_ms,
                           Callback<KeyedWrite<MessageRecord>> done) override;
  void shutdown() override;

  // ModerationStore (sqlite_moderation.cpp, sqlite_review_queue.cpp)
  void list_filter_rules(Callback<std::vector<FilterRuleRecord>> done) override;
  void add_filter_rule(FilterRuleRecord rule, Callback<FilterRuleRecord> done) override;
  void remove_filter_rule(std::uint64_t rule_id, std::uint64_t actor_id, std::string reason, std::int64_t now_ms,
                          Callback<FilterRuleRecord> done) override;
  void set_room_policy(std::uint64_t room_id, moderation::RoomPolicy policy, std::uint64_t actor_id,
                       std::int64_t now_ms, Callback<Done> done) override;
  void list_room_policies(Callback<std::vector<std::pair<std::uint64_t, moderation::RoomPolicy>>> done) override;
  void hold_message(MessageRecord message, std::string why, std::int64_t now_ms, Callback<ItemRecord> done) override;
  void hold_message_once(SendKeyRecord send, MessageRecord message, std::string why, std::int64_t now_ms,
                         std::int64_t since_ms, Callback<KeyedWrite<ItemRecord>> done) override;
  void open_item(moderation::ItemKind kind, MessageRecord message, std::string why, std::int64_t now_ms,
                 Callback<ItemRecord> done) override;
  void append_audit(moderation::AuditRecord record, Callback<Done> done) override;
  void find_message(std::uint64_t message_id, Callback<MessageRecord> done) override;
  void report_message(MessageRecord message, ReportRecord report, Callback<ItemRecord> done) override;
  void find_item(std::uint64_t item_id, Callback<ItemRecord> done) override;
  void list_items(ItemQuery query, Callback<std::vector<ItemRecord>> done) override;
  void claim_item(std::uint64_t item_id, moderation::Moderator who, std::int64_t now_ms, std::int64_t lease_ms,
                  Callback<ItemTransition> done) override;
  void release_item(std::uint64_t item_id, moderation::Moderator who, std::int64_t now_ms,
                    Callback<ItemTransition> done) override;
  void resolve_item(std::uint64_t item_id, moderation::Moderator who, ResolveRequest request, std::int64_t now_ms,
                    Callback<ItemTransition> done) override;
  void list_sanctions(std::int64_t now_ms, Callback<std::vector<SanctionRecord>> done) override;
  void lift_sanction(LiftRequest request, Callback<LiftedSanction> done) override;
  void list_member_activity(Callback<std::vector<MemberActivity>> done) override;
  void list_audit(AuditQuery query, Callback<AuditPage> done) override;
  void count_open_items(Callback<std::uint64_t> done) override;

  // DirectStore (sqlite_key_directory.cpp, sqlite_direct_relay.cpp, sqlite_contacts.cpp,
  // sqlite_sponsorships.cpp)
  void publish_keys(PublishKeysRequest request, Callback<PublishKeysResult> done) override;
  void list_devices(std::uint64_t user_id, Callback<std::vector<DeviceRecord>> done) override;
  void remove_device(std::uint64_t user_id, std::uint64_t device_id, Callback<Done> done) override;
  void take_bundles(std::uint64_t requester_id, std::uint64_t owner_id, PrekeyAllowance allowance,
                    Callback<std::vector<DeviceBundle>> done) override;
  void send_direct(DirectSendRequest request, Callback<DirectSendResult> done) override;
  void fetch_direct(std::uint64_t user_id, std::uint64_t device_id, std::uint64_t after_dm_id, std::uint32_t limit,
                    std::uint32_t receipt_limit, Callback<DirectPage> done) override;
  void ack_direct(std::uint64_t user_id, std::uint64_t device_id, std::vector<std::uint64_t> dm_ids,
                  std::vector<std::uint64_t> receipt_dm_ids, Callback<std::vector<DirectAck>> done) override;
  void count_queued(std::uint64_t device_id, Callback<std::uint64_t> done) override;
  void reach(std::uint64_t from_id, std::uint64_t to_id, Callback<DirectReach> done) override;
  void list_requests(std::uint64_t user_id, Callback<std::vector<DirectRequestRecord>> done) override;
  void answer_request(std::uint64_t user_id, std::uint64_t from_id, RequestAnswer answer, std::int64_t now_ms,
                      Callback<ContactChange> done) override;
  void set_blocked(std::uint64_t user_id, std::uint64_t target_id, bool blocked, std::int64_t now_ms,
                   Callback<ContactChange> done) override;
  void list_blocked(std::uint64_t user_id, Callback<std::vector<ContactRecord>> done) override;
  void list_contacts(std::uint64_t user_id, Callback<std::vector<ContactRecord>> done) override;
  void create_sponsor_invite(std::uint64_t sponsor_id, std::string code_hash, std::int64_t now_ms,
                             std::int64_t expires_at_ms, Callback<Done> done) override;
  void ask_sponsor(std::uint64_t sponsee_id, std::uint64_t sponsor_id, std::int64_t now_ms,
                   Callback<SponsorshipRecord> done) override;
  void ask_sponsor_by_invite(std::uint64_t sponsee_id, std::string code_hash, std::int64_t now_ms,
                             Callback<SponsorshipRecord> done) override;
  void answer_sponsorship(std::uint64_t sponsorship_id, std::uint64_t user_id, bool accept, std::int64_t now_ms,
                          Callback<SponsorshipRecord> done) override;
  void end_sponsorship(std::uint64_t sponsorship_id, std::uint64_t user_id, std::int64_t now_ms,
                       Callback<SponsorshipRecord> done) override;
  void list_sponsorships(std::uint64_t user_id, Callback<std::vector<SponsorshipRecord>> done) override;

 private:
  SqliteStore(std::unique_ptr<SqliteConnection> writer, std::unique_ptr<SqliteConnection> reader,
              std::size_t max_batch, BatchScope batch_scope);

  // Queues `apply` to run inside a group-committed transaction; `done` gets its value only
  // once the transaction is durable.
  template <typename T>
  void write(std::function<Status(SqliteConnection&, T&)> apply, Callback<T> done);
  template <typename T>
  void read(std::function<Status(SqliteConnection&, T&)> query, Callback<T> done);

  std::unique_ptr<WriterThread> writer_;
  std::unique_ptr<ReaderThread> reader_;
};

}  // namespace hearth::storage
