#include "clients/e2e/envelope.h"

#include <catch2/catch.hpp>

#include "clients/e2e/session.h"
#include "tests/unit/e2e/test_support.h"

namespace e2e = hearth::e2e;
using e2e::DeviceKeys;
using e2e::E2eError;
using e2e::Session;
using e2e::test::bundle_of;
using e2e::test::bytes_of;

TEST_CASE("envelope layout: version, type, prekey header, ratchet header, sealed body",
          "[e2e][envelope]") {
  auto alice_keys = DeviceKeys::generate(0);
  auto bob_keys = DeviceKeys::generate(1);
  auto alice = Session::initiate(alice_keys, bundle_of(bob_keys)).value();
  auto first = alice.encrypt(bytes_of("12345")).value();
  REQUIRE(first.size() == 2 + e2e::kPrekeyHeaderBytes + e2e::kRatchetHeaderBytes + 5 + 16);
  CHECK(first[0] == 1);
  CHECK(first[1] == 2);
  CHECK(std::equal(alice_keys.identity_signing_key().begin(), alice_keys.identity_signing_key().end(),
                   first.begin() + 2));
  CHECK(std::equal(alice_keys.identity_dh_key().begin(), alice_keys.identity_dh_key().end(),
                   first.begin() + 34));
  CHECK(std::equal(alice_keys.identity_dh_signature().begin(),
                   alice_keys.identity_dh_signature().end(), first.begin() + 66));
  // signed prekey id 1, flag 1, one-time prekey id 1
  const std::size_t ids = 2 + 32 + 32 + 64 + 32;
  CHECK(std::vector<std::uint8_t>(first.begin() + ids, first.begin() + ids + 9) ==
        std::vector<std::uint8_t>{0, 0, 0, 1, 1, 0, 0, 0, 1});
  auto parsed = e2e::parse_envelope(first);
  REQUIRE(parsed);
  CHECK(parsed->type == e2e::EnvelopeType::kPrekeyMessage);
  CHECK(parsed->header.message_number == 0);
  CHECK(parsed->header.previous_chain_length == 0);
  CHECK(parsed->authenticated_prefix.size() == 2 + e2e::kPrekeyHeaderBytes + e2e::kRatchetHeaderBytes);
  CHECK(parsed->ciphertext.size() == 5 + 16);

  auto sender = e2e::read_sender_identity(first);
  REQUIRE(sender);
  CHECK(sender->identity_signing_key == alice_keys.identity_signing_key());
  CHECK(sender->identity_dh_key == alice_keys.identity_dh_key());
  auto forged = first;
  forged[70] ^= 1;  // inside the identity DH key's signature
  CHECK(e2e::read_sender_identity(forged).error() == E2eError::kBadSignature);

  auto bob = Session::accept(bob_keys, first).value().session;
  auto reply = bob.encrypt(bytes_of("abc")).value();
  REQUIRE(reply.size() == 2 + e2e::kRatchetHeaderBytes + 3 + 16);
  CHECK(reply[0] == 1);
  CHECK(reply[1] == 1);
  CHECK_FALSE(e2e::is_prekey_message(reply));
  CHECK(e2e::read_sender_identity(reply).error() == E2eError::kNotPrekeyMessage);
  auto second = alice.encrypt({}).value();
  auto parsed_second = e2e::parse_envelope(second);
  REQUIRE(parsed_second);
  CHECK(parsed_second->header.message_number == 1);
}

TEST_CASE("envelope parsing refuses malformed input with typed errors", "[e2e][envelope]") {
  auto alice_keys = DeviceKeys::generate(0);
  auto bob_keys = DeviceKeys::generate(1);
  auto alice = Session::initiate(alice_keys, bundle_of(bob_keys)).value();
  const auto good = alice.encrypt({}).value();  // empty body: just the tag
  CHECK(e2e::parse_envelope({}).error() == E2eError::kTruncated);
  for (std::size_t n = 1; n < good.size(); ++n) {
    auto r = e2e::parse_envelope(std::span(good).first(n));
    REQUIRE_FALSE(r);
    CHECK(r.error() == E2eError::kTruncated);
    CHECK_FALSE(e2e::is_prekey_message(std::span(good).first(n)));
  }
  auto version = good;
  version[0] = 2;
  CHECK(e2e::parse_envelope(version).error() == E2eError::kUnsupportedVersion);
  auto type = good;
  type[1] = 3;
  CHECK(e2e::parse_envelope(type).error() == E2eError::kUnknownMessageType);
  const std::size_t flag = 2 + 32 + 32 + 64 + 32 + 4;
  auto bad_flag = good;
  bad_flag[flag] = 2;
  CHECK(e2e::parse_envelope(bad_flag).error() == E2eError::kInvalidField);
  auto stray_id = good;
  stray_id[flag] = 0;  // says "no one-time prekey" but still names one
  CHECK(e2e::parse_envelope(stray_id).error() == E2eError::kInvalidField);
  std::vector<std::uint8_t> garbage(300);
  for (int i = 0; i < 200; ++i) {
    e2e::system_random().fill(garbage);
    garbage[0] = 1;
    (void)e2e::parse_envelope(garbage);
    (void)e2e::read_sender_identity(garbage);
  }
}

TEST_CASE("envelope parsing refuses prekey id 0, which names no key", "[e2e][envelope]") {
  auto alice_keys = DeviceKeys::generate(0);
  auto bob_keys = DeviceKeys::generate(1);
  auto alice = Session::initiate(alice_keys, bundle_of(bob_keys)).value();
  const auto good = alice.encrypt(bytes_of("x")).value();
  const std::size_t signed_id = 2 + 32 + 32 + 64 + 32, flag = signed_id + 4, one_time_id = flag + 1;
  REQUIRE(e2e::parse_envelope(good));
  auto zero_signed = good;
  std::fill_n(zero_signed.begin() + signed_id, 4, 0);
  CHECK(e2e::parse_envelope(zero_signed).error() == E2eError::kInvalidField);
  CHECK(Session::accept(bob_keys, zero_signed).error() == E2eError::kInvalidField);
  auto zero_one_time = good;
  REQUIRE(zero_one_time[flag] == 1);
  std::fill_n(zero_one_time.begin() + one_time_id, 4, 0);
  CHECK(e2e::parse_envelope(zero_one_time).error() == E2eError::kInvalidField);
  CHECK(Session::accept(bob_keys, zero_one_time).error() == E2eError::kInvalidField);
  CHECK(bob_keys.one_time_prekeys().size() == 1);
}
