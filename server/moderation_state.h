// What hearthd keeps in memory to screen every room message without touching storage: the
// filter rules (as an immutable Watchlist swapped whole when a rule changes), each room's
// policy, the mutes and room bans in force, and each member's activity per room (messages
// delivered, last post) for pre-moderation and slow mode. Storage stays the truth: everything
// here is loaded at start and changed only after a commit.
// Thread-safe: one mutex for the maps; the Watchlist is read without a lock.
#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include "moderation/room_policy.h"
#include "moderation/watchlist.h"
#include "server/storage/moderation_records.h"

namespace hearth::server {

class ModerationState {
 public:
  ModerationState();

  void load(std::vector<storage::FilterRuleRecord> rules,
            const std::vector<std::pair<std::uint64_t, moderation::RoomPolicy>>& policies,
            const std::vector<storage::SanctionRecord>& sanctions,
            const std::vector<storage::MemberActivity>& activity);

  // --- rules ---
  std::shared_ptr<const moderation::Watchlist> watchlist() const { return watchlist_.load(); }
  // The rules in force in `room_id` (the server's and the room's); room 0: the server's only.
  std::vector<storage::FilterRuleRecord> rules_for(std::uint64_t room_id) const;
  std::optional<storage::FilterRuleRecord> rule(std::uint64_t rule_id) const;
  void add_rule(const storage::FilterRuleRecord& rule);
  void remove_rule(std::uint64_t rule_id);

  // --- policies, sanctions, activity ---
  moderation::RoomPolicy policy(std::uint64_t room_id) const;
  void set_policy(std::uint64_t room_id, const moderation::RoomPolicy& policy);
  void add_sanction(const storage::SanctionRecord& sanction);
  // A coach ended the member's mute (or room ban) in the room before its time.
  void lift_sanction(storage::SanctionKind kind, std::uint64_t room_id, std::uint64_t user_id);
  // Room bans in force for `user_id` in `room_id` at `now_ms` (0 when none).
  std::int64_t banned_until(std::uint64_t room_id, std::uint64_t user_id, std::int64_t now_ms) const;
  // Everything the message screen needs to know about a poster.
  moderation::Poster poster(std::uint64_t room_id, std::uint64_t user_id, bool staff, std::int64_t joined_at_ms,
                            std::int64_t now_ms) const;
  // A message passed the screen (delivered or held): slow mode counts from now.
  void record_posting(std::uint64_t room_id, std::uint64_t user_id, std::int64_t at_ms);
  // A message of theirs reached the room: pre-moderation counts it.
  void record_delivered(std::uint64_t room_id, std::uint64_t user_id);

  // Unresolved review queue items, for /metrics: set at start, then counted as items open and
  // resolve.
  std::atomic<std::int64_t> open_items{0};

 private:
  using Key = std::pair<std::uint64_t, std::uint64_t>;  // room, user
  struct Standing {
    std::int64_t muted_until_ms = 0;
    std::int64_t banned_until_ms = 0;
    std::uint64_t delivered = 0;
    std::int64_t last_posted_at_ms = 0;
  };
  void rebuild_watchlist_locked();

  mutable std::mutex mutex_;
  std::vector<storage::FilterRuleRecord> rules_;
  std::atomic<std::shared_ptr<const moderation::Watchlist>> watchlist_;
  std::map<std::uint64_t, moderation::RoomPolicy> policies_;
  std::map<Key, Standing> standings_;
};

}  // namespace hearth::server
