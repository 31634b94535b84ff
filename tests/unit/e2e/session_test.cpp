#include "clients/e2e/session.h"

#include <catch2/catch.hpp>

#include <string>

#include "clients/e2e/envelope.h"
#include "tests/unit/e2e/test_support.h"

namespace e2e = hearth::e2e;
using e2e::Accepted;
using e2e::DeviceKeys;
using e2e::E2eError;
using e2e::Session;
using e2e::test::bundle_of;
using e2e::test::bytes_of;

namespace {

std::string text(const std::vector<std::uint8_t>& b) { return {b.begin(), b.end()}; }

// prefix + number, built by append: GCC 12 at -O2 flags `"a" + std::to_string(i)` with a false
// -Wrestrict.
std::string numbered(const char* prefix, int n) {
  std::string s = prefix;
  s.append(std::to_string(n));
  return s;
}

Session must(e2e::Result<Session> r) {
  REQUIRE(r);
  return std::move(r).value();
}

std::vector<std::uint8_t> must(e2e::Result<std::vector<std::uint8_t>> r) {
  INFO((r ? "ok" : std::string(e2e::to_string(r.error()))));
  REQUIRE(r);
  return std::move(r).value();
}

// Alice and Bob after Alice's first message and Bob's reply, both ways open.
struct Pair {
  DeviceKeys alice_keys = DeviceKeys::generate(2);
  DeviceKeys bob_keys = DeviceKeys::generate(2);
  Session alice = must(Session::initiate(alice_keys, bundle_of(bob_keys)));
  Session bob = start();

  Session start() {
    auto first = must(alice.encrypt(bytes_of("hello")));
    auto accepted = Session::accept(bob_keys, first);
    REQUIRE(accepted);
    CHECK(text(accepted->plaintext) == "hello");
    return std::move(accepted->session);
  }
};

}  // namespace

TEST_CASE("a conversation: prekey messages until the first reply, then plain ones",
          "[e2e][session]") {
  auto alice_keys = DeviceKeys::generate(3);
  auto bob_keys = DeviceKeys::generate(3);
  auto alice = must(Session::initiate(alice_keys, bundle_of(bob_keys)));
  CHECK(alice.sends_prekey_messages());
  auto a1 = must(alice.encrypt(bytes_of("one")));
  auto a2 = must(alice.encrypt(bytes_of("two")));
  CHECK(e2e::is_prekey_message(a1));
  CHECK(e2e::is_prekey_message(a2));

  const auto used_id = bob_keys.one_time_prekeys().front().id;
  auto accepted = Session::accept(bob_keys, a1);
  REQUIRE(accepted);
  CHECK(text(accepted->plaintext) == "one");
  Session bob = std::move(accepted->session);
  // The one-time prekey is spent: gone from Bob's keys, and a second session from it refused.
  CHECK(bob_keys.one_time_prekeys().size() == 2);
  CHECK(bob_keys.one_time_prekey_private_key(used_id) == nullptr);
  auto again = Session::accept(bob_keys, a2);
  REQUIRE_FALSE(again);
  CHECK(again.error() == E2eError::kUnknownOneTimePrekey);
  // Alice's second prekey message belongs to the session Bob already has.
  CHECK(text(must(bob.decrypt(a2))) == "two");
  CHECK(bob.remote_identity_signing_key() == alice_keys.identity_signing_key());
  CHECK(alice.remote_identity_signing_key() == bob_keys.identity_signing_key());

  auto b1 = must(bob.encrypt(bytes_of("reply")));
  CHECK_FALSE(e2e::is_prekey_message(b1));
  CHECK(text(must(alice.decrypt(b1))) == "reply");
  CHECK_FALSE(alice.sends_prekey_messages());
  auto a3 = must(alice.encrypt(bytes_of("three")));
  CHECK_FALSE(e2e::is_prekey_message(a3));
  CHECK(text(must(bob.decrypt(a3))) == "three");
  // Several turns of the ratchet, both directions.
  for (int round = 0; round < 5; ++round) {
    for (int i = 0; i < round; ++i) {
      auto m = must(alice.encrypt(bytes_of(numbered("a", i))));
      CHECK(text(must(bob.decrypt(m))) == numbered("a", i));
    }
    auto m = must(bob.encrypt(bytes_of(numbered("b", round))));
    CHECK(text(must(alice.decrypt(m))) == numbered("b", round));
  }
  // Empty and large messages.
  CHECK(must(bob.decrypt(must(alice.encrypt({})))).empty());
  std::vector<std::uint8_t> big(64 * 1024, 0x5a);
  CHECK(must(alice.decrypt(must(bob.encrypt(big)))) == big);
}

