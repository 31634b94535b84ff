// Device keys and X3DH as the C++ tests say (tests/unit/e2e/device_keys_test.cpp, x3dh_test.cpp):
// signatures that bind every key and id, rotation keeping one previous signed prekey, saved keys
// that carry on, and both sides of X3DH agreeing or refusing with the README's errors.
import assert from "node:assert/strict";
import { test } from "node:test";
import { assertRefused, bundleOf, e2e, newKeys, seeded, sodium } from "./support.mjs";

const { E2eErrorCode: Code } = e2e;

function verifyAll(keys) {
  const { id, publicKey, signature } = keys.signedPrekey;
  return e2e.verifyDeviceKeys(sodium, keys.identitySigningKey, keys.identityDhKey, keys.identityDhSignature, id, publicKey, signature);
}

test("generated device keys verify, with a DH key distinct from the signing key", () => {
  const keys = newKeys(5);
  assert.ok(verifyAll(keys));
  assert.notDeepEqual(keys.identityDhKey, keys.identitySigningKey);
  assert.equal(keys.signedPrekey.id, 1);
  assert.deepEqual(keys.oneTimePrekeys.map((k) => k.id), [1, 2, 3, 4, 5]);
  const { keys: more, added } = keys.withOneTimePrekeysAdded(seeded(0x99), 3);
  assert.deepEqual(added.map((k) => k.id), [6, 7, 8]);
  assert.equal(more.oneTimePrekeys.length, 8);
  assert.equal(keys.oneTimePrekeys.length, 5);
  assert.equal(e2e.DeviceKeys.generate(sodium, e2e.systemRandom(sodium)).oneTimePrekeys.length, 100);
});

test("verifyDeviceKeys refuses any changed key, id, signature or size", () => {
  const keys = newKeys(0);
  const { id, publicKey: pre, signature: preSig } = keys.signedPrekey;
  const [sig, dh, dhSig] = [keys.identitySigningKey, keys.identityDhKey, keys.identityDhSignature];
  const verify = (...args) => e2e.verifyDeviceKeys(sodium, ...args);
  const flipped = (bytes, at, mask) => bytes.map((b, i) => (i === at ? b ^ mask : b));
  assert.ok(verify(sig, dh, dhSig, id, pre, preSig));
  for (let i = 0; i < 32; i += 7) {
    assert.ok(!verify(sig, flipped(dh, i, 1), dhSig, id, pre, preSig));
    assert.ok(!verify(sig, dh, dhSig, id, flipped(pre, i, 1), preSig));
    assert.ok(!verify(flipped(sig, i, 1), dh, dhSig, id, pre, preSig));
  }
  for (let i = 0; i < 64; i += 9) {
    assert.ok(!verify(sig, dh, flipped(dhSig, i, 0x10), id, pre, preSig));
    assert.ok(!verify(sig, dh, dhSig, id, pre, flipped(preSig, i, 0x10)));
  }
  assert.ok(!verify(sig, dh, dhSig, id + 1, pre, preSig));
  // The two signatures cover different labels: neither stands in for the other.
  assert.ok(!verify(sig, pre, preSig, id, dh, dhSig));
  assert.ok(!verify(sig.slice(0, 31), dh, dhSig, id, pre, preSig));
  assert.ok(!verify(sig, dh.slice(0, 31), dhSig, id, pre, preSig));
  assert.ok(!verify(sig, dh, dhSig.slice(0, 63), id, pre, preSig));
  assert.ok(!verify(sig, dh, dhSig, id, pre.slice(0, 0), preSig));
  assert.ok(e2e.verifySignedPrekey(sodium, sig, id, pre, preSig));
  assert.ok(e2e.verifyIdentityDhKey(sodium, sig, dh, dhSig));
});

test("rotating the signed prekey keeps exactly one previous prekey", () => {
  const keys = newKeys(0);
  assert.equal(keys.previousSignedPrekey, undefined);
  const once = keys.withSignedPrekeyRotated(seeded(0x98));
  assert.equal(once.signedPrekey.id, 2);
  assert.notDeepEqual(once.signedPrekey.publicKey, keys.signedPrekey.publicKey);
  assert.ok(verifyAll(once));
  assert.equal(once.previousSignedPrekey.id, 1);
  assert.ok(once.signedPrekeyPrivateKey(1) && once.signedPrekeyPrivateKey(2));
  const twice = once.withSignedPrekeyRotated(seeded(0x97));
  assert.equal(twice.signedPrekey.id, 3);
  assert.equal(twice.signedPrekeyPrivateKey(1), undefined);
  assert.ok(twice.signedPrekeyPrivateKey(2));
});

test("device keys survive serialize and parse, and their ids carry on", () => {
  const keys = newKeys(4).withSignedPrekeyRotated(seeded(0x96)).withoutOneTimePrekey(2);
  const bytes = keys.serialize();
  const parsed = e2e.DeviceKeys.parse(sodium, bytes);
  for (const field of ["identitySigningKey", "identityDhKey", "identityDhSignature", "signedPrekey", "previousSignedPrekey", "oneTimePrekeys"]) {
    assert.deepEqual(parsed[field], keys[field], field);
  }
  assert.deepEqual(parsed.oneTimePrekeys.map((k) => k.id), [1, 3, 4]);
  assert.deepEqual(parsed.serialize(), bytes);
  assert.equal(parsed.withOneTimePrekeysAdded(seeded(0x95), 1).added[0].id, 5);
  assert.equal(parsed.withSignedPrekeyRotated(seeded(0x94)).signedPrekey.id, 3);
});

