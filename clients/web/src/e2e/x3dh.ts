// X3DH (clients/e2e/README.md "X3DH"), both sides. The initiator checks the fetched bundle before
// drawing anything; the responder finds the prekeys a prekey message names. Neither side changes
// the device keys: spending the one-time prekey is Session.accept's job, once the message opens.
import { concatBytes, isU32 } from "./bytes";
import { DeviceKeys, verifyIdentityDhKey, verifySignedPrekey } from "./device_keys";
import type { PrekeyHeader } from "./envelope";
import { E2eError, E2eErrorCode } from "./errors";
import { hkdf } from "./hkdf";
import { LABELS } from "./labels";
import { dh, KEY_BYTES, SIGNATURE_BYTES, x25519KeyPair, type KeyPair } from "./primitives";
import type { RandomSource } from "./random_source";
import type { Sodium } from "./sodium";

/** One remote device's keys as the key directory serves them. */
export interface RemoteBundle {
  readonly identitySigningKey: Uint8Array;
  readonly identityDhKey: Uint8Array;
  readonly identityDhSignature: Uint8Array;
  readonly signedPrekeyId: number;
  readonly signedPrekey: Uint8Array;
  readonly signedPrekeySignature: Uint8Array;
  /** Both or neither: the directory may have run out of one-time prekeys. */
  readonly oneTimePrekeyId?: number | undefined;
  readonly oneTimePrekey?: Uint8Array | undefined;
}

export interface X3dhInitiated {
  /** What every prekey message of the session carries. */
  readonly header: PrekeyHeader;
  readonly sharedKey: Uint8Array;
  readonly associatedData: Uint8Array;
}

export interface X3dhResponded {
  readonly sharedKey: Uint8Array;
  readonly associatedData: Uint8Array;
  /** The signed prekey the message named: the responder's first ratchet key pair. */
  readonly signedPrekeyPair: KeyPair;
}

/** AD = IKs_A || IKd_A || IKs_B || IKd_B: initiator first, both identity keys of each side. */
export function x3dhAssociatedData(
  initiatorSigningKey: Uint8Array,
  initiatorDhKey: Uint8Array,
  responderSigningKey: Uint8Array,
  responderDhKey: Uint8Array,
): Uint8Array {
  return concatBytes(initiatorSigningKey, initiatorDhKey, responderSigningKey, responderDhKey);
}

/**
 * Alice's side. Refuses, before drawing and in this order: a wrong size of the identity keys,
 * the signed prekey or a signature (InvalidSize); a one-time key without its id or the reverse,
 * or a prekey id 0 (InvalidField); a one-time key of the wrong size (InvalidSize); a bad
 * signature (BadSignature). Then draws EK_A and refuses an all-zero DH (WeakKey).
 */
export function x3dhInitiate(sodium: Sodium, mine: DeviceKeys, bundle: RemoteBundle, random: RandomSource): X3dhInitiated {
  checkBundle(sodium, bundle);
  const ephemeral = x25519KeyPair(sodium, random.draw(KEY_BYTES));
  const outputs: Uint8Array[] = [];
  try {
    outputs.push(dh(sodium, mine.identityDhPrivateKey, bundle.signedPrekey));
    outputs.push(dh(sodium, ephemeral.privateKey, bundle.identityDhKey));
    outputs.push(dh(sodium, ephemeral.privateKey, bundle.signedPrekey));
    if (bundle.oneTimePrekey?.length) outputs.push(dh(sodium, ephemeral.privateKey, bundle.oneTimePrekey));
  } finally {
    sodium.memzero(ephemeral.privateKey);
  }
  return {
    header: {
      identitySigningKey: mine.identitySigningKey,
      identityDhKey: mine.identityDhKey,
      identityDhSignature: mine.identityDhSignature,
      ephemeralKey: ephemeral.publicKey,
      signedPrekeyId: bundle.signedPrekeyId,
      oneTimePrekeyId: bundle.oneTimePrekeyId,
    },
    sharedKey: sharedKeyOf(sodium, outputs),
    associatedData: x3dhAssociatedData(mine.identitySigningKey, mine.identityDhKey, bundle.identitySigningKey, bundle.identityDhKey),
  };
}

