// Safety numbers (clients/e2e/README.md "Safety numbers"): 30 digits per person from their
// handle folded to lower case and the identity signing keys of all their devices; the two
// halves, smaller first, make the 60 digits both people compare.
import { ByteWriter, concatBytes } from "./bytes";
import { LABELS } from "./labels";
import { KEY_BYTES, sha512 } from "./primitives";
import type { Sodium } from "./sodium";

const ITERATIONS = 5200;

/** The handle folded to lower case, or undefined when it is empty or has a byte outside A-Z a-z 0-9 _ . - */
export function safetyNumberId(handle: string): string | undefined {
  if (!/^[A-Za-z0-9_.-]+$/.test(handle)) return undefined;
  return handle.replace(/[A-Z]/g, (c) => c.toLowerCase());
}

/** One person's 30 digits; "" if the handle is refused or a key is not 32 bytes. */
export function safetyNumberHalf(sodium: Sodium, handle: string, keys: readonly Uint8Array[]): string {
  const id = safetyNumberId(handle);
  if (id === undefined || keys.some((key) => key.length !== KEY_BYTES)) return "";
  const sorted = [...keys].sort(compareBytes).filter((key, i, all) => i === 0 || compareBytes(all[i - 1]!, key) !== 0);
  const material = new ByteWriter().u32(sorted.length).bytes(concatBytes(...sorted)).take();
  const idBytes = new TextEncoder().encode(id);
  let hash = sha512(sodium, new ByteWriter().bytes(LABELS.safetyNumber).bytes(material).u32(idBytes.length).bytes(idBytes).take());
  for (let i = 1; i < ITERATIONS; i++) hash = sha512(sodium, concatBytes(hash, material));
  let digits = "";
  for (let i = 0; i < 6; i++) {
    // Five bytes as a big-endian 40-bit integer: exact in a double (53 bits).
    const value = hash.subarray(5 * i, 5 * i + 5).reduce((acc, byte) => acc * 256 + byte, 0);
    digits += String(value % 100000).padStart(5, "0");
  }
  return digits;
}

/** Both halves, the smaller (as text) first, in 12 groups of 5; "" if either half is refused. */
export function safetyNumber(
  sodium: Sodium,
  handle: string,
  keys: readonly Uint8Array[],
  otherHandle: string,
  otherKeys: readonly Uint8Array[],
): string {
  const mine = safetyNumberHalf(sodium, handle, keys);
  const theirs = safetyNumberHalf(sodium, otherHandle, otherKeys);
  if (!mine || !theirs) return "";
  return formatSafetyNumber(mine < theirs ? mine + theirs : theirs + mine);
}

/** Digits in groups of 5 separated by single spaces. */
export function formatSafetyNumber(digits: string): string {
  return (digits.match(/.{1,5}/g) ?? []).join(" ");
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] !== b[i]) return a[i]! - b[i]!;
  }
  return a.length - b.length;
}
