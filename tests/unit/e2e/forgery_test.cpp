// Envelopes anyone can build from public values (the relaying server can): each must be refused
// with a typed error and leave the session byte for byte as it was. The first case is the
// initiator before the first reply, whose session has a remote ratchet key (the responder's
// signed prekey) but no receiving chain yet.
#include <catch2/catch.hpp>

#include "clients/e2e/byte_io.h"
#include "clients/e2e/hkdf.h"
#include "clients/e2e/labels.h"
#include "clients/e2e/session.h"
#include "tests/unit/e2e/test_support.h"

namespace e2e = hearth::e2e;
using e2e::DeviceKeys;
using e2e::E2eError;
using e2e::Session;
using e2e::test::bundle_of;
using e2e::test::bytes_of;

namespace {

// A type-1 envelope with this ratchet header, sealed as if the receiving chain key were
// `chain_key`: everything here is public except what the forger guesses for the chain key.
e2e::Bytes forge_message(const DeviceKeys& initiator, const DeviceKeys& responder,
                         const e2e::PublicKey& ratchet_key, std::uint32_t previous_chain_length,
                         std::uint32_t message_number, const e2e::SecretKey& chain_key,
                         std::string_view text) {
  e2e::ByteWriter envelope;
  envelope.u8(e2e::kEnvelopeVersion);
  envelope.u8(static_cast<std::uint8_t>(e2e::EnvelopeType::kMessage));
  envelope.bytes(ratchet_key);
  envelope.u32(previous_chain_length);
  envelope.u32(message_number);

  e2e::Bytes ad = e2e::x3dh_associated_data(initiator.identity_signing_key(), initiator.identity_dh_key(),
                                            responder.identity_signing_key(), responder.identity_dh_key());
  ad.insert(ad.end(), envelope.buffer().begin(), envelope.buffer().end());
  const auto message_key = e2e::hmac_sha256(chain_key.span(), e2e::labels::bytes(e2e::labels::kChainMessageKey));
  e2e::SecretArray<56> aead;
  REQUIRE(e2e::hkdf({}, message_key, e2e::labels::bytes(e2e::labels::kMessageKeysInfo), aead.span()));
  auto sealed = e2e::aead_encrypt(aead.span().first(32), aead.span().subspan(32, 24), ad, bytes_of(text));
  REQUIRE(sealed);
  envelope.bytes(*sealed);
  return envelope.take();
}

}  // namespace

TEST_CASE("a message on the signed prekey before the first reply is refused and changes nothing",
          "[e2e][session][forgery]") {
  auto alice_keys = DeviceKeys::generate(1);
  auto bob_keys = DeviceKeys::generate(1);
  auto alice_result = Session::initiate(alice_keys, bundle_of(bob_keys));
  REQUIRE(alice_result);
  Session alice = std::move(alice_result).value();
  auto first = alice.encrypt(bytes_of("hello"));
  REQUIRE(first);
  REQUIRE(alice.sends_prekey_messages());
  const e2e::Bytes before = alice.serialize();

  // The ratchet key Alice holds as the remote one is Bob's signed prekey: public. A zero chain
  // key is what an unchecked read of the missing receiving chain sees; any other guess is refused
  // the same way, without being tried.
  const e2e::PublicKey signed_prekey = bob_keys.signed_prekey().public_key;
  e2e::SecretKey zero_chain;
  e2e::SecretKey guessed_chain;
  e2e::system_random().fill(guessed_chain.span());
  for (const e2e::SecretKey* chain : {&zero_chain, &guessed_chain}) {
    for (std::uint32_t n : {0u, 1u, 5u}) {
      INFO("message number " << n);
      const auto forged = forge_message(alice_keys, bob_keys, signed_prekey, 0, n, *chain, "forged");
      auto opened = alice.decrypt(forged);
      REQUIRE_FALSE(opened);
      CHECK(opened.error() == E2eError::kNoReceivingChain);
      CHECK(alice.serialize() == before);
      CHECK(alice.sends_prekey_messages());
    }
  }

  // The real conversation is untouched: Bob accepts the prekey message, his reply opens.
  auto accepted = Session::accept(bob_keys, *first);
  REQUIRE(accepted);
  auto reply = accepted->session.encrypt(bytes_of("real reply"));
  REQUIRE(reply);
  auto opened = alice.decrypt(*reply);
  REQUIRE(opened);
  CHECK(*opened == bytes_of("real reply"));
  CHECK_FALSE(alice.sends_prekey_messages());
}

TEST_CASE("a saved initiator session keeps refusing the forgery after parse", "[e2e][session][forgery]") {
  auto alice_keys = DeviceKeys::generate(0);
  auto bob_keys = DeviceKeys::generate(0);
  auto started = Session::initiate(alice_keys, bundle_of(bob_keys, false));
  REQUIRE(started);
  auto restored = Session::parse(started->serialize());
  REQUIRE(restored);
  const auto forged = forge_message(alice_keys, bob_keys, bob_keys.signed_prekey().public_key, 0, 0,
                                    e2e::SecretKey{}, "forged");
  auto opened = restored->decrypt(forged);
  REQUIRE_FALSE(opened);
  CHECK(opened.error() == E2eError::kNoReceivingChain);
  CHECK(restored->serialize() == started->serialize());
}

TEST_CASE("saved state that claims a prekey header for a responder is refused", "[e2e][session][forgery]") {
  auto alice_keys = DeviceKeys::generate(0);
  auto bob_keys = DeviceKeys::generate(0);
  auto alice = Session::initiate(alice_keys, bundle_of(bob_keys, false));
  REQUIRE(alice);
  auto bytes = alice->serialize();
  constexpr std::size_t kRoleOffset = 5;  // "HE2S", version, then the role byte
  REQUIRE(bytes[kRoleOffset] == 1);
  bytes[kRoleOffset] = 0;  // the same state, now claiming to be the responder's
  auto parsed = Session::parse(bytes);
  REQUIRE_FALSE(parsed);
  CHECK(parsed.error() == E2eError::kInvalidField);
}
