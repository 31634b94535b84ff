// A pairwise session between this device and one remote device (clients/e2e/README.md "Prekey
// messages and sessions"): X3DH to start it, the Double Ratchet after. Until the initiator has
// decrypted a reply, each of its messages is a prekey message carrying the X3DH header.
// Sessions are immutable: encrypt, decrypt and accept return the new session and leave the old
// one as it was, so a refused message changes nothing. The new session must be saved BEFORE
// the envelope leaves (README "Save before sending"): save_before_send.ts does it in that order.
import { bytesEqual, ByteReader, ByteWriter } from "./bytes";
import type { DeviceKeys } from "./device_keys";
import { envelopePrefix, parseEnvelope, readPrekeyHeader, writePrekeyHeader, type PrekeyHeader } from "./envelope";
import { E2eError, E2eErrorCode } from "./errors";
import {
  initiatorRatchet,
  MAX_SKIPPED_KEYS,
  ratchetDecrypt,
  ratchetEncrypt,
  responderRatchet,
  type RatchetState,
  type SkippedKey,
} from "./double_ratchet";
import { KEY_BYTES, x25519KeyPair } from "./primitives";
import { systemRandom, type RandomSource } from "./random_source";
import type { Sodium } from "./sodium";
import { x3dhAssociatedData, x3dhInitiate, x3dhRespond, type RemoteBundle } from "./x3dh";

interface Fields {
  readonly initiator: boolean;
  readonly localSigningKey: Uint8Array;
  readonly localDhKey: Uint8Array;
  readonly remoteSigningKey: Uint8Array;
  readonly remoteDhKey: Uint8Array;
  /** The initiator's X3DH ephemeral key EK_A: names the session. */
  readonly baseKey: Uint8Array;
  /** The initiator's X3DH header, sent with every message until the first reply decrypts. */
  readonly pendingPrekey: PrekeyHeader | undefined;
  readonly ratchet: RatchetState;
}

export interface Accepted {
  readonly session: Session;
  readonly plaintext: Uint8Array;
  /** The device keys without the one-time prekey the message spent: save them with the session. */
  readonly keys: DeviceKeys;
}

const MAGIC = Uint8Array.from([0x48, 0x57, 0x45, 0x53]); // "HWES": Hearth web e2e session
const FORMAT_VERSION = 1;
const SKIPPED_KEY_BYTES = KEY_BYTES + 4 + KEY_BYTES;

export class Session {
  private constructor(
    private readonly sodium: Sodium,
    private readonly fields: Fields,
  ) {}

  /**
   * Starts a session to the device whose bundle this is (X3DH as initiator, two draws: EK_A then
   * DHs). Nothing is sent: the first encrypt makes the prekey message. Errors: x3dhInitiate's.
   */
  static initiate(sodium: Sodium, mine: DeviceKeys, theirs: RemoteBundle, random: RandomSource = systemRandom(sodium)): Session {
    const x3dh = x3dhInitiate(sodium, mine, theirs, random);
    return new Session(sodium, {
      initiator: true,
      localSigningKey: mine.identitySigningKey,
      localDhKey: mine.identityDhKey,
      remoteSigningKey: theirs.identitySigningKey,
      remoteDhKey: theirs.identityDhKey,
      baseKey: x3dh.header.ephemeralKey,
      pendingPrekey: x3dh.header,
      ratchet: initiatorRatchet(sodium, x3dh.sharedKey, theirs.signedPrekey, random),
    });
  }

