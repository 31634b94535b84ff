// The envelope: one self-describing byte string per direct message, relayed opaquely by the
// server. Layout (README "Envelope"), all integers big-endian:
//   u8 version (1) | u8 type (1 message, 2 prekey message)
//   [prekey messages only, 169 bytes: sender identity signing key (32), sender identity DH key
//    (32), its signature (64), ephemeral key (32), u32 signed prekey id (not 0), u8 one-time
//    prekey flag (0 or 1), u32 one-time prekey id (0 without one, not 0 with one)]
//   ratchet header, 40 bytes: ratchet public key (32), u32 previous chain length, u32 message number
//   ciphertext || 16-byte Poly1305 tag
// Everything before the ciphertext is authenticated as AEAD associated data. Pure functions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

#include "clients/e2e/byte_io.h"
#include "clients/e2e/errors.h"
#include "clients/e2e/primitives.h"

namespace hearth::e2e {

inline constexpr std::uint8_t kEnvelopeVersion = 1;
inline constexpr std::size_t kPrekeyHeaderBytes = 32 + 32 + 64 + 32 + 4 + 1 + 4;
inline constexpr std::size_t kRatchetHeaderBytes = 32 + 4 + 4;

enum class EnvelopeType : std::uint8_t { kMessage = 1, kPrekeyMessage = 2 };

// The X3DH initial message that rides on every prekey message.
struct PrekeyHeader {
  PublicKey identity_signing_key{};
  PublicKey identity_dh_key{};
  Signature identity_dh_signature{};
  PublicKey ephemeral_key{};
  std::uint32_t signed_prekey_id = 0;
  std::optional<std::uint32_t> one_time_prekey_id;
};

struct RatchetHeader {
  PublicKey ratchet_key{};
  std::uint32_t previous_chain_length = 0;
  std::uint32_t message_number = 0;
};

// A parsed envelope; the spans point into the bytes given to parse_envelope.
struct ParsedEnvelope {
  EnvelopeType type = EnvelopeType::kMessage;
  std::optional<PrekeyHeader> prekey;
  RatchetHeader header;
  std::span<const std::uint8_t> authenticated_prefix;  // version byte .. end of ratchet header
  std::span<const std::uint8_t> ciphertext;            // ciphertext || tag (at least 16 bytes)
};

void write_prekey_header(ByteWriter& out, const PrekeyHeader& header);
Result<PrekeyHeader> read_prekey_header(ByteReader& in);

// Writes version, type, [prekey header], ratchet header: the authenticated prefix.
void write_envelope_prefix(ByteWriter& out, const std::optional<PrekeyHeader>& prekey,
                           const RatchetHeader& header);

// kTruncated, kUnsupportedVersion, kUnknownMessageType, kInvalidField (a flag not 0 or 1, an id
// without its flag, signed prekey id 0, a flagged one-time prekey id 0); never reads out of bounds.
Result<ParsedEnvelope> parse_envelope(std::span<const std::uint8_t> envelope);

// True when the bytes parse as a prekey message of a version we know.
bool is_prekey_message(std::span<const std::uint8_t> envelope);

// The sender's identity keys as a prekey message states them, for the app to compare with the
// key directory (and to compute safety numbers) before accepting. The identity DH key's
// signature is checked here (kBadSignature); the keys are not otherwise trusted.
struct SenderIdentity {
  PublicKey identity_signing_key{};
  PublicKey identity_dh_key{};
};
Result<SenderIdentity> read_sender_identity(std::span<const std::uint8_t> envelope);

}  // namespace hearth::e2e
