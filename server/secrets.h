// Tokens and invite codes: random secrets handed to people, stored only as hashes.
// Pure functions over libsodium; thread-safe once sodium_init() has run (main does it).
#pragma once

#include <string>
#include <string_view>

namespace hearth::server {

inline constexpr std::size_t kTokenBytes = 32;

// 32 random bytes, the raw token given to a client once.
std::string new_token();
// What the database stores for a token or an invite code: BLAKE2b-256 of it, keyed by purpose
// so a token hash can never be confused with an invite hash.
std::string hash_token(std::string_view token);
std::string hash_invite_code(std::string_view code);
// What an idempotency key's record keeps of the text sent under it (never the text itself):
// enough to tell a repeat from another message sent with the same key.
std::string hash_sent_text(std::string_view text);

// A human-friendly one-time code such as "K7QF-3MZD-P9XA-2HTN": 80 bits of randomness in an
// alphabet without look-alike characters, easy to read aloud or type.
std::string new_invite_code();
// Upper-cases and drops spaces and dashes so "k7qf 3mzd..." matches "K7QF-3MZD-...".
std::string normalize_invite_code(std::string_view code);

}  // namespace hearth::server
