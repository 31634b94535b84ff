// The idempotency key a client gives one message it sends (protocol/README.md, "Idempotency
// keys"): made once per message, sent again unchanged with every retry of it. Thread-safe.
#pragma once

#include <string>

namespace hearth::client {

// 16 random bytes (libsodium's randombytes) as 22 characters of unpadded base64url: within the
// server's 1..64 printable ASCII, and too many bits for two messages ever to share one.
std::string new_idempotency_key();

}  // namespace hearth::client
