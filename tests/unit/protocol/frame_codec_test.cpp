#include "protocol/frame_codec.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/unknown_field_set.h>

#define CATCH_CONFIG_EXTERNAL_INTERFACES  // for the listener below
#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

using namespace hearth::protocol;
using hearth::v1::ClientFrame;
using hearth::v1::ServerFrame;

namespace {

// Protobuf logs a line for every invalid UTF-8 string it meets, also in the slop bytes of a torn
// frame; hearthd silences that the same way, and these tests feed it such input on purpose.
struct QuietProtobufLogs : Catch::TestEventListenerBase {
  using TestEventListenerBase::TestEventListenerBase;
  void testRunStarting(const Catch::TestRunInfo&) override { quiet_protobuf_parse_logs(); }
};
CATCH_REGISTER_LISTENER(QuietProtobufLogs)

// Wire types, spelled out so the hand-built inputs below read like the encoding docs.
enum WireType : std::uint32_t { kVarint = 0, kFixed64 = 1, kLen = 2, kStartGroup = 3, kEndGroup = 4, kFixed32 = 5 };

// A field number ClientFrame, ServerFrame and every request leave unused.
constexpr std::uint32_t kUnknownField = 99;

std::string varint(std::uint64_t value) {
  std::string out;
  for (; value >= 0x80; value >>= 7) out.push_back(static_cast<char>((value & 0x7f) | 0x80));
  out.push_back(static_cast<char>(value));
  return out;
}

std::string tag(std::uint32_t field, WireType type) { return varint(std::uint64_t{field} << 3 | type); }

std::string length_delimited(std::uint32_t field, const std::string& payload) {
  return tag(field, kLen) + varint(payload.size()) + payload;
}

// `depth` unknown groups, each inside the previous one: what the recursion limit has to stop.
std::string nested_groups(int depth) {
  std::string open;
  std::string close;
  for (int i = 0; i < depth; ++i) {
    open += tag(kUnknownField, kStartGroup);
    close += tag(kUnknownField, kEndGroup);
  }
  return open + close;
}

ClientFrame send_frame(std::uint32_t id, const std::string& text) {
  ClientFrame frame;
  frame.set_request_id(id);
  frame.mutable_send_message()->set_room_id(7);
  frame.mutable_send_message()->set_text(text);
  return frame;
}

ServerFrame event_frame(std::uint64_t seq, std::size_t text_bytes = 8) {
  ServerFrame frame;
  auto* message = frame.mutable_event()->mutable_message_posted();
  message->set_room_id(1);
  message->set_seq(seq);
  message->set_text(std::string(text_bytes, 'm'));
  return frame;
}

bool has_unknown_fields(const google::protobuf::Message& message) {
  return !message.GetReflection()->GetUnknownFields(message).empty();
}

DecodeStatus decode(const std::string& bytes, const DecodeLimits& limits = default_decode_limits()) {
  ClientFrame frame;
  return decode_client_frame(bytes, frame, limits);
}

// The seqs of the message_posted events in a server message, and whether it decoded whole.
struct Batch {
  bool whole = false;
  std::vector<std::uint64_t> seqs;
};

Batch decode_batch(std::string_view message, const DecodeLimits& limits = default_decode_limits()) {
  Batch batch;
  batch.whole = decode_server_frames(
      message, [&](ServerFrame&& frame) { batch.seqs.push_back(frame.event().message_posted().seq()); },
      limits);
  // The in-place variant (the load generator's) must give the same verdict and the same frames;
  // after a fault it has also handed out the storage of the frame that broke.
  std::deque<ServerFrame> storage;
  const bool whole_in_place = decode_server_frames_into(
      message, [&]() -> ServerFrame& { return storage.emplace_back(); }, limits);
  CHECK(whole_in_place == batch.whole);
  REQUIRE(storage.size() >= batch.seqs.size());
  REQUIRE(storage.size() - batch.seqs.size() <= (batch.whole ? 0u : 1u));
  for (std::size_t i = 0; i < batch.seqs.size(); ++i) CHECK(storage[i].event().message_posted().seq() == batch.seqs[i]);
  return batch;
}

}  // namespace

