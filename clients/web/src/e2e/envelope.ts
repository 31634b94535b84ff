// The envelope byte layout (clients/e2e/README.md "Envelope"): version, type, the X3DH header of
// a prekey message, the ratchet header, then the sealed body. Parsing checks in the README's
// order and never reads out of bounds.
import { ByteReader, ByteWriter } from "./bytes";
import { verifyIdentityDhKey } from "./device_keys";
import { E2eError, E2eErrorCode } from "./errors";
import { AEAD_TAG_BYTES, KEY_BYTES, SIGNATURE_BYTES } from "./primitives";
import type { Sodium } from "./sodium";

export const ENVELOPE_VERSION = 1;
export const EnvelopeType = { Message: 1, PrekeyMessage: 2 } as const;
export type EnvelopeType = (typeof EnvelopeType)[keyof typeof EnvelopeType];
export const PREKEY_HEADER_BYTES = 32 + 32 + 64 + 32 + 4 + 1 + 4;
export const RATCHET_HEADER_BYTES = 32 + 4 + 4;

/** The X3DH header a prekey message carries, so the responder can start a session from it. */
export interface PrekeyHeader {
  readonly identitySigningKey: Uint8Array;
  readonly identityDhKey: Uint8Array;
  readonly identityDhSignature: Uint8Array;
  readonly ephemeralKey: Uint8Array;
  readonly signedPrekeyId: number;
  /** Absent when the bundle had no one-time prekey. */
  readonly oneTimePrekeyId: number | undefined;
}

export interface RatchetHeader {
  /** The sender's current ratchet public key (DHs). */
  readonly ratchetKey: Uint8Array;
  /** PN: messages in the sender's previous sending chain. */
  readonly previousChainLength: number;
  /** N: this message's number in its chain, from 0. */
  readonly messageNumber: number;
}

export interface ParsedEnvelope {
  readonly type: EnvelopeType;
  readonly prekey: PrekeyHeader | undefined;
  readonly header: RatchetHeader;
  /** From the first byte to the end of the ratchet header: authenticated with the body. */
  readonly authenticatedPrefix: Uint8Array;
  /** Ciphertext then the 16-byte tag. */
  readonly sealedBody: Uint8Array;
}

export function writePrekeyHeader(out: ByteWriter, header: PrekeyHeader): void {
  out.bytes(header.identitySigningKey).bytes(header.identityDhKey).bytes(header.identityDhSignature);
  out.bytes(header.ephemeralKey).u32(header.signedPrekeyId);
  out.u8(header.oneTimePrekeyId === undefined ? 0 : 1).u32(header.oneTimePrekeyId ?? 0);
}

/** Reads all 169 bytes first (Truncated), then checks the flag and both ids (InvalidField). */
export function readPrekeyHeader(in_: ByteReader): PrekeyHeader {
  const fields = new ByteReader(in_.bytes(PREKEY_HEADER_BYTES));
  const identitySigningKey = fields.bytes(KEY_BYTES);
  const identityDhKey = fields.bytes(KEY_BYTES);
  const identityDhSignature = fields.bytes(SIGNATURE_BYTES);
  const ephemeralKey = fields.bytes(KEY_BYTES);
  const signedPrekeyId = fields.u32();
  const hasOneTimePrekey = fields.flag();
  const oneTimePrekeyId = fields.u32();
  if ((oneTimePrekeyId !== 0) !== hasOneTimePrekey || signedPrekeyId === 0) throw new E2eError(E2eErrorCode.InvalidField);
  return {
    identitySigningKey,
    identityDhKey,
    identityDhSignature,
    ephemeralKey,
    signedPrekeyId,
    oneTimePrekeyId: hasOneTimePrekey ? oneTimePrekeyId : undefined,
  };
}

/** Version, type, the prekey header when there is one, the ratchet header: what the AEAD authenticates. */
export function envelopePrefix(prekey: PrekeyHeader | undefined, header: RatchetHeader): Uint8Array {
  const out = new ByteWriter().u8(ENVELOPE_VERSION).u8(prekey ? EnvelopeType.PrekeyMessage : EnvelopeType.Message);
  if (prekey) writePrekeyHeader(out, prekey);
  return out.bytes(header.ratchetKey).u32(header.previousChainLength).u32(header.messageNumber).take();
}

/** Throws Truncated, UnsupportedVersion, UnknownMessageType or InvalidField, in the README's order. */
export function parseEnvelope(envelope: Uint8Array): ParsedEnvelope {
  const in_ = new ByteReader(envelope);
  if (in_.u8() !== ENVELOPE_VERSION) throw new E2eError(E2eErrorCode.UnsupportedVersion);
  const type = in_.u8();
  if (type !== EnvelopeType.Message && type !== EnvelopeType.PrekeyMessage) {
    throw new E2eError(E2eErrorCode.UnknownMessageType);
  }
  const prekey = type === EnvelopeType.PrekeyMessage ? readPrekeyHeader(in_) : undefined;
  const header: RatchetHeader = { ratchetKey: in_.bytes(KEY_BYTES), previousChainLength: in_.u32(), messageNumber: in_.u32() };
  const authenticatedPrefix = envelope.slice(0, in_.offset);
  if (in_.remaining < AEAD_TAG_BYTES) throw new E2eError(E2eErrorCode.Truncated);
  return { type, prekey, header, authenticatedPrefix, sealedBody: in_.rest() };
}

/** True for a well-formed prekey message (type 2); false for anything else, malformed included. */
export function isPrekeyMessage(envelope: Uint8Array): boolean {
  try {
    return parseEnvelope(envelope).type === EnvelopeType.PrekeyMessage;
  } catch {
    return false;
  }
}

/**
 * The sender's identity keys from a prekey message, after checking that its identity signing
 * key signed its DH key (BadSignature), for the app to compare with the key directory.
 * NotPrekeyMessage for an ordinary message.
 */
export function readSenderIdentity(sodium: Sodium, envelope: Uint8Array): { identitySigningKey: Uint8Array; identityDhKey: Uint8Array } {
  const { prekey } = parseEnvelope(envelope);
  if (!prekey) throw new E2eError(E2eErrorCode.NotPrekeyMessage);
  if (!verifyIdentityDhKey(sodium, prekey.identitySigningKey, prekey.identityDhKey, prekey.identityDhSignature)) {
    throw new E2eError(E2eErrorCode.BadSignature);
  }
  return { identitySigningKey: prekey.identitySigningKey, identityDhKey: prekey.identityDhKey };
}