TEST_CASE("sessions without a one-time prekey work", "[e2e][session]") {
  auto alice_keys = DeviceKeys::generate(0);
  auto bob_keys = DeviceKeys::generate(0);
  auto alice = must(Session::initiate(alice_keys, bundle_of(bob_keys, false)));
  auto accepted = Session::accept(bob_keys, must(alice.encrypt(bytes_of("hi"))));
  REQUIRE(accepted);
  CHECK(text(must(alice.decrypt(must(accepted->session.encrypt(bytes_of("yo")))))) == "yo");
}

TEST_CASE("out-of-order messages decrypt once each and replays are refused", "[e2e][session]") {
  Pair p;
  std::vector<std::vector<std::uint8_t>> sent;
  for (int i = 0; i < 6; ++i) sent.push_back(must(p.alice.encrypt(bytes_of(numbered("m", i)))));
  for (int i : {4, 1, 0, 5, 3, 2}) {
    CHECK(text(must(p.bob.decrypt(sent[static_cast<std::size_t>(i)]))) == numbered("m", i));
  }
  CHECK(p.bob.skipped_message_keys() == 0);
  for (const auto& m : sent) {
    auto replay = p.bob.decrypt(m);
    REQUIRE_FALSE(replay);
    CHECK(replay.error() == E2eError::kDuplicateMessage);
  }
  // Late messages from an earlier chain still open after the ratchet has turned.
  auto late = must(p.alice.encrypt(bytes_of("late")));
  auto next = must(p.alice.encrypt(bytes_of("next")));
  CHECK(text(must(p.bob.decrypt(next))) == "next");
  CHECK(text(must(p.alice.decrypt(must(p.bob.encrypt(bytes_of("turn")))))) == "turn");
  auto after = must(p.alice.encrypt(bytes_of("after")));
  CHECK(text(must(p.bob.decrypt(after))) == "after");
  CHECK(p.bob.skipped_message_keys() == 1);
  CHECK(text(must(p.bob.decrypt(late))) == "late");
  CHECK(p.bob.skipped_message_keys() == 0);
  // Replays of the old chain, now that its keys are gone, are refused too.
  CHECK_FALSE(p.bob.decrypt(late));
  CHECK_FALSE(p.bob.decrypt(next));
  CHECK_FALSE(p.bob.decrypt(after));
}

TEST_CASE("any flipped bit in an envelope is refused and changes nothing", "[e2e][session]") {
  Pair p;
  auto message = must(p.alice.encrypt(bytes_of("private words")));
  const auto before = p.bob.serialize();
  for (std::size_t bit = 0; bit < message.size() * 8; ++bit) {
    auto changed = message;
    changed[bit / 8] ^= static_cast<std::uint8_t>(1u << (bit % 8));
    INFO("bit " << bit);
    CHECK_FALSE(p.bob.decrypt(changed));
  }
  CHECK(p.bob.serialize() == before);
  CHECK(text(must(p.bob.decrypt(message))) == "private words");
  // Truncations too.
  auto reply = must(p.bob.encrypt(bytes_of("ok")));
  const auto alice_before = p.alice.serialize();
  for (std::size_t n = 0; n < reply.size(); ++n) {
    CHECK_FALSE(p.alice.decrypt(std::span(reply).first(n)));
  }
  CHECK(p.alice.serialize() == alice_before);
  CHECK(text(must(p.alice.decrypt(reply))) == "ok");
}

TEST_CASE("a tampered prekey message is refused and the one-time prekey kept",
          "[e2e][session]") {
  auto alice_keys = DeviceKeys::generate(0);
  auto bob_keys = DeviceKeys::generate(1);
  auto alice = must(Session::initiate(alice_keys, bundle_of(bob_keys)));
  auto first = must(alice.encrypt(bytes_of("hello")));
  const auto keys_before = bob_keys.serialize();
  for (std::size_t bit = 0; bit < first.size() * 8; ++bit) {
    auto changed = first;
    changed[bit / 8] ^= static_cast<std::uint8_t>(1u << (bit % 8));
    INFO("bit " << bit);
    CHECK_FALSE(Session::accept(bob_keys, changed));
  }
  CHECK(bob_keys.serialize() == keys_before);
  REQUIRE(Session::accept(bob_keys, first));
  CHECK(bob_keys.one_time_prekeys().empty());
}

