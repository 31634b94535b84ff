// Records of the moderation data that cross the storage interface (see moderation_store.h).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "moderation/audit_record.h"
#include "moderation/review_queue.h"
#include "moderation/room_policy.h"
#include "moderation/watchlist.h"
#include "server/storage/records.h"

namespace hearth::storage {

struct FilterRuleRecord {
  moderation::WatchRule rule;      // rule_id, room_id, pattern, action
  std::uint64_t created_by = 0;    // 0: shipped with the server
  std::string created_by_handle;   // filled by reads
  std::int64_t created_at_ms = 0;
};

struct ReportRecord {
  std::uint64_t reporter_id = 0;
  std::string reporter_handle;
  int reason = 0;                  // hearth.v1.ReportReason
  std::string note;
  std::int64_t reported_at_ms = 0;
};

// A review queue item with everything a coach needs to decide on it.
struct ItemRecord {
  std::uint64_t id = 0;
  std::uint64_t room_id = 0;
  moderation::ReviewItem review;   // kind, state, claim, escalation, resolution
  // The message concerned. A held message is not in the room yet: id and seq 0 until approved.
  // `message.text` is the item's own copy of the text under review, whatever the author did to
  // the message since (`message.deleted` says whether they deleted it).
  MessageRecord message;
  std::uint64_t held_id = 0;       // the held_messages row while the message is held
  // A held edit: the delivered message whose text it would replace, and that message's
  // edited_at_ms when the edit was made (an approval after a later change is refused).
  std::uint64_t edit_of = 0;
  std::int64_t edit_base_ms = 0;
  std::string why;
  std::vector<ReportRecord> reports;
  std::string claimed_by_handle;
  std::string resolved_by_handle;
  std::string resolution_reason;
  std::int64_t opened_at_ms = 0;
  std::int64_t resolved_at_ms = 0;
};

enum class SanctionKind : int { kMute = 1, kRoomBan = 2 };

// A mute or room ban in force. Server bans live on the account (UserRecord::banned_until_ms).
struct SanctionRecord {
  SanctionKind kind = SanctionKind::kMute;
  std::uint64_t room_id = 0;
  std::uint64_t user_id = 0;
  std::int64_t until_ms = 0;       // moderation::kForever: for good
};

// Ending a mute or ban before its time. kRoomBan with room_id 0 is the server ban.
struct LiftRequest {
  SanctionKind kind = SanctionKind::kMute;
  std::uint64_t room_id = 0;
  std::string handle;              // the member, as people name them
  std::uint64_t actor_id = 0;
  std::string reason;
  std::int64_t now_ms = 0;
};

struct LiftedSanction {
  enum class Outcome { kLifted, kNoSuchMember, kNotInForce };
  Outcome outcome = Outcome::kLifted;
  std::uint64_t user_id = 0;
  std::string handle;              // as registered
};

// What a claim, release or resolution did. When `decision` refuses, nothing changed.
struct ItemTransition {
  moderation::Decision decision;
  ItemRecord item;                          // after the transition
  std::optional<MessageRecord> delivered;   // an approved held message, now in the room
  std::optional<MessageRecord> edited;      // an approved held edit, now the message's text
  std::optional<MessageRecord> removed;     // a room message turned into a tombstone
  std::optional<SanctionRecord> sanction;   // a mute or room ban now in force
  bool left_room = false;                   // kicked or banned: the membership is gone
  std::int64_t server_ban_until_ms = 0;     // banned from the server until then (tokens revoked)
};

struct ResolveRequest {
  moderation::Resolution resolution = moderation::Resolution::kDismiss;
  std::string reason;
  std::int64_t duration_ms = 0;             // mute, bans; 0 with a ban: for good
  bool also_remove = false;                 // with a sanction: remove the message too
};

struct ItemQuery {
  std::vector<std::uint64_t> room_ids;      // empty: every room
  bool include_resolved = false;
  std::uint32_t limit = 50;
};

struct AuditQuery {
  std::uint64_t room_id = 0;                // 0: every room (and server-wide records)
  std::uint64_t before_record_id = 0;       // 0: from the newest
  std::uint32_t limit = 50;
};

struct AuditPage {
  std::vector<moderation::AuditRecord> records;  // newest first
  bool has_more = false;
};

// How many messages a member has had delivered in a room: what pre-moderation counts.
struct MemberActivity {
  std::uint64_t room_id = 0;
  std::uint64_t user_id = 0;
  std::uint64_t delivered_messages = 0;
  std::int64_t last_posted_at_ms = 0;
};

}  // namespace hearth::storage
