#include "clients/e2e/random_source.h"

#include <sodium.h>

#include <algorithm>

#include "clients/e2e/primitives.h"

namespace hearth::e2e {
namespace {

class SystemRandom final : public RandomSource {
 public:
  void fill(std::span<std::uint8_t> out) override {
    ensure_sodium();
    randombytes_buf(out.data(), out.size());
  }
};

}  // namespace

RandomSource& system_random() {
  static SystemRandom source;
  return source;
}

SeededRandom::SeededRandom(std::span<const std::uint8_t, 32> seed) {
  ensure_sodium();
  std::copy(seed.begin(), seed.end(), seed_);
}

SeededRandom::~SeededRandom() { sodium_memzero(seed_, sizeof seed_); }

void SeededRandom::fill(std::span<std::uint8_t> out) {
  std::uint8_t input[40];
  std::copy(std::begin(seed_), std::end(seed_), input);
  for (int i = 0; i < 8; ++i) input[32 + i] = static_cast<std::uint8_t>(counter_ >> (56 - 8 * i));
  ++counter_;
  std::uint8_t block_seed[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(block_seed, input, sizeof input);
  randombytes_buf_deterministic(out.data(), out.size(), block_seed);
  sodium_memzero(block_seed, sizeof block_seed);
  sodium_memzero(input, sizeof input);
}

}  // namespace hearth::e2e
