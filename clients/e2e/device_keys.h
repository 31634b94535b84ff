// A device's long-term and medium-term keys: the Ed25519 identity signing key, a distinct X25519
// identity DH key signed by it, the current signed prekey (and the previous one, kept so that
// prekey messages sent just before a rotation still open), and the unused one-time prekeys.
// Also the checks the server runs on uploaded keys. Not thread safe: one owner at a time.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "clients/e2e/errors.h"
#include "clients/e2e/primitives.h"
#include "clients/e2e/random_source.h"
#include "clients/e2e/secret_bytes.h"

namespace hearth::e2e {

struct SignedPrekeyPublic {
  std::uint32_t id = 0;
  PublicKey public_key{};
  Signature signature{};
};

struct OneTimePrekeyPublic {
  std::uint32_t id = 0;
  PublicKey public_key{};
};

// The bytes each signature covers (README "Signatures"):
//   identity DH key:  "hearth-e2e-v1 identity-dh-key" || identity_dh_key (32)
//   signed prekey:    "hearth-e2e-v1 signed-prekey" || u32be(id) || signed_prekey (32)
Bytes identity_dh_signature_message(std::span<const std::uint8_t> identity_dh_key);
Bytes signed_prekey_signature_message(std::uint32_t id, std::span<const std::uint8_t> signed_prekey);

// True when the identity signing key signed this identity DH key. False for wrong sizes.
bool verify_identity_dh_key(std::span<const std::uint8_t> identity_signing_key,
                            std::span<const std::uint8_t> identity_dh_key,
                            std::span<const std::uint8_t> identity_dh_signature);

// True when the identity signing key signed this signed prekey under this id.
bool verify_signed_prekey(std::span<const std::uint8_t> identity_signing_key,
                          std::uint32_t signed_prekey_id,
                          std::span<const std::uint8_t> signed_prekey,
                          std::span<const std::uint8_t> signed_prekey_signature);

// For the server's key directory: both signatures hold and every size is right (32-byte keys,
// 64-byte signatures). Pure; thread safe.
bool verify_device_keys(std::span<const std::uint8_t> identity_signing_key,
                        std::span<const std::uint8_t> identity_dh_key,
                        std::span<const std::uint8_t> identity_dh_signature,
                        std::uint32_t signed_prekey_id,
                        std::span<const std::uint8_t> signed_prekey,
                        std::span<const std::uint8_t> signed_prekey_signature);

class DeviceKeys {
 public:
  // Fresh identity, signed prekey id 1 and one-time prekeys with ids 1..n.
  static DeviceKeys generate(std::size_t one_time_prekeys = 100,
                             RandomSource& random = system_random());

  // Internal format (README "Saved state"); parse derives every public key from its private key
  // and checks both signatures, so a damaged file is an error, not a silently broken identity.
  Bytes serialize() const;
  static Result<DeviceKeys> parse(std::span<const std::uint8_t> bytes);

  const PublicKey& identity_signing_key() const { return identity_.public_key; }
  const PublicKey& identity_dh_key() const { return identity_dh_.public_key; }
  const Signature& identity_dh_signature() const { return identity_dh_signature_; }
  SignedPrekeyPublic signed_prekey() const { return current_.public_part(); }
  std::optional<SignedPrekeyPublic> previous_signed_prekey() const;

  // Makes n more one-time prekeys with fresh ids; returns their public halves for upload.
  std::vector<OneTimePrekeyPublic> add_one_time_prekeys(std::size_t n,
                                                        RandomSource& random = system_random());
  // The public halves of the one-time prekeys not yet used.
  std::vector<OneTimePrekeyPublic> one_time_prekeys() const;

  // A new signed prekey with the next id; the current one becomes the previous one (the one
  // before that is wiped). Upload signed_prekey() afterwards.
  void rotate_signed_prekey(RandomSource& random = system_random());

  // --- for X3DH (library internal, but harmless to call) ---
  const SecretKey& identity_signing_seed() const { return identity_.seed; }
  const SecretKey& identity_dh_private_key() const { return identity_dh_.private_key; }
  // The private key of the current or previous signed prekey with this id, or nullptr.
  const SecretKey* signed_prekey_private_key(std::uint32_t id) const;
  // The private key of an unused one-time prekey, or nullptr.
  const SecretKey* one_time_prekey_private_key(std::uint32_t id) const;
  // Wipes and forgets a one-time prekey once a session has been made from it.
  bool consume_one_time_prekey(std::uint32_t id);

 private:
  struct SignedPrekey {
    std::uint32_t id = 0;
    DhKeyPair pair;
    Signature signature{};
    SignedPrekeyPublic public_part() const { return {id, pair.public_key, signature}; }
  };
  struct OneTimePrekey {
    std::uint32_t id = 0;
    DhKeyPair pair;
  };

  DeviceKeys() = default;
  SignedPrekey make_signed_prekey(RandomSource& random);
  static std::uint32_t take_id(std::uint32_t& next);

  SigningKeyPair identity_;
  DhKeyPair identity_dh_;
  Signature identity_dh_signature_{};
  SignedPrekey current_;
  std::optional<SignedPrekey> previous_;
  std::vector<OneTimePrekey> one_time_;
  std::uint32_t next_signed_prekey_id_ = 1;
  std::uint32_t next_one_time_prekey_id_ = 1;
};

}  // namespace hearth::e2e
