// X3DH key agreement (Signal's specification, revision 1) between two devices, with a distinct
// X25519 identity DH key signed by the Ed25519 identity key (instead of converting one key to the
// other's curve form). README "X3DH" gives every input. Pure apart from the random source.
#pragma once

#include <cstdint>
#include <optional>
#include <span>

#include "clients/e2e/device_keys.h"
#include "clients/e2e/envelope.h"
#include "clients/e2e/errors.h"
#include "clients/e2e/primitives.h"
#include "clients/e2e/random_source.h"
#include "clients/e2e/secret_bytes.h"

namespace hearth::e2e {

inline constexpr std::size_t kAssociatedDataBytes = 4 * kPublicKeyBytes;

// A device's prekey bundle as fetched from the key directory (bytes exactly as uploaded).
struct RemoteBundle {
  Bytes identity_signing_key;   // Ed25519, 32
  Bytes identity_dh_key;        // X25519, 32
  Bytes identity_dh_signature;  // 64
  std::uint32_t signed_prekey_id = 0;
  Bytes signed_prekey;            // X25519, 32
  Bytes signed_prekey_signature;  // 64
  std::optional<std::uint32_t> one_time_prekey_id;
  Bytes one_time_prekey;  // X25519, 32, when one_time_prekey_id is set; empty otherwise
};

// AD = initiator identity signing key || initiator identity DH key
//   || responder identity signing key || responder identity DH key   (128 bytes)
Bytes x3dh_associated_data(std::span<const std::uint8_t, 32> initiator_signing,
                           std::span<const std::uint8_t, 32> initiator_dh,
                           std::span<const std::uint8_t, 32> responder_signing,
                           std::span<const std::uint8_t, 32> responder_dh);

struct X3dhInitiated {
  SecretKey shared_key;      // SK
  Bytes associated_data;     // AD
  PrekeyHeader header;       // what the initiator's prekey messages carry
  PublicKey remote_signed_prekey{};
  PublicKey remote_identity_signing_key{};
  PublicKey remote_identity_dh_key{};
};

// Initiator side. Checks sizes (kInvalidSize; kInvalidField for a one-time key without an id or
// the reverse, and for signed or one-time prekey id 0), both signatures (kBadSignature), and
// refuses any all-zero DH (kWeakKey).
Result<X3dhInitiated> x3dh_initiate(const DeviceKeys& mine, const RemoteBundle& theirs,
                                    RandomSource& random);

struct X3dhResponded {
  SecretKey shared_key;
  Bytes associated_data;
};

// Responder side, from a prekey message's header. Checks the sender's identity DH signature
// (kBadSignature), finds the signed prekey (kUnknownSignedPrekey) and the one-time prekey
// (kUnknownOneTimePrekey); consumes nothing: the caller removes the one-time prekey on success.
Result<X3dhResponded> x3dh_respond(const DeviceKeys& mine, const PrekeyHeader& header);

}  // namespace hearth::e2e
