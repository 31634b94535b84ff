// One entry of the moderation audit log: who did what to whom, why and when. The log is
// append-only: storage refuses updates and deletes (database triggers), and the API offers
// neither. Automatic actions (a filter holding a message) have actor 0: the server.
#pragma once

#include <cstdint>
#include <string>

namespace hearth::moderation {

// Numerically equal to hearth.v1.AuditAction.
enum class AuditAction : int {
  kRuleAdded = 1,
  kRuleRemoved = 2,
  kMessageHeld = 3,
  kMessageBlocked = 4,
  kMessageFlagged = 5,
  kCrisisDetected = 6,
  kMessageReported = 7,
  kItemClaimed = 8,
  kItemReleased = 9,
  kItemEscalated = 10,
  kMessageApproved = 11,
  kMessageRemoved = 12,
  kItemDismissed = 13,
  kMemberWarned = 14,
  kMemberMuted = 15,
  kMemberKicked = 16,
  kMemberBannedFromRoom = 17,
  kMemberBannedFromServer = 18,
  kPolicyChanged = 19,
  kMuteLifted = 20,
  kBanLifted = 21,           // room_id 0: the server ban
};

struct AuditRecord {
  std::uint64_t record_id = 0;
  std::int64_t at_ms = 0;
  std::uint64_t actor_id = 0;  // 0: the server's automatic rules
  std::string actor_handle;    // filled by reads
  AuditAction action = AuditAction::kItemDismissed;
  std::uint64_t room_id = 0;
  std::uint64_t target_id = 0;
  std::string target_handle;   // filled by reads
  std::uint64_t message_id = 0;
  std::uint64_t item_id = 0;
  std::uint64_t rule_id = 0;
  // The reason given, a rule's pattern and action, a duration. Never a message's text: the
  // log outlives removed messages.
  std::string detail;
};

}  // namespace hearth::moderation
