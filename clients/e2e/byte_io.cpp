#include "clients/e2e/byte_io.h"

#include <algorithm>
#include <cstring>

namespace hearth::e2e {

void ByteWriter::u32(std::uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) out_.push_back(static_cast<std::uint8_t>(v >> shift));
}

void ByteWriter::u64(std::uint64_t v) {
  for (int shift = 56; shift >= 0; shift -= 8) out_.push_back(static_cast<std::uint8_t>(v >> shift));
}

// resize + memcpy rather than vector::insert: GCC 12 at -O2 reports a false
// -Wstringop-overflow for range inserts into small byte vectors.
void ByteWriter::bytes(std::span<const std::uint8_t> b) {
  if (b.empty()) return;
  const std::size_t at = out_.size();
  out_.resize(at + b.size());
  std::memcpy(out_.data() + at, b.data(), b.size());
}

void ByteWriter::sized(std::span<const std::uint8_t> b) {
  u32(static_cast<std::uint32_t>(b.size()));
  bytes(b);
}

bool ByteReader::u8(std::uint8_t& v) {
  if (remaining() < 1) return false;
  v = in_[pos_++];
  return true;
}

bool ByteReader::u32(std::uint32_t& v) {
  if (remaining() < 4) return false;
  v = 0;
  for (int i = 0; i < 4; ++i) v = (v << 8) | in_[pos_++];
  return true;
}

bool ByteReader::u64(std::uint64_t& v) {
  if (remaining() < 8) return false;
  v = 0;
  for (int i = 0; i < 8; ++i) v = (v << 8) | in_[pos_++];
  return true;
}

bool ByteReader::bytes(std::span<std::uint8_t> out) {
  if (remaining() < out.size()) return false;
  std::copy_n(in_.begin() + static_cast<std::ptrdiff_t>(pos_), out.size(), out.begin());
  pos_ += out.size();
  return true;
}

bool ByteReader::sized(std::vector<std::uint8_t>& out, std::size_t max_len) {
  const std::size_t start = pos_;
  std::uint32_t len = 0;
  if (!u32(len) || len > max_len || remaining() < len) {
    pos_ = start;
    return false;
  }
  out.assign(in_.begin() + static_cast<std::ptrdiff_t>(pos_),
             in_.begin() + static_cast<std::ptrdiff_t>(pos_ + len));
  pos_ += len;
  return true;
}

Result<void> read_state_header(ByteReader& reader, std::span<const std::uint8_t, 4> magic, std::uint8_t version) {
  std::uint8_t found[4];
  if (!reader.bytes(found)) return E2eError::kTruncated;
  if (!std::equal(std::begin(found), std::end(found), magic.begin())) return E2eError::kBadMagic;
  std::uint8_t found_version = 0;
  if (!reader.u8(found_version)) return E2eError::kTruncated;
  if (found_version != version) return E2eError::kUnsupportedVersion;
  return {};
}

}  // namespace hearth::e2e
