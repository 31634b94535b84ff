// Where the library's randomness comes from. Production uses the system source (libsodium's
// randombytes); tests inject a seeded source so that a whole conversation is reproducible and
// can be frozen into known-answer files. Not thread safe: use one source per thread.
#pragma once

#include <cstdint>
#include <span>

namespace hearth::e2e {

class RandomSource {
 public:
  virtual ~RandomSource() = default;
  virtual void fill(std::span<std::uint8_t> out) = 0;
};

// libsodium's randombytes_buf (getrandom(2) on Linux). Thread safe; stateless.
RandomSource& system_random();

// Deterministic bytes from a 32-byte seed, FOR TESTS ONLY: fill number i (counting every fill
// call from 0) is randombytes_buf_deterministic(seed' = SHA-256(seed || u64be(i))), that is the
// RFC 8439 ChaCha20 keystream under key seed', nonce "LibsodiumDRG", block counter 0 (README
// "Known answers": a second implementation replays the known answers with it).
class SeededRandom final : public RandomSource {
 public:
  explicit SeededRandom(std::span<const std::uint8_t, 32> seed);
  // Copyable so that a test can look ahead at the next draws without consuming them.
  SeededRandom(const SeededRandom&) = default;
  SeededRandom& operator=(const SeededRandom&) = default;
  ~SeededRandom() override;
  void fill(std::span<std::uint8_t> out) override;

 private:
  std::uint8_t seed_[32];
  std::uint64_t counter_ = 0;
};

}  // namespace hearth::e2e
