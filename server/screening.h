// What hearthd does with the message screen's verdict (moderation/message_screen.h): the
// refusals, the held messages, and the follow-up of delivered ones (crisis resources and
// alerts, flag items). Used by sending and editing alike.
#pragma once

#include <cstdint>

#include "moderation/message_screen.h"
#include "server/reply.h"
#include "server/storage/records.h"

namespace hearth::server {

struct ServerContext;

// Replies with the refusal the verdict means (ban, mute, slow mode, block) and records a block
// in the audit log. Returns true if it refused.
bool reply_if_refused(ServerContext& context, const Reply& reply, const moderation::ScreenResult& screen,
                      std::uint64_t room_id, std::uint64_t author_id, std::int64_t now_ms);

// Stores `message` as held and answers HELD_FOR_REVIEW with the screen's explanation; the
// coaches' queue hears of it.
void hold_for_review(ServerContext& context, const Reply& reply, storage::MessageRecord message,
                     const moderation::ScreenResult& screen);

// After a delivered message's commit: a crisis match sends the author the crisis resources
// at once, opens an urgent item and alerts the room's coaches and the admins; a flag match
// opens an item.
void follow_up_delivery(ServerContext& context, const storage::MessageRecord& message,
                        const moderation::ScreenResult& screen);

}  // namespace hearth::server
