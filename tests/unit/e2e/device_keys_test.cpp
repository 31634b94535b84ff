#include "clients/e2e/device_keys.h"

#include <catch2/catch.hpp>

#include <array>

#include "tests/unit/e2e/test_support.h"

namespace e2e = hearth::e2e;
using e2e::DeviceKeys;
using e2e::E2eError;
using e2e::verify_device_keys;

namespace {

bool verify_all(const DeviceKeys& keys) {
  const auto spk = keys.signed_prekey();
  return verify_device_keys(keys.identity_signing_key(), keys.identity_dh_key(),
                            keys.identity_dh_signature(), spk.id, spk.public_key, spk.signature);
}

}  // namespace

TEST_CASE("generated device keys verify, with a DH key distinct from the signing key",
          "[e2e][device_keys]") {
  auto keys = DeviceKeys::generate(5);
  CHECK(verify_all(keys));
  CHECK(keys.identity_dh_key() != keys.identity_signing_key());
  CHECK(keys.signed_prekey().id == 1);
  auto one_time = keys.one_time_prekeys();
  REQUIRE(one_time.size() == 5);
  for (std::size_t i = 0; i < one_time.size(); ++i) CHECK(one_time[i].id == i + 1);
  auto added = keys.add_one_time_prekeys(3);
  REQUIRE(added.size() == 3);
  CHECK(added.front().id == 6);
  CHECK(keys.one_time_prekeys().size() == 8);
  CHECK(DeviceKeys::generate().one_time_prekeys().size() == 100);
}

TEST_CASE("verify_device_keys refuses any changed key, id, signature or size",
          "[e2e][device_keys]") {
  auto keys = DeviceKeys::generate(0);
  const auto spk = keys.signed_prekey();
  auto sig = keys.identity_signing_key();
  auto dh = keys.identity_dh_key();
  auto dh_sig = keys.identity_dh_signature();
  auto pre = spk.public_key;
  auto pre_sig = spk.signature;
  REQUIRE(verify_device_keys(sig, dh, dh_sig, spk.id, pre, pre_sig));
  for (std::size_t i = 0; i < 32; i += 7) {
    auto d = dh;
    d[i] ^= 1;
    CHECK_FALSE(verify_device_keys(sig, d, dh_sig, spk.id, pre, pre_sig));
    auto p = pre;
    p[i] ^= 1;
    CHECK_FALSE(verify_device_keys(sig, dh, dh_sig, spk.id, p, pre_sig));
    auto s = sig;
    s[i] ^= 1;
    CHECK_FALSE(verify_device_keys(s, dh, dh_sig, spk.id, pre, pre_sig));
  }
  for (std::size_t i = 0; i < 64; i += 9) {
    auto a = dh_sig;
    a[i] ^= 0x10;
    CHECK_FALSE(verify_device_keys(sig, dh, a, spk.id, pre, pre_sig));
    auto b = pre_sig;
    b[i] ^= 0x10;
    CHECK_FALSE(verify_device_keys(sig, dh, dh_sig, spk.id, pre, b));
  }
  CHECK_FALSE(verify_device_keys(sig, dh, dh_sig, spk.id + 1, pre, pre_sig));
  // The two signatures cover different labels: neither stands in for the other.
  CHECK_FALSE(verify_device_keys(sig, pre, pre_sig, spk.id, dh, dh_sig));
  CHECK_FALSE(verify_device_keys(std::span(sig).first(31), dh, dh_sig, spk.id, pre, pre_sig));
  CHECK_FALSE(verify_device_keys(sig, std::span(dh).first(31), dh_sig, spk.id, pre, pre_sig));
  CHECK_FALSE(verify_device_keys(sig, dh, std::span(dh_sig).first(63), spk.id, pre, pre_sig));
  CHECK_FALSE(verify_device_keys(sig, dh, dh_sig, spk.id, std::span(pre).first(0), pre_sig));
  CHECK(e2e::verify_signed_prekey(sig, spk.id, pre, pre_sig));
  CHECK(e2e::verify_identity_dh_key(sig, dh, dh_sig));
}

