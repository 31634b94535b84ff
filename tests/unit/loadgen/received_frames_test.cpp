// The load generator reads posted room messages without a protobuf parse (frame_scanner.h);
// these tests hold it to the parse: on real encoded frames and on every kind of frame it must
// leave to the parse, ReceivedFrames gives what protobuf gives.
#include "clients/loadgen/received_frames.h"

#define CATCH_CONFIG_EXTERNAL_INTERFACES  // for the listener below
#include <catch2/catch.hpp>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "protocol/frame_codec.h"

using hearth::loadgen::PostedMessage;
using hearth::loadgen::ReceivedFrames;
using hearth::loadgen::scan_posted_message;
using hearth::loadgen::take_server_frame;
using hearth::v1::ServerFrame;

namespace {

// Protobuf logs a line for every invalid UTF-8 string it meets; these tests feed it such input.
struct QuietProtobufLogs : Catch::TestEventListenerBase {
  using TestEventListenerBase::TestEventListenerBase;
  void testRunStarting(const Catch::TestRunInfo&) override { hearth::protocol::quiet_protobuf_parse_logs(); }
};
CATCH_REGISTER_LISTENER(QuietProtobufLogs)

constexpr std::size_t kLimit = 64 * 1024 * 1024;

std::string varint(std::uint64_t value) {
  std::string out;
  for (; value >= 0x80; value >>= 7) out.push_back(static_cast<char>((value & 0x7f) | 0x80));
  out.push_back(static_cast<char>(value));
  return out;
}
std::string tag(std::uint32_t field, std::uint32_t wire_type) { return varint(std::uint64_t{field} << 3 | wire_type); }
std::string varint_field(std::uint32_t field, std::uint64_t value) { return tag(field, 0) + varint(value); }
std::string len_field(std::uint32_t field, std::string_view bytes) {
  return tag(field, 2) + varint(bytes.size()) + std::string(bytes);
}
// A ServerFrame body from RoomMessage bytes: event (2) { message_posted (1) { ... } }.
std::string posted_frame(std::string_view room_message) { return len_field(2, len_field(1, room_message)); }
std::string prefixed(std::string_view body) { return varint(body.size()) + std::string(body); }

// A room message as hearthd posts it, every field set.
ServerFrame full_posted(std::uint64_t seq, const std::string& text) {
  ServerFrame frame;
  auto& message = *frame.mutable_event()->mutable_message_posted();
  message.set_room_id(7);
  message.set_seq(seq);
  message.set_message_id(123456789);
  message.mutable_author()->set_user_id(42);
  message.mutable_author()->set_handle("river-otter");
  message.set_text(text);
  message.set_sent_at_ms(1'700'000'000'000);
  message.set_edited_at_ms(1'700'000'000'500);
  message.set_deleted(true);
  message.set_removed_by_moderator(true);
  return frame;
}

std::string encoded(const ServerFrame& frame) {
  std::string out;
  hearth::protocol::append_server_frame(frame, out);
  return out;
}

// What protobuf makes of one server message: the frames, or nothing if it is malformed.
struct Parsed {
  bool ok = false;
  std::vector<ServerFrame> frames;
};
Parsed protobuf_parse(std::string_view message) {
  hearth::protocol::DecodeLimits limits;
  limits.max_frame_bytes = kLimit;
  Parsed parsed;
  parsed.ok = hearth::protocol::decode_server_frames(
      message, [&](ServerFrame&& frame) { parsed.frames.push_back(std::move(frame)); }, limits);
  return parsed;
}

// ReceivedFrames and protobuf agree on `message`: both refuse it, or both find the same frames
// and the same posted room messages. Returns how many frames the scanner read without a parse.
std::size_t expect_same_as_protobuf(std::string_view message) {
  ReceivedFrames frames;
  const bool ok = frames.add_message(message, kLimit);
  const Parsed reference = protobuf_parse(message);
  REQUIRE(ok == reference.ok);
  if (!ok) return 0;
  REQUIRE(frames.size() == reference.frames.size());
  std::size_t scanned = 0, i = 0;
  for (const auto& frame : frames) {
    const ServerFrame& expected = reference.frames[i++];
    const bool posts = expected.has_event() && expected.event().has_message_posted();
    REQUIRE((frame.message_posted() != nullptr) == posts);
    if (posts) {
      CHECK(frame.message_posted()->seq == expected.event().message_posted().seq());
      CHECK(frame.message_posted()->text == expected.event().message_posted().text());
    }
    if (frame.parsed() == nullptr) {
      ++scanned;
    } else {
      CHECK(frame.parsed()->SerializeAsString() == expected.SerializeAsString());
    }
  }
  return scanned;
}

}  // namespace

