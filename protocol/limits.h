// Wire limits shared by the server, the clients and the fuzz target. Every number here is a
// default that hearthd's config can change; the reason for each sits beside it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace hearth::protocol {

// The WebSocket subprotocol a client must offer; anything else is refused at the handshake.
inline constexpr std::string_view kSubprotocol = "hearth.v1";

struct DecodeLimits {
  // One ClientFrame per WebSocket message: 64 KiB holds the longest text with room to spare,
  // and keeps a hostile peer from making the server buffer Beast's default of 16 MB.
  std::size_t max_frame_bytes = 64 * 1024;
  // Our messages nest at most four deep; 16 refuses hostile nesting long before the stack cares.
  int max_nesting_depth = 16;
};

// Returns a process-wide default instance.
const DecodeLimits& default_decode_limits();

// WebSocket close codes Hearth uses besides the standard ones (1000, 1001, 1003, 1009, 1011).
namespace close_code {
inline constexpr std::uint16_t kSlowConsumer = 4001;    // outbound queue over its byte cap
inline constexpr std::uint16_t kAuthTimeout = 4002;     // no successful authentication in time
inline constexpr std::uint16_t kTokenRevoked = 4003;    // logout or revocation of the token in use
inline constexpr std::uint16_t kTooManyConnections = 4004;  // per-account connection cap
inline constexpr std::uint16_t kRateLimited = 4005;     // kept flooding after RATE_LIMITED answers
inline constexpr std::uint16_t kBanned = 4006;          // the account was banned from the server
}  // namespace close_code

}  // namespace hearth::protocol
