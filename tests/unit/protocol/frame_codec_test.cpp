#include "protocol/frame_codec.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

using namespace hearth::protocol;
using hearth::v1::ClientFrame;
using hearth::v1::ServerFrame;

namespace {

ClientFrame send_frame(std::uint32_t id, const std::string& text) {
  ClientFrame frame;
  frame.set_request_id(id);
  frame.mutable_send_message()->set_room_id(7);
  frame.mutable_send_message()->set_text(text);
  return frame;
}

ServerFrame event_frame(std::uint64_t seq) {
  ServerFrame frame;
  auto* message = frame.mutable_event()->mutable_message_posted();
  message->set_room_id(1);
  message->set_seq(seq);
  message->set_text("text " + std::to_string(seq));
  return frame;
}

// Wraps `inner` as field 15 (unknown to ClientFrame) length-delimited, `depth` times.
std::string nested_unknown(int depth) {
  std::string bytes;
  for (int i = 0; i < depth; ++i) {
    std::string wrapped;
    wrapped.push_back(static_cast<char>((15 << 3) | 3));  // start group 15
    wrapped += bytes;
    wrapped.push_back(static_cast<char>((15 << 3) | 4));  // end group 15
    bytes = wrapped;
  }
  return bytes;
}

}  // namespace

TEST_CASE("a ClientFrame round-trips", "[codec]") {
  ClientFrame decoded;
  REQUIRE(decode_client_frame(encode_client_frame(send_frame(9, "hello")), decoded) == DecodeStatus::kOk);
  CHECK(decoded.request_id() == 9);
  CHECK(decoded.send_message().text() == "hello");
}

TEST_CASE("frames over the limit are refused before parsing", "[codec]") {
  DecodeLimits limits;
  limits.max_frame_bytes = 100;
  ClientFrame decoded;
  CHECK(decode_client_frame(encode_client_frame(send_frame(1, std::string(200, 'x'))), decoded, limits) ==
        DecodeStatus::kTooLarge);
}

TEST_CASE("garbage, truncation and invalid UTF-8 are malformed", "[codec]") {
  ClientFrame decoded;
  CHECK(decode_client_frame(std::string("\xff\xff\xff\xff\xff\xff", 6), decoded) == DecodeStatus::kMalformed);
  const std::string whole = encode_client_frame(send_frame(1, "a longer message body"));
  CHECK(decode_client_frame(whole.substr(0, whole.size() - 3), decoded) == DecodeStatus::kMalformed);
  CHECK(decode_client_frame(encode_client_frame(send_frame(1, "bad \xc3\x28 utf8")), decoded) ==
        DecodeStatus::kMalformed);
  // Wire type 6 does not exist.
  CHECK(decode_client_frame(std::string("\x0e\x01", 2), decoded) == DecodeStatus::kMalformed);
  // A known field with the wrong wire type is set aside as unknown, then dropped: no request.
  CHECK(decode_client_frame(std::string("\x0a\x01\x01", 3), decoded) == DecodeStatus::kEmpty);
}

TEST_CASE("a frame without a request is kEmpty and keeps its request_id", "[codec]") {
  ClientFrame frame;
  frame.set_request_id(42);
  ClientFrame decoded;
  CHECK(decode_client_frame(frame.SerializeAsString(), decoded) == DecodeStatus::kEmpty);
  CHECK(decoded.request_id() == 42);
}

TEST_CASE("hostile nesting is refused - modest nesting is fine", "[codec]") {
  ClientFrame decoded;
  const std::string base = encode_client_frame(send_frame(1, "x"));
  CHECK(decode_client_frame(base + nested_unknown(4), decoded) == DecodeStatus::kOk);
  CHECK(decode_client_frame(base + nested_unknown(200), decoded) == DecodeStatus::kMalformed);
}

TEST_CASE("unknown fields are dropped and never travel further", "[codec]") {
  const std::string base = encode_client_frame(send_frame(1, "x"));
  std::string with_unknown = base;
  with_unknown.push_back(static_cast<char>((99 << 3 | 2) & 0x7f | 0x80));
  with_unknown.push_back(static_cast<char>(99 >> 4));
  with_unknown += std::string("\x03" "abc", 4);
  ClientFrame decoded;
  REQUIRE(decode_client_frame(with_unknown, decoded) == DecodeStatus::kOk);
  CHECK(decoded.SerializeAsString() == base);
}

TEST_CASE("several ServerFrames share one message and come back in order", "[codec]") {
  std::string message;
  for (std::uint64_t seq = 1; seq <= 5; ++seq) append_server_frame(event_frame(seq), message);
  std::vector<std::uint64_t> seqs;
  REQUIRE(decode_server_frames(message, [&](ServerFrame&& frame) { seqs.push_back(frame.event().message_posted().seq()); }));
  CHECK(seqs == std::vector<std::uint64_t>{1, 2, 3, 4, 5});
}

TEST_CASE("a truncated batch delivers the whole frames before the fault", "[codec]") {
  std::string message;
  append_server_frame(event_frame(1), message);
  append_server_frame(event_frame(2), message);
  const std::size_t first_two = message.size();
  append_server_frame(event_frame(3), message);
  std::vector<std::uint64_t> seqs;
  CHECK_FALSE(decode_server_frames(message.substr(0, first_two + 4),
                                   [&](ServerFrame&& frame) { seqs.push_back(frame.event().message_posted().seq()); }));
  CHECK(seqs == std::vector<std::uint64_t>{1, 2});
}

TEST_CASE("a length prefix beyond the buffer is refused without reading past it", "[codec]") {
  const std::string message("\xff\x7f\x01\x02", 4);  // claims 16383 bytes
  int frames = 0;
  CHECK_FALSE(decode_server_frames(message, [&](ServerFrame&&) { ++frames; }));
  CHECK(frames == 0);
}

TEST_CASE("make_shared_frame equals append_server_frame", "[codec]") {
  std::string appended;
  append_server_frame(event_frame(3), appended);
  CHECK(*make_shared_frame(event_frame(3)) == appended);
}

TEST_CASE("the worked example in protocol/README.md is what the codec writes", "[codec]") {
  ServerFrame response;
  response.mutable_response()->set_request_id(1);
  response.mutable_response()->mutable_ok();
  ServerFrame event;
  auto* posted = event.mutable_event()->mutable_message_posted();
  posted->set_room_id(1);
  posted->set_seq(2);
  posted->set_text("hi");
  std::string message;
  append_server_frame(response, message);
  append_server_frame(event, message);
  CHECK(message == std::string("\x06\x0a\x04\x08\x01\x1a\x00"
                               "\x0c\x12\x0a\x0a\x08\x08\x01\x10\x02\x2a\x02\x68\x69", 20));
  ClientFrame request;
  request.set_request_id(1);
  request.mutable_who_am_i();
  CHECK(encode_client_frame(request) == std::string("\x08\x01\x72\x00", 4));
}