TEST_CASE("a posted room message as hearthd encodes it is read without a parse") {
  const std::string text = "t18c9a2f3b4d00 xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx";
  const std::string message = encoded(full_posted(41, text)) + encoded(full_posted(42, text));
  std::string_view rest = message, framed, body;
  REQUIRE(take_server_frame(rest, framed, body));
  PostedMessage posted;
  REQUIRE(scan_posted_message(body, posted));
  CHECK(posted.seq == 41);
  CHECK(posted.text == text);
  CHECK(expect_same_as_protobuf(message) == 2);

  ReceivedFrames frames;
  REQUIRE(frames.add_message(message, kLimit));
  REQUIRE(frames.size() == 2);
  CHECK(frames.begin()->message_posted()->seq == 41);
  CHECK((frames.begin() + 1)->message_posted()->seq == 42);
  CHECK(frames.begin()->response() == nullptr);
}

TEST_CASE("the scanner reads the shortest posted messages and the widest seqs") {
  ServerFrame empty;
  empty.mutable_event()->mutable_message_posted();
  CHECK(expect_same_as_protobuf(encoded(empty)) == 1);
  CHECK(expect_same_as_protobuf(encoded(full_posted(~std::uint64_t{0}, ""))) == 1);
  CHECK(expect_same_as_protobuf(encoded(full_posted(std::uint64_t{1} << 63, "t0 "))) == 1);
}

TEST_CASE("encodings protobuf takes that hearthd does not write are read alike") {
  // A tag written longer than it needs to be; fields in another order.
  CHECK(expect_same_as_protobuf(prefixed(posted_frame(std::string("\x90\x00", 2) + varint(5) + len_field(5, "t1 ")))) ==
        1);
  CHECK(expect_same_as_protobuf(prefixed(posted_frame(len_field(5, "t1 ") + varint_field(9, 0) + varint_field(2, 6)))) ==
        1);
}

TEST_CASE("every other frame kind is parsed") {
  ServerFrame response;
  response.mutable_response()->set_request_id(9);
  response.mutable_response()->mutable_error()->set_message("no");
  ServerFrame joined;
  joined.mutable_event()->mutable_member_joined();
  ServerFrame disconnecting;
  disconnecting.mutable_event()->mutable_disconnecting()->set_close_code(4001);
  ServerFrame nothing;
  const std::string message =
      encoded(response) + encoded(joined) + encoded(full_posted(3, "t1 ")) + encoded(disconnecting) + encoded(nothing);
  CHECK(expect_same_as_protobuf(message) == 1);

  ReceivedFrames frames;
  REQUIRE(frames.add_message(message, kLimit));
  REQUIRE(frames.begin()->response() != nullptr);
  CHECK(frames.begin()->response()->request_id() == 9);
}

