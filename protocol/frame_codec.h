// Framing of hearth.v1 on WebSocket binary messages (see protocol/README.md):
//   client -> server: one ClientFrame per message, no prefix;
//   server -> client: one or more ServerFrames per message, each prefixed by its varint length.
// Pure functions, no I/O; safe to call from any thread.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "hearth/v1/frames.pb.h"
#include "protocol/limits.h"

namespace hearth::protocol {

enum class DecodeStatus {
  kOk,
  kTooLarge,    // over max_frame_bytes
  kMalformed,   // not a valid ClientFrame (bad wire format, bad UTF-8, too deep, trailing bytes)
  kEmpty,       // decodes, but carries no request body
  kOutOfRange,  // a uint64 id or cursor of 2^63 or more (see protocol/README.md, "Numbers")
};

// Parses one ClientFrame from `bytes` within `limits`. Unknown fields are dropped, so nothing the
// server does not understand is ever stored or relayed. On kMalformed or kEmpty, `frame` holds
// whatever could be read (its request_id may still be useful for the error response). On
// kOutOfRange the frame is whole and `problem`, if given, names the field ("history.after_seq").
DecodeStatus decode_client_frame(std::string_view bytes, hearth::v1::ClientFrame& frame,
                                 const DecodeLimits& limits = default_decode_limits(),
                                 std::string* problem = nullptr);

// A short, content-free description of a status for logs and error messages.
std::string_view describe(DecodeStatus status);

// Appends `frame` to `out` as varint length + bytes.
void append_server_frame(const hearth::v1::ServerFrame& frame, std::string& out);

// One length-prefixed ServerFrame, immutable and shareable: what a room serializes once and
// hands to every member's outbound queue.
using SharedFrame = std::shared_ptr<const std::string>;
SharedFrame make_shared_frame(const hearth::v1::ServerFrame& frame);

// Splits one server WebSocket message into its frames, calling `on_frame` for each in order.
// Returns false (having delivered the frames before the fault) if the message is malformed.
bool decode_server_frames(std::string_view message,
                          const std::function<void(hearth::v1::ServerFrame&&)>& on_frame,
                          const DecodeLimits& limits = default_decode_limits());
// The same, parsing each frame into the message `next_frame` hands out (say, one on a reused
// protobuf arena, for a reader that must not allocate per frame).
bool decode_server_frames_into(std::string_view message,
                               const std::function<hearth::v1::ServerFrame&()>& next_frame,
                               const DecodeLimits& limits = default_decode_limits());

// Protobuf logs a line to stderr for every string field with invalid UTF-8: a peer could fill
// the logs that way. Call once at start (hearthd, fuzzers) to drop those messages; the decoder
// already answers such frames with kMalformed. Fatal messages still reach stderr.
void quiet_protobuf_parse_logs();

// Encodes one ClientFrame (for clients).
std::string encode_client_frame(const hearth::v1::ClientFrame& frame);

}  // namespace hearth::protocol
