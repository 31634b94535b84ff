// Idempotency keys of send_message (protocol/README.md, "Idempotency keys"): a key's shape, how
// long hearthd remembers one, and what a repeat of a send is answered. Pure functions and
// replies; any thread.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "server/reply.h"
#include "server/storage/records.h"

namespace hearth::server {

// 24 hours: far longer than any reconnect, short enough that the table stays small (one row per
// keyed send of the last day). Written in protocol/README.md.
inline constexpr std::int64_t kSendKeyWindowMs = 24LL * 60 * 60 * 1000;
inline constexpr std::size_t kMaxSendKeyBytes = 64;

// 1..64 bytes, each printable ASCII without space (0x21-0x7E). Empty means "no key" and is
// checked by the caller.
bool is_valid_send_key(std::string_view key);

// The record a keyed send of `text` starts from: ids and outcome are filled by storage.
storage::SendKeyRecord new_send_key(std::uint64_t account_id, std::string key, std::uint64_t room_id,
                                    std::string_view text, std::int64_t now_ms);

// The answer to a send whose message is committed: `sent` with its ids, and the crisis
// resources when `crisis_resources` is not empty.
void reply_sent(const Reply& reply, const storage::MessageRecord& message, const std::string& crisis_resources);
// Answers a repeat with the first send's result: the same `sent` (crisis resources again if it
// had them), or HELD_FOR_REVIEW again.
void answer_earlier_send(const Reply& reply, const storage::SendKeyRecord& earlier, const std::string& crisis_resources);
// A keyed write's failure: kAlreadyExists is the key used before for another room or other text
// (ALREADY_EXISTS with a sentence saying so), anything else as Reply::storage_error.
void reply_keyed_send_error(const Reply& reply, storage::Status status);

}  // namespace hearth::server
