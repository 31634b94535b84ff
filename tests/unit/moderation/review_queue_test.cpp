#include "moderation/review_queue.h"

#include <catch2/catch.hpp>

using namespace hearth::moderation;
using Refusal = Decision::Refusal;

namespace {

constexpr std::int64_t kNow = 1'000'000;
constexpr std::int64_t kLease = 600'000;
const Moderator kCoachA{1, false, true};
const Moderator kCoachB{2, false, true};
const Moderator kOtherRoomCoach{3, false, false};
const Moderator kAdmin{9, true, false};

ReviewItem claimed_by(const Moderator& who, ItemKind kind = ItemKind::kReport) {
  ReviewItem item;
  item.kind = kind;
  REQUIRE(claim(item, who, kNow, kLease).ok());
  return item;
}

}  // namespace

TEST_CASE("claiming: one holder at a time, leases run out", "[moderation][queue]") {
  ReviewItem item;
  REQUIRE(effective_state(item, kNow) == ItemState::kOpen);

  REQUIRE(claim(item, kCoachA, kNow, kLease).ok());
  CHECK(item.state == ItemState::kClaimed);
  CHECK(item.claimed_by == kCoachA.user_id);
  CHECK(item.lease_expires_ms == kNow + kLease);

  // The race: whoever comes second loses, and the item is unchanged.
  const Decision second = claim(item, kCoachB, kNow + 1, kLease);
  CHECK(second.refusal == Refusal::kInvalid);
  CHECK(item.claimed_by == kCoachA.user_id);

  // Renewing one's own claim extends the lease.
  REQUIRE(claim(item, kCoachA, kNow + 1000, kLease).ok());
  CHECK(item.lease_expires_ms == kNow + 1000 + kLease);

  // Once the lease runs out the item is open again, and anyone allowed may take it.
  const std::int64_t later = item.lease_expires_ms;
  CHECK(effective_state(item, later) == ItemState::kOpen);
  CHECK(resolve(item, kCoachA, Resolution::kDismiss, later).refusal == Refusal::kInvalid);
  REQUIRE(claim(item, kCoachB, later, kLease).ok());
  CHECK(item.claimed_by == kCoachB.user_id);
}

TEST_CASE("only the room's coaches and admins act, and escalated items only admins", "[moderation][queue]") {
  ReviewItem item;
  CHECK(claim(item, kOtherRoomCoach, kNow, kLease).refusal == Refusal::kForbidden);
  CHECK(item.state == ItemState::kOpen);
  CHECK_FALSE(may_see(item, kOtherRoomCoach));
  CHECK(may_see(item, kCoachA));
  CHECK(may_see(item, kAdmin));

  REQUIRE(claim(item, kCoachA, kNow, kLease).ok());
  REQUIRE(resolve(item, kCoachA, Resolution::kEscalate, kNow).ok());
  CHECK(item.state == ItemState::kOpen);
  CHECK(item.escalated);
  CHECK(item.claimed_by == 0);
  CHECK(claim(item, kCoachA, kNow, kLease).refusal == Refusal::kForbidden);
  REQUIRE(claim(item, kAdmin, kNow, kLease).ok());
  CHECK(resolve(item, kAdmin, Resolution::kEscalate, kNow).refusal == Refusal::kInvalid);
  REQUIRE(resolve(item, kAdmin, Resolution::kRemove, kNow).ok());
  CHECK(item.state == ItemState::kResolved);
  CHECK(item.resolved_by == kAdmin.user_id);
}

TEST_CASE("release gives the item back, and only its holder may", "[moderation][queue]") {
  ReviewItem item = claimed_by(kCoachA);
  CHECK(release(item, kCoachB, kNow).refusal == Refusal::kInvalid);
  CHECK(release(item, kOtherRoomCoach, kNow).refusal == Refusal::kForbidden);
  REQUIRE(release(item, kCoachA, kNow).ok());
  CHECK(item.state == ItemState::kOpen);
  CHECK(release(item, kCoachA, kNow).refusal == Refusal::kInvalid);  // nothing to release
}

