// Thin wrappers over libsodium for the primitives of the construction: X25519, Ed25519,
// HMAC-SHA256, SHA-512 and XChaCha20-Poly1305 (IETF). Sizes are checked here, once, so that the
// layers above pass spans around without repeating the checks; every refusal is a typed error.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "clients/e2e/errors.h"
#include "clients/e2e/random_source.h"
#include "clients/e2e/secret_bytes.h"

namespace hearth::e2e {

inline constexpr std::size_t kPublicKeyBytes = 32;   // X25519 and Ed25519 public keys
inline constexpr std::size_t kSecretKeyBytes = 32;   // X25519 private key, Ed25519 seed
inline constexpr std::size_t kSignatureBytes = 64;   // Ed25519
inline constexpr std::size_t kHmacBytes = 32;        // HMAC-SHA256 (full tags only)
inline constexpr std::size_t kAeadKeyBytes = 32;     // XChaCha20-Poly1305
inline constexpr std::size_t kAeadNonceBytes = 24;
inline constexpr std::size_t kAeadTagBytes = 16;

using Bytes = std::vector<std::uint8_t>;
using PublicKey = std::array<std::uint8_t, kPublicKeyBytes>;
using Signature = std::array<std::uint8_t, kSignatureBytes>;

// Calls sodium_init() once (thread safe); aborts only if libsodium cannot initialise at all,
// an impossible state on a working system. Every function here calls it; callers may too.
void ensure_sodium();

// --- X25519 -----------------------------------------------------------------------------------

struct DhKeyPair {
  SecretKey private_key;
  PublicKey public_key{};
};

DhKeyPair generate_dh_key_pair(RandomSource& random);

// The public key of a private key (crypto_scalarmult_base; RFC 7748 clamping inside).
Result<PublicKey> x25519_public_key(std::span<const std::uint8_t> private_key);

// X25519(private, public) per RFC 7748. Refuses (kWeakKey) an all-zero result, which is what
// every low-order public key yields; refuses keys that are not 32 bytes (kInvalidSize).
Result<SecretKey> x25519(std::span<const std::uint8_t> private_key,
                         std::span<const std::uint8_t> public_key);

// --- Ed25519 ----------------------------------------------------------------------------------

struct SigningKeyPair {
  SecretKey seed;  // the 32-byte RFC 8032 private key; the 64-byte libsodium form is derived
  PublicKey public_key{};
};

SigningKeyPair generate_signing_key_pair(RandomSource& random);
Result<SigningKeyPair> signing_key_pair_from_seed(std::span<const std::uint8_t> seed);

Result<Signature> ed25519_sign(std::span<const std::uint8_t> seed,
                               std::span<const std::uint8_t> message);

// libsodium 1.0.18's strict verification: canonical S, no small-order A or R. False for any
// key or signature of the wrong length.
bool ed25519_verify(std::span<const std::uint8_t> public_key, std::span<const std::uint8_t> message,
                    std::span<const std::uint8_t> signature);

// --- HMAC-SHA256 and SHA-512 --------------------------------------------------------------------

// HMAC-SHA256 with a key of any length (RFC 2104; keys over 64 bytes are hashed first).
std::array<std::uint8_t, kHmacBytes> hmac_sha256(std::span<const std::uint8_t> key,
                                                 std::span<const std::uint8_t> message);

// Constant-time check of a FULL 32-byte tag; a tag of any other length is refused (we never
// truncate HMAC tags, so a shorter tag can only be a forgery attempt or a bug).
bool hmac_sha256_verify(std::span<const std::uint8_t> key, std::span<const std::uint8_t> message,
                        std::span<const std::uint8_t> tag);

std::array<std::uint8_t, 64> sha512(std::span<const std::uint8_t> message);

// --- XChaCha20-Poly1305 (IETF) ------------------------------------------------------------------

// Returns ciphertext || 16-byte tag (libsodium's combined form).
Result<Bytes> aead_encrypt(std::span<const std::uint8_t> key, std::span<const std::uint8_t> nonce,
                           std::span<const std::uint8_t> associated_data,
                           std::span<const std::uint8_t> plaintext);

// Takes ciphertext || tag; kDecryptFailed for any forgery, kInvalidSize for a bad key or nonce
// length or an input shorter than the tag.
Result<SecretBytes> aead_decrypt(std::span<const std::uint8_t> key,
                                 std::span<const std::uint8_t> nonce,
                                 std::span<const std::uint8_t> associated_data,
                                 std::span<const std::uint8_t> ciphertext_and_tag);

}  // namespace hearth::e2e
