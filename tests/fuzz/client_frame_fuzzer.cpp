// libFuzzer target: the decoder every client byte goes through first. No sockets, no state.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "protocol/frame_codec.h"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  hearth::protocol::quiet_protobuf_parse_logs();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  hearth::v1::ClientFrame frame;
  if (hearth::protocol::decode_client_frame(bytes, frame) == hearth::protocol::DecodeStatus::kOk) {
    // What decodes must re-encode to something that decodes to the same frame.
    const std::string again = hearth::protocol::encode_client_frame(frame);
    hearth::v1::ClientFrame second;
    if (hearth::protocol::decode_client_frame(again, second) != hearth::protocol::DecodeStatus::kOk ||
        second.SerializeAsString() != again) {
      std::abort();
    }
  }
  // The same bytes as a server batch, for the clients' decoder.
  hearth::protocol::decode_server_frames(bytes, [](hearth::v1::ServerFrame&&) {});
  return 0;
}
