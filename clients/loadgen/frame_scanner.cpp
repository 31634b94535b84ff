#include "clients/loadgen/frame_scanner.h"

#include <cstddef>

namespace hearth::loadgen {

namespace {

enum WireType : std::uint32_t { kVarint = 0, kLen = 2 };

// The protobuf wire format, read forward; every read fails rather than go past the end.
class WireReader {
 public:
  explicit WireReader(std::string_view bytes)
      : next_(reinterpret_cast<const unsigned char*>(bytes.data())), end_(next_ + bytes.size()) {}

  bool at_end() const { return next_ == end_; }
  std::size_t remaining() const { return static_cast<std::size_t>(end_ - next_); }
  const char* position() const { return reinterpret_cast<const char*>(next_); }

  // At most ten bytes, the tenth carrying only the top bit: a longer or wider one is left to
  // protobuf to judge.
  bool varint(std::uint64_t& value) {
    value = 0;
    for (unsigned shift = 0; shift < 64 && next_ != end_; shift += 7) {
      const unsigned char byte = *next_++;
      if (shift == 63 && byte > 1) return false;
      value |= std::uint64_t{byte & 0x7Fu} << shift;
      if ((byte & 0x80) == 0) return true;
    }
    return false;
  }

  bool tag(std::uint32_t& field, std::uint32_t& wire_type) {
    std::uint64_t tag = 0;
    if (!varint(tag) || tag > 0xFFFFFFFFu) return false;
    field = static_cast<std::uint32_t>(tag >> 3);
    wire_type = static_cast<std::uint32_t>(tag & 7);
    return true;
  }

  // A length-delimited field's bytes, after its tag.
  bool length_delimited(std::string_view& bytes) {
    std::uint64_t length = 0;
    if (!varint(length) || length > remaining()) return false;
    bytes = std::string_view(position(), static_cast<std::size_t>(length));
    next_ += length;
    return true;
  }

 private:
  const unsigned char* next_;
  const unsigned char* end_;
};

// ASCII is valid UTF-8; anything else is left to protobuf's UTF-8 check.
bool is_ascii(std::string_view text) {
  unsigned char seen = 0;
  for (const char c : text) seen |= static_cast<unsigned char>(c);
  return (seen & 0x80) == 0;
}

// `bytes` is one field `field` of wire type LEN and nothing else.
bool only_field(std::string_view bytes, std::uint32_t field, std::string_view& contents) {
  WireReader reader(bytes);
  std::uint32_t number = 0, wire_type = 0;
  return reader.tag(number, wire_type) && number == field && wire_type == kLen &&
         reader.length_delimited(contents) && reader.at_end();
}

// Reads a message whose fields are all varints or ASCII strings, each at most once:
// `wire_types[n]` is field n's wire type, kUnknown for a field number the scanner does not take.
// `on_varint` and `on_string` get each field's value.
constexpr std::uint32_t kUnknown = 0xFF;

template <std::size_t kFields, typename OnVarint, typename OnString>
bool scan_flat_message(std::string_view bytes, const std::uint32_t (&wire_types)[kFields], OnVarint&& on_varint,
                       OnString&& on_string) {
  WireReader reader(bytes);
  std::uint32_t seen = 0;
  static_assert(kFields <= 32);
  while (!reader.at_end()) {
    std::uint32_t field = 0, wire_type = 0;
    if (!reader.tag(field, wire_type) || field >= kFields || wire_types[field] != wire_type) return false;
    if ((seen & (1u << field)) != 0) return false;  // protobuf merges repeats: its call
    seen |= 1u << field;
    if (wire_type == kVarint) {
      std::uint64_t value = 0;
      if (!reader.varint(value)) return false;
      on_varint(field, value);
    } else {
      std::string_view value;
      if (!reader.length_delimited(value) || !on_string(field, value)) return false;
    }
  }
  return true;
}

// hearth.v1.UserRef: user_id = 1, handle = 2.
constexpr std::uint32_t kUserRefWireTypes[] = {kUnknown, kVarint, kLen};
// hearth.v1.RoomMessage: room_id = 1, seq = 2, message_id = 3, author = 4 (UserRef), text = 5,
// sent_at_ms = 6, edited_at_ms = 7, deleted = 8, removed_by_moderator = 9.
constexpr std::uint32_t kRoomMessageWireTypes[] = {kUnknown, kVarint, kVarint, kVarint, kLen, kLen,
                                                   kVarint,  kVarint, kVarint, kVarint};
constexpr std::uint32_t kRoomMessageSeq = 2;
constexpr std::uint32_t kRoomMessageAuthor = 4;
constexpr std::uint32_t kRoomMessageText = 5;
constexpr std::uint32_t kServerFrameEvent = 2;
constexpr std::uint32_t kEventMessagePosted = 1;

bool scan_user_ref(std::string_view bytes) {
  return scan_flat_message(
      bytes, kUserRefWireTypes, [](std::uint32_t, std::uint64_t) {},
      [](std::uint32_t, std::string_view handle) { return is_ascii(handle); });
}

}  // namespace

bool take_server_frame(std::string_view& message, std::string_view& framed, std::string_view& body) {
  WireReader reader(message);
  std::string_view frame;
  if (!reader.length_delimited(frame)) return false;
  framed = message.substr(0, static_cast<std::size_t>(reader.position() - message.data()));
  body = frame;
  message.remove_prefix(framed.size());
  return true;
}

bool scan_posted_message(std::string_view frame, PostedMessage& posted) {
  std::string_view event, message;
  if (!only_field(frame, kServerFrameEvent, event) || !only_field(event, kEventMessagePosted, message)) return false;
  PostedMessage scanned;
  const bool taken = scan_flat_message(
      message, kRoomMessageWireTypes,
      [&scanned](std::uint32_t field, std::uint64_t value) {
        if (field == kRoomMessageSeq) scanned.seq = value;
      },
      [&scanned](std::uint32_t field, std::string_view value) {
        if (field == kRoomMessageAuthor) return scan_user_ref(value);
        if (field == kRoomMessageText) scanned.text = value;
        return is_ascii(value);
      });
  if (taken) posted = scanned;
  return taken;
}

}  // namespace hearth::loadgen