  /**
   * Starts a session from a prekey message and decrypts it (one draw: the DH ratchet step).
   * Checks in order: the envelope parses, NotPrekeyMessage, BadSignature, UnknownSignedPrekey,
   * UnknownOneTimePrekey, WeakKey, then the decrypt. Only when all pass is the one-time prekey
   * gone from the returned keys; `mine` itself never changes.
   */
  static accept(sodium: Sodium, mine: DeviceKeys, envelope: Uint8Array, random: RandomSource = systemRandom(sodium)): Accepted {
    const { prekey } = parseEnvelope(envelope);
    if (!prekey) throw new E2eError(E2eErrorCode.NotPrekeyMessage);
    const x3dh = x3dhRespond(sodium, mine, prekey);
    const fresh = new Session(sodium, {
      initiator: false,
      localSigningKey: mine.identitySigningKey,
      localDhKey: mine.identityDhKey,
      remoteSigningKey: prekey.identitySigningKey,
      remoteDhKey: prekey.identityDhKey,
      baseKey: prekey.ephemeralKey,
      pendingPrekey: undefined,
      ratchet: responderRatchet(x3dh.sharedKey, x3dh.signedPrekeyPair),
    });
    const { session, plaintext } = fresh.decrypt(envelope, random);
    const keys = prekey.oneTimePrekeyId === undefined ? mine : mine.withoutOneTimePrekey(prekey.oneTimePrekeyId);
    return { session, plaintext, keys };
  }

  /** Seals one message. Save `session` durably before `envelope` leaves. CounterExhausted at 2^32 - 1. */
  encrypt(plaintext: Uint8Array): { session: Session; envelope: Uint8Array } {
    const pending = this.fields.pendingPrekey;
    const { state, envelope } = ratchetEncrypt(this.sodium, this.fields.ratchet, this.associatedData(), (header) => envelopePrefix(pending, header), plaintext);
    return { session: this.with({ ratchet: state }), envelope };
  }

  /**
   * Opens an envelope of this session, the peer's further prekey messages included. A prekey
   * message is SessionMismatch in the initiator's session, and in the responder's unless its
   * sender keys and EK_A are the session's (the app should accept it as a new session). Before
   * the first reply the initiator has no receiving chain: NoReceivingChain. On any error this
   * session is unchanged; save the returned one before acknowledging the message.
   */
  decrypt(envelope: Uint8Array, random: RandomSource = systemRandom(this.sodium)): { session: Session; plaintext: Uint8Array } {
    const parsed = parseEnvelope(envelope);
    const f = this.fields;
    if (
      parsed.prekey &&
      (f.initiator ||
        !bytesEqual(parsed.prekey.identitySigningKey, f.remoteSigningKey) ||
        !bytesEqual(parsed.prekey.identityDhKey, f.remoteDhKey) ||
        !bytesEqual(parsed.prekey.ephemeralKey, f.baseKey))
    ) {
      throw new E2eError(E2eErrorCode.SessionMismatch);
    }
    const { state, plaintext } = ratchetDecrypt(this.sodium, f.ratchet, this.associatedData(), parsed, random);
    // Whatever decrypts came from the responder: the initiator stops sending prekey messages.
    return { session: this.with({ ratchet: state, pendingPrekey: undefined }), plaintext };
  }

  /** The remote device's identity keys, as its bundle or prekey message gave them (compare with the directory). */
  get remoteIdentity(): { signingKey: Uint8Array; dhKey: Uint8Array } {
    return { signingKey: this.fields.remoteSigningKey, dhKey: this.fields.remoteDhKey };
  }
  /** True while this side still sends prekey messages (initiator, no reply decrypted yet). */
  get sendsPrekeyMessages(): boolean {
    return this.fields.pendingPrekey !== undefined;
  }
  /** Skipped message keys held for late messages. */
  get skippedMessageKeys(): number {
    return this.fields.ratchet.skipped.length;
  }

