#include "clients/e2e/x3dh.h"

#include <catch2/catch.hpp>

#include "clients/e2e/labels.h"
#include "tests/unit/e2e/test_support.h"

namespace e2e = hearth::e2e;
using e2e::DeviceKeys;
using e2e::E2eError;
using e2e::test::bundle_of;

TEST_CASE("X3DH: both sides derive the same key and associated data", "[e2e][x3dh]") {
  auto alice = DeviceKeys::generate(1);
  auto bob = DeviceKeys::generate(3);
  for (bool with_one_time : {true, false}) {
    auto bundle = bundle_of(bob, with_one_time);
    auto initiated = e2e::x3dh_initiate(alice, bundle, e2e::system_random());
    REQUIRE(initiated);
    CHECK(initiated->header.one_time_prekey_id.has_value() == with_one_time);
    auto responded = e2e::x3dh_respond(bob, initiated->header);
    REQUIRE(responded);
    CHECK(responded->shared_key == initiated->shared_key);
    CHECK(responded->associated_data == initiated->associated_data);
    REQUIRE(initiated->associated_data.size() == 128);
    // AD = IK_A signing || IK_A dh || IK_B signing || IK_B dh
    CHECK(std::equal(alice.identity_signing_key().begin(), alice.identity_signing_key().end(),
                     initiated->associated_data.begin()));
    CHECK(std::equal(bob.identity_dh_key().begin(), bob.identity_dh_key().end(),
                     initiated->associated_data.begin() + 96));
  }
  // Nothing is consumed by the agreement itself.
  CHECK(bob.one_time_prekeys().size() == 3);
}

TEST_CASE("X3DH: the one-time prekey changes the key", "[e2e][x3dh]") {
  auto alice = DeviceKeys::generate(0);
  auto bob = DeviceKeys::generate(1);
  auto with = e2e::x3dh_initiate(alice, bundle_of(bob, true), e2e::system_random());
  REQUIRE(with);
  auto header = with->header;
  header.one_time_prekey_id.reset();
  auto without = e2e::x3dh_respond(bob, header);
  REQUIRE(without);
  CHECK_FALSE(without->shared_key == with->shared_key);
}

TEST_CASE("X3DH initiator refuses bad signatures, sizes and low-order keys", "[e2e][x3dh]") {
  auto alice = DeviceKeys::generate(0);
  auto bob = DeviceKeys::generate(1);
  const auto good = bundle_of(bob);

  auto bad = good;
  bad.signed_prekey_signature[5] ^= 1;
  CHECK(e2e::x3dh_initiate(alice, bad, e2e::system_random()).error() == E2eError::kBadSignature);
  bad = good;
  bad.identity_dh_signature[5] ^= 1;
  CHECK(e2e::x3dh_initiate(alice, bad, e2e::system_random()).error() == E2eError::kBadSignature);
  bad = good;
  bad.signed_prekey_id += 1;
  CHECK(e2e::x3dh_initiate(alice, bad, e2e::system_random()).error() == E2eError::kBadSignature);
  bad = good;
  bad.identity_dh_key = e2e::test::vec(alice.identity_dh_key());  // a key Bob never signed
  CHECK(e2e::x3dh_initiate(alice, bad, e2e::system_random()).error() == E2eError::kBadSignature);
  bad = good;
  bad.signed_prekey.pop_back();
  CHECK(e2e::x3dh_initiate(alice, bad, e2e::system_random()).error() == E2eError::kInvalidSize);
  bad = good;
  bad.one_time_prekey.clear();
  CHECK(e2e::x3dh_initiate(alice, bad, e2e::system_random()).error() == E2eError::kInvalidField);
  bad = good;
  bad.one_time_prekey.push_back(0);
  CHECK(e2e::x3dh_initiate(alice, bad, e2e::system_random()).error() == E2eError::kInvalidSize);
  // Ids count from 1: id 0 is refused before any signature or DH, signed or not.
  bad = good;
  bad.one_time_prekey_id = 0;
  CHECK(e2e::x3dh_initiate(alice, bad, e2e::system_random()).error() == E2eError::kInvalidField);
  bad = good;
  bad.signed_prekey_id = 0;
  bad.signed_prekey_signature = e2e::test::vec(
      *e2e::ed25519_sign(bob.identity_signing_seed().span(), e2e::signed_prekey_signature_message(0, bad.signed_prekey)));
  CHECK(e2e::x3dh_initiate(alice, bad, e2e::system_random()).error() == E2eError::kInvalidField);

  // A correctly signed but low-order signed prekey (the identity point) gives an all-zero DH.
  bad = good;
  bad.signed_prekey.assign(32, 0);
  auto sig = e2e::ed25519_sign(bob.identity_signing_seed().span(),
                               e2e::signed_prekey_signature_message(bad.signed_prekey_id,
                                                                    bad.signed_prekey));
  bad.signed_prekey_signature = e2e::test::vec(*sig);
  CHECK(e2e::x3dh_initiate(alice, bad, e2e::system_random()).error() == E2eError::kWeakKey);
  // Likewise a low-order one-time prekey (unsigned, so only the DH check catches it).
  bad = good;
  bad.one_time_prekey.assign(32, 0);
  bad.one_time_prekey[0] = 1;  // u = 1: a point of order 4
  CHECK(e2e::x3dh_initiate(alice, bad, e2e::system_random()).error() == E2eError::kWeakKey);
}

TEST_CASE("X3DH responder refuses unknown prekeys and a bad sender signature", "[e2e][x3dh]") {
  auto alice = DeviceKeys::generate(0);
  auto bob = DeviceKeys::generate(1);
  auto initiated = e2e::x3dh_initiate(alice, bundle_of(bob), e2e::system_random());
  REQUIRE(initiated);
  auto header = initiated->header;
  header.signed_prekey_id = 99;
  CHECK(e2e::x3dh_respond(bob, header).error() == E2eError::kUnknownSignedPrekey);
  header = initiated->header;
  header.one_time_prekey_id = 99;
  CHECK(e2e::x3dh_respond(bob, header).error() == E2eError::kUnknownOneTimePrekey);
  header = initiated->header;
  header.identity_dh_signature[0] ^= 1;
  CHECK(e2e::x3dh_respond(bob, header).error() == E2eError::kBadSignature);
  header = initiated->header;
  header.ephemeral_key.fill(0);
  CHECK(e2e::x3dh_respond(bob, header).error() == E2eError::kWeakKey);
  // After a rotation the previous signed prekey still answers; two rotations later it does not.
  bob.rotate_signed_prekey();
  CHECK(e2e::x3dh_respond(bob, initiated->header));
  bob.rotate_signed_prekey();
  CHECK(e2e::x3dh_respond(bob, initiated->header).error() == E2eError::kUnknownSignedPrekey);
}
