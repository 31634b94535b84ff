// HKDF-SHA256 (RFC 5869) on HMAC-SHA256. An empty salt means 32 zero bytes, as the RFC defines.
import { concatBytes } from "./bytes";
import { E2eError, E2eErrorCode } from "./errors";
import { hmacSha256 } from "./primitives";
import type { Sodium } from "./sodium";

const HASH_BYTES = 32;
export const HKDF_MAX_OUTPUT = 255 * HASH_BYTES;

export function hkdfExtract(sodium: Sodium, salt: Uint8Array, ikm: Uint8Array): Uint8Array {
  return hmacSha256(sodium, salt.length === 0 ? new Uint8Array(HASH_BYTES) : salt, ikm);
}

/** T(1) || T(2) || ... cut to `length` bytes; OutputTooLong past 255 blocks. */
export function hkdfExpand(sodium: Sodium, prk: Uint8Array, info: Uint8Array, length: number): Uint8Array {
  if (length > HKDF_MAX_OUTPUT) throw new E2eError(E2eErrorCode.OutputTooLong);
  const out = new Uint8Array(length);
  let block: Uint8Array = new Uint8Array(0);
  for (let i = 1, at = 0; at < length; i++) {
    block = hmacSha256(sodium, prk, concatBytes(block, info, Uint8Array.of(i)));
    out.set(block.subarray(0, length - at), at);
    at += block.length;
  }
  return out;
}

export function hkdf(sodium: Sodium, salt: Uint8Array, ikm: Uint8Array, info: Uint8Array, length: number): Uint8Array {
  if (length > HKDF_MAX_OUTPUT) throw new E2eError(E2eErrorCode.OutputTooLong);
  const prk = hkdfExtract(sodium, salt, ikm);
  try {
    return hkdfExpand(sodium, prk, info, length);
  } finally {
    sodium.memzero(prk);
  }
}
