#include "protocol/frame_codec.h"

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>
#include <google/protobuf/stubs/logging.h>

#include <cstdio>

namespace hearth::protocol {

namespace pbio = google::protobuf::io;

namespace {

bool parse_bounded(std::string_view bytes, google::protobuf::Message& message,
                   const DecodeLimits& limits) {
  pbio::CodedInputStream input(reinterpret_cast<const std::uint8_t*>(bytes.data()),
                               static_cast<int>(bytes.size()));
  input.SetTotalBytesLimit(static_cast<int>(limits.max_frame_bytes));
  input.SetRecursionLimit(limits.max_nesting_depth);
  return message.ParseFromCodedStream(&input) && input.ConsumedEntireMessage();
}

}  // namespace

DecodeStatus decode_client_frame(std::string_view bytes, hearth::v1::ClientFrame& frame,
                                 const DecodeLimits& limits) {
  frame.Clear();
  if (bytes.size() > limits.max_frame_bytes) return DecodeStatus::kTooLarge;
  if (!parse_bounded(bytes, frame, limits)) return DecodeStatus::kMalformed;
  frame.DiscardUnknownFields();
  if (frame.body_case() == hearth::v1::ClientFrame::BODY_NOT_SET) return DecodeStatus::kEmpty;
  return DecodeStatus::kOk;
}

std::string_view describe(DecodeStatus status) {
  switch (status) {
    case DecodeStatus::kOk: return "ok";
    case DecodeStatus::kTooLarge: return "frame is larger than the server's frame limit";
    case DecodeStatus::kMalformed: return "frame is not a valid hearth.v1 ClientFrame";
    case DecodeStatus::kEmpty: return "frame carries no request";
  }
  return "unknown";
}

void append_server_frame(const hearth::v1::ServerFrame& frame, std::string& out) {
  const std::size_t body = frame.ByteSizeLong();
  std::uint8_t prefix[5];  // a varint32 takes at most 5 bytes
  std::uint8_t* end = pbio::CodedOutputStream::WriteVarint32ToArray(
      static_cast<std::uint32_t>(body), prefix);
  const std::size_t old_size = out.size();
  out.append(reinterpret_cast<const char*>(prefix), static_cast<std::size_t>(end - prefix));
  out.resize(out.size() + body);
  frame.SerializeWithCachedSizesToArray(
      reinterpret_cast<std::uint8_t*>(out.data() + old_size + (end - prefix)));
}

SharedFrame make_shared_frame(const hearth::v1::ServerFrame& frame) {
  auto bytes = std::make_shared<std::string>();
  append_server_frame(frame, *bytes);
  return bytes;
}

bool decode_server_frames(std::string_view message,
                          const std::function<void(hearth::v1::ServerFrame&&)>& on_frame,
                          const DecodeLimits& limits) {
  pbio::CodedInputStream input(reinterpret_cast<const std::uint8_t*>(message.data()),
                               static_cast<int>(message.size()));
  while (!input.ExpectAtEnd()) {
    std::uint32_t length = 0;
    if (!input.ReadVarint32(&length)) return false;
    if (length > message.size()) return false;
    const void* data = nullptr;
    int available = 0;
    if (!input.GetDirectBufferPointer(&data, &available) && length != 0) return false;
    if (static_cast<std::uint32_t>(available) < length) return false;
    hearth::v1::ServerFrame frame;
    if (!parse_bounded(std::string_view(static_cast<const char*>(data), length), frame, limits)) {
      return false;
    }
    input.Skip(static_cast<int>(length));
    on_frame(std::move(frame));
  }
  return true;
}

void quiet_protobuf_parse_logs() {
  google::protobuf::SetLogHandler([](google::protobuf::LogLevel level, const char* file, int line,
                                     const std::string& message) {
    if (level == google::protobuf::LOGLEVEL_FATAL) {
      std::fprintf(stderr, "protobuf fatal: %s:%d: %s\n", file, line, message.c_str());
    }
  });
}

std::string encode_client_frame(const hearth::v1::ClientFrame& frame) {
  return frame.SerializeAsString();
}

}  // namespace hearth::protocol
