#include "protocol/websocket_framing.h"

#include <catch2/catch.hpp>
#include <cstdint>
#include <string>
#include <vector>

namespace ws = hearth::protocol::websocket;
using Kind = ws::ClientFrameParser::Result::Kind;

namespace {

// A client frame as a browser sends it: masked with `key`, length in its shortest form.
std::string client_frame(unsigned opcode, std::string_view payload, bool final_frame = true,
                         std::uint32_t key = 0x37fa213d) {
  std::string frame;
  ws::append_masked_frame(static_cast<ws::Opcode>(opcode), payload, key, final_frame, frame);
  return frame;
}

ws::ClientFrameParser::Result parse_one(ws::ClientFrameParser& parser, std::string& bytes) {
  return parser.next({bytes.data(), bytes.size()});
}

}  // namespace

TEST_CASE("a masked binary frame is unmasked in place and handed back whole", "[websocket]") {
  ws::ClientFrameParser parser(1 << 20);
  for (const std::size_t size : {0u, 1u, 7u, 8u, 125u, 126u, 1000u, 65535u, 65536u, 70000u}) {
    std::string payload(size, '\0');
    for (std::size_t i = 0; i < size; ++i) payload[i] = static_cast<char>(i * 31 + 7);
    std::string bytes = client_frame(0x2, payload);
    const auto result = parse_one(parser, bytes);
    INFO("size " << size);
    REQUIRE(result.kind == Kind::kMessage);
    CHECK_FALSE(result.text);
    CHECK(result.consumed == bytes.size());
    CHECK(result.payload == payload);
  }
}

TEST_CASE("a frame that has not fully arrived consumes nothing, at any split", "[websocket]") {
  const std::string whole = client_frame(0x2, std::string(300, 'p'));
  for (std::size_t cut = 0; cut < whole.size(); ++cut) {
    ws::ClientFrameParser parser(1 << 20);
    std::string part = whole.substr(0, cut);
    const auto result = parse_one(parser, part);
    INFO("cut at " << cut);
    CHECK(result.kind == Kind::kNeedMore);
    CHECK(result.consumed == 0);
  }
}

TEST_CASE("several frames in one read come out one by one", "[websocket]") {
  ws::ClientFrameParser parser(1024);
  std::string bytes = client_frame(0x2, "one") + client_frame(0x9, "are you there") + client_frame(0x2, "two");
  std::span<char> input(bytes.data(), bytes.size());
  auto first = parser.next(input);
  REQUIRE(first.kind == Kind::kMessage);
  CHECK(first.payload == "one");
  input = input.subspan(first.consumed);
  auto ping = parser.next(input);
  REQUIRE(ping.kind == Kind::kPing);
  CHECK(ping.payload == "are you there");
  input = input.subspan(ping.consumed);
  auto second = parser.next(input);
  REQUIRE(second.kind == Kind::kMessage);
  CHECK(second.payload == "two");
  CHECK(second.consumed == input.size());
}

TEST_CASE("a fragmented message is assembled, with control frames allowed in between", "[websocket]") {
  ws::ClientFrameParser parser(1024);
  std::string bytes = client_frame(0x1, "hel", false) + client_frame(0x9, "") + client_frame(0x0, "lo ", false) +
                      client_frame(0x0, "there");
  std::span<char> input(bytes.data(), bytes.size());
  std::vector<Kind> kinds;
  std::string message;
  bool text = false;
  while (!input.empty()) {
    const auto result = parser.next(input);
    REQUIRE(result.consumed > 0);
    kinds.push_back(result.kind);
    if (result.kind == Kind::kMessage) {
      message = std::string(result.payload);
      text = result.text;
    }
    input = input.subspan(result.consumed);
  }
  CHECK(kinds == std::vector<Kind>{Kind::kProgress, Kind::kPing, Kind::kProgress, Kind::kMessage});
  CHECK(message == "hello there");
  CHECK(text);
  CHECK(parser.buffered_bytes() == 11);  // kept until the next call
  std::string next = client_frame(0x2, "x");
  CHECK(parse_one(parser, next).kind == Kind::kMessage);
  CHECK(parser.buffered_bytes() == 0);
}