TEST_CASE("accept refuses ordinary messages, decrypt refuses other sessions' prekey messages",
          "[e2e][session]") {
  Pair p;
  // Until Bob replies, Alice's messages are prekey messages; the one-time prekey they name is
  // spent, so accepting another one is refused.
  auto still_prekey = must(p.alice.encrypt(bytes_of("w")));
  CHECK(Session::accept(p.bob_keys, still_prekey).error() == E2eError::kUnknownOneTimePrekey);
  CHECK(text(must(p.alice.decrypt(must(p.bob.encrypt(bytes_of("r")))))) == "r");
  auto plain = must(p.alice.encrypt(bytes_of("x")));
  auto accepted = Session::accept(p.bob_keys, plain);
  REQUIRE_FALSE(accepted);
  CHECK(accepted.error() == E2eError::kNotPrekeyMessage);
  // A new session from Alice (say after she reinstalled) is not this session.
  auto alice2 = must(Session::initiate(p.alice_keys, bundle_of(p.bob_keys)));
  auto other = must(alice2.encrypt(bytes_of("new")));
  auto r = p.bob.decrypt(other);
  REQUIRE_FALSE(r);
  CHECK(r.error() == E2eError::kSessionMismatch);
  CHECK(Session::accept(p.bob_keys, other));
  // The initiator never takes prekey messages in its own session.
  auto alice3 = must(Session::initiate(p.alice_keys, bundle_of(p.bob_keys)));
  CHECK(alice3.decrypt(must(alice3.encrypt(bytes_of("self")))).error() ==
        E2eError::kSessionMismatch);
}

TEST_CASE("skipping is bounded per message and in total", "[e2e][session]") {
  Pair p;
  // Turn the ratchet so that Alice sends on a fresh chain.
  CHECK(text(must(p.alice.decrypt(must(p.bob.encrypt(bytes_of("r")))))) == "r");
  std::vector<std::vector<std::uint8_t>> sent;
  for (std::uint32_t i = 0; i <= e2e::kMaxSkip + 1; ++i) sent.push_back(must(p.alice.encrypt({})));
  // Message number kMaxSkip + 1 would skip kMaxSkip + 1 keys: refused, nothing changed.
  const auto before = p.bob.serialize();
  auto too_far = p.bob.decrypt(sent[e2e::kMaxSkip + 1]);
  REQUIRE_FALSE(too_far);
  CHECK(too_far.error() == E2eError::kTooManySkipped);
  CHECK(p.bob.serialize() == before);
  // Exactly kMaxSkip is allowed.
  CHECK(must(p.bob.decrypt(sent[e2e::kMaxSkip])).empty());
  CHECK(p.bob.skipped_message_keys() == e2e::kMaxSkippedKeys);
  // A new chain with more skips: the total stays bounded, the oldest keys go first.
  CHECK(text(must(p.alice.decrypt(must(p.bob.encrypt(bytes_of("r2")))))) == "r2");
  std::vector<std::vector<std::uint8_t>> more;
  for (int i = 0; i < 11; ++i) more.push_back(must(p.alice.encrypt({})));
  CHECK(must(p.bob.decrypt(more[10])).empty());
  CHECK(p.bob.skipped_message_keys() == e2e::kMaxSkippedKeys);
  CHECK_FALSE(p.bob.decrypt(sent[0]));  // dropped
  CHECK(must(p.bob.decrypt(sent[999])).empty());  // still kept
  CHECK(must(p.bob.decrypt(more[3])).empty());
}

TEST_CASE("the skip bound counts both chains of one message together", "[e2e][session]") {
  Pair p;  // Bob has received "hello" (message 0 of Alice's first chain)
  for (int i = 0; i < 600; ++i) (void)must(p.alice.encrypt({}));  // 1..600, never delivered
  CHECK(text(must(p.alice.decrypt(must(p.bob.encrypt(bytes_of("turn")))))) == "turn");
  // Alice's new chain says PN = 601: Bob would skip 600 keys on the old chain, plus N here.
  std::vector<std::vector<std::uint8_t>> next;
  for (int i = 0; i < 402; ++i) next.push_back(must(p.alice.encrypt({})));
  const auto before = p.bob.serialize();
  auto too_many = p.bob.decrypt(next[401]);  // 600 + 401 = 1001 skipped keys
  REQUIRE_FALSE(too_many);
  CHECK(too_many.error() == E2eError::kTooManySkipped);
  CHECK(p.bob.serialize() == before);
  CHECK(must(p.bob.decrypt(next[400])).empty());  // 600 + 400 = 1000: the bound itself
  CHECK(p.bob.skipped_message_keys() == 1000);
}