TEST_CASE("resolving needs a live claim of one's own", "[moderation][queue]") {
  ReviewItem open;
  CHECK(resolve(open, kCoachA, Resolution::kDismiss, kNow).refusal == Refusal::kInvalid);
  ReviewItem item = claimed_by(kCoachA);
  CHECK(resolve(item, kCoachB, Resolution::kDismiss, kNow).refusal == Refusal::kInvalid);
  CHECK(resolve(item, kAdmin, Resolution::kDismiss, kNow).refusal == Refusal::kInvalid);  // admins claim too
  REQUIRE(resolve(item, kCoachA, Resolution::kDismiss, kNow).ok());
  CHECK(item.state == ItemState::kResolved);
  CHECK(item.resolution == Resolution::kDismiss);
  // Nothing leaves resolved.
  CHECK(claim(item, kCoachA, kNow, kLease).refusal == Refusal::kInvalid);
  CHECK(release(item, kCoachA, kNow).refusal == Refusal::kInvalid);
  CHECK(resolve(item, kCoachA, Resolution::kRemove, kNow).refusal == Refusal::kInvalid);
}

TEST_CASE("each resolution fits some items and some moderators", "[moderation][queue]") {
  struct Case {
    ItemKind kind;
    Resolution resolution;
    const Moderator* who;
    bool author_is_staff;
    Refusal expected;
  };
  const Case cases[] = {
      {ItemKind::kHeld, Resolution::kApprove, &kCoachA, false, Refusal::kNone},
      {ItemKind::kHeld, Resolution::kRemove, &kCoachA, false, Refusal::kNone},
      {ItemKind::kHeld, Resolution::kDismiss, &kCoachA, false, Refusal::kInvalid},
      {ItemKind::kHeld, Resolution::kMute, &kCoachA, false, Refusal::kNone},
      {ItemKind::kReport, Resolution::kApprove, &kCoachA, false, Refusal::kInvalid},
      {ItemKind::kFlag, Resolution::kApprove, &kCoachA, false, Refusal::kInvalid},
      {ItemKind::kCrisis, Resolution::kApprove, &kCoachA, false, Refusal::kInvalid},
      {ItemKind::kCrisis, Resolution::kDismiss, &kCoachA, false, Refusal::kNone},
      {ItemKind::kReport, Resolution::kRemove, &kCoachA, false, Refusal::kNone},
      {ItemKind::kReport, Resolution::kWarn, &kCoachA, false, Refusal::kNone},
      {ItemKind::kReport, Resolution::kKick, &kCoachA, false, Refusal::kNone},
      {ItemKind::kReport, Resolution::kBanRoom, &kCoachA, false, Refusal::kNone},
      {ItemKind::kReport, Resolution::kBanServer, &kCoachA, false, Refusal::kForbidden},
      {ItemKind::kReport, Resolution::kBanServer, &kAdmin, false, Refusal::kNone},
      {ItemKind::kReport, Resolution::kWarn, &kCoachA, true, Refusal::kForbidden},
      {ItemKind::kReport, Resolution::kMute, &kAdmin, true, Refusal::kForbidden},
      {ItemKind::kReport, Resolution::kBanServer, &kAdmin, true, Refusal::kForbidden},
      {ItemKind::kReport, Resolution::kRemove, &kCoachA, true, Refusal::kNone},  // not a sanction
      {ItemKind::kFlag, Resolution::kEscalate, &kCoachA, false, Refusal::kNone},
  };
  for (const Case& c : cases) {
    INFO(to_string(c.kind) << " item, " << to_string(c.resolution) << " by " << (c.who->admin ? "admin" : "coach")
                           << (c.author_is_staff ? ", staff author" : ""));
    ReviewItem item = claimed_by(*c.who, c.kind);
    item.author_is_staff = c.author_is_staff;
    const ReviewItem before = item;
    const Decision decision = resolve(item, *c.who, c.resolution, kNow);
    CHECK(decision.refusal == c.expected);
    if (!decision.ok()) {
      CHECK_FALSE(decision.why.empty());
      CHECK(item.state == before.state);  // a refusal changes nothing
      CHECK(item.claimed_by == before.claimed_by);
    }
  }
}
