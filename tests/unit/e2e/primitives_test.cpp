#include "clients/e2e/primitives.h"

#include <sodium.h>

#include <catch2/catch.hpp>

#include <array>
#include <string>

#include "clients/e2e/labels.h"
#include "clients/e2e/random_source.h"
#include "tests/unit/e2e/test_hex.h"
#include "tests/unit/e2e/test_support.h"

namespace e2e = hearth::e2e;
using e2e::test::to_hex;

TEST_CASE("x25519 agrees in both directions and refuses bad sizes and low-order keys",
          "[e2e][primitives]") {
  auto a = e2e::generate_dh_key_pair(e2e::system_random());
  auto b = e2e::generate_dh_key_pair(e2e::system_random());
  auto ab = e2e::x25519(a.private_key.span(), b.public_key);
  auto ba = e2e::x25519(b.private_key.span(), a.public_key);
  REQUIRE(ab);
  REQUIRE(ba);
  CHECK(*ab == *ba);

  std::array<std::uint8_t, 32> zero_point{};  // the identity: a low-order point
  auto weak = e2e::x25519(a.private_key.span(), zero_point);
  REQUIRE_FALSE(weak);
  CHECK(weak.error() == e2e::E2eError::kWeakKey);

  std::array<std::uint8_t, 31> short_key{};
  auto bad = e2e::x25519(a.private_key.span(), short_key);
  REQUIRE_FALSE(bad);
  CHECK(bad.error() == e2e::E2eError::kInvalidSize);
  CHECK(e2e::x25519_public_key(a.private_key.span()).value() == a.public_key);
}

TEST_CASE("Ed25519 signatures verify only for the signed message and key", "[e2e][primitives]") {
  auto pair = e2e::generate_signing_key_pair(e2e::system_random());
  const std::string text = "hello";
  std::span<const std::uint8_t> msg(reinterpret_cast<const std::uint8_t*>(text.data()), text.size());
  auto sig = e2e::ed25519_sign(pair.seed.span(), msg);
  REQUIRE(sig);
  CHECK(e2e::ed25519_verify(pair.public_key, msg, *sig));
  auto flipped = *sig;
  flipped[10] ^= 0x01;
  CHECK_FALSE(e2e::ed25519_verify(pair.public_key, msg, flipped));
  CHECK_FALSE(e2e::ed25519_verify(pair.public_key, msg.first(4), *sig));
  CHECK_FALSE(e2e::ed25519_verify(pair.public_key, msg, std::span(*sig).first(63)));
  auto other = e2e::generate_signing_key_pair(e2e::system_random());
  CHECK_FALSE(e2e::ed25519_verify(other.public_key, msg, *sig));
  auto again = e2e::signing_key_pair_from_seed(pair.seed.span());
  REQUIRE(again);
  CHECK(again->public_key == pair.public_key);
}

TEST_CASE("AEAD round trip, and any changed byte, key, nonce or associated data is refused",
          "[e2e][primitives]") {
  std::array<std::uint8_t, 32> key{};
  std::array<std::uint8_t, 24> nonce{};
  key[0] = 7;
  nonce[0] = 9;
  const std::array<std::uint8_t, 3> ad{1, 2, 3};
  const std::array<std::uint8_t, 5> plain{'h', 'e', 'l', 'l', 'o'};
  auto sealed = e2e::aead_encrypt(key, nonce, ad, plain);
  REQUIRE(sealed);
  REQUIRE(sealed->size() == plain.size() + e2e::kAeadTagBytes);
  auto opened = e2e::aead_decrypt(key, nonce, ad, *sealed);
  REQUIRE(opened);
  CHECK(to_hex(opened->span()) == to_hex(plain));
  for (std::size_t i = 0; i < sealed->size(); ++i) {
    auto changed = *sealed;
    changed[i] ^= 0x80;
    auto r = e2e::aead_decrypt(key, nonce, ad, changed);
    REQUIRE_FALSE(r);
    CHECK(r.error() == e2e::E2eError::kDecryptFailed);
  }
  const std::array<std::uint8_t, 3> other_ad{1, 2, 4};
  CHECK_FALSE(e2e::aead_decrypt(key, nonce, other_ad, *sealed));
  nonce[1] = 1;
  CHECK_FALSE(e2e::aead_decrypt(key, nonce, ad, *sealed));
  auto too_short = e2e::aead_decrypt(key, nonce, ad, std::span(*sealed).first(15));
  REQUIRE_FALSE(too_short);
  CHECK(too_short.error() == e2e::E2eError::kInvalidSize);
  // An empty plaintext is a valid message.
  auto empty = e2e::aead_encrypt(key, nonce, ad, {});
  REQUIRE(empty);
  auto empty_opened = e2e::aead_decrypt(key, nonce, ad, *empty);
  REQUIRE(empty_opened);
  CHECK(empty_opened->size() == 0);
}

