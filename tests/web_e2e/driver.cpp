// The C++ side of the cross-implementation tests (cross_implementation.test.mjs): holds devices
// made by clients/e2e (hearth_e2e) in named slots and answers one request line at a time on
// stdin with one line on stdout. Bytes travel as lowercase hex, "-" for none. Every slot draws
// from its own SeededRandom, so a run is repeatable.
//
//   keys SLOT SEED N          -> ok BUNDLE   new device keys with N one-time prekeys; the bundle
//                                            a directory would serve (with the first one, if any)
//   initiate SLOT BUNDLE      -> ok          Session::initiate towards that bundle
//   accept SLOT ENVELOPE      -> ok PLAIN    Session::accept (a prekey message)
//   encrypt SLOT PLAIN        -> ok ENVELOPE
//   decrypt SLOT ENVELOPE     -> ok PLAIN
//   forget SLOT               -> ok
// BUNDLE is IKs IKd sigIKd SPK_ID SPK sigSPK OPK_ID OPK (OPK_ID 0 and OPK "-" when none).
// A refusal answers "error <to_string(E2eError)>"; a request it cannot read, "error bad request".
#include <cstdint>
#include <iostream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "clients/e2e/e2e.h"
#include "tests/unit/e2e/test_hex.h"

namespace e2e = hearth::e2e;
using e2e::test::from_hex;
using e2e::test::to_hex;

namespace {

struct Party {
  e2e::SeededRandom random;
  e2e::DeviceKeys keys;
  std::optional<e2e::Session> session;
};

struct BadRequest {};

std::string hex_or_dash(std::span<const std::uint8_t> bytes) { return bytes.empty() ? "-" : to_hex(bytes); }

e2e::Bytes read_bytes(std::istream& in) {
  std::string word;
  if (!(in >> word)) throw BadRequest{};
  if (word == "-") return {};
  if (word.size() % 2 != 0 || word.find_first_not_of("0123456789abcdef") != std::string::npos) throw BadRequest{};
  return from_hex(word);
}

std::uint32_t read_u32(std::istream& in) {
  std::uint64_t value = 0;
  if (!(in >> value) || value > UINT32_MAX) throw BadRequest{};
  return static_cast<std::uint32_t>(value);
}

std::string bundle_of(const e2e::DeviceKeys& keys) {
  const auto signed_prekey = keys.signed_prekey();
  const auto one_time = keys.one_time_prekeys();
  std::ostringstream out;
  out << to_hex(keys.identity_signing_key()) << ' ' << to_hex(keys.identity_dh_key()) << ' '
      << to_hex(keys.identity_dh_signature()) << ' ' << signed_prekey.id << ' '
      << to_hex(signed_prekey.public_key) << ' ' << to_hex(signed_prekey.signature) << ' ';
  if (one_time.empty()) {
    out << "0 -";
  } else {
    out << one_time.front().id << ' ' << to_hex(one_time.front().public_key);
  }
  return out.str();
}

e2e::RemoteBundle read_bundle(std::istream& in) {
  e2e::RemoteBundle bundle;
  bundle.identity_signing_key = read_bytes(in);
  bundle.identity_dh_key = read_bytes(in);
  bundle.identity_dh_signature = read_bytes(in);
  bundle.signed_prekey_id = read_u32(in);
  bundle.signed_prekey = read_bytes(in);
  bundle.signed_prekey_signature = read_bytes(in);
  const std::uint32_t one_time_id = read_u32(in);
  bundle.one_time_prekey = read_bytes(in);
  if (one_time_id != 0) bundle.one_time_prekey_id = one_time_id;
  return bundle;
}

class Driver {
 public:
  std::string handle(const std::string& line) {
    std::istringstream in(line);
    std::string command, slot;
    if (!(in >> command >> slot)) throw BadRequest{};
    if (command == "keys") {
      const auto seed = read_bytes(in);
      const auto count = read_u32(in);
      if (seed.size() != 32) throw BadRequest{};
      e2e::SeededRandom random(std::span<const std::uint8_t, 32>(seed.data(), 32));
      auto keys = e2e::DeviceKeys::generate(count, random);
      const auto bundle = bundle_of(keys);
      parties_.insert_or_assign(slot, Party{random, std::move(keys), std::nullopt});
      return "ok " + bundle;
    }
    if (command == "forget") {
      parties_.erase(slot);
      return "ok";
    }
    Party& party = find(slot);
    if (command == "initiate") {
      return answer(e2e::Session::initiate(party.keys, read_bundle(in), party.random), [&](e2e::Session s) {
        party.session = std::move(s);
        return std::string("ok");
      });
    }
    if (command == "accept") {
      return answer(e2e::Session::accept(party.keys, read_bytes(in), party.random), [&](e2e::Accepted a) {
        party.session = std::move(a.session);
        return "ok " + hex_or_dash(a.plaintext);
      });
    }
    if (!party.session) throw BadRequest{};
    if (command == "encrypt") {
      return answer(party.session->encrypt(read_bytes(in)), [](e2e::Bytes envelope) { return "ok " + to_hex(envelope); });
    }
    if (command == "decrypt") {
      return answer(party.session->decrypt(read_bytes(in), party.random),
                    [](e2e::Bytes plaintext) { return "ok " + hex_or_dash(plaintext); });
    }
    throw BadRequest{};
  }

 private:
  Party& find(const std::string& slot) {
    auto it = parties_.find(slot);
    if (it == parties_.end()) throw BadRequest{};
    return it->second;
  }

  template <typename T, typename OnValue>
  static std::string answer(e2e::Result<T> result, OnValue on_value) {
    if (!result) return "error " + std::string(e2e::to_string(result.error()));
    return on_value(std::move(result).value());
  }

  std::map<std::string, Party> parties_;
};

}  // namespace

int main() {
  Driver driver;
  std::string line;
  while (std::getline(std::cin, line)) {
    std::string reply;
    try {
      reply = driver.handle(line);
    } catch (const BadRequest&) {
      reply = "error bad request";
    }
    std::cout << reply << '\n' << std::flush;
  }
  return 0;
}