TEST_CASE("close frames report the peer's code and reason", "[websocket]") {
  ws::ClientFrameParser parser(1024);
  std::string bytes = client_frame(0x8, std::string("\x03\xe8", 2) + "bye");
  auto result = parse_one(parser, bytes);
  REQUIRE(result.kind == Kind::kClose);
  CHECK(result.code == 1000);
  CHECK(result.reason == "bye");

  ws::ClientFrameParser bare(1024);
  std::string empty = client_frame(0x8, "");
  result = parse_one(bare, empty);
  REQUIRE(result.kind == Kind::kClose);
  CHECK(result.code == ws::close_code::kNoStatus);
}

TEST_CASE("every framing violation is refused with the close code RFC 6455 asks for", "[websocket]") {
  struct Case {
    const char* what;
    std::string bytes;
    std::uint16_t code;
  };
  std::string unmasked = client_frame(0x2, "abc");
  unmasked[1] = static_cast<char>(unmasked[1] & 0x7F);
  std::string reserved_bit = client_frame(0x2, "abc");
  reserved_bit[0] = static_cast<char>(reserved_bit[0] | 0x40);
  // 5 bytes announced with the 16-bit length form.
  std::string long_form_for_short = std::string("\x82\xfe\x00\x05", 4) + "MASK" + "12345";
  std::string top_bit_length = std::string("\x82\xff\x80\x00\x00\x00\x00\x00\x00\x00", 10) + "MASK";
  std::string huge = std::string("\x82\xff\x00\x00\x00\x01\x00\x00\x00\x00", 10) + "MASK";  // 4 GiB announced

  const std::vector<Case> cases = {
      {"unmasked client frame", unmasked, 1002},
      {"reserved bit without an extension", reserved_bit, 1002},
      {"unknown data opcode", client_frame(0x3, "x"), 1002},
      {"unknown control opcode", client_frame(0xB, "x"), 1002},
      {"fragmented control frame", client_frame(0x9, "x", false), 1002},
      {"control frame over 125 bytes", client_frame(0x9, std::string(126, 'x')), 1002},
      {"continuation with no message", client_frame(0x0, "x"), 1002},
      {"new message inside a fragmented one", client_frame(0x2, "a", false) + client_frame(0x2, "b"), 1002},
      {"length not in its shortest form", long_form_for_short, 1002},
      {"length with its top bit set", top_bit_length, 1002},
      {"message over the limit, refused from its header", huge, 1009},
      {"fragments adding up past the limit", client_frame(0x2, std::string(600, 'a'), false) +
                                                 client_frame(0x0, std::string(600, 'b')), 1009},
      {"close frame with one byte", client_frame(0x8, "\x03"), 1002},
      {"close code never sent on the wire", client_frame(0x8, std::string("\x03\xed", 2)), 1002},  // 1005
      {"close code out of range", client_frame(0x8, std::string("\x00\x10", 2)), 1002},
      {"close reason not UTF-8", client_frame(0x8, std::string("\x03\xe8\xc3\x28", 4)), 1007},
  };
  for (const auto& test : cases) {
    INFO(test.what);
    ws::ClientFrameParser parser(1024);
    std::string bytes = test.bytes;
    std::span<char> input(bytes.data(), bytes.size());
    ws::ClientFrameParser::Result result;
    do {
      result = parser.next(input);
      input = input.subspan(result.consumed);
    } while (result.kind == Kind::kProgress);
    CHECK(result.kind == Kind::kError);
    CHECK(result.code == test.code);
    CHECK_FALSE(result.reason.empty());
  }
}

TEST_CASE("a masked client frame has the layout RFC 6455 gives", "[websocket]") {
  std::string frame;
  ws::append_masked_frame(ws::Opcode::kBinary, "Hi", 0x01020304, true, frame);
  CHECK(frame == std::string("\x82\x82\x01\x02\x03\x04", 6) + std::string(1, static_cast<char>('H' ^ 0x01)) + std::string(1, static_cast<char>('i' ^ 0x02)));
  frame.clear();
  ws::append_masked_frame(ws::Opcode::kText, std::string(300, 'x'), 0, false, frame);
  CHECK(frame.substr(0, 4) == std::string("\x01\xfe\x01\x2c", 4));  // not final, 16-bit length 300
  CHECK(frame.size() == 4 + 4 + 300);
}

