#include "moderation/review_queue.h"

namespace hearth::moderation {

namespace {

Decision forbidden(std::string why) { return {Decision::Refusal::kForbidden, std::move(why)}; }
Decision invalid(std::string why) { return {Decision::Refusal::kInvalid, std::move(why)}; }

// Whether `who` may act on the item at all.
Decision may_act(const ReviewItem& item, const Moderator& who) {
  if (who.admin) return {};
  if (!who.coach_of_room) return forbidden("only this room's coaches and admins handle its queue");
  if (item.escalated) return forbidden("this item was escalated: only admins handle it now");
  return {};
}

bool is_sanction(Resolution resolution) {
  switch (resolution) {
    case Resolution::kWarn: case Resolution::kMute: case Resolution::kKick:
    case Resolution::kBanRoom: case Resolution::kBanServer:
      return true;
    default:
      return false;
  }
}

// Whether `resolution` makes sense for this kind of item, whoever asks.
Decision fits_the_item(const ReviewItem& item, Resolution resolution) {
  const bool held = item.kind == ItemKind::kHeld;
  if (resolution == Resolution::kApprove && !held) {
    return invalid("only a held message can be approved: this one was already delivered");
  }
  if (resolution == Resolution::kDismiss && held) {
    return invalid("a held message waits for a decision: approve it or remove it");
  }
  return {};
}

}  // namespace

const char* report_reason_name(int reason) {
  switch (reason) {
    case 1: return "harassment";
    case 2: return "crosstalk";
    case 3: return "breaks anonymity";
    case 4: return "spam";
    case 5: return "crisis concern";
    default: return "other";
  }
}

const char* to_string(ItemKind kind) {
  switch (kind) {
    case ItemKind::kCrisis: return "crisis";
    case ItemKind::kReport: return "report";
    case ItemKind::kHeld: return "held";
    case ItemKind::kFlag: return "flag";
  }
  return "flag";
}

const char* to_string(ItemState state) {
  switch (state) {
    case ItemState::kOpen: return "open";
    case ItemState::kClaimed: return "claimed";
    case ItemState::kResolved: return "resolved";
  }
  return "open";
}

const char* to_string(Resolution resolution) {
  switch (resolution) {
    case Resolution::kApprove: return "approve";
    case Resolution::kRemove: return "remove";
    case Resolution::kDismiss: return "dismiss";
    case Resolution::kWarn: return "warn";
    case Resolution::kMute: return "mute";
    case Resolution::kKick: return "kick";
    case Resolution::kBanRoom: return "ban from room";
    case Resolution::kBanServer: return "ban from server";
    case Resolution::kEscalate: return "escalate";
  }
  return "dismiss";
}

ItemState effective_state(const ReviewItem& item, std::int64_t now_ms) {
  if (item.state == ItemState::kClaimed && item.lease_expires_ms <= now_ms) return ItemState::kOpen;
  return item.state;
}

bool may_see(const ReviewItem&, const Moderator& who) { return who.admin || who.coach_of_room; }

Decision claim(ReviewItem& item, const Moderator& who, std::int64_t now_ms, std::int64_t lease_ms) {
  if (Decision allowed = may_act(item, who); !allowed.ok()) return allowed;
  switch (effective_state(item, now_ms)) {
    case ItemState::kResolved:
      return invalid("this item is already resolved");
    case ItemState::kClaimed:
      if (item.claimed_by != who.user_id) return invalid("another coach has claimed this item");
      break;  // renewing one's own lease
    case ItemState::kOpen:
      break;
  }
  item.state = ItemState::kClaimed;
  item.claimed_by = who.user_id;
  item.lease_expires_ms = now_ms + lease_ms;
  return {};
}

Decision release(ReviewItem& item, const Moderator& who, std::int64_t now_ms) {
  if (Decision allowed = may_act(item, who); !allowed.ok()) return allowed;
  if (effective_state(item, now_ms) != ItemState::kClaimed || item.claimed_by != who.user_id) {
    return invalid("you do not hold a claim on this item");
  }
  item.state = ItemState::kOpen;
  item.claimed_by = 0;
  item.lease_expires_ms = 0;
  return {};
}

Decision resolve(ReviewItem& item, const Moderator& who, Resolution resolution, std::int64_t now_ms) {
  if (Decision allowed = may_act(item, who); !allowed.ok()) return allowed;
  const ItemState state = effective_state(item, now_ms);
  if (state == ItemState::kResolved) return invalid("this item is already resolved");
  if (state != ItemState::kClaimed || item.claimed_by != who.user_id) {
    return invalid(item.state == ItemState::kClaimed && item.claimed_by == who.user_id
                       ? "your claim on this item ran out: claim it again first"
                       : "claim this item before acting on it");
  }
  if (Decision fits = fits_the_item(item, resolution); !fits.ok()) return fits;
  if (resolution == Resolution::kBanServer && !who.admin) return forbidden("only admins ban from the server");
  if (is_sanction(resolution) && item.author_is_staff) {
    return forbidden("coaches and admins are not sanctioned from the queue; an admin can change their role");
  }
  if (resolution == Resolution::kEscalate) {
    if (who.admin) return invalid("admins resolve escalated items; there is no one above to escalate to");
    item.escalated = true;
    item.state = ItemState::kOpen;
    item.claimed_by = 0;
    item.lease_expires_ms = 0;
    return {};
  }
  item.state = ItemState::kResolved;
  item.resolution = resolution;
  item.resolved_by = who.user_id;
  item.lease_expires_ms = 0;
  return {};
}

}  // namespace hearth::moderation
