// The Double Ratchet (Signal's specification, revision 1) over X25519, HKDF-SHA256 and
// HMAC-SHA256; the AEAD (XChaCha20-Poly1305) is applied here too so that a message key never
// leaves this file. README "Double Ratchet" gives every KDF. The functions change the state they
// are given even when they fail: callers work on a copy and keep it only on success (Session
// does). Not thread safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>
#include <span>

#include "clients/e2e/envelope.h"
#include "clients/e2e/errors.h"
#include "clients/e2e/primitives.h"
#include "clients/e2e/random_source.h"
#include "clients/e2e/secret_bytes.h"

namespace hearth::e2e {

// One message may make us skip at most this many message keys in total, counting both the rest
// of the old receiving chain (up to PN) and the new chain (up to N); at most this many skipped
// keys are kept in all (the oldest are dropped first): enough for real reordering and loss, small
// enough that a forged header cannot make us derive or store keys without bound.
inline constexpr std::uint32_t kMaxSkip = 1000;
inline constexpr std::size_t kMaxSkippedKeys = 1000;

struct SkippedKey {
  PublicKey ratchet_key{};
  std::uint32_t message_number = 0;
  SecretKey message_key;
};

struct RatchetState {
  DhKeyPair self;                   // DHs
  std::optional<PublicKey> remote;  // DHr
  SecretKey root;                   // RK
  std::optional<SecretKey> send_chain;     // CKs
  std::optional<SecretKey> receive_chain;  // CKr
  std::uint32_t send_count = 0;            // Ns
  std::uint32_t receive_count = 0;         // Nr
  std::uint32_t previous_send_count = 0;   // PN
  std::deque<SkippedKey> skipped;          // MKSKIPPED, oldest first
};

// RatchetInitAlice: the initiator knows the responder's signed prekey.
Result<RatchetState> ratchet_init_initiator(const SecretKey& shared_key,
                                            const PublicKey& remote_signed_prekey,
                                            RandomSource& random);
// RatchetInitBob: the responder's first ratchet key pair is its signed prekey pair.
RatchetState ratchet_init_responder(const SecretKey& shared_key, DhKeyPair signed_prekey);

// The header of the next message to send (does not advance the state).
Result<RatchetHeader> ratchet_next_header(const RatchetState& state);

// RatchetEncrypt: advances the sending chain and seals plaintext with
// associated_data = AD || authenticated envelope prefix.
Result<Bytes> ratchet_encrypt(RatchetState& state, std::span<const std::uint8_t> associated_data,
                              std::span<const std::uint8_t> plaintext);

// RatchetDecrypt. kDuplicateMessage for a message number already used on the current receiving
// chain, kNoReceivingChain for a message on the current remote ratchet key when no receiving
// chain exists yet, kTooManySkipped past kMaxSkip, kDecryptFailed for anything the AEAD refuses,
// kWeakKey for a low-order ratchet key.
Result<SecretBytes> ratchet_decrypt(RatchetState& state, const RatchetHeader& header,
                                    std::span<const std::uint8_t> associated_data,
                                    std::span<const std::uint8_t> ciphertext,
                                    RandomSource& random);

}  // namespace hearth::e2e
