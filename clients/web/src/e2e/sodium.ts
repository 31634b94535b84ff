// The libsodium instance every module here takes as its first argument. Only the type is imported
// statically, so a module of this folder never pulls libsodium into a chunk by itself: the
// direct-messages chunk calls loadSodium() once and hands the instance down.
import type sodium from "libsodium-wrappers-sumo";

/** libsodium.js, sumo build: the standard build lacks crypto_auth_hmacsha256_* and crypto_hash_sha512. */
export type Sodium = typeof sodium;

/** Loads libsodium's WebAssembly (a few hundred KiB) and waits until it is ready. */
export async function loadSodium(): Promise<Sodium> {
  const { default: instance } = await import("libsodium-wrappers-sumo");
  await instance.ready;
  return instance;
}