test("X3DH: both sides derive the same key and associated data; the one-time prekey changes the key", () => {
  const alice = newKeys(1);
  const bob = newKeys(3);
  const keys = [];
  for (const withOneTime of [true, false]) {
    const initiated = e2e.x3dhInitiate(sodium, alice, bundleOf(bob, withOneTime), e2e.systemRandom(sodium));
    assert.equal(initiated.header.oneTimePrekeyId !== undefined, withOneTime);
    const responded = e2e.x3dhRespond(sodium, bob, initiated.header);
    assert.deepEqual(responded.sharedKey, initiated.sharedKey);
    assert.deepEqual(responded.associatedData, initiated.associatedData);
    assert.deepEqual(initiated.associatedData.slice(0, 32), alice.identitySigningKey);
    assert.deepEqual(initiated.associatedData.slice(96), bob.identityDhKey);
    keys.push(initiated.sharedKey);
  }
  assert.equal(bob.oneTimePrekeys.length, 3); // the agreement consumes nothing
  const initiated = e2e.x3dhInitiate(sodium, alice, bundleOf(bob), e2e.systemRandom(sodium));
  const without = e2e.x3dhRespond(sodium, bob, { ...initiated.header, oneTimePrekeyId: undefined });
  assert.notDeepEqual(without.sharedKey, initiated.sharedKey);
});

test("the X3DH initiator refuses bad signatures, sizes, ids and low-order keys, drawing nothing first", () => {
  const alice = newKeys(0);
  const bob = newKeys(1);
  const good = bundleOf(bob);
  const flipped = (bytes) => bytes.map((b, i) => (i === 5 ? b ^ 1 : b));
  const signedPrekeyWith = (id, signedPrekey) => ({
    signedPrekeyId: id,
    signedPrekey,
    signedPrekeySignature: e2e.ed25519Sign(sodium, bob.identitySigningSeed, e2e.signedPrekeySignatureMessage(id, signedPrekey)),
  });
  const refused = (change, code) => {
    const random = { draw: () => assert.fail("drew randomness before refusing") };
    assertRefused(() => e2e.x3dhInitiate(sodium, alice, { ...good, ...change }, code === Code.WeakKey ? e2e.systemRandom(sodium) : random), code);
  };
  refused({ signedPrekeySignature: flipped(good.signedPrekeySignature) }, Code.BadSignature);
  refused({ identityDhSignature: flipped(good.identityDhSignature) }, Code.BadSignature);
  refused({ signedPrekeyId: good.signedPrekeyId + 1 }, Code.BadSignature);
  refused({ identityDhKey: alice.identityDhKey }, Code.BadSignature); // a key Bob never signed
  refused({ signedPrekey: good.signedPrekey.slice(0, 31) }, Code.InvalidSize);
  refused({ oneTimePrekey: undefined }, Code.InvalidField);
  refused({ oneTimePrekeyId: undefined }, Code.InvalidField);
  refused({ oneTimePrekey: new Uint8Array([...good.oneTimePrekey, 0]) }, Code.InvalidSize);
  // Ids count from 1: id 0 is refused before any signature or DH, signed or not.
  refused({ oneTimePrekeyId: 0 }, Code.InvalidField);
  refused(signedPrekeyWith(0, good.signedPrekey), Code.InvalidField);
  // The README's order when several things are wrong: fixed sizes, ids, the one-time key's size.
  refused({ signedPrekeyId: 0, signedPrekey: good.signedPrekey.slice(0, 31) }, Code.InvalidSize);
  refused({ oneTimePrekeyId: 0, oneTimePrekey: new Uint8Array(33) }, Code.InvalidField);
  refused({ oneTimePrekey: new Uint8Array(33), identityDhSignature: flipped(good.identityDhSignature) }, Code.InvalidSize);
  // A correctly signed low-order signed prekey, and a low-order one-time prekey (unsigned).
  refused(signedPrekeyWith(good.signedPrekeyId, new Uint8Array(32)), Code.WeakKey);
  refused({ oneTimePrekey: new Uint8Array(32).fill(1, 0, 1) }, Code.WeakKey); // u = 1: order 4
});

test("the X3DH responder refuses unknown prekeys and a bad sender signature; the previous signed prekey still answers", () => {
  const bob = newKeys(1);
  const { header } = e2e.x3dhInitiate(sodium, newKeys(0), bundleOf(bob), e2e.systemRandom(sodium));
  const respond = (keys, change) => e2e.x3dhRespond(sodium, keys, { ...header, ...change });
  assertRefused(() => respond(bob, { signedPrekeyId: 99 }), Code.UnknownSignedPrekey);
  assertRefused(() => respond(bob, { oneTimePrekeyId: 99 }), Code.UnknownOneTimePrekey);
  assertRefused(() => respond(bob, { identityDhSignature: header.identityDhSignature.map((b, i) => (i ? b : b ^ 1)) }), Code.BadSignature);
  assertRefused(() => respond(bob, { ephemeralKey: new Uint8Array(32) }), Code.WeakKey);
  const rotated = bob.withSignedPrekeyRotated(seeded(0x93));
  assert.ok(respond(rotated, {}).sharedKey);
  assertRefused(() => respond(rotated.withSignedPrekeyRotated(seeded(0x92)), {}), Code.UnknownSignedPrekey);
});