TEST_CASE("ClientFrames of several kinds round-trip", "[codec]") {
  ClientFrame login;
  login.set_request_id(3);
  login.mutable_login()->set_handle("ann");
  login.mutable_login()->set_password("a calm and quiet evening");
  ClientFrame history;
  history.set_request_id(4);
  history.mutable_history()->set_room_id(2);
  history.mutable_history()->set_after_seq(400);
  const ClientFrame original = GENERATE_COPY(values({send_frame(9, "hello \xe2\x9d\xa4"), login, history}));

  ClientFrame decoded;
  REQUIRE(decode_client_frame(encode_client_frame(original), decoded) == DecodeStatus::kOk);
  CHECK(decoded.body_case() == original.body_case());
  CHECK(decoded.SerializeAsString() == original.SerializeAsString());
}

TEST_CASE("the frame limit is inclusive and checked before parsing", "[codec]") {
  const std::string bytes = encode_client_frame(send_frame(1, std::string(200, 'x')));
  DecodeLimits limits;
  limits.max_frame_bytes = bytes.size();
  CHECK(decode(bytes, limits) == DecodeStatus::kOk);
  limits.max_frame_bytes = bytes.size() - 1;
  CHECK(decode(bytes, limits) == DecodeStatus::kTooLarge);
  // Oversized garbage is too large, not malformed: the parser never sees it.
  CHECK(decode(std::string(limits.max_frame_bytes + 1, '\xff'), limits) == DecodeStatus::kTooLarge);
}

TEST_CASE("broken wire format is malformed", "[codec]") {
  SECTION("garbage") { CHECK(decode(std::string(6, '\xff')) == DecodeStatus::kMalformed); }
  SECTION("wire types 6 and 7 do not exist") {
    CHECK(decode(tag(1, WireType{6}) + "\x01") == DecodeStatus::kMalformed);
    CHECK(decode(tag(kUnknownField, WireType{7}) + "\x01") == DecodeStatus::kMalformed);
  }
  SECTION("an end-group tag with no group open") {
    CHECK(decode(tag(1, kVarint) + "\x05" + tag(kUnknownField, kEndGroup)) == DecodeStatus::kMalformed);
  }
  SECTION("field number 0") { CHECK(decode(length_delimited(0, "a")) == DecodeStatus::kMalformed); }
  SECTION("trailing bytes after a zero tag") {
    CHECK(decode(encode_client_frame(send_frame(1, "x")) + std::string("\0\1", 2)) == DecodeStatus::kMalformed);
  }
  SECTION("a length-delimited field longer than the frame") {
    CHECK(decode(tag(kUnknownField, kLen) + varint(50) + "short") == DecodeStatus::kMalformed);
  }
}

TEST_CASE("a frame cut anywhere inside its request is malformed", "[codec]") {
  const std::string whole = encode_client_frame(send_frame(1, "a longer message body"));
  // Cutting right after request_id leaves a valid frame without a body; every later cut is torn.
  const std::size_t id_only = encode_client_frame(send_frame(1, "")).find(tag(30, kLen));
  REQUIRE(id_only != std::string::npos);
  for (std::size_t cut = id_only + 1; cut < whole.size(); ++cut) {
    INFO("cut at " << cut << " of " << whole.size());
    CHECK(decode(whole.substr(0, cut)) == DecodeStatus::kMalformed);
  }
}

TEST_CASE("a known field number with another valid wire type is read as an unknown field", "[codec]") {
  // Protobuf's rule, not ours: field 1 (request_id) sent length-delimited is set aside as unknown
  // and then dropped, so the frame reads as having no id and no body.
  ClientFrame decoded;
  CHECK(decode_client_frame(length_delimited(1, "\x01"), decoded) == DecodeStatus::kEmpty);
  CHECK(decoded.request_id() == 0);
  // The same for a request field (30, send_message) sent as a varint.
  CHECK(decode_client_frame(tag(1, kVarint) + "\x05" + tag(30, kVarint) + "\x01", decoded) == DecodeStatus::kEmpty);
  CHECK(decoded.request_id() == 5);
  // A body with a wrong wire type whose payload is itself torn is still malformed.
  CHECK(decode(tag(1, kLen) + varint(9) + "ab") == DecodeStatus::kMalformed);
}

