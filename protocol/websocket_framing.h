// RFC 6455 framing as the server speaks it, after the opening handshake: parsing what clients
// send (always masked, possibly fragmented) and building what the server sends (never masked,
// never fragmented). No sockets and no allocation on the common path: a whole frame in the
// caller's buffer is unmasked in place and handed back as a view.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace hearth::protocol::websocket {

enum class Opcode : std::uint8_t {
  kContinuation = 0x0,
  kText = 0x1,
  kBinary = 0x2,
  kClose = 0x8,
  kPing = 0x9,
  kPong = 0xA,
};

// Close codes the framing layer itself sends or reports (RFC 6455 section 7.4.1).
namespace close_code {
inline constexpr std::uint16_t kNormal = 1000;
inline constexpr std::uint16_t kGoingAway = 1001;
inline constexpr std::uint16_t kProtocolError = 1002;
inline constexpr std::uint16_t kUnsupportedData = 1003;
inline constexpr std::uint16_t kNoStatus = 1005;  // reported for a close frame without a code; never sent
inline constexpr std::uint16_t kInvalidPayload = 1007;
inline constexpr std::uint16_t kTooBig = 1009;
}  // namespace close_code

// A server frame header holds at most 10 bytes: 2, plus 8 for a 64-bit length, and no mask.
inline constexpr std::size_t kMaxServerHeaderBytes = 10;
// A control frame's payload holds at most this many bytes; a close frame's reason 2 fewer.
inline constexpr std::size_t kMaxControlPayloadBytes = 125;

// Writes the header of a final, unmasked frame carrying `payload_bytes` into `out` and returns
// its length.
std::size_t write_frame_header(Opcode opcode, std::uint64_t payload_bytes,
                               std::uint8_t (&out)[kMaxServerHeaderBytes]);
// A whole ping or pong frame; the payload is cut to kMaxControlPayloadBytes.
std::string control_frame(Opcode opcode, std::string_view payload);
// A whole close frame; the reason is cut to 123 bytes on a UTF-8 character boundary.
std::string close_frame(std::uint16_t code, std::string_view reason);

// Appends a client's frame to `out`: masked with `mask_key`, its length in the shortest form.
// For clients (the load generator) and tests; the server never sends one.
void append_masked_frame(Opcode opcode, std::string_view payload, std::uint32_t mask_key, bool final_frame,
                         std::string& out);

bool is_valid_utf8(std::string_view text);
// Whether `key` is a valid Sec-WebSocket-Key: the base64 of exactly 16 bytes (RFC 6455 4.2.1),
// which is 22 base64 characters and "==".
bool is_valid_client_key(std::string_view key);
// The one WebSocket version spoken (Sec-WebSocket-Version), as RFC 6455 defines it.
inline constexpr std::string_view kVersion = "13";
// Whether a peer may send `code` in a close frame (1005, 1006 and 1015 are never sent).
bool is_sendable_close_code(std::uint16_t code);

// Parses the frames of one client connection. It keeps only a fragmented message's bytes
// between calls; the caller keeps the bytes of a frame that has not fully arrived.
class ClientFrameParser {
 public:
  explicit ClientFrameParser(std::size_t max_message_bytes) : max_message_bytes_(max_message_bytes) {}

  struct Result {
    enum class Kind {
      kNeedMore,  // no whole frame at the start of the input: nothing was consumed
      kProgress,  // a fragment was consumed; the message is not complete yet
      kMessage,   // a whole data message: `payload`, `text`
      kPing,      // `payload` must be echoed in a pong
      kPong,
      kClose,     // the peer closes: `code` (kNoStatus if it gave none), `reason`
      kError,     // a protocol violation: close with `code`; `reason` says why (static text)
    };
    Kind kind = Kind::kNeedMore;
    std::size_t consumed = 0;  // bytes of the input this call used
    std::string_view payload;  // valid until the next call or until the input changes
    bool text = false;
    std::uint16_t code = 0;
    std::string_view reason;
  };

  // Parses the frame at the start of `input`, unmasking its payload in place. After kError the
  // connection is beyond repair and the parser must not be called again.
  Result next(std::span<char> input);

  // Bytes held for a fragmented message under assembly.
  std::size_t buffered_bytes() const { return fragments_.size(); }

 private:
  Result fail(std::uint16_t code, std::string_view why);

  const std::size_t max_message_bytes_;
  std::string fragments_;
  bool in_fragmented_message_ = false;
  bool fragmented_text_ = false;
  bool release_fragments_ = false;  // the last call handed out `fragments_`
};

}  // namespace hearth::protocol::websocket
