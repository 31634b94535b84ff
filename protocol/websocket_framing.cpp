#include "protocol/websocket_framing.h"

#include <algorithm>
#include <cstring>

namespace hearth::protocol::websocket {

namespace {

constexpr std::size_t kMaskBytes = 4;
// A fragmented message's buffer is given back after delivery when it grew past this, so one
// large message does not pin memory on an otherwise idle connection.
constexpr std::size_t kMaxKeptFragmentBytes = 64 * 1024;

bool is_control(unsigned opcode) { return (opcode & 0x8) != 0; }

// XORs `payload` with the repeating 4-byte `key`, eight bytes at a time where it can.
void unmask(char* payload, std::size_t size, const unsigned char* key) {
  std::uint64_t wide_key = 0;
  for (std::size_t i = 0; i < 8; ++i) wide_key |= std::uint64_t{key[i % kMaskBytes]} << (8 * i);
  std::size_t i = 0;
  for (; i + 8 <= size; i += 8) {
    std::uint64_t chunk;
    std::memcpy(&chunk, payload + i, 8);
    chunk ^= wide_key;  // the key repeats every 4 bytes, so every 8-byte step starts in phase
    std::memcpy(payload + i, &chunk, 8);
  }
  for (; i < size; ++i) payload[i] = static_cast<char>(payload[i] ^ key[i % kMaskBytes]);
}

// Cuts `text` to at most `limit` bytes without splitting a UTF-8 sequence.
std::string_view cut_utf8(std::string_view text, std::size_t limit) {
  if (text.size() <= limit) return text;
  std::size_t end = limit;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end);
}

}  // namespace

std::size_t write_frame_header(Opcode opcode, std::uint64_t payload_bytes,
                               std::uint8_t (&out)[kMaxServerHeaderBytes]) {
  out[0] = static_cast<std::uint8_t>(0x80 | static_cast<unsigned>(opcode));  // FIN: never fragmented
  if (payload_bytes < 126) {
    out[1] = static_cast<std::uint8_t>(payload_bytes);
    return 2;
  }
  if (payload_bytes <= 0xFFFF) {
    out[1] = 126;
    out[2] = static_cast<std::uint8_t>(payload_bytes >> 8);
    out[3] = static_cast<std::uint8_t>(payload_bytes);
    return 4;
  }
  out[1] = 127;
  for (std::size_t i = 0; i < 8; ++i) out[2 + i] = static_cast<std::uint8_t>(payload_bytes >> (56 - 8 * i));
  return 10;
}

std::string control_frame(Opcode opcode, std::string_view payload) {
  payload = payload.substr(0, kMaxControlPayloadBytes);
  std::uint8_t header[kMaxServerHeaderBytes];
  const std::size_t header_bytes = write_frame_header(opcode, payload.size(), header);
  std::string frame(reinterpret_cast<const char*>(header), header_bytes);
  frame.append(payload);
  return frame;
}

std::string close_frame(std::uint16_t code, std::string_view reason) {
  std::string payload;
  payload.push_back(static_cast<char>(code >> 8));
  payload.push_back(static_cast<char>(code & 0xFF));
  payload.append(cut_utf8(reason, kMaxControlPayloadBytes - 2));
  return control_frame(Opcode::kClose, payload);
}

void append_masked_frame(Opcode opcode, std::string_view payload, std::uint32_t mask_key, bool final_frame,
                         std::string& out) {
  const std::uint64_t size = payload.size();
  out.push_back(static_cast<char>((final_frame ? 0x80 : 0x00) | static_cast<unsigned>(opcode)));
  if (size < 126) {
    out.push_back(static_cast<char>(0x80 | size));
  } else if (size <= 0xFFFF) {
    out.push_back(static_cast<char>(0x80 | 126));
    out.push_back(static_cast<char>(size >> 8));
    out.push_back(static_cast<char>(size & 0xFF));
  } else {
    out.push_back(static_cast<char>(0x80 | 127));
    for (int shift = 56; shift >= 0; shift -= 8) out.push_back(static_cast<char>((size >> shift) & 0xFF));
  }
  const unsigned char key[kMaskBytes] = {static_cast<unsigned char>(mask_key >> 24), static_cast<unsigned char>(mask_key >> 16),
                                         static_cast<unsigned char>(mask_key >> 8), static_cast<unsigned char>(mask_key)};
  out.append(reinterpret_cast<const char*>(key), kMaskBytes);
  const std::size_t start = out.size();
  out.append(payload);
  unmask(out.data() + start, payload.size(), key);  // masking and unmasking are the same XOR
}

bool is_valid_utf8(std::string_view text) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t size = text.size();
  std::size_t i = 0;
  while (i < size) {
    const unsigned lead = bytes[i];
    if (lead < 0x80) {
      ++i;
      continue;
    }
    std::size_t length;
    std::uint32_t code_point;
    std::uint32_t smallest;  // anything below is an overlong encoding
    if ((lead & 0xE0) == 0xC0) {
      length = 2, code_point = lead & 0x1F, smallest = 0x80;
    } else if ((lead & 0xF0) == 0xE0) {
      length = 3, code_point = lead & 0x0F, smallest = 0x800;
    } else if ((lead & 0xF8) == 0xF0) {
      length = 4, code_point = lead & 0x07, smallest = 0x10000;
    } else {
      return false;
    }
    if (size - i < length) return false;
    for (std::size_t k = 1; k < length; ++k) {
      const unsigned next = bytes[i + k];
      if ((next & 0xC0) != 0x80) return false;
      code_point = (code_point << 6) | (next & 0x3F);
    }
    if (code_point < smallest || code_point > 0x10FFFF) return false;
    if (code_point >= 0xD800 && code_point <= 0xDFFF) return false;  // UTF-16 surrogates
    i += length;
  }
  return true;
}

