// libFuzzer target: the WebSocket framing every client byte goes through first, the frame decoder
// after it, and the clients' batch decoder, all on the same bytes. No sockets, no state. A broken invariant aborts, so libFuzzer (and
// the corpus replay under the sanitizers) reports it like a crash.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "protocol/frame_codec.h"
#include "protocol/websocket_framing.h"

namespace {

namespace protocol = hearth::protocol;

void check(bool invariant) {
  if (!invariant) std::abort();
}

bool has_unknown_fields(const google::protobuf::Message& message) {
  return !message.GetReflection()->GetUnknownFields(message).empty();
}

// A frame the server accepts (with or without a body) re-encodes to bytes that decode to the
// same frame with the same status: nothing the server relays can change meaning on a second hop.
void check_client_frame(std::string_view bytes) {
  hearth::v1::ClientFrame frame;
  const protocol::DecodeStatus status = protocol::decode_client_frame(bytes, frame);
  check(!has_unknown_fields(frame));  // dropped on every path, malformed included
  if (status != protocol::DecodeStatus::kOk && status != protocol::DecodeStatus::kEmpty) return;

  const std::string again = protocol::encode_client_frame(frame);
  hearth::v1::ClientFrame second;
  check(protocol::decode_client_frame(again, second) == status);
  check(protocol::encode_client_frame(second) == again);
}

// Whatever frames a batch yields re-append into a batch that decodes whole, to the same bytes.
void check_server_batch(std::string_view bytes) {
  std::string rebuilt;
  protocol::decode_server_frames(
      bytes, [&](hearth::v1::ServerFrame&& frame) { protocol::append_server_frame(frame, rebuilt); });
  std::string again;
  check(protocol::decode_server_frames(
      rebuilt, [&](hearth::v1::ServerFrame&& frame) { protocol::append_server_frame(frame, again); }));
  check(again == rebuilt);
}

// The WebSocket framing every client byte meets before anything else: it never reads past its
// input, always moves forward, hands out nothing over its limit, and stops at the first error.
void check_websocket_frames(std::string_view bytes) {
  namespace ws = protocol::websocket;
  using Kind = ws::ClientFrameParser::Result::Kind;
  constexpr std::size_t kLimit = 4096;
  std::string input(bytes);
  ws::ClientFrameParser parser(kLimit);
  std::size_t used = 0;
  for (;;) {
    const auto result = parser.next({input.data() + used, input.size() - used});
    check(result.consumed <= input.size() - used);
    if (result.kind == Kind::kNeedMore || result.kind == Kind::kError) {
      check(result.consumed == 0);
      check(result.kind == Kind::kNeedMore || !result.reason.empty());
      return;
    }
    check(result.consumed > 0);
    if (result.kind == Kind::kMessage) {
      check(result.payload.size() <= kLimit);
      check_client_frame(result.payload);  // what the server does next with a message
    }
    if (result.kind == Kind::kClose) {
      check(ws::is_valid_utf8(result.reason));
      return;
    }
    used += result.consumed;
  }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  protocol::quiet_protobuf_parse_logs();  // invalid UTF-8 is the fuzzer's daily bread
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  check_client_frame(bytes);
  check_server_batch(bytes);
  check_websocket_frames(bytes);
  return 0;
}
