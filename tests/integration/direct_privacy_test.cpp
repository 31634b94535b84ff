// The server of end-to-end direct messages keeps no plaintext and no private key, and its logs
// carry no ciphertext: checked on the bytes of the whole data directory and of the log output.
#include <catch2/catch.hpp>
#include <random>

#include "clients/client/hex.h"
#include "tests/integration/e2e_test_device.h"

using namespace hearth::testing;
namespace v1 = hearth::v1;

namespace {

std::string canary() {
  std::random_device random;
  std::string tail;
  for (int i = 0; i < 4; ++i) tail += std::to_string(random());
  return "PLAINTEXT-CANARY-" + tail;
}

template <typename Bytes>
std::string raw(const Bytes& bytes) {
  return std::string(reinterpret_cast<const char*>(bytes.data()), bytes.size());
}

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

// 32 bytes from the middle of an envelope's ciphertext.
std::string ciphertext_slice(const std::string& envelope) {
  REQUIRE(envelope.size() >= 64);
  return envelope.substr(envelope.size() - 16 - 32 - 8, 32);
}

}  // namespace

TEST_CASE("the data directory holds no plaintext or private key, the logs no ciphertext", "[direct][privacy]") {
  Community community({"--log-level", "debug"});
  auto ann = community.member("ann");
  auto bob = community.member("bob");
  auto bob_on_laptop = std::make_unique<TestClient>(community.server->ws_url());
  bob_on_laptop->login_as("bob");
  sponsor(*ann, *bob, "bob");
  E2eDevice ann_phone(*ann, "ann");
  E2eDevice bob_phone(*bob, "bob", "phone");
  E2eDevice bob_laptop(*bob_on_laptop, "bob", "laptop");

  std::vector<std::string> plaintexts;
  std::vector<std::string> envelopes;
  const auto send = [&](E2eDevice& from, const std::string& to) {
    plaintexts.push_back(canary() + " my father relapsed again");
    auto copies = from.encrypt_for(to, plaintexts.back());
    for (const auto& copy : copies) envelopes.push_back(copy.envelope());
    const auto sent = from.send_copies(to, std::move(copies));
    INFO(sent.ShortDebugString());
    REQUIRE(sent.has_direct_sent());
  };
  bob_phone.attach();
  send(ann_phone, "bob");
  send(ann_phone, "bob");
  CHECK(bob_phone.receive_all() == std::vector<std::string>{plaintexts[0], plaintexts[1]});
  send(bob_phone, "ann");
  CHECK(ann_phone.receive_all() == std::vector<std::string>{plaintexts[2]});
  send(ann_phone, "bob");  // left queued: its ciphertext is in the database when it stops
  // The laptop acknowledges nothing: its copies of all four stay queued.

  ann.reset();
  bob.reset();
  bob_on_laptop.reset();
  community.admin.reset();
  REQUIRE(community.server->terminate() == 0);

  const auto data_dir = community.dir.path() / "data";
  const std::string stored = read_all_files(data_dir);
  const std::string logs = community.server->output();
  REQUIRE_FALSE(stored.empty());
  REQUIRE_FALSE(logs.empty());
  CHECK(count_rows(data_dir, "direct_copies") > 0);
  // The scan sees what the server does keep: public keys, and queued ciphertext.
  CHECK(contains(stored, raw(bob_laptop.keys().identity_signing_key())));
  CHECK(contains(stored, ciphertext_slice(envelopes.back())));
  CHECK(contains(logs, "direct.sent"));

  for (const auto& text : plaintexts) {
    INFO(text);
    CHECK_FALSE(contains(stored, text));
    CHECK_FALSE(contains(stored, text.substr(0, 30)));
    CHECK_FALSE(contains(logs, text.substr(0, 30)));
  }
  for (const auto& envelope : envelopes) {
    CHECK_FALSE(contains(logs, ciphertext_slice(envelope)));
    CHECK_FALSE(contains(logs, hearth::client::to_hex(ciphertext_slice(envelope))));
  }
  for (auto* device : {&ann_phone, &bob_phone, &bob_laptop}) {
    auto& keys = device->keys();
    std::vector<std::string> secrets = {raw(keys.identity_signing_seed()), raw(keys.identity_dh_private_key())};
    if (const auto* signed_prekey = keys.signed_prekey_private_key(keys.signed_prekey().id)) {
      secrets.push_back(raw(*signed_prekey));
    }
    for (const auto& prekey : keys.one_time_prekeys()) {
      if (const auto* one_time = keys.one_time_prekey_private_key(prekey.id)) secrets.push_back(raw(*one_time));
    }
    REQUIRE(secrets.size() > 3);
    for (const auto& secret : secrets) {
      REQUIRE(secret.size() == 32);
      CHECK_FALSE(contains(stored, secret));
      CHECK_FALSE(contains(logs, secret));
      CHECK_FALSE(contains(logs, hearth::client::to_hex(secret)));
    }
  }
}

TEST_CASE("acknowledged ciphertexts are erased from the database file, not only unlinked", "[direct][privacy]") {
  Community community;
  SponsoredPhones phones(community);
  auto& [ann, bob, ann_phone, bob_phone] = phones;
  std::vector<std::string> envelopes;
  for (int i = 0; i < 8; ++i) {  // few enough to stay under the request rate limit
    auto copies = ann_phone.encrypt_for("bob", canary());
    for (const auto& copy : copies) envelopes.push_back(copy.envelope());
    REQUIRE(ann_phone.send_copies("bob", std::move(copies)).has_direct_sent());
  }
  bob_phone.attach();
  CHECK(bob_phone.receive_all().size() == 8);  // fetched, decrypted and acknowledged

  ann.reset();
  bob.reset();
  community.admin.reset();
  REQUIRE(community.server->terminate() == 0);
  const auto data_dir = community.dir.path() / "data";
  CHECK(count_rows(data_dir, "direct_copies") == 0);
  const std::string stored = read_all_files(data_dir);
  for (const auto& envelope : envelopes) CHECK_FALSE(contains(stored, ciphertext_slice(envelope)));
}
