// Shared by the web e2e tests: the bundled construction (built by CMake from clients/web/src/e2e,
// path in HEARTH_WEB_E2E_BUNDLE), a ready libsodium, hex, and the bundle a key directory would
// serve for some device keys.
import assert from "node:assert/strict";
import { pathToFileURL } from "node:url";

const bundlePath = process.env.HEARTH_WEB_E2E_BUNDLE;
if (!bundlePath) throw new Error("HEARTH_WEB_E2E_BUNDLE is not set: run these tests through ctest");

export const e2e = await import(pathToFileURL(bundlePath).href);
export const sodium = await e2e.loadSodium();

export const toHex = (bytes) => Buffer.from(bytes).toString("hex");
export const fromHex = (hex) => new Uint8Array(Buffer.from(hex, "hex"));
export const text = (bytes) => new TextDecoder().decode(bytes);
export const bytesOf = (string) => new TextEncoder().encode(string);

/** A seeded source whose every draw starts from `seedByte` repeated (deterministic tests). */
export function seeded(seedByte) {
  return new e2e.SeededRandom(sodium, new Uint8Array(32).fill(seedByte));
}

let nextSeed = 0x40;
/** Device keys from a seed of their own, so that no two tests share randomness. */
export function newKeys(oneTimePrekeys = 2) {
  return e2e.DeviceKeys.generate(sodium, seeded(nextSeed++ & 0xff), oneTimePrekeys);
}

/** The bundle a directory would serve for `keys`, with its first one-time prekey when asked. */
export function bundleOf(keys, withOneTimePrekey = true) {
  const signed = keys.signedPrekey;
  const [oneTime] = withOneTimePrekey ? keys.oneTimePrekeys : [];
  return {
    identitySigningKey: keys.identitySigningKey,
    identityDhKey: keys.identityDhKey,
    identityDhSignature: keys.identityDhSignature,
    signedPrekeyId: signed.id,
    signedPrekey: signed.publicKey,
    signedPrekeySignature: signed.signature,
    oneTimePrekeyId: oneTime?.id,
    oneTimePrekey: oneTime?.publicKey,
  };
}

/** Asserts that `run` throws an E2eError with this code. */
export function assertRefused(run, code) {
  assert.throws(run, (error) => {
    assert.ok(e2e.isE2eError(error), `expected an E2eError, got ${error}`);
    assert.equal(error.code, code);
    return true;
  });
}