TEST_CASE("SecretArray wipes itself when moved from, and compares by value", "[e2e][primitives]") {
  e2e::SecretKey a;
  a.data()[0] = 42;
  e2e::SecretKey copy = a;
  CHECK(copy == a);
  e2e::SecretKey b = std::move(a);
  CHECK(b.data()[0] == 42);
  CHECK(a.data()[0] == 0);  // NOLINT(bugprone-use-after-move): moved-from is wiped by contract
  CHECK_FALSE(a == b);
  e2e::SecretBytes s(4);
  s.data()[1] = 5;
  e2e::SecretBytes t = std::move(s);
  CHECK(t.size() == 4);
  CHECK(s.size() == 0);  // NOLINT(bugprone-use-after-move)
}

TEST_CASE("every label is distinct and carries the version prefix", "[e2e][primitives]") {
  namespace labels = e2e::labels;
  for (std::size_t i = 0; i < labels::kAll.size(); ++i) {
    CHECK(labels::kAll[i].starts_with(labels::kPrefix));
    for (std::size_t j = i + 1; j < labels::kAll.size(); ++j) {
      CHECK(labels::kAll[i] != labels::kAll[j]);
      // Not a prefix of another either, so no two inputs can be confused by concatenation.
      CHECK_FALSE(labels::kAll[i].starts_with(labels::kAll[j]));
      CHECK_FALSE(labels::kAll[j].starts_with(labels::kAll[i]));
    }
  }
}

TEST_CASE("the seeded random source is reproducible and differs per seed", "[e2e][primitives]") {
  std::array<std::uint8_t, 32> seed{};
  e2e::SeededRandom r1(seed);
  e2e::SeededRandom r2(seed);
  std::array<std::uint8_t, 40> x{}, y{}, z{};
  r1.fill(x);
  r2.fill(y);
  CHECK(x == y);
  r1.fill(z);
  CHECK(z != x);
  seed[0] = 1;
  e2e::SeededRandom r3(seed);
  r3.fill(y);
  CHECK(x != y);
}

namespace {

// The secret scalar a (A = [a]B) of an Ed25519 seed, reduced mod L: RFC 8032's clamped first half
// of SHA-512(seed).
std::array<std::uint8_t, 32> ed25519_scalar(std::span<const std::uint8_t> seed) {
  std::array<std::uint8_t, 64> wide{};
  crypto_hash_sha512(wide.data(), seed.data(), seed.size());
  wide[0] &= 248;
  wide[31] &= 127;
  wide[31] |= 64;
  std::fill(wide.begin() + 32, wide.end(), 0);
  std::array<std::uint8_t, 32> a{};
  crypto_core_ed25519_scalar_reduce(a.data(), wide.data());
  return a;
}

// h = SHA-512(R || A || M) mod L.
std::array<std::uint8_t, 32> challenge(std::span<const std::uint8_t> r, std::span<const std::uint8_t> a,
                                       std::span<const std::uint8_t> m) {
  std::array<std::uint8_t, 64> wide{};
  crypto_hash_sha512_state state;
  crypto_hash_sha512_init(&state);
  crypto_hash_sha512_update(&state, r.data(), r.size());
  crypto_hash_sha512_update(&state, a.data(), a.size());
  crypto_hash_sha512_update(&state, m.data(), m.size());
  crypto_hash_sha512_final(&state, wide.data());
  std::array<std::uint8_t, 32> h{};
  crypto_core_ed25519_scalar_reduce(h.data(), wide.data());
  return h;
}

}  // namespace

