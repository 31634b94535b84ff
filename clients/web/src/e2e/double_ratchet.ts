// The Double Ratchet (clients/e2e/README.md "Double Ratchet"): the KDFs, the state, one encrypt
// step and one decrypt step in exactly the README's order. Both steps are pure: they return a
// new state and never change the one they were given, so a refused message leaves the caller's
// state as it was (the README's atomicity) without copying back.
import { concatBytes, U32_MAX } from "./bytes";
import type { RatchetHeader } from "./envelope";
import { E2eError, E2eErrorCode } from "./errors";
import { hkdf } from "./hkdf";
import { LABELS } from "./labels";
import { aeadOpen, aeadSeal, dh, hmacSha256, KEY_BYTES, x25519KeyPair, type KeyPair } from "./primitives";
import type { RandomSource } from "./random_source";
import type { Sodium } from "./sodium";

/** Most keys one message may make us skip (both chains counted together). */
export const MAX_SKIP = 1000;
/** Most skipped keys kept in all; the oldest stored goes first. */
export const MAX_SKIPPED_KEYS = 1000;

export interface SkippedKey {
  readonly ratchetKey: Uint8Array;
  readonly messageNumber: number;
  readonly messageKey: Uint8Array;
}

export interface RatchetState {
  /** DHs: our current ratchet key pair. */
  readonly sendingKeyPair: KeyPair;
  /** DHr: the remote's current ratchet key; absent on the responder before its first decrypt. */
  readonly remoteRatchetKey: Uint8Array | undefined;
  readonly rootKey: Uint8Array;
  readonly sendingChainKey: Uint8Array | undefined;
  /** Absent on the initiator until the first reply (its DHr is then the signed prekey: public). */
  readonly receivingChainKey: Uint8Array | undefined;
  /** Ns, Nr, PN. */
  readonly sendCount: number;
  readonly receiveCount: number;
  readonly previousSendCount: number;
  /** Oldest first. */
  readonly skipped: readonly SkippedKey[];
}

/** KDF_RK: HKDF(salt = rk, ikm = dh_out, "hearth-e2e-v1 ratchet-root", 64) -> (root key, chain key). */
export function kdfRoot(sodium: Sodium, rootKey: Uint8Array, dhOutput: Uint8Array): { rootKey: Uint8Array; chainKey: Uint8Array } {
  const out = hkdf(sodium, rootKey, dhOutput, LABELS.ratchetRoot, 2 * KEY_BYTES);
  sodium.memzero(dhOutput);
  return { rootKey: out.slice(0, KEY_BYTES), chainKey: out.slice(KEY_BYTES) };
}

/** KDF_CK: message key = HMAC(ck, "...chain-message-key"), next chain key = HMAC(ck, "...chain-next-key"). */
export function kdfChain(sodium: Sodium, chainKey: Uint8Array): { messageKey: Uint8Array; nextChainKey: Uint8Array } {
  return {
    messageKey: hmacSha256(sodium, chainKey, LABELS.chainMessageKey),
    nextChainKey: hmacSha256(sodium, chainKey, LABELS.chainNextKey),
  };
}

/** Alice, right after X3DH: a new DHs (one draw), DHr = SPK_B, (RK, CKs) = KDF_RK(SK, DH(DHs, SPK_B)). */
export function initiatorRatchet(sodium: Sodium, sharedKey: Uint8Array, remoteSignedPrekey: Uint8Array, random: RandomSource): RatchetState {
  const sendingKeyPair = x25519KeyPair(sodium, random.draw(KEY_BYTES));
  const { rootKey, chainKey } = kdfRoot(sodium, sharedKey, dh(sodium, sendingKeyPair.privateKey, remoteSignedPrekey));
  return {
    sendingKeyPair,
    remoteRatchetKey: remoteSignedPrekey,
    rootKey,
    sendingChainKey: chainKey,
    receivingChainKey: undefined,
    sendCount: 0,
    receiveCount: 0,
    previousSendCount: 0,
    skipped: [],
  };
}

/** Bob: DHs = the signed prekey the message names, no DHr, RK = SK, no chains. */
export function responderRatchet(sharedKey: Uint8Array, signedPrekeyPair: KeyPair): RatchetState {
  return {
    sendingKeyPair: signedPrekeyPair,
    remoteRatchetKey: undefined,
    rootKey: sharedKey,
    sendingChainKey: undefined,
    receivingChainKey: undefined,
    sendCount: 0,
    receiveCount: 0,
    previousSendCount: 0,
    skipped: [],
  };
}

/**
 * Seals one message. `prefixOf(header)` gives the envelope up to the end of the ratchet header
 * (it is authenticated with the body). Returns the whole envelope and the advanced state, which
 * the caller must save before the envelope leaves. CounterExhausted at Ns = 2^32 - 1.
 */
export function ratchetEncrypt(
  sodium: Sodium,
  state: RatchetState,
  associatedData: Uint8Array,
  prefixOf: (header: RatchetHeader) => Uint8Array,
  plaintext: Uint8Array,
): { state: RatchetState; envelope: Uint8Array } {
  if (!state.sendingChainKey) throw new E2eError(E2eErrorCode.NoSendingChain);
  if (state.sendCount === U32_MAX) throw new E2eError(E2eErrorCode.CounterExhausted);
  const header: RatchetHeader = {
    ratchetKey: state.sendingKeyPair.publicKey,
    previousChainLength: state.previousSendCount,
    messageNumber: state.sendCount,
  };
  const { messageKey, nextChainKey } = kdfChain(sodium, state.sendingChainKey);
  const prefix = prefixOf(header);
  const body = withMessageAead(sodium, messageKey, (key, nonce) => aeadSeal(sodium, key, nonce, concatBytes(associatedData, prefix), plaintext));
  return { state: { ...state, sendingChainKey: nextChainKey, sendCount: state.sendCount + 1 }, envelope: concatBytes(prefix, body) };
}

