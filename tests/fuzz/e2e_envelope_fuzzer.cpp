// Fuzz target for what a device parses from the network and from its own disk: direct-message
// envelopes (prekey messages and ordinary ones) given to a live session, to an initiator's
// session before any reply, and to a device that could accept them, and saved sessions and device keys. Besides crashes and sanitizer reports
// it aborts when an invariant breaks:
//   - a refused envelope leaves the session exactly as it was (same serialized bytes);
//   - an envelope that decrypts once is refused the second time (no replay);
//   - saved state that parses saves to bytes that parse again to the same state.
// The fixtures come from seeded randomness, so every run starts from the same two devices.
// With HEARTH_FUZZ_WRITE_SEEDS=DIR set, the initializer also writes genuine envelopes and saved
// state there as seeds (tests/fuzz/corpus/e2e_envelope was made so).
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <span>
#include <string>

#include "clients/e2e/e2e.h"

namespace {

using hearth::e2e::Bytes;
using hearth::e2e::DeviceKeys;
using hearth::e2e::Session;

void check(bool invariant) {
  if (!invariant) std::abort();
}

struct Fixture {
  Bytes bob_keys;       // serialized: the responder before any session
  Bytes bob_session;    // serialized: bob after a few messages each way
  Bytes alice_pending;  // serialized: the initiator before any reply (no receiving chain yet)
};

std::optional<Fixture> fixture;

Bytes text(const char* value) { return Bytes(value, value + std::char_traits<char>::length(value)); }

void write_seed(const char* dir, const std::string& name, const Bytes& bytes) {
  std::ofstream(std::filesystem::path(dir) / name, std::ios::binary)
      .write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
}

Fixture make_fixture() {
  std::array<std::uint8_t, 32> seed{};
  seed.fill(7);
  hearth::e2e::SeededRandom random(seed);
  DeviceKeys alice = DeviceKeys::generate(2, random);
  DeviceKeys bob = DeviceKeys::generate(2, random);
  Fixture made;
  made.bob_keys = bob.serialize();
  hearth::e2e::RemoteBundle bundle;
  bundle.identity_signing_key.assign(bob.identity_signing_key().begin(), bob.identity_signing_key().end());
  bundle.identity_dh_key.assign(bob.identity_dh_key().begin(), bob.identity_dh_key().end());
  bundle.identity_dh_signature.assign(bob.identity_dh_signature().begin(), bob.identity_dh_signature().end());
  const auto signed_prekey = bob.signed_prekey();
  bundle.signed_prekey_id = signed_prekey.id;
  bundle.signed_prekey.assign(signed_prekey.public_key.begin(), signed_prekey.public_key.end());
  bundle.signed_prekey_signature.assign(signed_prekey.signature.begin(), signed_prekey.signature.end());
  const auto one_time = bob.one_time_prekeys().front();
  bundle.one_time_prekey_id = one_time.id;
  bundle.one_time_prekey.assign(one_time.public_key.begin(), one_time.public_key.end());

  auto a = Session::initiate(alice, bundle, random);
  check(a.ok());
  auto first = a->encrypt(text("first, a prekey message"));
  check(first.ok());
  made.alice_pending = a->serialize();
  auto accepted = Session::accept(bob, *first, random);
  check(accepted.ok());
  Session b = std::move(accepted->session);
  auto reply = b.encrypt(text("a reply"));
  check(reply.ok() && a->decrypt(*reply, random).ok());
  auto later = a->encrypt(text("an ordinary message"));
  auto unseen = a->encrypt(text("one bob has not seen"));
  check(later.ok() && unseen.ok() && b.decrypt(*later, random).ok());
  made.bob_session = b.serialize();
  if (const char* dir = std::getenv("HEARTH_FUZZ_WRITE_SEEDS")) {
    write_seed(dir, "prekey_message", *first);
    write_seed(dir, "ordinary_message_unseen", *unseen);
    write_seed(dir, "ordinary_message_replayed", *later);
    write_seed(dir, "saved_session", made.bob_session);
    write_seed(dir, "saved_device_keys", made.bob_keys);
    // An ordinary message on bob's signed prekey, which alice holds as the remote ratchet key
    // before any reply: public values only, and it must be refused.
    Bytes forged = {hearth::e2e::kEnvelopeVersion, static_cast<std::uint8_t>(hearth::e2e::EnvelopeType::kMessage)};
    forged.insert(forged.end(), signed_prekey.public_key.begin(), signed_prekey.public_key.end());
    forged.resize(forged.size() + 8 + 24, 0);  // PN 0, N 0, then 8 bytes of body and a tag
    write_seed(dir, "ordinary_message_on_signed_prekey", forged);
  }
  return made;
}

void fuzz_session(std::span<const std::uint8_t> input, const Bytes& saved) {
  auto session = Session::parse(saved);
  check(session.ok());
  auto opened = session->decrypt(input);
  if (!opened) {
    check(session->serialize() == saved);
    return;
  }
  check(!session->decrypt(input).ok());
}

void fuzz_accept(std::span<const std::uint8_t> input) {
  auto keys = DeviceKeys::parse(fixture->bob_keys);
  check(keys.ok());
  (void)hearth::e2e::is_prekey_message(input);
  (void)hearth::e2e::read_sender_identity(input);
  auto accepted = Session::accept(*keys, input);
  if (!accepted) check(keys->serialize() == fixture->bob_keys);
}

void fuzz_saved_state(std::span<const std::uint8_t> input) {
  if (auto session = Session::parse(input)) {
    const Bytes saved = session->serialize();
    auto again = Session::parse(saved);
    check(again.ok() && again->serialize() == saved);
  }
  if (auto keys = DeviceKeys::parse(input)) {
    const Bytes saved = keys->serialize();
    auto again = DeviceKeys::parse(saved);
    check(again.ok() && again->serialize() == saved);
  }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  hearth::e2e::ensure_sodium();
  fixture = make_fixture();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::span<const std::uint8_t> input(data, size);
  fuzz_session(input, fixture->bob_session);
  fuzz_session(input, fixture->alice_pending);
  fuzz_accept(input);
  fuzz_saved_state(input);
  return 0;
}
