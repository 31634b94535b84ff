// The review queue's state machine: what a coach or admin may do to an item, and what the item
// becomes. Pure: hearthd loads an item, applies one of these inside a storage transaction and
// stores the result, so two coaches racing for one item are decided one after the other.
//
//   open ──claim──▶ claimed ──resolve──▶ resolved
//     ▲               │  │
//     └───release─────┘  └──escalate──▶ open, escalated (admins only from then on)
//
// A claim is a lease: when it runs out the item is open again for anyone who may take it, and
// its former holder must claim it again before acting. Nothing leaves `resolved`.
#pragma once

#include <cstdint>
#include <string>

namespace hearth::moderation {

// The enums are numerically equal to their hearth.v1 counterparts (QueueItemKind,
// QueueItemState, ModerationAction), and stored as such.

// In priority order: someone in crisis first, then what members reported, then what the
// filters held back, then what they only flagged.
enum class ItemKind : int { kCrisis = 1, kReport = 2, kHeld = 3, kFlag = 4 };
enum class ItemState : int { kOpen = 1, kClaimed = 2, kResolved = 3 };

// What a coach does to an item. Everything but kEscalate resolves it.
enum class Resolution : int {
  kApprove = 1,    // a held message: deliver it now
  kRemove = 2,     // delete the message (a tombstone for the room; a held one is discarded)
  kDismiss = 3,    // nothing to do
  kWarn = 4,       // a private notice to the author
  kMute = 5,       // the author may not write in the room for a while
  kKick = 6,       // the author is taken out of the room (may rejoin an open room)
  kBanRoom = 7,    // the author is taken out of the room and may not rejoin
  kBanServer = 8,  // the author may not log in (admins only)
  kEscalate = 9,   // hand the item to the admins
};

// A member's reason for reporting, by its hearth.v1.ReportReason number: "crosstalk".
const char* report_reason_name(int reason);

const char* to_string(ItemKind kind);
const char* to_string(ItemState state);
const char* to_string(Resolution resolution);

struct ReviewItem {
  ItemKind kind = ItemKind::kFlag;
  ItemState state = ItemState::kOpen;
  std::uint64_t claimed_by = 0;
  std::int64_t lease_expires_ms = 0;
  bool escalated = false;
  bool author_is_staff = false;  // the message's author coaches its room or is an admin
  Resolution resolution = Resolution::kDismiss;  // meaningful once resolved
  std::uint64_t resolved_by = 0;
};

// Who is acting, as seen from the item's room.
struct Moderator {
  std::uint64_t user_id = 0;
  bool admin = false;
  bool coach_of_room = false;
};

struct Decision {
  enum class Refusal { kNone, kForbidden, kInvalid };
  Refusal refusal = Refusal::kNone;
  std::string why;  // a sentence for the moderator
  bool ok() const { return refusal == Refusal::kNone; }
};

// The state an item is in at `now_ms`: a claim whose lease ran out counts as open.
ItemState effective_state(const ReviewItem& item, std::int64_t now_ms);

// Admins see every item; coaches those of the rooms they coach.
bool may_see(const ReviewItem& item, const Moderator& who);

// Takes (or renews) the lease on an open item, or on one whose lease ran out.
Decision claim(ReviewItem& item, const Moderator& who, std::int64_t now_ms, std::int64_t lease_ms);
// Gives a claimed item back to the queue; only its holder may.
Decision release(ReviewItem& item, const Moderator& who, std::int64_t now_ms);
// Resolves (or escalates) an item its holder has claimed.
Decision resolve(ReviewItem& item, const Moderator& who, Resolution resolution, std::int64_t now_ms);

}  // namespace hearth::moderation
