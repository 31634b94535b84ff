// Our wrappers over libsodium (clients/e2e/README.md "Primitives"): X25519 that refuses an
// all-zero result, Ed25519 from a 32-byte seed, HMAC-SHA256 of any key length, SHA-512 and
// XChaCha20-Poly1305 (combined form: ciphertext || 16-byte tag). Wrong sizes are refused before
// libsodium sees them, so its own exceptions never escape as anything but an E2eError.
import { E2eError, E2eErrorCode } from "./errors";
import type { Sodium } from "./sodium";

export const KEY_BYTES = 32;
export const SIGNATURE_BYTES = 64;
export const AEAD_NONCE_BYTES = 24;
export const AEAD_TAG_BYTES = 16;

export interface KeyPair {
  readonly publicKey: Uint8Array;
  readonly privateKey: Uint8Array;
}

export function requireSize(bytes: Uint8Array, size: number): void {
  if (bytes.length !== size) throw new E2eError(E2eErrorCode.InvalidSize);
}

/** X25519 public key of a 32-byte private key: X25519(private, 9). */
export function x25519PublicKey(sodium: Sodium, privateKey: Uint8Array): Uint8Array {
  requireSize(privateKey, KEY_BYTES);
  return sodium.crypto_scalarmult_base(privateKey);
}

export function x25519KeyPair(sodium: Sodium, privateKey: Uint8Array): KeyPair {
  return { privateKey, publicKey: x25519PublicKey(sodium, privateKey) };
}

/** DH(priv, pub): X25519, refused with WeakKey when the result is all zeros (a low-order `pub`). */
export function dh(sodium: Sodium, privateKey: Uint8Array, publicKey: Uint8Array): Uint8Array {
  requireSize(privateKey, KEY_BYTES);
  requireSize(publicKey, KEY_BYTES);
  let shared: Uint8Array;
  try {
    shared = sodium.crypto_scalarmult(privateKey, publicKey);
  } catch {
    // libsodium's crypto_scalarmult fails exactly when the result is all zeros.
    throw new E2eError(E2eErrorCode.WeakKey);
  }
  if (sodium.is_zero(shared)) throw new E2eError(E2eErrorCode.WeakKey);
  return shared;
}

/** The Ed25519 public key of a 32-byte RFC 8032 seed. */
export function ed25519PublicKey(sodium: Sodium, seed: Uint8Array): Uint8Array {
  requireSize(seed, KEY_BYTES);
  return sodium.crypto_sign_seed_keypair(seed).publicKey;
}

export function ed25519Sign(sodium: Sodium, seed: Uint8Array, message: Uint8Array): Uint8Array {
  requireSize(seed, KEY_BYTES);
  const { privateKey } = sodium.crypto_sign_seed_keypair(seed);
  try {
    return sodium.crypto_sign_detached(message, privateKey);
  } finally {
    sodium.memzero(privateKey);
  }
}

/** Ed25519 verification as libsodium does it (README "Ed25519 verification"); false for any wrong size. */
export function ed25519Verify(sodium: Sodium, publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
  if (publicKey.length !== KEY_BYTES || signature.length !== SIGNATURE_BYTES) return false;
  try {
    return sodium.crypto_sign_verify_detached(signature, message, publicKey);
  } catch {
    return false;
  }
}

/** HMAC-SHA256 with a key of any length; full 32-byte tags only. */
export function hmacSha256(sodium: Sodium, key: Uint8Array, message: Uint8Array): Uint8Array {
  const state = sodium.crypto_auth_hmacsha256_init(key);
  sodium.crypto_auth_hmacsha256_update(state, message);
  return sodium.crypto_auth_hmacsha256_final(state);
}

export function sha512(sodium: Sodium, message: Uint8Array): Uint8Array {
  return sodium.crypto_hash_sha512(message);
}

/** Seal(k, n, ad, p): XChaCha20-Poly1305 IETF, ciphertext || 16-byte tag. */
export function aeadSeal(sodium: Sodium, key: Uint8Array, nonce: Uint8Array, ad: Uint8Array, plaintext: Uint8Array): Uint8Array {
  requireSize(key, KEY_BYTES);
  requireSize(nonce, AEAD_NONCE_BYTES);
  return sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(plaintext, ad, null, nonce, key);
}

/** Open(k, n, ad, c): the plaintext, or DecryptFailed for anything the AEAD refuses. */
export function aeadOpen(sodium: Sodium, key: Uint8Array, nonce: Uint8Array, ad: Uint8Array, sealed: Uint8Array): Uint8Array {
  requireSize(key, KEY_BYTES);
  requireSize(nonce, AEAD_NONCE_BYTES);
  if (sealed.length < AEAD_TAG_BYTES) throw new E2eError(E2eErrorCode.DecryptFailed);
  try {
    return sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(null, sealed, ad, nonce, key);
  } catch {
    throw new E2eError(E2eErrorCode.DecryptFailed);
  }
}
