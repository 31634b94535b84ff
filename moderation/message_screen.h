// Everything that decides what happens to a room message before it is stored, in one place:
// the poster's sanctions, the room's policy, the watchlists and the anonymity guard.
//
// Order of precedence:
//  1. a ban or a mute refuses the message (the sender is told until when);
//  2. coaches and admins skip every automatic rule below: they are never held, blocked or
//     flagged by a filter (and a coach quoting a crisis line must not set off an alert);
//  3. a crisis phrase wins over everything else: the person is reaching out, so the message is
//     delivered, whatever else it matched (the coach sees that in the item), slow mode or not;
//  4. slow mode refuses a message sent too soon after the last one;
//  5. a block rule refuses it; nothing is stored;
//  6. a hold rule, personal information, pre-moderation of a new member's first messages, or a
//     link from a new member hold it for a coach;
//  7. a flag rule delivers it and opens an item;
//  8. otherwise it is delivered.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "moderation/personal_info.h"
#include "moderation/room_policy.h"
#include "moderation/watchlist.h"

namespace hearth::moderation {

enum class ScreenVerdict {
  kDeliver,
  kDeliverAndFlag,
  kDeliverAsCrisis,
  kHold,
  kBlock,
  kRefuseBanned,
  kRefuseMuted,
  kRefuseSlowMode,
};

struct ScreenResult {
  ScreenVerdict verdict = ScreenVerdict::kDeliver;
  // For the sender: why it was held, blocked or refused, and what to do instead. Never
  // repeats the matched words.
  std::string to_sender;
  // For the coaches' queue item: which rules or detectors fired ("rule 12 (hold)", "a phone
  // number", "first messages of a new member").
  std::string for_coaches;
  std::vector<std::uint64_t> rule_ids;  // every watchlist rule that matched
  std::int64_t retry_after_ms = 0;      // with kRefuseMuted and kRefuseSlowMode
};

ScreenResult screen_message(const Watchlist& watchlist, std::uint64_t room_id, const RoomPolicy& policy,
                            const Poster& poster, std::string_view text, std::int64_t now_ms);

}  // namespace hearth::moderation
