// One device's keys (clients/e2e/README.md "Device keys and signatures"): an Ed25519 identity
// signing key, a separate X25519 identity DH key signed by it, a signed prekey (with the one
// before it kept after a rotation) and one-time prekeys. DeviceKeys is immutable: every change
// returns a new value, so a caller saves exactly the value it goes on with.
import { ByteReader, ByteWriter, concatBytes, isU32, u32be, U32_MAX } from "./bytes";
import { E2eError, E2eErrorCode } from "./errors";
import { LABELS } from "./labels";
import { ed25519PublicKey, ed25519Sign, ed25519Verify, KEY_BYTES, SIGNATURE_BYTES, x25519PublicKey } from "./primitives";
import type { RandomSource } from "./random_source";
import type { Sodium } from "./sodium";

export interface SignedPrekeyPublic {
  readonly id: number;
  readonly publicKey: Uint8Array;
  readonly signature: Uint8Array;
}

export interface OneTimePrekeyPublic {
  readonly id: number;
  readonly publicKey: Uint8Array;
}

interface SignedPrekey extends SignedPrekeyPublic {
  readonly privateKey: Uint8Array;
}

interface OneTimePrekey extends OneTimePrekeyPublic {
  readonly privateKey: Uint8Array;
}

interface Fields {
  readonly identitySigningSeed: Uint8Array;
  readonly identitySigningKey: Uint8Array;
  readonly identityDhPrivateKey: Uint8Array;
  readonly identityDhKey: Uint8Array;
  readonly identityDhSignature: Uint8Array;
  readonly signedPrekey: SignedPrekey;
  readonly previousSignedPrekey: SignedPrekey | undefined;
  readonly oneTimePrekeys: readonly OneTimePrekey[];
  readonly nextSignedPrekeyId: number;
  readonly nextOneTimePrekeyId: number;
}

/** "hearth-e2e-v1 identity-dh-key" || IKd: what the identity signing key signs. */
export function identityDhSignatureMessage(identityDhKey: Uint8Array): Uint8Array {
  return concatBytes(LABELS.identityDhKey, identityDhKey);
}

/** "hearth-e2e-v1 signed-prekey" || u32be(id) || SPK. */
export function signedPrekeySignatureMessage(id: number, signedPrekey: Uint8Array): Uint8Array {
  return concatBytes(LABELS.signedPrekey, u32be(id), signedPrekey);
}

export function verifyIdentityDhKey(sodium: Sodium, signingKey: Uint8Array, dhKey: Uint8Array, signature: Uint8Array): boolean {
  return dhKey.length === KEY_BYTES && ed25519Verify(sodium, signingKey, identityDhSignatureMessage(dhKey), signature);
}

export function verifySignedPrekey(sodium: Sodium, signingKey: Uint8Array, id: number, prekey: Uint8Array, signature: Uint8Array): boolean {
  return isU32(id) && prekey.length === KEY_BYTES && ed25519Verify(sodium, signingKey, signedPrekeySignatureMessage(id, prekey), signature);
}

/** Both signatures and every size of a device's published keys (what hearthd checks on upload). */
export function verifyDeviceKeys(
  sodium: Sodium,
  signingKey: Uint8Array,
  dhKey: Uint8Array,
  dhSignature: Uint8Array,
  signedPrekeyId: number,
  signedPrekey: Uint8Array,
  signedPrekeySignature: Uint8Array,
): boolean {
  return verifyIdentityDhKey(sodium, signingKey, dhKey, dhSignature) && verifySignedPrekey(sodium, signingKey, signedPrekeyId, signedPrekey, signedPrekeySignature);
}

/** Ids count from 1 and wrap from 2^32 - 1 back to 1: 0 is never an id. */
function idAfter(id: number): number {
  return id === U32_MAX ? 1 : id + 1;
}

const MAGIC = Uint8Array.from([0x48, 0x57, 0x45, 0x4b]); // "HWEK": Hearth web e2e keys
const FORMAT_VERSION = 1;

export class DeviceKeys {
  private constructor(
    private readonly sodium: Sodium,
    private readonly fields: Fields,
  ) {}

