#include "clients/e2e/primitives.h"

#include <sodium.h>

#include <cstdlib>
#include <mutex>

namespace hearth::e2e {
namespace {

static_assert(crypto_scalarmult_BYTES == kPublicKeyBytes);
static_assert(crypto_scalarmult_SCALARBYTES == kSecretKeyBytes);
static_assert(crypto_sign_PUBLICKEYBYTES == kPublicKeyBytes);
static_assert(crypto_sign_SEEDBYTES == kSecretKeyBytes);
static_assert(crypto_sign_BYTES == kSignatureBytes);
static_assert(crypto_auth_hmacsha256_BYTES == kHmacBytes);
static_assert(crypto_aead_xchacha20poly1305_ietf_KEYBYTES == kAeadKeyBytes);
static_assert(crypto_aead_xchacha20poly1305_ietf_NPUBBYTES == kAeadNonceBytes);
static_assert(crypto_aead_xchacha20poly1305_ietf_ABYTES == kAeadTagBytes);

// libsodium wants a non-null pointer even for zero lengths in some paths.
const std::uint8_t* ptr(std::span<const std::uint8_t> s) {
  static const std::uint8_t kEmpty = 0;
  return s.empty() ? &kEmpty : s.data();
}

}  // namespace

void ensure_sodium() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (sodium_init() < 0) std::abort();  // no usable randomness: nothing safe can be done
  });
}

DhKeyPair generate_dh_key_pair(RandomSource& random) {
  ensure_sodium();
  DhKeyPair pair;
  random.fill(pair.private_key.span());
  crypto_scalarmult_base(pair.public_key.data(), pair.private_key.data());
  return pair;
}

Result<PublicKey> x25519_public_key(std::span<const std::uint8_t> private_key) {
  ensure_sodium();
  if (private_key.size() != kSecretKeyBytes) return E2eError::kInvalidSize;
  PublicKey out{};
  crypto_scalarmult_base(out.data(), private_key.data());
  return out;
}

Result<SecretKey> x25519(std::span<const std::uint8_t> private_key,
                         std::span<const std::uint8_t> public_key) {
  ensure_sodium();
  if (private_key.size() != kSecretKeyBytes || public_key.size() != kPublicKeyBytes) {
    return E2eError::kInvalidSize;
  }
  SecretKey shared;
  // libsodium 1.0.18 already returns -1 for an all-zero result; check again ourselves so the
  // guarantee does not rest on one library version.
  if (crypto_scalarmult(shared.data(), private_key.data(), public_key.data()) != 0 ||
      sodium_is_zero(shared.data(), shared.size())) {
    return E2eError::kWeakKey;
  }
  return shared;
}

SigningKeyPair generate_signing_key_pair(RandomSource& random) {
  SecretKey seed;
  random.fill(seed.span());
  return std::move(signing_key_pair_from_seed(seed.span())).value();
}

Result<SigningKeyPair> signing_key_pair_from_seed(std::span<const std::uint8_t> seed) {
  ensure_sodium();
  if (seed.size() != kSecretKeyBytes) return E2eError::kInvalidSize;
  SigningKeyPair pair;
  std::copy(seed.begin(), seed.end(), pair.seed.data());
  SecretArray<crypto_sign_SECRETKEYBYTES> expanded;
  crypto_sign_seed_keypair(pair.public_key.data(), expanded.data(), seed.data());
  return pair;
}

Result<Signature> ed25519_sign(std::span<const std::uint8_t> seed,
                               std::span<const std::uint8_t> message) {
  ensure_sodium();
  if (seed.size() != kSecretKeyBytes) return E2eError::kInvalidSize;
  PublicKey public_key{};
  SecretArray<crypto_sign_SECRETKEYBYTES> expanded;
  crypto_sign_seed_keypair(public_key.data(), expanded.data(), seed.data());
  Signature signature{};
  crypto_sign_detached(signature.data(), nullptr, ptr(message), message.size(), expanded.data());
  return signature;
}

bool ed25519_verify(std::span<const std::uint8_t> public_key, std::span<const std::uint8_t> message,
                    std::span<const std::uint8_t> signature) {
  ensure_sodium();
  if (public_key.size() != kPublicKeyBytes || signature.size() != kSignatureBytes) return false;
  return crypto_sign_verify_detached(signature.data(), ptr(message), message.size(),
                                     public_key.data()) == 0;
}

std::array<std::uint8_t, kHmacBytes> hmac_sha256(std::span<const std::uint8_t> key,
                                                 std::span<const std::uint8_t> message) {
  ensure_sodium();
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, ptr(key), key.size());
  crypto_auth_hmacsha256_update(&state, ptr(message), message.size());
  std::array<std::uint8_t, kHmacBytes> tag{};
  crypto_auth_hmacsha256_final(&state, tag.data());
  sodium_memzero(&state, sizeof state);
  return tag;
}

bool hmac_sha256_verify(std::span<const std::uint8_t> key, std::span<const std::uint8_t> message,
                        std::span<const std::uint8_t> tag) {
  if (tag.size() != kHmacBytes) return false;
  auto expected = hmac_sha256(key, message);
  bool same = sodium_memcmp(expected.data(), tag.data(), kHmacBytes) == 0;
  sodium_memzero(expected.data(), expected.size());
  return same;
}

std::array<std::uint8_t, 64> sha512(std::span<const std::uint8_t> message) {
  ensure_sodium();
  std::array<std::uint8_t, 64> out{};
  crypto_hash_sha512(out.data(), ptr(message), message.size());
  return out;
}

Result<Bytes> aead_encrypt(std::span<const std::uint8_t> key, std::span<const std::uint8_t> nonce,
                           std::span<const std::uint8_t> associated_data,
                           std::span<const std::uint8_t> plaintext) {
  ensure_sodium();
  if (key.size() != kAeadKeyBytes || nonce.size() != kAeadNonceBytes) {
    return E2eError::kInvalidSize;
  }
  Bytes out(plaintext.size() + kAeadTagBytes);
  unsigned long long written = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(out.data(), &written, ptr(plaintext),
                                             plaintext.size(), ptr(associated_data),
                                             associated_data.size(), nullptr, nonce.data(),
                                             key.data());
  out.resize(static_cast<std::size_t>(written));
  return out;
}

Result<SecretBytes> aead_decrypt(std::span<const std::uint8_t> key,
                                 std::span<const std::uint8_t> nonce,
                                 std::span<const std::uint8_t> associated_data,
                                 std::span<const std::uint8_t> ciphertext_and_tag) {
  ensure_sodium();
  if (key.size() != kAeadKeyBytes || nonce.size() != kAeadNonceBytes ||
      ciphertext_and_tag.size() < kAeadTagBytes) {
    return E2eError::kInvalidSize;
  }
  SecretBytes out(ciphertext_and_tag.size() - kAeadTagBytes);
  unsigned long long written = 0;
  // An empty plaintext still needs a writable pointer.
  std::uint8_t empty = 0;
  if (crypto_aead_xchacha20poly1305_ietf_decrypt(out.size() ? out.data() : &empty, &written,
                                                 nullptr, ciphertext_and_tag.data(),
                                                 ciphertext_and_tag.size(), ptr(associated_data),
                                                 associated_data.size(), nonce.data(),
                                                 key.data()) != 0) {
    return E2eError::kDecryptFailed;
  }
  return out;
}

}  // namespace hearth::e2e
