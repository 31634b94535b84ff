#include "protocol/frame_codec.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>
#include <google/protobuf/stubs/logging.h>

#include <algorithm>
#include <cstdio>
#include <limits>
#include <vector>

namespace hearth::protocol {

namespace pbio = google::protobuf::io;

namespace {

// CodedInputStream counts in int: anything larger cannot be parsed, and a limit of 2 GiB or more
// would wrap negative when narrowed.
constexpr std::size_t kMaxStreamBytes = std::numeric_limits<int>::max();

bool parse_bounded(std::string_view bytes, google::protobuf::Message& message,
                   const DecodeLimits& limits) {
  if (bytes.size() > kMaxStreamBytes) return false;
  pbio::CodedInputStream input(reinterpret_cast<const std::uint8_t*>(bytes.data()),
                               static_cast<int>(bytes.size()));
  input.SetTotalBytesLimit(static_cast<int>(std::min(limits.max_frame_bytes, kMaxStreamBytes)));
  input.SetRecursionLimit(limits.max_nesting_depth);
  return message.ParseFromCodedStream(&input) && input.ConsumedEntireMessage();
}

// Every uint64 of hearth.v1 is an id or a cursor the server hands out from SQLite, whose
// integers are signed 64-bit: 2^63 and above names nothing, and passed on it would read as a
// negative number (after_seq 2^64-1 as -1: the whole room). Refused here, once for every field.
constexpr std::uint64_t kFirstOutOfRange = std::uint64_t{1} << 63;

// Finds a uint64 field of `message` (or of a message inside it) at 2^63 or more; on a find,
// `path` is its dotted name. Only fields that are set are visited: a frame costs what it carries.
bool find_out_of_range(const google::protobuf::Message& message, std::string& path) {
  using google::protobuf::FieldDescriptor;
  const google::protobuf::Reflection* reflection = message.GetReflection();
  std::vector<const FieldDescriptor*> fields;
  reflection->ListFields(message, &fields);
  for (const FieldDescriptor* field : fields) {
    const int count = field->is_repeated() ? reflection->FieldSize(message, field) : 1;
    if (field->cpp_type() == FieldDescriptor::CPPTYPE_UINT64) {
      for (int i = 0; i < count; ++i) {
        const std::uint64_t value = field->is_repeated() ? reflection->GetRepeatedUInt64(message, field, i)
                                                         : reflection->GetUInt64(message, field);
        if (value >= kFirstOutOfRange) {
          path = field->name();
          return true;
        }
      }
    } else if (field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
      for (int i = 0; i < count; ++i) {
        const auto& inner = field->is_repeated() ? reflection->GetRepeatedMessage(message, field, i)
                                                 : reflection->GetMessage(message, field);
        if (find_out_of_range(inner, path)) {
          path = field->name() + "." + path;
          return true;
        }
      }
    }
  }
  return false;
}

}  // namespace

DecodeStatus decode_client_frame(std::string_view bytes, hearth::v1::ClientFrame& frame,
                                 const DecodeLimits& limits, std::string* problem) {
  frame.Clear();
  if (bytes.size() > limits.max_frame_bytes) return DecodeStatus::kTooLarge;
  const bool parsed = parse_bounded(bytes, frame, limits);
  // Also on failure: whatever part of the frame a caller still looks at holds no unknown bytes.
  frame.DiscardUnknownFields();
  if (!parsed) return DecodeStatus::kMalformed;
  if (frame.body_case() == hearth::v1::ClientFrame::BODY_NOT_SET) return DecodeStatus::kEmpty;
  if (std::string field; find_out_of_range(frame, field)) {
    if (problem) *problem = field + " must be below 2^63 (ids and cursors are signed 64-bit numbers)";
    return DecodeStatus::kOutOfRange;
  }
  return DecodeStatus::kOk;
}

std::string_view describe(DecodeStatus status) {
  switch (status) {
    case DecodeStatus::kOk: return "ok";
    case DecodeStatus::kTooLarge: return "frame is larger than the server's frame limit";
    case DecodeStatus::kMalformed: return "frame is not a valid hearth.v1 ClientFrame";
    case DecodeStatus::kEmpty: return "frame carries no request";
    case DecodeStatus::kOutOfRange: return "an id or cursor is 2^63 or more";
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

namespace {

// Calls `parse(bytes)` for each length-prefixed frame of a server message, in order, until one
// fails. False if a prefix or a frame is broken.
template <typename Parse>
bool for_each_server_frame(std::string_view message, Parse&& parse) {
  if (message.size() > kMaxStreamBytes) return false;
  pbio::CodedInputStream input(reinterpret_cast<const std::uint8_t*>(message.data()),
                               static_cast<int>(message.size()));
  while (!input.ExpectAtEnd()) {
    // Read all 64 bits: ReadVarint32 would keep only the low 32 of a longer prefix, and a
    // prefix of 2^32 + n would then pass for a frame of n bytes.
    std::uint64_t length = 0;
    if (!input.ReadVarint64(&length)) return false;
    const auto offset = static_cast<std::size_t>(input.CurrentPosition());
    if (length > message.size() - offset) return false;
    if (!parse(message.substr(offset, length))) return false;
    input.Skip(static_cast<int>(length));
  }
  return true;
}

}  // namespace

bool decode_server_frames(std::string_view message,
                          const std::function<void(hearth::v1::ServerFrame&&)>& on_frame,
                          const DecodeLimits& limits) {
  return for_each_server_frame(message, [&](std::string_view bytes) {
    hearth::v1::ServerFrame frame;
    if (!parse_bounded(bytes, frame, limits)) return false;
    on_frame(std::move(frame));
    return true;
  });
}

bool decode_server_frames_into(std::string_view message,
                               const std::function<hearth::v1::ServerFrame&()>& next_frame,
                               const DecodeLimits& limits) {
  return for_each_server_frame(message,
                               [&](std::string_view bytes) { return parse_bounded(bytes, next_frame(), limits); });
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