  /** New keys, drawn in the README's order: IKs, IKd, the signed prekey (id 1), then n one-time prekeys. */
  static generate(sodium: Sodium, random: RandomSource, oneTimePrekeys = 100): DeviceKeys {
    const identitySigningSeed = random.draw(KEY_BYTES);
    const identityDhPrivateKey = random.draw(KEY_BYTES);
    const identityDhKey = x25519PublicKey(sodium, identityDhPrivateKey);
    const start = new DeviceKeys(sodium, {
      identitySigningSeed,
      identitySigningKey: ed25519PublicKey(sodium, identitySigningSeed),
      identityDhPrivateKey,
      identityDhKey,
      identityDhSignature: ed25519Sign(sodium, identitySigningSeed, identityDhSignatureMessage(identityDhKey)),
      signedPrekey: makeSignedPrekey(sodium, identitySigningSeed, 1, random.draw(KEY_BYTES)),
      previousSignedPrekey: undefined,
      oneTimePrekeys: [],
      nextSignedPrekeyId: 2,
      nextOneTimePrekeyId: 1,
    });
    return start.withOneTimePrekeysAdded(random, oneTimePrekeys).keys;
  }

  get identitySigningKey(): Uint8Array {
    return this.fields.identitySigningKey;
  }
  get identitySigningSeed(): Uint8Array {
    return this.fields.identitySigningSeed;
  }
  get identityDhKey(): Uint8Array {
    return this.fields.identityDhKey;
  }
  get identityDhPrivateKey(): Uint8Array {
    return this.fields.identityDhPrivateKey;
  }
  get identityDhSignature(): Uint8Array {
    return this.fields.identityDhSignature;
  }
  get signedPrekey(): SignedPrekeyPublic {
    return publicPart(this.fields.signedPrekey);
  }
  get previousSignedPrekey(): SignedPrekeyPublic | undefined {
    const previous = this.fields.previousSignedPrekey;
    return previous && publicPart(previous);
  }
  get oneTimePrekeys(): OneTimePrekeyPublic[] {
    return this.fields.oneTimePrekeys.map(({ id, publicKey }) => ({ id, publicKey }));
  }

  /** The private key of the current or the previous signed prekey with this id. */
  signedPrekeyPrivateKey(id: number): Uint8Array | undefined {
    const { signedPrekey, previousSignedPrekey } = this.fields;
    if (signedPrekey.id === id) return signedPrekey.privateKey;
    return previousSignedPrekey?.id === id ? previousSignedPrekey.privateKey : undefined;
  }

  oneTimePrekeyPrivateKey(id: number): Uint8Array | undefined {
    return this.fields.oneTimePrekeys.find((key) => key.id === id)?.privateKey;
  }

  /** `count` more one-time prekeys with the next ids, one draw each; upload `added`. */
  withOneTimePrekeysAdded(random: RandomSource, count: number): { keys: DeviceKeys; added: OneTimePrekeyPublic[] } {
    const added: OneTimePrekey[] = [];
    let id = this.fields.nextOneTimePrekeyId;
    for (let i = 0; i < count; i++, id = idAfter(id)) {
      const privateKey = random.draw(KEY_BYTES);
      added.push({ id, privateKey, publicKey: x25519PublicKey(this.sodium, privateKey) });
    }
    const keys = this.with({ oneTimePrekeys: [...this.fields.oneTimePrekeys, ...added], nextOneTimePrekeyId: id });
    return { keys, added: added.map(({ id: addedId, publicKey }) => ({ id: addedId, publicKey })) };
  }

  /** A new signed prekey (one draw); the current one becomes the previous, the one before goes. */
  withSignedPrekeyRotated(random: RandomSource): DeviceKeys {
    const id = this.fields.nextSignedPrekeyId;
    return this.with({
      signedPrekey: makeSignedPrekey(this.sodium, this.fields.identitySigningSeed, id, random.draw(KEY_BYTES)),
      previousSignedPrekey: this.fields.signedPrekey,
      nextSignedPrekeyId: idAfter(id),
    });
  }

  /** These keys without the one-time prekey `id` (spent by a session that started from it). */
  withoutOneTimePrekey(id: number): DeviceKeys {
    return this.with({ oneTimePrekeys: this.fields.oneTimePrekeys.filter((key) => key.id !== id) });
  }