TEST_CASE("a skipped key whose message fails to open is kept for the genuine one", "[e2e][session]") {
  Pair p;
  auto late = must(p.alice.encrypt(bytes_of("late")));
  CHECK(text(must(p.bob.decrypt(must(p.alice.encrypt(bytes_of("on time")))))) == "on time");
  REQUIRE(p.bob.skipped_message_keys() == 1);
  const auto before = p.bob.serialize();
  auto tampered = late;
  tampered.back() ^= 1;
  CHECK(p.bob.decrypt(tampered).error() == E2eError::kDecryptFailed);
  CHECK(p.bob.serialize() == before);
  CHECK(text(must(p.bob.decrypt(late))) == "late");
  CHECK(p.bob.skipped_message_keys() == 0);
}

TEST_CASE("sessions survive serialize and parse and keep working both ways", "[e2e][session]") {
  Pair p;
  auto pending = must(p.alice.encrypt(bytes_of("in flight")));
  auto alice = must(Session::parse(p.alice.serialize()));
  auto bob = must(Session::parse(p.bob.serialize()));
  CHECK(alice.serialize() == p.alice.serialize());
  CHECK(alice.sends_prekey_messages());
  CHECK(text(must(bob.decrypt(pending))) == "in flight");
  for (int i = 0; i < 3; ++i) {
    CHECK(text(must(alice.decrypt(must(bob.encrypt(bytes_of("b")))))) == "b");
    alice = must(Session::parse(alice.serialize()));
    CHECK(text(must(bob.decrypt(must(alice.encrypt(bytes_of("a")))))) == "a");
    bob = must(Session::parse(bob.serialize()));
  }
  CHECK_FALSE(alice.sends_prekey_messages());
  CHECK(bob.remote_identity_signing_key() == p.alice_keys.identity_signing_key());
  // With skipped keys in the saved state.
  auto m0 = must(alice.encrypt(bytes_of("zero")));
  auto m1 = must(alice.encrypt(bytes_of("one")));
  CHECK(text(must(bob.decrypt(m1))) == "one");
  bob = must(Session::parse(bob.serialize()));
  CHECK(bob.skipped_message_keys() == 1);
  CHECK(text(must(bob.decrypt(m0))) == "zero");
}

TEST_CASE("parsing damaged session state gives typed errors and never crashes",
          "[e2e][session]") {
  Pair p;
  auto m = must(p.alice.encrypt({}));
  (void)must(p.alice.encrypt({}));
  auto skipped_one = must(p.alice.encrypt({}));
  (void)skipped_one;
  CHECK(must(p.bob.decrypt(must(p.alice.encrypt({})))).empty());
  (void)m;
  const auto bytes = p.bob.serialize();
  for (std::size_t n = 0; n < bytes.size(); ++n) {
    auto r = Session::parse(std::span(bytes).first(n));
    REQUIRE_FALSE(r);
    CHECK(r.error() == E2eError::kTruncated);
  }
  auto trailing = bytes;
  trailing.push_back(1);
  CHECK(Session::parse(trailing).error() == E2eError::kTrailingBytes);
  auto magic = bytes;
  magic[1] = 0;
  CHECK(Session::parse(magic).error() == E2eError::kBadMagic);
  auto version = bytes;
  version[4] = 9;
  CHECK(Session::parse(version).error() == E2eError::kUnsupportedVersion);
  auto role = bytes;
  role[5] = 7;
  CHECK(Session::parse(role).error() == E2eError::kInvalidField);
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    auto changed = bytes;
    changed[i] ^= 0xa5;
    (void)Session::parse(changed);
  }
  std::vector<std::uint8_t> garbage(500);
  for (int round = 0; round < 50; ++round) {
    e2e::system_random().fill(garbage);
    (void)Session::parse(garbage);
    garbage[0] = 'H', garbage[1] = 'E', garbage[2] = '2', garbage[3] = 'S', garbage[4] = 1;
    (void)Session::parse(garbage);
  }
}

TEST_CASE("a message with a changed tag is refused as a failed decryption, state untouched",
          "[e2e][session]") {
  Pair p;
  auto good = must(p.alice.encrypt(bytes_of("keep")));
  const auto before = p.bob.serialize();
  auto bad = good;
  bad.back() ^= 1;
  CHECK(p.bob.decrypt(bad).error() == E2eError::kDecryptFailed);
  CHECK(p.bob.serialize() == before);
}