TEST_CASE("string fields must be valid UTF-8 but bytes fields need not be", "[codec]") {
  const std::string bad = GENERATE(as<std::string>{}, "bad \xc3\x28 continuation", "\xff", "cut \xe2\x9d",
                                   "overlong \xc0\xaf", "surrogate \xed\xa0\x80");
  INFO("text: " << bad);
  CHECK(decode(encode_client_frame(send_frame(1, bad))) == DecodeStatus::kMalformed);
  ClientFrame login;
  login.set_request_id(2);
  login.mutable_login()->set_handle(bad);
  CHECK(decode(encode_client_frame(login)) == DecodeStatus::kMalformed);

  ClientFrame authenticate;
  authenticate.set_request_id(3);
  authenticate.mutable_authenticate()->set_token(bad);
  CHECK(decode(encode_client_frame(authenticate)) == DecodeStatus::kOk);
}

TEST_CASE("a frame without a request is kEmpty and keeps its request_id", "[codec]") {
  ClientFrame frame;
  frame.set_request_id(42);
  ClientFrame decoded;
  CHECK(decode_client_frame(frame.SerializeAsString(), decoded) == DecodeStatus::kEmpty);
  CHECK(decoded.request_id() == 42);
  CHECK(decode_client_frame("", decoded) == DecodeStatus::kEmpty);
  CHECK(decoded.request_id() == 0);
}

TEST_CASE("nesting deeper than max_nesting_depth is refused", "[codec]") {
  const std::string id = tag(1, kVarint) + "\x05";
  const int limit = default_decode_limits().max_nesting_depth;
  REQUIRE(limit == 16);
  // Each unknown group is one level of CodedInputStream's recursion budget.
  CHECK(decode(id + nested_groups(limit)) == DecodeStatus::kEmpty);
  CHECK(decode(id + nested_groups(limit + 1)) == DecodeStatus::kMalformed);

  // The request message is a level too: inside send_message one group fewer fits.
  const auto inside_request = [](int depth) {
    return encode_client_frame(send_frame(1, "")) + length_delimited(30, nested_groups(depth));
  };
  CHECK(decode(inside_request(limit - 1)) == DecodeStatus::kOk);
  CHECK(decode(inside_request(limit)) == DecodeStatus::kMalformed);

  SECTION("the limit comes from DecodeLimits") {
    DecodeLimits shallow;
    shallow.max_nesting_depth = 3;
    CHECK(decode(id + nested_groups(3), shallow) == DecodeStatus::kEmpty);
    CHECK(decode(id + nested_groups(4), shallow) == DecodeStatus::kMalformed);
  }
  SECTION("hostile depth fails fast instead of exhausting the stack") {
    // 15000 levels are 60000 bytes of tags: under the frame limit, so the parser must see them.
    CHECK(decode(id + nested_groups(15000)) == DecodeStatus::kMalformed);
  }
  SECTION("unknown length-delimited fields are never parsed, so their nesting costs nothing") {
    std::string onion = "x";
    for (int i = 0; i < 1000; ++i) onion = length_delimited(kUnknownField, onion);
    const std::string base = encode_client_frame(send_frame(1, "x"));
    ClientFrame decoded;
    REQUIRE(decode_client_frame(base + onion, decoded) == DecodeStatus::kOk);
    CHECK(decoded.SerializeAsString() == base);
  }
}

