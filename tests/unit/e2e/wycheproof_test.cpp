// Project Wycheproof vectors (../shared/vectors/wycheproof, never copied into the repository)
// run through OUR wrappers in clients/e2e/primitives.h and hkdf.h: every `valid` case accepted
// with the expected output, every `invalid` case refused, `acceptable` cases counted (and, where
// we accept one, its output checked).
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "clients/e2e/hkdf.h"
#include "clients/e2e/primitives.h"
#include "tests/unit/e2e/test_hex.h"

namespace e2e = hearth::e2e;
using e2e::test::from_hex;
using e2e::test::to_hex;
using nlohmann::json;

// Catch2 v3 has SKIP; the Catch2 v2 that Debian 12 ships does not, so there the test warns and
// returns (it passes, with the reason printed).
#if defined(SKIP)
#define HEARTH_SKIP(message) SKIP(message)
#else
#define HEARTH_SKIP(message) \
  do {                       \
    WARN(message);           \
    return;                  \
  } while (false)
#endif

namespace {

const std::filesystem::path kVectorDir = HEARTH_WYCHEPROOF_DIR;

// Returns false when the vectors are absent (a clone without ../shared).
bool load(const char* name, json& out) {
  std::ifstream in(kVectorDir / name);
  if (!in) return false;
  out = json::parse(in);
  return true;
}

std::vector<std::uint8_t> hex_field(const json& test, const char* field) {
  return from_hex(test.at(field).get<std::string>());
}

struct Counts {
  int valid = 0;
  int invalid = 0;
  int acceptable_accepted = 0;
  int acceptable_refused = 0;
  int total() const { return valid + invalid + acceptable_accepted + acceptable_refused; }
  std::string summary(const char* name) const {
    std::ostringstream s;
    s << name << ": " << valid << " valid accepted, " << invalid << " invalid refused, "
      << acceptable_accepted + acceptable_refused << " acceptable (" << acceptable_accepted
      << " accepted, " << acceptable_refused << " refused)";
    return s.str();
  }
};

}  // namespace

TEST_CASE("Wycheproof X25519 through our x25519 wrapper", "[e2e][wycheproof]") {
  json doc;
  if (!load("x25519_test.json", doc)) HEARTH_SKIP("Wycheproof vectors not found at " << kVectorDir);
  Counts counts;
  int zero_shared_refused = 0;
  for (const auto& group : doc.at("testGroups")) {
    REQUIRE(group.at("curve") == "curve25519");
    for (const auto& test : group.at("tests")) {
      INFO("tcId " << test.at("tcId") << " " << test.at("comment"));
      const auto result = test.at("result").get<std::string>();
      const auto shared = hex_field(test, "shared");
      auto ours = e2e::x25519(hex_field(test, "private"), hex_field(test, "public"));
      const bool zero = std::all_of(shared.begin(), shared.end(), [](auto b) { return b == 0; });
      if (zero) {
        // Low-order public keys: Wycheproof calls them acceptable, our wrapper must refuse.
        REQUIRE_FALSE(ours);
        CHECK(ours.error() == e2e::E2eError::kWeakKey);
        ++zero_shared_refused;
      }
      if (result == "valid") {
        REQUIRE(ours);
        CHECK(to_hex(ours->span()) == to_hex(shared));
        ++counts.valid;
      } else if (result == "invalid") {
        CHECK_FALSE(ours);
        ++counts.invalid;
      } else {
        if (ours) {
          CHECK(to_hex(ours->span()) == to_hex(shared));
          ++counts.acceptable_accepted;
        } else {
          ++counts.acceptable_refused;
        }
      }
    }
  }
  CHECK(counts.total() == doc.at("numberOfTests").get<int>());
  CHECK(zero_shared_refused > 0);
  WARN(counts.summary("x25519") << "; all " << zero_shared_refused
                                << " zero-shared-secret cases refused");
}

TEST_CASE("Wycheproof Ed25519 through our ed25519_verify wrapper", "[e2e][wycheproof]") {
  json doc;
  if (!load("ed25519_test.json", doc)) HEARTH_SKIP("Wycheproof vectors not found at " << kVectorDir);
  Counts counts;
  for (const auto& group : doc.at("testGroups")) {
    const auto public_key = from_hex(group.at("publicKey").at("pk").get<std::string>());
    for (const auto& test : group.at("tests")) {
      INFO("tcId " << test.at("tcId") << " " << test.at("comment"));
      const auto result = test.at("result").get<std::string>();
      const bool ok = e2e::ed25519_verify(public_key, hex_field(test, "msg"), hex_field(test, "sig"));
      if (result == "valid") {
        CHECK(ok);
        ++counts.valid;
      } else if (result == "invalid") {
        CHECK_FALSE(ok);
        ++counts.invalid;
      } else {
        ++(ok ? counts.acceptable_accepted : counts.acceptable_refused);
      }
    }
  }
  CHECK(counts.total() == doc.at("numberOfTests").get<int>());
  WARN(counts.summary("ed25519"));
}

