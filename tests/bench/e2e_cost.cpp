// hearth-e2e-bench: what end-to-end encryption costs a device (clients/e2e), per operation:
// making a device's keys (with 100 one-time prekeys), opening a session from a bundle (X3DH as
// initiator), accepting one from a prekey message, a 200-byte message encrypted and decrypted in
// an ongoing conversation (with a DH ratchet step at every change of speaker), saving and
// loading a session, and a safety number. One JSON object on stdout.
// usage: hearth-e2e-bench [--rounds N]
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "clients/e2e/e2e.h"

namespace {

using namespace hearth;
using Clock = std::chrono::steady_clock;

template <typename Work>
double microseconds_each(int rounds, Work&& work) {
  const auto start = Clock::now();
  for (int i = 0; i < rounds; ++i) work(i);
  return std::chrono::duration<double, std::micro>(Clock::now() - start).count() / rounds;
}

e2e::RemoteBundle bundle_of(e2e::DeviceKeys& keys) {
  e2e::RemoteBundle bundle;
  bundle.identity_signing_key.assign(keys.identity_signing_key().begin(), keys.identity_signing_key().end());
  bundle.identity_dh_key.assign(keys.identity_dh_key().begin(), keys.identity_dh_key().end());
  bundle.identity_dh_signature.assign(keys.identity_dh_signature().begin(), keys.identity_dh_signature().end());
  const auto signed_prekey = keys.signed_prekey();
  bundle.signed_prekey_id = signed_prekey.id;
  bundle.signed_prekey.assign(signed_prekey.public_key.begin(), signed_prekey.public_key.end());
  bundle.signed_prekey_signature.assign(signed_prekey.signature.begin(), signed_prekey.signature.end());
  return bundle;
}

void require(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "hearth-e2e-bench: %s failed\n", what);
    std::exit(1);
  }
}

}  // namespace

int main(int argc, char** argv) {
  int rounds = 2000;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--rounds") == 0) rounds = std::stoi(argv[i + 1]);
  }
  e2e::ensure_sodium();
  const int key_rounds = std::max(1, rounds / 50);
  const double keys_us = microseconds_each(key_rounds, [](int) { (void)e2e::DeviceKeys::generate(100); });

  e2e::DeviceKeys alice = e2e::DeviceKeys::generate(0);
  e2e::DeviceKeys bob = e2e::DeviceKeys::generate(0);
  const e2e::RemoteBundle bob_bundle = bundle_of(bob);  // no one-time prekey: accept can repeat
  std::vector<e2e::Bytes> first_messages;
  const e2e::Bytes hello(200, 'h');
  const double initiate_us = microseconds_each(rounds, [&](int) {
    auto session = e2e::Session::initiate(alice, bob_bundle);
    require(session.ok(), "initiate");
    auto first = session->encrypt(hello);
    require(first.ok(), "first encrypt");
    first_messages.push_back(std::move(first).value());
  });
  const double accept_us = microseconds_each(rounds, [&](int i) {
    require(e2e::Session::accept(bob, first_messages[static_cast<std::size_t>(i)]).ok(), "accept");
  });

  // A conversation: each round, one message one way; the speaker changes every 4 messages.
  auto a = e2e::Session::initiate(alice, bob_bundle);
  auto first = a->encrypt(hello);
  auto accepted = e2e::Session::accept(bob, *first);
  require(a.ok() && first.ok() && accepted.ok(), "conversation start");
  e2e::Session b = std::move(accepted->session);
  const double message_us = microseconds_each(rounds, [&](int i) {
    e2e::Session& from = (i / 4) % 2 == 0 ? b : *a;
    e2e::Session& to = (i / 4) % 2 == 0 ? *a : b;
    auto envelope = from.encrypt(hello);
    require(envelope.ok() && to.decrypt(*envelope).ok(), "message");
  });
  e2e::Bytes saved;
  const double save_load_us = microseconds_each(rounds, [&](int) {
    saved = b.serialize();
    require(e2e::Session::parse(saved).ok(), "parse");
  });
  const std::vector<e2e::Bytes> mine{e2e::Bytes(alice.identity_signing_key().begin(), alice.identity_signing_key().end())};
  const std::vector<e2e::Bytes> theirs{e2e::Bytes(bob.identity_signing_key().begin(), bob.identity_signing_key().end())};
  const double safety_us = microseconds_each(std::max(1, rounds / 100), [&](int) {
    require(!e2e::safety_number("ann", mine, "bob", theirs).empty(), "safety number");
  });

  std::printf(
      "{\"rounds\":%d,\"device_keys_us\":%.1f,\"initiate_us\":%.1f,\"accept_us\":%.1f,\"message_us\":%.2f,"
      "\"session_bytes\":%zu,\"save_load_us\":%.2f,\"safety_number_us\":%.0f}\n",
      rounds, keys_us, initiate_us, accept_us, message_us, saved.size(), save_load_us, safety_us);
  return 0;
}