TEST_CASE("unknown fields are dropped and never travel further", "[codec]") {
  const std::string unknown = tag(kUnknownField, kVarint) + "\x01" + tag(kUnknownField + 1, kFixed32) +
                              "abcd" + tag(kUnknownField + 2, kFixed64) + "abcdefgh" +
                              length_delimited(kUnknownField + 3, "abc") + nested_groups(2);
  ClientFrame decoded;

  SECTION("at the top level and inside the request") {
    const ClientFrame original = send_frame(1, "x");
    const std::string bytes = original.SerializeAsString() + unknown +
                              length_delimited(30, original.send_message().SerializeAsString() + unknown);
    REQUIRE(decode_client_frame(bytes, decoded) == DecodeStatus::kOk);
    CHECK_FALSE(has_unknown_fields(decoded));
    CHECK_FALSE(has_unknown_fields(decoded.send_message()));
    CHECK(decoded.SerializeAsString() == original.SerializeAsString());
  }
  SECTION("from a frame with no request") {
    REQUIRE(decode_client_frame(tag(1, kVarint) + "\x05" + unknown, decoded) == DecodeStatus::kEmpty);
    CHECK(decoded.SerializeAsString() == tag(1, kVarint) + "\x05");
  }
  SECTION("from a frame that turns out malformed") {
    REQUIRE(decode_client_frame(unknown + encode_client_frame(send_frame(1, "\xff")), decoded) ==
            DecodeStatus::kMalformed);
    CHECK_FALSE(has_unknown_fields(decoded));
  }
}

TEST_CASE("several ServerFrames share one message and come back in order", "[codec]") {
  std::string message = "kept";  // appending must leave what is already in the buffer alone
  append_server_frame(event_frame(1), message);
  append_server_frame(event_frame(2, 300), message);  // a two-byte length prefix
  append_server_frame(ServerFrame{}, message);        // an empty frame is a zero length, no body
  append_server_frame(event_frame(4, 20000), message);  // a three-byte length prefix
  append_server_frame(ServerFrame{}, message);
  REQUIRE(message.substr(0, 4) == "kept");

  const Batch batch = decode_batch(std::string_view(message).substr(4));
  CHECK(batch.whole);
  CHECK(batch.seqs == std::vector<std::uint64_t>{1, 2, 0, 4, 0});
}

TEST_CASE("a truncated batch delivers the whole frames before the fault", "[codec]") {
  std::string message;
  append_server_frame(event_frame(1), message);
  append_server_frame(event_frame(2), message);
  const std::size_t first_two = message.size();
  append_server_frame(event_frame(3, 200), message);
  for (std::size_t cut = first_two + 1; cut < message.size(); ++cut) {
    INFO("cut at " << cut << " of " << message.size());
    const Batch batch = decode_batch(std::string_view(message).substr(0, cut));
    CHECK_FALSE(batch.whole);
    CHECK(batch.seqs == std::vector<std::uint64_t>{1, 2});
  }
}

TEST_CASE("a bad length prefix is refused without reading past the buffer", "[codec]") {
  std::string valid;
  append_server_frame(event_frame(1), valid);
  const std::string body = event_frame(2).SerializeAsString();  // a real frame, wrongly prefixed
  const std::string prefix = GENERATE_COPY(values<std::string>({
      varint(16383),                                   // more than the buffer holds
      varint(0xffffffffu),                             // the largest varint32
      varint((std::uint64_t{1} << 32) + body.size()),  // must not wrap to body.size()
      std::string(11, '\x80'),                         // a varint that never ends
  }));
  // An exactly sized heap copy, so AddressSanitizer reports any read past its end.
  const std::string bytes = valid + prefix + body;
  const auto exact = std::make_unique<char[]>(bytes.size());
  bytes.copy(exact.get(), bytes.size());

  const Batch batch = decode_batch(std::string_view(exact.get(), bytes.size()));
  CHECK_FALSE(batch.whole);
  CHECK(batch.seqs == std::vector<std::uint64_t>{1});
}

TEST_CASE("a batch with a frame that is not a ServerFrame stops there", "[codec]") {
  std::string message;
  append_server_frame(event_frame(1), message);
  message += varint(3) + "\xff\xff\xff";
  append_server_frame(event_frame(3), message);
  const Batch batch = decode_batch(message);
  CHECK_FALSE(batch.whole);
  CHECK(batch.seqs == std::vector<std::uint64_t>{1});
}

TEST_CASE("max_frame_bytes applies to each ServerFrame, not to the batch", "[codec]") {
  std::string message;
  append_server_frame(event_frame(1, 50), message);
  append_server_frame(event_frame(2, 50), message);
  const std::size_t small_frames = message.size();
  append_server_frame(event_frame(3, 500), message);
  DecodeLimits limits;
  limits.max_frame_bytes = small_frames;  // more than each small frame, less than the big one
  const Batch batch = decode_batch(message, limits);
  CHECK_FALSE(batch.whole);
  CHECK(batch.seqs == std::vector<std::uint64_t>{1, 2});
}

