#include "moderation/message_screen.h"

#include <algorithm>

namespace hearth::moderation {

namespace {

constexpr std::int64_t kMinuteMs = 60'000;

std::string minutes_from(std::int64_t now_ms, std::int64_t until_ms) {
  const std::int64_t minutes = std::max<std::int64_t>(1, (until_ms - now_ms + kMinuteMs - 1) / kMinuteMs);
  return std::to_string(minutes) + (minutes == 1 ? " minute" : " minutes");
}

void note(std::string& notes, const std::string& more) {
  if (!notes.empty()) notes += "; ";
  notes += more;
}

ScreenResult refused(ScreenVerdict verdict, std::string to_sender, std::int64_t retry_after_ms = 0) {
  ScreenResult result;
  result.verdict = verdict;
  result.to_sender = std::move(to_sender);
  result.retry_after_ms = retry_after_ms;
  return result;
}

}  // namespace

ScreenResult screen_message(const Watchlist& watchlist, std::uint64_t room_id, const RoomPolicy& policy,
                            const Poster& poster, std::string_view text, std::int64_t now_ms) {
  if (poster.banned_until_ms > now_ms) {
    return refused(ScreenVerdict::kRefuseBanned,
                   poster.banned_until_ms == kForever
                       ? "you have been banned from this room"
                       : "you have been banned from this room for another " + minutes_from(now_ms, poster.banned_until_ms));
  }
  if (poster.muted_until_ms > now_ms) {
    return refused(ScreenVerdict::kRefuseMuted,
                   "a coach has muted you in this room for another " + minutes_from(now_ms, poster.muted_until_ms) +
                       "; you can still read along",
                   poster.muted_until_ms - now_ms);
  }
  if (poster.staff) return {};
  ScreenResult result;
  bool crisis = false, block = false, hold = false, flag = false;
  for (const WatchRule* rule : watchlist.matches(fold_text(text), room_id)) {
    result.rule_ids.push_back(rule->rule_id);
    note(result.for_coaches, std::string(rule->room_id == 0 ? "server" : "room") + " rule " +
                                 std::to_string(rule->rule_id) + " (" + to_string(rule->action) + ")");
    crisis = crisis || rule->action == WatchAction::kCrisis;
    block = block || rule->action == WatchAction::kBlock;
    hold = hold || rule->action == WatchAction::kHold;
    flag = flag || rule->action == WatchAction::kFlag;
  }
  if (crisis) {
    // Before slow mode: a person in crisis is never told to wait.
    result.verdict = ScreenVerdict::kDeliverAsCrisis;
    return result;
  }
  if (policy.slow_mode_seconds != 0 && poster.last_posted_at_ms != 0) {
    const std::int64_t next_allowed = poster.last_posted_at_ms + std::int64_t{policy.slow_mode_seconds} * 1000;
    if (next_allowed > now_ms) {
      return refused(ScreenVerdict::kRefuseSlowMode,
                     "this room is in slow mode: one message every " + std::to_string(policy.slow_mode_seconds) +
                         " seconds",
                     next_allowed - now_ms);
    }
  }
  if (block) {
    result.verdict = ScreenVerdict::kBlock;
    result.to_sender = "your message was not sent: it contains words this room does not allow";
    return result;
  }

  std::string held_because;
  if (hold) held_because = "your message waits for a coach to review it before the room sees it";
  if (const PersonalInfo found = find_personal_info(text); found != PersonalInfo::kNone) {
    note(result.for_coaches, describe(found));
    if (held_because.empty()) {
      held_because = std::string("your message seems to contain ") + describe(found) +
                     ". To protect everyone's anonymity it waits for a coach before the room sees it. "
                     "To share contact details with one person, send them a direct message instead.";
    }
  }
  if (poster.delivered_messages < policy.premoderate_first_messages) {
    note(result.for_coaches, "first messages of a new member");
    if (held_because.empty()) {
      held_because = "a coach reviews new members' first " + std::to_string(policy.premoderate_first_messages) +
                     " messages in this room before the room sees them";
    }
  }
  if (policy.links_after_member_hours != 0 &&
      now_ms - poster.joined_at_ms < std::int64_t{policy.links_after_member_hours} * 3'600'000 && contains_link(text)) {
    note(result.for_coaches, "a link from a new member");
    if (held_because.empty()) {
      held_because = "links from members who joined less than " + std::to_string(policy.links_after_member_hours) +
                     " hours ago wait for a coach before the room sees them";
    }
  }
  if (!held_because.empty()) {
    result.verdict = ScreenVerdict::kHold;
    result.to_sender = std::move(held_because);
    return result;
  }
  result.verdict = flag ? ScreenVerdict::kDeliverAndFlag : ScreenVerdict::kDeliver;
  return result;
}

}  // namespace hearth::moderation