/**
 * Bob's side, from a prekey message's header: BadSignature (the sender's DH key), then
 * UnknownSignedPrekey (neither the current nor the previous one), UnknownOneTimePrekey (used or
 * never issued), WeakKey.
 */
export function x3dhRespond(sodium: Sodium, mine: DeviceKeys, header: PrekeyHeader): X3dhResponded {
  if (!verifyIdentityDhKey(sodium, header.identitySigningKey, header.identityDhKey, header.identityDhSignature)) {
    throw new E2eError(E2eErrorCode.BadSignature);
  }
  const signedPrekeyPrivate = mine.signedPrekeyPrivateKey(header.signedPrekeyId);
  if (!signedPrekeyPrivate) throw new E2eError(E2eErrorCode.UnknownSignedPrekey);
  let oneTimePrekeyPrivate: Uint8Array | undefined;
  if (header.oneTimePrekeyId !== undefined) {
    oneTimePrekeyPrivate = mine.oneTimePrekeyPrivateKey(header.oneTimePrekeyId);
    if (!oneTimePrekeyPrivate) throw new E2eError(E2eErrorCode.UnknownOneTimePrekey);
  }
  const outputs = [
    dh(sodium, signedPrekeyPrivate, header.identityDhKey),
    dh(sodium, mine.identityDhPrivateKey, header.ephemeralKey),
    dh(sodium, signedPrekeyPrivate, header.ephemeralKey),
  ];
  if (oneTimePrekeyPrivate) outputs.push(dh(sodium, oneTimePrekeyPrivate, header.ephemeralKey));
  return {
    sharedKey: sharedKeyOf(sodium, outputs),
    associatedData: x3dhAssociatedData(header.identitySigningKey, header.identityDhKey, mine.identitySigningKey, mine.identityDhKey),
    signedPrekeyPair: x25519KeyPair(sodium, signedPrekeyPrivate.slice()),
  };
}

/** SK = HKDF(salt = 0x00*32, ikm = 0xFF*32 || DH1 || DH2 || DH3 [|| DH4], info = "hearth-e2e-v1 x3dh", 32). */
function sharedKeyOf(sodium: Sodium, outputs: Uint8Array[]): Uint8Array {
  const ikm = concatBytes(new Uint8Array(KEY_BYTES).fill(0xff), ...outputs);
  try {
    return hkdf(sodium, new Uint8Array(0), ikm, LABELS.x3dh, KEY_BYTES);
  } finally {
    sodium.memzero(ikm);
    for (const output of outputs) sodium.memzero(output);
  }
}

/** The README's order: the five fixed sizes, the ids, the one-time key's size, the signatures. */
function checkBundle(sodium: Sodium, bundle: RemoteBundle): void {
  const fixedSizes: [Uint8Array, number][] = [
    [bundle.identitySigningKey, KEY_BYTES],
    [bundle.identityDhKey, KEY_BYTES],
    [bundle.signedPrekey, KEY_BYTES],
    [bundle.identityDhSignature, SIGNATURE_BYTES],
    [bundle.signedPrekeySignature, SIGNATURE_BYTES],
  ];
  if (fixedSizes.some(([bytes, size]) => bytes.length !== size)) throw new E2eError(E2eErrorCode.InvalidSize);
  const hasId = bundle.oneTimePrekeyId !== undefined;
  const hasKey = bundle.oneTimePrekey !== undefined && bundle.oneTimePrekey.length > 0;
  const validId = (id: number | undefined) => isU32(id) && id !== 0;
  if (hasId !== hasKey || !validId(bundle.signedPrekeyId) || (hasId && !validId(bundle.oneTimePrekeyId))) {
    throw new E2eError(E2eErrorCode.InvalidField);
  }
  if (hasKey && bundle.oneTimePrekey!.length !== KEY_BYTES) throw new E2eError(E2eErrorCode.InvalidSize);
  if (
    !verifyIdentityDhKey(sodium, bundle.identitySigningKey, bundle.identityDhKey, bundle.identityDhSignature) ||
    !verifySignedPrekey(sodium, bundle.identitySigningKey, bundle.signedPrekeyId, bundle.signedPrekey, bundle.signedPrekeySignature)
  ) {
    throw new E2eError(E2eErrorCode.BadSignature);
  }
}
