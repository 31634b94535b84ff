// The end-to-end construction for direct messages, a second implementation of
// clients/e2e/README.md on libsodium.js. Pure functions and immutable values over Uint8Array:
// no DOM, no storage, no network. Import this folder only from the lazily loaded direct-messages
// code: libsodium's WebAssembly comes with it (loadSodium).
export { loadSodium, type Sodium } from "./sodium";
export { E2eError, E2eErrorCode, isE2eError } from "./errors";
export { SeededRandom, systemRandom, type RandomSource } from "./random_source";
export { hkdf, hkdfExpand, hkdfExtract, HKDF_MAX_OUTPUT } from "./hkdf";
export {
  DeviceKeys,
  identityDhSignatureMessage,
  signedPrekeySignatureMessage,
  verifyDeviceKeys,
  verifyIdentityDhKey,
  verifySignedPrekey,
  type OneTimePrekeyPublic,
  type SignedPrekeyPublic,
} from "./device_keys";
export { x3dhAssociatedData, x3dhInitiate, x3dhRespond, type RemoteBundle, type X3dhInitiated, type X3dhResponded } from "./x3dh";
export { kdfChain, kdfRoot, MAX_SKIP, MAX_SKIPPED_KEYS } from "./double_ratchet";
export {
  envelopePrefix,
  EnvelopeType,
  isPrekeyMessage,
  parseEnvelope,
  PREKEY_HEADER_BYTES,
  RATCHET_HEADER_BYTES,
  readSenderIdentity,
  type ParsedEnvelope,
  type PrekeyHeader,
  type RatchetHeader,
} from "./envelope";
export { Session, type Accepted } from "./session";
export { acceptAndSave, decryptAndSave, encryptAndSave, type SaveState } from "./save_before_send";
export { formatSafetyNumber, safetyNumber, safetyNumberHalf, safetyNumberId } from "./safety_number";
export { LABELS } from "./labels";
export { aeadOpen, aeadSeal, dh, ed25519Sign, ed25519Verify, hmacSha256, sha512, x25519PublicKey } from "./primitives";
