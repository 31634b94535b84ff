// Fixed-size and sized-once buffers for secret key material: wiped with sodium_memzero when
// destroyed and when moved from, compared in constant time. Plain data otherwise (copyable,
// because a session is decrypted on a copy and committed only on success).
#pragma once

#include <sodium.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace hearth::e2e {

template <std::size_t N>
class SecretArray {
 public:
  static constexpr std::size_t kSize = N;

  SecretArray() { bytes_.fill(0); }
  explicit SecretArray(std::span<const std::uint8_t, N> from) {
    std::copy(from.begin(), from.end(), bytes_.begin());
  }
  SecretArray(const SecretArray&) = default;
  SecretArray& operator=(const SecretArray&) = default;
  SecretArray(SecretArray&& other) noexcept : bytes_(other.bytes_) { other.wipe(); }
  SecretArray& operator=(SecretArray&& other) noexcept {
    if (this != &other) {
      bytes_ = other.bytes_;
      other.wipe();
    }
    return *this;
  }
  ~SecretArray() { wipe(); }

  std::uint8_t* data() { return bytes_.data(); }
  const std::uint8_t* data() const { return bytes_.data(); }
  static constexpr std::size_t size() { return N; }
  std::span<std::uint8_t, N> span() { return std::span<std::uint8_t, N>(bytes_); }
  std::span<const std::uint8_t, N> span() const { return std::span<const std::uint8_t, N>(bytes_); }

  void wipe() { sodium_memzero(bytes_.data(), N); }

  // Constant time, so that comparing secrets leaks nothing through timing.
  friend bool operator==(const SecretArray& a, const SecretArray& b) {
    return sodium_memcmp(a.bytes_.data(), b.bytes_.data(), N) == 0;
  }

 private:
  std::array<std::uint8_t, N> bytes_;
};

using SecretKey = SecretArray<32>;

// A secret of a size known at run time (HKDF input key material, AEAD plaintext kept briefly).
// Sized once at construction and never grown, so no stale copy is left behind by a reallocation.
class SecretBytes {
 public:
  SecretBytes() = default;
  explicit SecretBytes(std::size_t size) : bytes_(size, 0) {}
  SecretBytes(const SecretBytes&) = default;
  SecretBytes& operator=(const SecretBytes& other) {
    if (this != &other) {
      wipe();
      bytes_ = other.bytes_;
    }
    return *this;
  }
  SecretBytes(SecretBytes&& other) noexcept : bytes_(std::move(other.bytes_)) { other.bytes_.clear(); }
  SecretBytes& operator=(SecretBytes&& other) noexcept {
    if (this != &other) {
      wipe();
      bytes_ = std::move(other.bytes_);
      other.bytes_.clear();
    }
    return *this;
  }
  ~SecretBytes() { wipe(); }

  std::uint8_t* data() { return bytes_.data(); }
  const std::uint8_t* data() const { return bytes_.data(); }
  std::size_t size() const { return bytes_.size(); }
  std::span<std::uint8_t> span() { return bytes_; }
  std::span<const std::uint8_t> span() const { return bytes_; }

  void wipe() {
    if (!bytes_.empty()) sodium_memzero(bytes_.data(), bytes_.size());
  }

 private:
  std::vector<std::uint8_t> bytes_;
};

}  // namespace hearth::e2e
