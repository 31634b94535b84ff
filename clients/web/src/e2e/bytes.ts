// Byte helpers for the wire and saved formats: concatenation, big-endian integers, and a reader
// that refuses to read past the end (E2eError Truncated) instead of returning short slices.
import { E2eError, E2eErrorCode } from "./errors";

export const U32_MAX = 0xffff_ffff;

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

export function u32be(value: number): Uint8Array {
  if (!isU32(value)) throw new RangeError("not a 32-bit unsigned integer");
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, value);
  return out;
}

export function isU32(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= 0 && value <= U32_MAX;
}

export function asciiBytes(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

/** Collects fields in order; `take()` returns them as one array. */
export class ByteWriter {
  private readonly parts: Uint8Array[] = [];
  u8(value: number): this {
    this.parts.push(Uint8Array.of(value));
    return this;
  }
  u32(value: number): this {
    this.parts.push(u32be(value));
    return this;
  }
  bytes(value: Uint8Array): this {
    this.parts.push(value);
    return this;
  }
  take(): Uint8Array {
    return concatBytes(...this.parts);
  }
}

/** Reads fields in order from `data`; every read past the end throws Truncated. */
export class ByteReader {
  private at = 0;
  constructor(private readonly data: Uint8Array) {}

  get offset(): number {
    return this.at;
  }
  get remaining(): number {
    return this.data.length - this.at;
  }
  u8(): number {
    return this.bytes(1)[0]!;
  }
  u32(): number {
    const b = this.bytes(4);
    return new DataView(b.buffer, b.byteOffset, 4).getUint32(0);
  }
  /** A copy of the next `n` bytes. */
  bytes(n: number): Uint8Array {
    if (n > this.remaining) throw new E2eError(E2eErrorCode.Truncated);
    const out = this.data.slice(this.at, this.at + n);
    this.at += n;
    return out;
  }
  /** A u32 id; 0 names no key and is refused wherever it is read (InvalidField). */
  id(): number {
    const id = this.u32();
    if (id === 0) throw new E2eError(E2eErrorCode.InvalidField);
    return id;
  }
  /** A byte that must be 0 or 1 (InvalidField otherwise). */
  flag(): boolean {
    const flag = this.u8();
    if (flag > 1) throw new E2eError(E2eErrorCode.InvalidField);
    return flag === 1;
  }
  /** A saved state's magic then version byte: BadMagic, UnsupportedVersion. */
  header(magic: Uint8Array, version: number): void {
    if (!bytesEqual(this.bytes(magic.length), magic)) throw new E2eError(E2eErrorCode.BadMagic);
    if (this.u8() !== version) throw new E2eError(E2eErrorCode.UnsupportedVersion);
  }
  rest(): Uint8Array {
    return this.bytes(this.remaining);
  }
  /** Throws TrailingBytes unless everything was read. */
  end(): void {
    if (this.remaining !== 0) throw new E2eError(E2eErrorCode.TrailingBytes);
  }
}