  /**
   * This library's own saved form (not part of the protocol; it holds private keys):
   *   "HWEK" | version 1 | IKs seed 32 | IKd private 32 | sigIKd 64
   *   | next signed prekey id u32 | next one-time prekey id u32
   *   | signed prekey: id u32, private 32, signature 64
   *   | previous flag u8 (0 or 1) [| previous signed prekey as above]
   *   | count u32 | count × (id u32, private 32)
   * Public keys are derived again on parse and both signatures verified.
   */
  serialize(): Uint8Array {
    const f = this.fields;
    const out = new ByteWriter().bytes(MAGIC).u8(FORMAT_VERSION);
    out.bytes(f.identitySigningSeed).bytes(f.identityDhPrivateKey).bytes(f.identityDhSignature);
    out.u32(f.nextSignedPrekeyId).u32(f.nextOneTimePrekeyId);
    writeSignedPrekey(out, f.signedPrekey);
    out.u8(f.previousSignedPrekey ? 1 : 0);
    if (f.previousSignedPrekey) writeSignedPrekey(out, f.previousSignedPrekey);
    out.u32(f.oneTimePrekeys.length);
    for (const key of f.oneTimePrekeys) out.u32(key.id).bytes(key.privateKey);
    return out.take();
  }

  /** Throws Truncated, TrailingBytes, BadMagic, UnsupportedVersion, InvalidField or BadSignature. */
  static parse(sodium: Sodium, bytes: Uint8Array): DeviceKeys {
    const in_ = new ByteReader(bytes);
    in_.header(MAGIC, FORMAT_VERSION);
    const identitySigningSeed = in_.bytes(KEY_BYTES);
    const identityDhPrivateKey = in_.bytes(KEY_BYTES);
    const identityDhSignature = in_.bytes(SIGNATURE_BYTES);
    const nextSignedPrekeyId = in_.id();
    const nextOneTimePrekeyId = in_.id();
    const identitySigningKey = ed25519PublicKey(sodium, identitySigningSeed);
    const signedPrekey = readSignedPrekey(sodium, in_, identitySigningKey);
    const previousSignedPrekey = in_.flag() ? readSignedPrekey(sodium, in_, identitySigningKey) : undefined;
    const count = in_.u32();
    if (count * (4 + KEY_BYTES) > in_.remaining) throw new E2eError(E2eErrorCode.Truncated);
    const oneTimePrekeys: OneTimePrekey[] = [];
    for (let i = 0; i < count; i++) {
      const id = in_.id();
      const privateKey = in_.bytes(KEY_BYTES);
      oneTimePrekeys.push({ id, privateKey, publicKey: x25519PublicKey(sodium, privateKey) });
    }
    in_.end();
    const identityDhKey = x25519PublicKey(sodium, identityDhPrivateKey);
    if (!verifyIdentityDhKey(sodium, identitySigningKey, identityDhKey, identityDhSignature)) {
      throw new E2eError(E2eErrorCode.BadSignature);
    }
    return new DeviceKeys(sodium, {
      identitySigningSeed,
      identitySigningKey,
      identityDhPrivateKey,
      identityDhKey,
      identityDhSignature,
      signedPrekey,
      previousSignedPrekey,
      oneTimePrekeys,
      nextSignedPrekeyId,
      nextOneTimePrekeyId,
    });
  }

  private with(changes: Partial<Fields>): DeviceKeys {
    return new DeviceKeys(this.sodium, { ...this.fields, ...changes });
  }
}

function makeSignedPrekey(sodium: Sodium, signingSeed: Uint8Array, id: number, privateKey: Uint8Array): SignedPrekey {
  const publicKey = x25519PublicKey(sodium, privateKey);
  return { id, privateKey, publicKey, signature: ed25519Sign(sodium, signingSeed, signedPrekeySignatureMessage(id, publicKey)) };
}

function publicPart({ id, publicKey, signature }: SignedPrekey): SignedPrekeyPublic {
  return { id, publicKey, signature };
}

function writeSignedPrekey(out: ByteWriter, key: SignedPrekey): void {
  out.u32(key.id).bytes(key.privateKey).bytes(key.signature);
}

function readSignedPrekey(sodium: Sodium, in_: ByteReader, signingKey: Uint8Array): SignedPrekey {
  const id = in_.id();
  const privateKey = in_.bytes(KEY_BYTES);
  const signature = in_.bytes(SIGNATURE_BYTES);
  const publicKey = x25519PublicKey(sodium, privateKey);
  if (!verifySignedPrekey(sodium, signingKey, id, publicKey, signature)) throw new E2eError(E2eErrorCode.BadSignature);
  return { id, privateKey, publicKey, signature };
}