TEST_CASE("Ed25519 verification follows the README's rules", "[e2e][primitives]") {
  auto pair = e2e::generate_signing_key_pair(e2e::system_random());
  const auto message = e2e::test::bytes_of("rules, not a library version");
  auto sig = *e2e::ed25519_sign(pair.seed.span(), message);
  REQUIRE(e2e::ed25519_verify(pair.public_key, message, sig));
  const auto a = ed25519_scalar(pair.seed.span());

  // Rule 1: S + L satisfies the same equation but is not canonical: refused.
  static constexpr std::uint8_t kL[32] = {0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7,
                                          0xa2, 0xde, 0xf9, 0xde, 0x14, 0,    0,    0,    0,    0,    0,
                                          0,    0,    0,    0,    0,    0,    0,    0,    0,    0x10};
  auto malleable = sig;
  unsigned carry = 0;
  for (std::size_t i = 0; i < 32; ++i) {
    carry += malleable[32 + i] + kL[i];
    malleable[32 + i] = static_cast<std::uint8_t>(carry);
    carry >>= 8;
  }
  CHECK_FALSE(e2e::ed25519_verify(pair.public_key, message, malleable));

  // Rule 2: R = the identity (small order) with S = h·a satisfies the equation: refused.
  e2e::Signature small_r{};
  small_r[0] = 1;
  const auto h_small = challenge(std::span(small_r).first(32), pair.public_key, message);
  crypto_core_ed25519_scalar_mul(small_r.data() + 32, h_small.data(), a.data());
  CHECK_FALSE(e2e::ed25519_verify(pair.public_key, message, small_r));

  // Rule 3: small-order and non-canonical keys are refused whatever the signature.
  e2e::PublicKey identity{};
  identity[0] = 1;
  CHECK_FALSE(e2e::ed25519_verify(identity, message, sig));
  e2e::PublicKey non_canonical{};
  non_canonical.fill(0xff);
  non_canonical[0] = 0xed + 2;  // y = p + 2
  non_canonical[31] = 0x7f;
  CHECK_FALSE(e2e::ed25519_verify(non_canonical, message, sig));

  // Rule 4 has no subgroup check: A + T (T of order 8) verifies a signature made for it with
  // the cofactorless equation, whenever h is a multiple of 8 so that [h]T vanishes.
  static constexpr std::uint8_t kOrder8[32] = {0x26, 0xe8, 0x95, 0x8f, 0xc2, 0xb2, 0x27, 0xb0, 0x45, 0xc3, 0xf4,
                                               0x89, 0xf2, 0xef, 0x98, 0xf0, 0xd5, 0xdf, 0xac, 0x05, 0xd3, 0xc6,
                                               0x33, 0x39, 0xb1, 0x38, 0x02, 0x88, 0x6d, 0x53, 0xfc, 0x05};
  e2e::PublicKey mixed{};
  REQUIRE(crypto_core_ed25519_add(mixed.data(), pair.public_key.data(), kOrder8) == 0);
  bool made = false;
  for (int attempt = 0; attempt < 1000 && !made; ++attempt) {
    std::array<std::uint8_t, 32> r{};
    crypto_core_ed25519_scalar_random(r.data());
    e2e::Signature forged{};
    REQUIRE(crypto_scalarmult_ed25519_base_noclamp(forged.data(), r.data()) == 0);
    const auto h = challenge(std::span(forged).first(32), mixed, message);
    if (h[0] % 8 != 0) continue;
    std::array<std::uint8_t, 32> ha{};
    crypto_core_ed25519_scalar_mul(ha.data(), h.data(), a.data());
    crypto_core_ed25519_scalar_add(forged.data() + 32, r.data(), ha.data());
    CHECK(e2e::ed25519_verify(mixed, message, forged));
    made = true;
  }
  CHECK(made);
}