TEST_CASE("make_shared_frame equals append_server_frame", "[codec]") {
  const ServerFrame frame = event_frame(3, GENERATE(0, 8, 300));
  std::string appended;
  append_server_frame(frame, appended);
  const SharedFrame shared = make_shared_frame(frame);
  REQUIRE(shared != nullptr);
  CHECK(*shared == appended);
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

namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;

// One uint64 field somewhere inside a ClientFrame: how to reach it from the frame and the name
// the refusal gives it ("history.after_seq", "send_direct.copies.device_id").
struct Uint64Field {
  std::vector<const FieldDescriptor*> path;
  std::string name;
};

void collect_uint64_fields(const Descriptor* type, std::vector<const FieldDescriptor*>& path,
                           std::vector<Uint64Field>& out) {
  for (int i = 0; i < type->field_count(); ++i) {
    const FieldDescriptor* field = type->field(i);
    if (std::find(path.begin(), path.end(), field) != path.end()) continue;  // no recursive types here
    path.push_back(field);
    if (field->cpp_type() == FieldDescriptor::CPPTYPE_UINT64) {
      std::string name;
      for (const FieldDescriptor* step : path) name += (name.empty() ? "" : ".") + step->name();
      out.push_back({path, name});
    } else if (field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
      collect_uint64_fields(field->message_type(), path, out);
    }
    path.pop_back();
  }
}

// A frame with request_id 1 whose field `target` holds `value` (a repeated field: after a valid 1).
ClientFrame frame_with(const Uint64Field& target, std::uint64_t value) {
  ClientFrame frame;
  frame.set_request_id(1);
  Message* message = &frame;
  for (std::size_t i = 0; i + 1 < target.path.size(); ++i) {
    const FieldDescriptor* step = target.path[i];
    message = step->is_repeated() ? message->GetReflection()->AddMessage(message, step)
                                  : message->GetReflection()->MutableMessage(message, step);
  }
  const FieldDescriptor* leaf = target.path.back();
  if (leaf->is_repeated()) {
    message->GetReflection()->AddUInt64(message, leaf, 1);
    message->GetReflection()->AddUInt64(message, leaf, value);
  } else {
    message->GetReflection()->SetUInt64(message, leaf, value);
  }
  return frame;
}

}  // namespace

TEST_CASE("every uint64 id or cursor of 2^63 or more is refused at decode, naming the field", "[codec]") {
  std::vector<const FieldDescriptor*> path;
  std::vector<Uint64Field> fields;
  collect_uint64_fields(ClientFrame::descriptor(), path, fields);
  // The ones the refusal was made for, so that a change to the walk cannot pass by finding none.
  std::vector<std::string> names;
  for (const auto& field : fields) names.push_back(field.name);
  for (const char* expected : {"history.after_seq", "history.before_seq", "fetch_direct.after_dm_id",
                               "ack_direct.dm_ids", "edit_message.message_id", "send_direct.copies.device_id"}) {
    CHECK(std::find(names.begin(), names.end(), expected) != names.end());
  }

  for (const auto& field : fields) {
    INFO(field.name);
    ClientFrame decoded;
    std::string problem;
    CHECK(decode_client_frame(encode_client_frame(frame_with(field, (std::uint64_t{1} << 63) - 1)), decoded,
                              default_decode_limits(), &problem) == DecodeStatus::kOk);
    CHECK(problem.empty());
    for (const std::uint64_t value : {std::uint64_t{1} << 63, ~std::uint64_t{0}}) {
      CHECK(decode_client_frame(encode_client_frame(frame_with(field, value)), decoded, default_decode_limits(),
                                &problem) == DecodeStatus::kOutOfRange);
      CHECK(problem.find(field.name) != std::string::npos);
      CHECK(decoded.request_id() == 1);  // still there for the error response
    }
  }
}
