// Every refusal of the end-to-end construction, by name (clients/e2e/README.md names them with a
// `k` prefix: kTooManySkipped is "TooManySkipped" here). Functions of this folder throw E2eError
// and nothing else for bad input; a failed call changes nothing it was given.

export const E2eErrorCode = {
  /** A key, signature or body of the wrong length. */
  InvalidSize: "InvalidSize",
  /** An identity DH key or signed prekey whose Ed25519 signature fails. */
  BadSignature: "BadSignature",
  /** An X25519 result of all zeros (a low-order public key). */
  WeakKey: "WeakKey",
  /** The AEAD refused: a changed header or body, a wrong key, a replay on an old chain. */
  DecryptFailed: "DecryptFailed",
  /** A message whose key was already used on the current receiving chain. */
  DuplicateMessage: "DuplicateMessage",
  /** A message that would make us store more than 1000 skipped message keys. */
  TooManySkipped: "TooManySkipped",
  /** A sending chain reached 2^32 - 1 messages. */
  CounterExhausted: "CounterExhausted",
  /** An envelope or saved state that ends early. */
  Truncated: "Truncated",
  /** Saved state with bytes after its end. */
  TrailingBytes: "TrailingBytes",
  /** Saved state that is not ours. */
  BadMagic: "BadMagic",
  /** An envelope or saved state of a version we do not know. */
  UnsupportedVersion: "UnsupportedVersion",
  /** An envelope type byte we do not know. */
  UnknownMessageType: "UnknownMessageType",
  /** A field out of range: a prekey id 0, a flag not 0 or 1, a counter at 2^32 - 1. */
  InvalidField: "InvalidField",
  /** Session.accept given an ordinary (type 1) message. */
  NotPrekeyMessage: "NotPrekeyMessage",
  /** A prekey message naming a signed prekey that is neither the current nor the previous one. */
  UnknownSignedPrekey: "UnknownSignedPrekey",
  /** A prekey message naming a one-time prekey already used or never issued. */
  UnknownOneTimePrekey: "UnknownOneTimePrekey",
  /** A prekey message that starts another session (accept it as a new one). */
  SessionMismatch: "SessionMismatch",
  /** Encrypt on a state that has no sending chain yet (unreachable through Session). */
  NoSendingChain: "NoSendingChain",
  /** A message on the current remote ratchet key before any receiving chain exists. */
  NoReceivingChain: "NoReceivingChain",
  /** HKDF asked for more than 255 * 32 bytes. */
  OutputTooLong: "OutputTooLong",
} as const;

export type E2eErrorCode = (typeof E2eErrorCode)[keyof typeof E2eErrorCode];

/** A typed refusal. Its message names the reason only: never a key, a plaintext or a ciphertext. */
export class E2eError extends Error {
  override readonly name = "E2eError";
  constructor(readonly code: E2eErrorCode) {
    super(`end-to-end: ${code}`);
  }
}

export function isE2eError(error: unknown, code?: E2eErrorCode): error is E2eError {
  return error instanceof E2eError && (code === undefined || error.code === code);
}