bool is_valid_client_key(std::string_view key) {
  constexpr std::size_t kEncodedBytes = 24;  // 16 bytes: five whole 3-byte groups and one byte
  if (key.size() != kEncodedBytes || !key.ends_with("==")) return false;
  return std::all_of(key.begin(), key.end() - 2, [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/';
  });
}

bool is_sendable_close_code(std::uint16_t code) {
  return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);
}

ClientFrameParser::Result ClientFrameParser::fail(std::uint16_t code, std::string_view why) {
  Result result;
  result.kind = Result::Kind::kError;
  result.code = code;
  result.reason = why;
  return result;
}

ClientFrameParser::Result ClientFrameParser::next(std::span<char> input) {
  if (release_fragments_) {
    release_fragments_ = false;
    fragments_.clear();
    if (fragments_.capacity() > kMaxKeptFragmentBytes) std::string().swap(fragments_);
  }
  Result result;
  if (input.size() < 2) return result;
  const auto* bytes = reinterpret_cast<const unsigned char*>(input.data());
  const bool final_frame = (bytes[0] & 0x80) != 0;
  const unsigned opcode = bytes[0] & 0x0F;
  if ((bytes[0] & 0x70) != 0) {
    return fail(close_code::kProtocolError, "reserved bits set, but no extension was negotiated");
  }
  if ((bytes[1] & 0x80) == 0) return fail(close_code::kProtocolError, "client frames must be masked");

  // Everything about the frame is checked as soon as its header is in, before waiting for a
  // payload: a peer announcing 2^62 bytes is refused now, not buffered.
  std::uint64_t length = bytes[1] & 0x7F;
  const std::size_t length_bytes = length == 126 ? 2 : length == 127 ? 8 : 0;
  const std::size_t header_bytes = 2 + length_bytes + kMaskBytes;
  if (input.size() < header_bytes) return result;
  if (length_bytes > 0) {
    length = 0;
    for (std::size_t i = 0; i < length_bytes; ++i) length = (length << 8) | bytes[2 + i];
    if ((length >> 63) != 0) return fail(close_code::kProtocolError, "frame length has its top bit set");
    if (length < (length_bytes == 2 ? 126u : 0x10000u)) {
      return fail(close_code::kProtocolError, "frame length not in its shortest form");
    }
  }
  if (is_control(opcode)) {
    if (opcode != 0x8 && opcode != 0x9 && opcode != 0xA) return fail(close_code::kProtocolError, "unknown control opcode");
    if (!final_frame) return fail(close_code::kProtocolError, "control frames must not be fragmented");
    if (length > kMaxControlPayloadBytes) return fail(close_code::kProtocolError, "control frame over 125 bytes");
  } else {
    if (opcode > 0x2) return fail(close_code::kProtocolError, "unknown data opcode");
    const bool continuation = opcode == 0x0;
    if (continuation && !in_fragmented_message_) {
      return fail(close_code::kProtocolError, "continuation frame outside a fragmented message");
    }
    if (!continuation && in_fragmented_message_) {
      return fail(close_code::kProtocolError, "a new message began before the fragmented one ended");
    }
    const std::size_t so_far = continuation ? fragments_.size() : 0;  // never above the limit
    if (length > max_message_bytes_ - so_far) return fail(close_code::kTooBig, "message over the size limit");
  }
  if (input.size() - header_bytes < length) return result;

  char* payload = input.data() + header_bytes;
  unmask(payload, length, bytes + header_bytes - kMaskBytes);
  const std::string_view body(payload, length);
  result.consumed = header_bytes + length;

  switch (opcode) {
    case 0x8:
      result.kind = Result::Kind::kClose;
      if (body.empty()) {
        result.code = close_code::kNoStatus;
        return result;
      }
      if (body.size() == 1) return fail(close_code::kProtocolError, "close frame with a 1-byte payload");
      result.code = static_cast<std::uint16_t>((static_cast<unsigned char>(body[0]) << 8) |
                                               static_cast<unsigned char>(body[1]));
      if (!is_sendable_close_code(result.code)) return fail(close_code::kProtocolError, "invalid close code");
      result.reason = body.substr(2);
      if (!is_valid_utf8(result.reason)) return fail(close_code::kInvalidPayload, "close reason is not UTF-8");
      return result;
    case 0x9:
      result.kind = Result::Kind::kPing;
      result.payload = body;
      return result;
    case 0xA:
      result.kind = Result::Kind::kPong;
      result.payload = body;
      return result;
    case 0x0:
      fragments_.append(body);
      if (!final_frame) {
        result.kind = Result::Kind::kProgress;
        return result;
      }
      in_fragmented_message_ = false;
      release_fragments_ = true;
      result.kind = Result::Kind::kMessage;
      result.text = fragmented_text_;
      result.payload = fragments_;
      return result;
    default:  // text or binary
      if (!final_frame) {
        in_fragmented_message_ = true;
        fragmented_text_ = opcode == 0x1;
        fragments_.assign(body);
        result.kind = Result::Kind::kProgress;
        return result;
      }
      result.kind = Result::Kind::kMessage;
      result.text = opcode == 0x1;
      result.payload = body;
      return result;
  }
}

}  // namespace hearth::protocol::websocket