TEST_CASE("Wycheproof HMAC-SHA256 through our hmac wrappers", "[e2e][wycheproof]") {
  json doc;
  if (!load("hmac_sha256_test.json", doc)) HEARTH_SKIP("Wycheproof vectors not found at " << kVectorDir);
  Counts counts;
  int truncated_refused = 0;
  for (const auto& group : doc.at("testGroups")) {
    const int tag_bits = group.at("tagSize").get<int>();
    for (const auto& test : group.at("tests")) {
      INFO("tcId " << test.at("tcId") << " tagSize " << tag_bits);
      const auto result = test.at("result").get<std::string>();
      const auto key = hex_field(test, "key");
      const auto msg = hex_field(test, "msg");
      const auto tag = hex_field(test, "tag");
      REQUIRE(tag.size() * 8 == static_cast<std::size_t>(tag_bits));
      const auto full = e2e::hmac_sha256(key, msg);
      const bool verified = e2e::hmac_sha256_verify(key, msg, tag);
      if (tag_bits != 256) {
        // Our verifier takes full 32-byte tags only, so every truncated tag is refused, valid or
        // not; the MAC itself is still checked: a valid truncated tag is a prefix of ours.
        CHECK_FALSE(verified);
        ++truncated_refused;
        if (result == "valid") {
          CHECK(to_hex(std::span(full).first(tag.size())) == to_hex(tag));
        } else {
          CHECK(to_hex(std::span(full).first(tag.size())) != to_hex(tag));
        }
        continue;
      }
      if (result == "valid") {
        CHECK(to_hex(full) == to_hex(tag));
        CHECK(verified);
        ++counts.valid;
      } else if (result == "invalid") {
        CHECK_FALSE(verified);
        ++counts.invalid;
      } else {
        ++(verified ? counts.acceptable_accepted : counts.acceptable_refused);
      }
    }
  }
  CHECK(counts.total() + truncated_refused == doc.at("numberOfTests").get<int>());
  WARN(counts.summary("hmac_sha256 (32-byte tags)")
       << "; " << truncated_refused
       << " cases with truncated tags refused by design (valid ones match our tag's prefix)");
}

TEST_CASE("Wycheproof HKDF-SHA256 through our hkdf", "[e2e][wycheproof]") {
  json doc;
  if (!load("hkdf_sha256_test.json", doc)) HEARTH_SKIP("Wycheproof vectors not found at " << kVectorDir);
  Counts counts;
  for (const auto& group : doc.at("testGroups")) {
    for (const auto& test : group.at("tests")) {
      INFO("tcId " << test.at("tcId") << " " << test.at("comment"));
      const auto result = test.at("result").get<std::string>();
      std::vector<std::uint8_t> okm(test.at("size").get<std::size_t>());
      auto ours = e2e::hkdf(hex_field(test, "salt"), hex_field(test, "ikm"), hex_field(test, "info"),
                            okm);
      if (result == "valid") {
        REQUIRE(ours);
        CHECK(to_hex(okm) == test.at("okm").get<std::string>());
        ++counts.valid;
      } else if (result == "invalid") {
        REQUIRE_FALSE(ours);
        CHECK(ours.error() == e2e::E2eError::kOutputTooLong);
        ++counts.invalid;
      } else {
        ++(ours ? counts.acceptable_accepted : counts.acceptable_refused);
      }
    }
  }
  CHECK(counts.total() == doc.at("numberOfTests").get<int>());
  WARN(counts.summary("hkdf_sha256"));
}

TEST_CASE("Wycheproof XChaCha20-Poly1305 through our aead wrappers", "[e2e][wycheproof]") {
  json doc;
  if (!load("xchacha20_poly1305_test.json", doc)) {
    HEARTH_SKIP("Wycheproof vectors not found at " << kVectorDir);
  }
  Counts counts;
  int bad_nonce_refused = 0;
  for (const auto& group : doc.at("testGroups")) {
    REQUIRE(group.at("tagSize").get<int>() == 128);
    for (const auto& test : group.at("tests")) {
      INFO("tcId " << test.at("tcId") << " " << test.at("comment"));
      const auto result = test.at("result").get<std::string>();
      const auto key = hex_field(test, "key");
      const auto nonce = hex_field(test, "iv");
      const auto aad = hex_field(test, "aad");
      const auto msg = hex_field(test, "msg");
      auto sealed = hex_field(test, "ct");
      const auto tag = hex_field(test, "tag");
      sealed.insert(sealed.end(), tag.begin(), tag.end());

      auto opened = e2e::aead_decrypt(key, nonce, aad, sealed);
      auto encrypted = e2e::aead_encrypt(key, nonce, aad, msg);
      if (nonce.size() != e2e::kAeadNonceBytes) {
        CHECK_FALSE(opened);
        CHECK_FALSE(encrypted);
        if (!opened) CHECK(opened.error() == e2e::E2eError::kInvalidSize);
        ++bad_nonce_refused;
      }
      if (result == "valid") {
        REQUIRE(opened);
        CHECK(to_hex(opened->span()) == to_hex(msg));
        REQUIRE(encrypted);
        CHECK(to_hex(*encrypted) == to_hex(sealed));
        ++counts.valid;
      } else if (result == "invalid") {
        CHECK_FALSE(opened);
        ++counts.invalid;
      } else {
        ++(opened ? counts.acceptable_accepted : counts.acceptable_refused);
      }
    }
  }
  CHECK(counts.total() == doc.at("numberOfTests").get<int>());
  CHECK(bad_nonce_refused > 0);
  WARN(counts.summary("xchacha20_poly1305") << "; " << bad_nonce_refused
                                            << " wrong-nonce-size cases refused");
}