/** What ratchetDecrypt needs of a parsed envelope. */
export interface ReceivedMessage {
  readonly header: RatchetHeader;
  readonly authenticatedPrefix: Uint8Array;
  readonly sealedBody: Uint8Array;
}

/**
 * Opens one message, steps 1-5 of the README in order; throws InvalidField, DecryptFailed,
 * NoReceivingChain, DuplicateMessage, TooManySkipped or WeakKey, and then `state` is unchanged
 * (a DH step's random draw is not undone; its key pair is dropped).
 */
export function ratchetDecrypt(
  sodium: Sodium,
  state: RatchetState,
  associatedData: Uint8Array,
  message: ReceivedMessage,
  random: RandomSource,
): { state: RatchetState; plaintext: Uint8Array } {
  const { ratchetKey, previousChainLength: pn, messageNumber: n } = message.header;
  const ad = concatBytes(associatedData, message.authenticatedPrefix);
  const open = (messageKey: Uint8Array) => withMessageAead(sodium, messageKey, (key, nonce) => aeadOpen(sodium, key, nonce, ad, message.sealedBody));

  // 1. Counters that no sender can reach.
  if (n === U32_MAX || pn === U32_MAX) throw new E2eError(E2eErrorCode.InvalidField);

  // 2. A stored skipped key: open with it and nothing else; keep it if the AEAD refuses.
  const skippedAt = state.skipped.findIndex((s) => s.messageNumber === n && sodium.memcmp(s.ratchetKey, ratchetKey));
  if (skippedAt >= 0) {
    const plaintext = open(state.skipped[skippedAt]!.messageKey);
    return { state: { ...state, skipped: state.skipped.filter((_, i) => i !== skippedAt) }, plaintext };
  }

  let next: Mutable<RatchetState> = { ...state, skipped: [...state.skipped] };
  if (state.remoteRatchetKey && sodium.memcmp(ratchetKey, state.remoteRatchetKey)) {
    // 3. The current receiving chain.
    if (!state.receivingChainKey) throw new E2eError(E2eErrorCode.NoReceivingChain);
    if (n < state.receiveCount) throw new E2eError(E2eErrorCode.DuplicateMessage);
    if (n - state.receiveCount > MAX_SKIP) throw new E2eError(E2eErrorCode.TooManySkipped);
    skipTo(sodium, next, n);
  } else {
    // 4. A new ratchet key: the bound over both chains first, then the old chain's keys, the DH step, the new chain's keys.
    const oldChainSkips = state.receivingChainKey && pn > state.receiveCount ? pn - state.receiveCount : 0;
    if (oldChainSkips + n > MAX_SKIP) throw new E2eError(E2eErrorCode.TooManySkipped);
    if (state.receivingChainKey) skipTo(sodium, next, pn);
    next = dhStep(sodium, next, ratchetKey, random);
    skipTo(sodium, next, n);
  }

  // 5. This message's key.
  const { messageKey, nextChainKey } = kdfChain(sodium, next.receivingChainKey!);
  const plaintext = open(messageKey);
  next.receivingChainKey = nextChainKey;
  next.receiveCount += 1;
  next.skipped = next.skipped.slice(-MAX_SKIPPED_KEYS);
  return { state: next, plaintext };
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] } & { skipped: SkippedKey[] };

/** Stores the keys Nr ... until-1 of the receiving chain as skipped, under the current DHr. */
function skipTo(sodium: Sodium, state: Mutable<RatchetState>, until: number): void {
  while (state.receiveCount < until) {
    const { messageKey, nextChainKey } = kdfChain(sodium, state.receivingChainKey!);
    state.skipped.push({ ratchetKey: state.remoteRatchetKey!, messageNumber: state.receiveCount, messageKey });
    state.receivingChainKey = nextChainKey;
    state.receiveCount += 1;
  }
}

/** PN = Ns, Ns = Nr = 0, DHr = K, (RK, CKr) = KDF_RK(RK, DH(DHs, K)), new DHs, (RK, CKs) = KDF_RK(RK, DH(DHs, K)). */
function dhStep(sodium: Sodium, state: Mutable<RatchetState>, remoteRatchetKey: Uint8Array, random: RandomSource): Mutable<RatchetState> {
  const receiving = kdfRoot(sodium, state.rootKey, dh(sodium, state.sendingKeyPair.privateKey, remoteRatchetKey));
  const sendingKeyPair = x25519KeyPair(sodium, random.draw(KEY_BYTES));
  const sending = kdfRoot(sodium, receiving.rootKey, dh(sodium, sendingKeyPair.privateKey, remoteRatchetKey));
  return {
    ...state,
    previousSendCount: state.sendCount,
    sendCount: 0,
    receiveCount: 0,
    remoteRatchetKey,
    receivingChainKey: receiving.chainKey,
    sendingKeyPair,
    rootKey: sending.rootKey,
    sendingChainKey: sending.chainKey,
  };
}

/**
 * Runs `use` with the AEAD key = k[0, 32) and nonce = k[32, 56) of
 * k = HKDF(zero salt, mk, "hearth-e2e-v1 message-keys", 56), and wipes k after.
 */
function withMessageAead<T>(sodium: Sodium, messageKey: Uint8Array, use: (key: Uint8Array, nonce: Uint8Array) => T): T {
  const k = hkdf(sodium, new Uint8Array(0), messageKey, LABELS.messageKeys, 56);
  try {
    return use(k.subarray(0, 32), k.subarray(32));
  } finally {
    sodium.memzero(k);
  }
}