TEST_CASE("rotating the signed prekey keeps exactly one previous prekey", "[e2e][device_keys]") {
  auto keys = DeviceKeys::generate(0);
  const auto first = keys.signed_prekey();
  CHECK_FALSE(keys.previous_signed_prekey());
  keys.rotate_signed_prekey();
  const auto second = keys.signed_prekey();
  CHECK(second.id == 2);
  CHECK(second.public_key != first.public_key);
  CHECK(verify_all(keys));
  REQUIRE(keys.previous_signed_prekey());
  CHECK(keys.previous_signed_prekey()->id == first.id);
  CHECK(keys.signed_prekey_private_key(1) != nullptr);
  CHECK(keys.signed_prekey_private_key(2) != nullptr);
  keys.rotate_signed_prekey();
  CHECK(keys.signed_prekey().id == 3);
  CHECK(keys.signed_prekey_private_key(1) == nullptr);
  CHECK(keys.signed_prekey_private_key(2) != nullptr);
}

TEST_CASE("device keys survive serialize and parse", "[e2e][device_keys]") {
  auto keys = DeviceKeys::generate(4);
  keys.rotate_signed_prekey();
  keys.consume_one_time_prekey(2);
  auto bytes = keys.serialize();
  auto parsed = DeviceKeys::parse(bytes);
  REQUIRE(parsed);
  CHECK(parsed->identity_signing_key() == keys.identity_signing_key());
  CHECK(parsed->identity_dh_key() == keys.identity_dh_key());
  CHECK(parsed->identity_dh_signature() == keys.identity_dh_signature());
  CHECK(parsed->signed_prekey().public_key == keys.signed_prekey().public_key);
  REQUIRE(parsed->previous_signed_prekey());
  CHECK(parsed->previous_signed_prekey()->id == 1);
  auto a = parsed->one_time_prekeys();
  auto b = keys.one_time_prekeys();
  REQUIRE(a.size() == 3);
  for (std::size_t i = 0; i < a.size(); ++i) {
    CHECK(a[i].id == b[i].id);
    CHECK(a[i].public_key == b[i].public_key);
  }
  CHECK(parsed->serialize() == bytes);
  // Ids carry on where they were.
  CHECK(parsed->add_one_time_prekeys(1).front().id == 5);
  parsed->rotate_signed_prekey();
  CHECK(parsed->signed_prekey().id == 3);
}

TEST_CASE("parsing damaged device keys gives typed errors and never crashes",
          "[e2e][device_keys]") {
  auto bytes = DeviceKeys::generate(2).serialize();
  for (std::size_t n = 0; n < bytes.size(); ++n) {
    auto r = DeviceKeys::parse(std::span(bytes).first(n));
    REQUIRE_FALSE(r);
    CHECK(r.error() == E2eError::kTruncated);
  }
  auto trailing = bytes;
  trailing.push_back(0);
  CHECK(DeviceKeys::parse(trailing).error() == E2eError::kTrailingBytes);
  auto magic = bytes;
  magic[0] = 'X';
  CHECK(DeviceKeys::parse(magic).error() == E2eError::kBadMagic);
  auto version = bytes;
  version[4] = 2;
  CHECK(DeviceKeys::parse(version).error() == E2eError::kUnsupportedVersion);
  auto signature = bytes;
  signature[5 + 64 + 3] ^= 1;  // inside the identity DH key's signature
  CHECK(DeviceKeys::parse(signature).error() == E2eError::kBadSignature);
  // Id 0 names nothing: a saved signed or one-time prekey with it is refused.
  constexpr std::size_t kSignedPrekeyId = 4 + 1 + 32 + 32 + 64;
  constexpr std::size_t kFirstOneTimeId = kSignedPrekeyId + 4 + 32 + 64 + 1 + 4 + 4 + 4;
  auto zero_signed = bytes;
  std::fill_n(zero_signed.begin() + kSignedPrekeyId, 4, 0);
  CHECK(DeviceKeys::parse(zero_signed).error() == E2eError::kInvalidField);
  auto zero_one_time = bytes;
  REQUIRE(zero_one_time[kFirstOneTimeId + 3] == 1);
  std::fill_n(zero_one_time.begin() + kFirstOneTimeId, 4, 0);
  CHECK(DeviceKeys::parse(zero_one_time).error() == E2eError::kInvalidField);
  // Every single-byte change either still parses (a private key or id changed) or is refused;
  // none crashes.
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    auto changed = bytes;
    changed[i] ^= 0xff;
    (void)DeviceKeys::parse(changed);
  }
  std::array<std::uint8_t, 300> garbage{};
  e2e::system_random().fill(garbage);
  CHECK_FALSE(DeviceKeys::parse(garbage));
}
