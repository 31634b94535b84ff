// The one screen every text a member puts into a room passes, a new message or an edit alike
// (moderation/message_screen.h decides), and what hearthd does with the verdict: the refusals,
// the held messages and edits, and the follow-up of delivered ones (crisis resources and
// alerts, flag items).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "moderation/message_screen.h"
#include "server/identity.h"
#include "server/reply.h"
#include "server/storage/records.h"

namespace hearth::server {

class Room;
struct ServerContext;

// Screens `text` that `identity` wants to put into `room` at `now_ms`: membership, the text's
// size and encoding, bans and mutes, slow mode, the room's policy (pre-moderation, links from
// new members), the server's and the room's rules and the anonymity guard. An edit is screened
// exactly as a new message: otherwise an edit would carry past the screen whatever a send may
// not. Replies with the refusal and returns nothing when refused; otherwise slow mode counts
// from now and the verdict (deliver, flag, crisis or hold) comes back.
std::optional<moderation::ScreenResult> screen_post(ServerContext& context, const Reply& reply, const Room& room,
                                                    const Identity& identity, const std::string& text,
                                                    std::int64_t now_ms);

// Stores `message` as held and answers HELD_FOR_REVIEW with the screen's explanation; the
// coaches' queue hears of it. For a held edit, `message.id` and `message.edited_at_ms` are the
// delivered message's (see ModerationStore::hold_message): it stays as it is until approved.
// A new message sent under an idempotency key has its `key` recorded in the same transaction;
// if the key turns out to be taken, the earlier send's answer is given instead (send_keys.h).
void hold_for_review(ServerContext& context, const Reply& reply, storage::MessageRecord message,
                     const moderation::ScreenResult& screen, std::optional<storage::SendKeyRecord> key = std::nullopt);

// After a delivered message's commit: a crisis match sends the author the crisis resources
// at once, opens an urgent item and alerts the room's coaches and the admins; a flag match
// opens an item.
void follow_up_delivery(ServerContext& context, const storage::MessageRecord& message,
                        const moderation::ScreenResult& screen);

}  // namespace hearth::server