  /**
   * This library's own saved form (not part of the protocol; it holds private keys):
   *   "HWES" | version 1 | role u8 (1 initiator, 0 responder)
   *   | local IKs, local IKd, remote IKs, remote IKd, EK_A (32 each)
   *   | pending flag u8 [| prekey header, 169 bytes as in the envelope; initiator only]
   *   | DHs private 32 | DHr 32 | RK 32 | CKs 32 | CKr flag u8 [| CKr 32] | Ns u32 | Nr u32 | PN u32
   *   | skipped count u32 (at most 1000) | count × (ratchet key 32, N u32, message key 32), oldest first
   */
  serialize(): Uint8Array {
    const f = this.fields;
    const r = f.ratchet;
    const out = new ByteWriter().bytes(MAGIC).u8(FORMAT_VERSION).u8(f.initiator ? 1 : 0);
    out.bytes(f.localSigningKey).bytes(f.localDhKey).bytes(f.remoteSigningKey).bytes(f.remoteDhKey).bytes(f.baseKey);
    out.u8(f.pendingPrekey ? 1 : 0);
    if (f.pendingPrekey) writePrekeyHeader(out, f.pendingPrekey);
    out.bytes(r.sendingKeyPair.privateKey).bytes(r.remoteRatchetKey!).bytes(r.rootKey).bytes(r.sendingChainKey!);
    out.u8(r.receivingChainKey ? 1 : 0);
    if (r.receivingChainKey) out.bytes(r.receivingChainKey);
    out.u32(r.sendCount).u32(r.receiveCount).u32(r.previousSendCount).u32(r.skipped.length);
    for (const s of r.skipped) out.bytes(s.ratchetKey).u32(s.messageNumber).bytes(s.messageKey);
    return out.take();
  }

  /** Throws Truncated, TrailingBytes, BadMagic, UnsupportedVersion or InvalidField; never reads out of bounds. */
  static parse(sodium: Sodium, bytes: Uint8Array): Session {
    const in_ = new ByteReader(bytes);
    in_.header(MAGIC, FORMAT_VERSION);
    const initiator = in_.flag();
    const [localSigningKey, localDhKey, remoteSigningKey, remoteDhKey, baseKey] = [1, 2, 3, 4, 5].map(() => in_.bytes(KEY_BYTES)) as [
      Uint8Array,
      Uint8Array,
      Uint8Array,
      Uint8Array,
      Uint8Array,
    ];
    const pendingPrekey = in_.flag() ? readPrekeyHeader(in_) : undefined;
    // Only the initiator sends prekey messages, and only its own.
    if (
      pendingPrekey &&
      (!initiator ||
        !bytesEqual(pendingPrekey.identitySigningKey, localSigningKey) ||
        !bytesEqual(pendingPrekey.identityDhKey, localDhKey) ||
        !bytesEqual(pendingPrekey.ephemeralKey, baseKey))
    ) {
      throw new E2eError(E2eErrorCode.InvalidField);
    }
    const sendingKeyPair = x25519KeyPair(sodium, in_.bytes(KEY_BYTES));
    const remoteRatchetKey = in_.bytes(KEY_BYTES);
    const rootKey = in_.bytes(KEY_BYTES);
    const sendingChainKey = in_.bytes(KEY_BYTES);
    const receivingChainKey = in_.flag() ? in_.bytes(KEY_BYTES) : undefined;
    const sendCount = in_.u32();
    const receiveCount = in_.u32();
    const previousSendCount = in_.u32();
    const count = in_.u32();
    if (count > MAX_SKIPPED_KEYS) throw new E2eError(E2eErrorCode.InvalidField);
    if (count * SKIPPED_KEY_BYTES > in_.remaining) throw new E2eError(E2eErrorCode.Truncated);
    const skipped: SkippedKey[] = [];
    for (let i = 0; i < count; i++) {
      skipped.push({ ratchetKey: in_.bytes(KEY_BYTES), messageNumber: in_.u32(), messageKey: in_.bytes(KEY_BYTES) });
    }
    in_.end();
    return new Session(sodium, {
      initiator,
      localSigningKey,
      localDhKey,
      remoteSigningKey,
      remoteDhKey,
      baseKey,
      pendingPrekey,
      ratchet: { sendingKeyPair, remoteRatchetKey, rootKey, sendingChainKey, receivingChainKey, sendCount, receiveCount, previousSendCount, skipped },
    });
  }

  /** AD = the initiator's identity keys, then the responder's. */
  private associatedData(): Uint8Array {
    const f = this.fields;
    return f.initiator
      ? x3dhAssociatedData(f.localSigningKey, f.localDhKey, f.remoteSigningKey, f.remoteDhKey)
      : x3dhAssociatedData(f.remoteSigningKey, f.remoteDhKey, f.localSigningKey, f.localDhKey);
  }

  private with(changes: Partial<Fields>): Session {
    return new Session(this.sodium, { ...this.fields, ...changes });
  }
}
