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

/** A device's side of a session, keeping the latest state as an app would after each save. */
export class Device {
  constructor(session) {
    this.session = session;
  }
  encrypt(plaintext) {
    const sealed = this.session.encrypt(typeof plaintext === "string" ? bytesOf(plaintext) : plaintext);
    this.session = sealed.session;
    return sealed.envelope;
  }
  decrypt(envelope) {
    const opened = this.session.decrypt(envelope);
    this.session = opened.session;
    return opened.plaintext;
  }
  /** Decrypts and returns the text. */
  read(envelope) {
    return text(this.decrypt(envelope));
  }
  /** Asserts that `envelope` is refused with `code` and that the session is byte for byte unchanged. */
  refuses(envelope, code) {
    const before = this.session.serialize();
    assertRefused(() => this.decrypt(envelope), code);
    assert.deepEqual(this.session.serialize(), before);
  }
}

/** Alice and Bob after Alice's first message ("hello") was accepted: Bob can reply. */
export function startPair({ aliceOneTime = 2, bobOneTime = 2, withOneTimePrekey = true } = {}) {
  const aliceKeys = newKeys(aliceOneTime);
  const bobKeys = newKeys(bobOneTime);
  const alice = new Device(e2e.Session.initiate(sodium, aliceKeys, bundleOf(bobKeys, withOneTimePrekey)));
  const accepted = e2e.Session.accept(sodium, bobKeys, alice.encrypt("hello"));
  assert.equal(text(accepted.plaintext), "hello");
  return { aliceKeys, bobKeys: accepted.keys, originalBobKeys: bobKeys, alice, bob: new Device(accepted.session) };
}

/** A copy of `bytes` with bit `bit` flipped. */
export function flipBit(bytes, bit) {
  const changed = bytes.slice();
  changed[bit >> 3] ^= 1 << (bit & 7);
  return changed;
}
