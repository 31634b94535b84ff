// Big-endian writer and bounds-checked reader for envelopes and saved state. The reader never
// reads past its end: a short input turns into kTruncated, so garbage cannot crash a parser.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "clients/e2e/errors.h"

namespace hearth::e2e {

class ByteWriter {
 public:
  void u8(std::uint8_t v) { out_.push_back(v); }
  void u32(std::uint32_t v);
  void u64(std::uint64_t v);
  void bytes(std::span<const std::uint8_t> b);
  // A u32 length then the bytes.
  void sized(std::span<const std::uint8_t> b);

  std::vector<std::uint8_t>& buffer() { return out_; }
  std::vector<std::uint8_t> take() { return std::move(out_); }

 private:
  std::vector<std::uint8_t> out_;
};

class ByteReader {
 public:
  explicit ByteReader(std::span<const std::uint8_t> in) : in_(in) {}

  // Each returns false (and reads nothing) when too few bytes remain.
  bool u8(std::uint8_t& v);
  bool u32(std::uint32_t& v);
  bool u64(std::uint64_t& v);
  bool bytes(std::span<std::uint8_t> out);
  // A u32 length then that many bytes, refused above max_len.
  bool sized(std::vector<std::uint8_t>& out, std::size_t max_len);

  std::size_t remaining() const { return in_.size() - pos_; }
  std::size_t position() const { return pos_; }
  std::span<const std::uint8_t> rest() const { return in_.subspan(pos_); }

 private:
  std::span<const std::uint8_t> in_;
  std::size_t pos_ = 0;
};

// Reads the start of a saved state: its 4-byte magic and version byte. kTruncated, kBadMagic or
// kUnsupportedVersion when they are not there or not `magic` and `version`.
Result<void> read_state_header(ByteReader& reader, std::span<const std::uint8_t, 4> magic, std::uint8_t version);

}  // namespace hearth::e2e
