// Where the construction's randomness comes from. Every draw is 32 bytes (one key). The page
// uses systemRandom; tests use SeededRandom, which reproduces the known-answer files and makes
// the cross-implementation conversations repeatable (clients/e2e/README.md "Known answers").
import { concatBytes } from "./bytes";
import type { Sodium } from "./sodium";

export interface RandomSource {
  /** One draw of `length` bytes. */
  draw(length: number): Uint8Array;
}

/** libsodium's randombytes_buf (the browser's crypto.getRandomValues, node's crypto). */
export function systemRandom(sodium: Sodium): RandomSource {
  return { draw: (length) => sodium.randombytes_buf(length) };
}

/**
 * FOR TESTS ONLY. Draw i (from 0) of `length` bytes is
 * randombytes_buf_deterministic(length, SHA-256(seed || u64be(i))): the RFC 8439 ChaCha20
 * keystream under that key, nonce "LibsodiumDRG", block counter 0.
 */
export class SeededRandom implements RandomSource {
  private counter = 0;
  constructor(
    private readonly sodium: Sodium,
    private readonly seed: Uint8Array,
  ) {
    if (seed.length !== 32) throw new RangeError("a seed is 32 bytes");
  }

  draw(length: number): Uint8Array {
    const index = new Uint8Array(8);
    new DataView(index.buffer).setBigUint64(0, BigInt(this.counter));
    this.counter += 1;
    const blockSeed = this.sodium.crypto_hash_sha256(concatBytes(this.seed, index));
    return this.sodium.randombytes_buf_deterministic(length, blockSeed);
  }

  /** A copy that continues from the same draw, leaving this one where it is. */
  clone(): SeededRandom {
    const copy = new SeededRandom(this.sodium, this.seed);
    copy.counter = this.counter;
    return copy;
  }
}
