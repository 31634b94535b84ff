#include "server/send_keys.h"

#include <algorithm>

#include "server/secrets.h"

namespace hearth::server {

bool is_valid_send_key(std::string_view key) {
  return !key.empty() && key.size() <= kMaxSendKeyBytes &&
         std::all_of(key.begin(), key.end(), [](char c) { return c >= 0x21 && c <= 0x7E; });
}

storage::SendKeyRecord new_send_key(std::uint64_t account_id, std::string key, std::uint64_t room_id,
                                    std::string_view text, std::int64_t now_ms) {
  storage::SendKeyRecord record;
  record.account_id = account_id;
  record.key = std::move(key);
  record.room_id = room_id;
  record.text_digest = hash_sent_text(text);
  record.sent_at_ms = now_ms;
  record.created_at_ms = now_ms;
  return record;
}

void answer_earlier_send(const Reply& reply, const storage::SendKeyRecord& earlier, const std::string& crisis_resources) {
  if (earlier.outcome == storage::SendOutcome::kHeld) {
    return reply.error(hearth::v1::HELD_FOR_REVIEW,
                       "this message was already sent (same idempotency_key) and is held for a coach's review; "
                       "it appears in the room if a coach approves it");
  }
  storage::MessageRecord message;
  message.id = earlier.message_id;
  message.room_id = earlier.room_id;
  message.seq = earlier.seq;
  message.sent_at_ms = earlier.sent_at_ms;
  reply_sent(reply, message,
             earlier.outcome == storage::SendOutcome::kStoredWithCrisis ? crisis_resources : std::string());
}

void reply_sent(const Reply& reply, const storage::MessageRecord& message, const std::string& crisis_resources) {
  hearth::v1::Response response;
  auto* sent = response.mutable_sent();
  sent->set_room_id(message.room_id);
  sent->set_message_id(message.id);
  sent->set_seq(message.seq);
  sent->set_sent_at_ms(message.sent_at_ms);
  sent->set_crisis_resources(crisis_resources);
  reply.send(std::move(response));
}

void reply_keyed_send_error(const Reply& reply, storage::Status status) {
  if (status != storage::Status::kAlreadyExists) return reply.storage_error(status);
  reply.error(hearth::v1::ALREADY_EXISTS,
              "this idempotency_key was already used in the last 24 hours for another message (another room or "
              "other text): give each new message a new key");
}

}  // namespace hearth::server