TEST_CASE("a posted message in any shape the scanner does not take gets protobuf's answer") {
  const std::string author = len_field(4, varint_field(1, 42) + len_field(2, "river-otter"));
  const std::string usual = varint_field(1, 7) + varint_field(2, 5) + author + len_field(5, "t1 hello");
  const std::vector<std::string> bodies = {
      // unknown fields, at each level
      posted_frame(usual + varint_field(99, 1)),
      posted_frame(usual + len_field(15, "x")),
      posted_frame(varint_field(1, 7) + varint_field(2, 5) + len_field(4, varint_field(3, 1)) + len_field(5, "t1 ")),
      len_field(2, len_field(1, usual) + varint_field(40, 1)),
      len_field(2, len_field(1, usual)) + varint_field(3, 1),
      // fields repeated: the last seq wins, authors merge
      posted_frame(usual + varint_field(2, 9)),
      posted_frame(usual + author),
      len_field(2, len_field(1, usual) + len_field(1, varint_field(2, 8))),
      len_field(2, len_field(1, usual)) + len_field(2, len_field(1, varint_field(2, 8))),
      // a known field with another wire type (protobuf keeps it as an unknown field)
      posted_frame(varint_field(1, 7) + len_field(2, "5") + len_field(5, "t1 ")),
      posted_frame(varint_field(1, 7) + varint_field(2, 5) + varint_field(5, 3)),
      posted_frame(tag(2, 1) + std::string(8, '\x01')),
      // another event, or the response, alongside
      len_field(2, len_field(1, usual) + len_field(4, "")),
      len_field(1, varint_field(1, 3)) + len_field(2, len_field(1, usual)),
      // text and handles beyond ASCII: valid UTF-8, then invalid
      posted_frame(varint_field(2, 5) + len_field(5, "t1 gr\xc3\xbc\xc3\x9f" "e")),
      posted_frame(varint_field(2, 5) + len_field(4, len_field(2, "\xc3\xa9lodie")) + len_field(5, "t1 ")),
      posted_frame(varint_field(2, 5) + len_field(5, "t1 \xff\xfe")),
      posted_frame(varint_field(2, 5) + len_field(4, len_field(2, "\xc3")) + len_field(5, "t1 ")),
      // a varint too wide for 64 bits
      posted_frame(tag(2, 0) + std::string("\xff\xff\xff\xff\xff\xff\xff\xff\xff\x7f", 10)),
      posted_frame(tag(2, 0) + std::string("\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\x01", 11)),
      // malformed: a field cut short, a length past the end, field number 0, a group
      posted_frame(varint_field(1, 7) + tag(2, 0) + "\x80"),
      posted_frame(varint_field(1, 7) + tag(5, 2) + varint(50) + "t1 "),
      len_field(2, tag(1, 2) + varint(100) + usual),
      posted_frame(varint_field(0, 1) + usual),
      posted_frame(usual + tag(6, 3) + tag(6, 4)),
      posted_frame(usual + tag(6, 4)),
  };
  for (const std::string& body : bodies) {
    INFO("frame bytes: " << body.size());
    PostedMessage posted;
    CHECK_FALSE(scan_posted_message(body, posted));
    CHECK(expect_same_as_protobuf(prefixed(body)) == 0);
  }
}

TEST_CASE("malformed length prefixes refuse the message") {
  const std::string frame = encoded(full_posted(5, "t1 "));
  CHECK(expect_same_as_protobuf(frame.substr(0, frame.size() - 1)) == 0);
  CHECK(expect_same_as_protobuf(std::string("\x80", 1)) == 0);
  CHECK(expect_same_as_protobuf(std::string("\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\x01", 11) + frame) == 0);
  CHECK(expect_same_as_protobuf(varint((std::uint64_t{1} << 32) + frame.size() - 1) + frame.substr(1)) == 0);
  CHECK(expect_same_as_protobuf("") == 0);
}

TEST_CASE("every single-byte change to a posted message gets protobuf's answer") {
  // Whatever a flipped byte turns the frame into (another field, another length, bad UTF-8, a
  // different frame kind), the scanner either reads it as protobuf does or leaves it to the parse.
  const std::string message = encoded(full_posted(300, "t5 hi"));
  std::size_t scanned = 0;
  for (std::size_t i = 0; i < message.size(); ++i) {
    for (const int value : {0x00, 0x01, 0x02, 0x08, 0x0A, 0x12, 0x7F, 0x80, 0xC3, 0xFF}) {
      std::string changed = message;
      changed[i] = static_cast<char>(value);
      INFO("byte " << i << " set to " << value);
      scanned += expect_same_as_protobuf(changed);
    }
  }
  CHECK(scanned > 0);
}
