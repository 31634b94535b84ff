#include "clients/e2e/primitives.h"

#include <catch2/catch.hpp>

#include <array>
#include <string>

#include "clients/e2e/labels.h"
#include "clients/e2e/random_source.h"
#include "tests/unit/e2e/test_hex.h"

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