TEST_CASE("server frame headers use the shortest length form and are never masked", "[websocket]") {
  std::uint8_t header[ws::kMaxServerHeaderBytes];
  CHECK(ws::write_frame_header(ws::Opcode::kBinary, 125, header) == 2);
  CHECK(header[0] == 0x82);
  CHECK(header[1] == 125);
  CHECK(ws::write_frame_header(ws::Opcode::kBinary, 126, header) == 4);
  CHECK(header[1] == 126);
  CHECK(header[2] == 0);
  CHECK(header[3] == 126);
  CHECK(ws::write_frame_header(ws::Opcode::kBinary, 65536, header) == 10);
  CHECK(header[1] == 127);
  CHECK(header[7] == 1);  // 0x00 00 00 00 00 01 00 00
  CHECK(header[9] == 0);

  const std::string close = ws::close_frame(4001, std::string(200, 'r'));
  CHECK(static_cast<unsigned char>(close[0]) == 0x88);
  CHECK(static_cast<unsigned char>(close[1]) == 125);  // code + reason cut to 123 bytes
  CHECK(close.size() == 127);
  // A reason is never cut inside a UTF-8 sequence: 61 two-byte letters plus one that would straddle.
  std::string accented;
  for (int i = 0; i < 62; ++i) accented += "\xc3\xa9";
  const std::string cut = ws::close_frame(1000, accented);
  CHECK(ws::is_valid_utf8(std::string_view(cut).substr(4)));
  CHECK(cut.size() == 4 + 122);
}

TEST_CASE("UTF-8 validation refuses overlongs, surrogates and truncation", "[websocket]") {
  CHECK(ws::is_valid_utf8(""));
  CHECK(ws::is_valid_utf8("plain ascii"));
  CHECK(ws::is_valid_utf8("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x92\x9c"));
  CHECK_FALSE(ws::is_valid_utf8("\xc0\xaf"));           // overlong '/'
  CHECK_FALSE(ws::is_valid_utf8("\xe0\x80\xaf"));       // overlong, three bytes
  CHECK_FALSE(ws::is_valid_utf8("\xed\xa0\x80"));       // surrogate U+D800
  CHECK_FALSE(ws::is_valid_utf8("\xf4\x90\x80\x80"));   // past U+10FFFF
  CHECK_FALSE(ws::is_valid_utf8("\xe2\x82"));           // cut short
  CHECK_FALSE(ws::is_valid_utf8("\x80"));               // a lone continuation byte
  CHECK_FALSE(ws::is_valid_utf8("\xff"));
}

TEST_CASE("a Sec-WebSocket-Key is valid only as the base64 of exactly 16 bytes", "[websocket]") {
  CHECK(ws::is_valid_client_key("dGhlIHNhbXBsZSBub25jZQ=="));  // RFC 6455's example
  CHECK(ws::is_valid_client_key("AAAAAAAAAAAAAAAAAAAA+/=="));
  CHECK_FALSE(ws::is_valid_client_key(""));
  CHECK_FALSE(ws::is_valid_client_key("abc"));
  CHECK_FALSE(ws::is_valid_client_key("AAAAAAAAAAAAAAAAAAAA"));      // 15 bytes
  CHECK_FALSE(ws::is_valid_client_key("AAAAAAAAAAAAAAAAAAAAAAA="));  // 17 bytes
  CHECK_FALSE(ws::is_valid_client_key("AAAAAAAAAAAAAAAAAAAAA==="));  // padding too early
  CHECK_FALSE(ws::is_valid_client_key("AAAAAAAAAA=AAAAAAAAAAA=="));
  CHECK_FALSE(ws::is_valid_client_key("AAAAAAAAAAAAAAAAAAAA-_=="));  // base64url is not base64
  CHECK_FALSE(ws::is_valid_client_key(" dGhlIHNhbXBsZSBub25jZQ="));
}
