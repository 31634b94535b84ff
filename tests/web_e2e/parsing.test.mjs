// Envelopes and saved state as the C++ tests say (tests/unit/e2e/envelope_test.cpp and the
// parsing cases of session_test.cpp and device_keys_test.cpp): the byte layout, typed errors in
// the README's order, prekey id 0 refused, and no input that makes a parser throw anything but
// an E2eError.
import assert from "node:assert/strict";
import { test } from "node:test";
import { assertRefused, bundleOf, Device, e2e, flipBit, newKeys, sodium, startPair } from "./support.mjs";

const { Session, DeviceKeys, E2eErrorCode: Code } = e2e;
const SIGNED_ID = 2 + 32 + 32 + 64 + 32;
const FLAG = SIGNED_ID + 4;
const ONE_TIME_ID = FLAG + 1;

/** Alice's first (prekey) message to a Bob with one one-time prekey. */
function firstMessage(plaintext = "") {
  const aliceKeys = newKeys(0);
  const bobKeys = newKeys(1);
  const alice = new Device(Session.initiate(sodium, aliceKeys, bundleOf(bobKeys)));
  return { aliceKeys, bobKeys, alice, envelope: alice.encrypt(plaintext) };
}

/** `run` either returns or throws an E2eError: never anything else. */
function survives(run) {
  try {
    run();
  } catch (error) {
    assert.ok(e2e.isE2eError(error), `${error}`);
  }
}

test("envelope layout: version, type, prekey header, ratchet header, sealed body", () => {
  const { aliceKeys, bobKeys, alice, envelope: first } = firstMessage("12345");
  assert.equal(first.length, 2 + e2e.PREKEY_HEADER_BYTES + e2e.RATCHET_HEADER_BYTES + 5 + 16);
  assert.deepEqual([first[0], first[1]], [1, 2]);
  assert.deepEqual(first.slice(2, 34), aliceKeys.identitySigningKey);
  assert.deepEqual(first.slice(34, 66), aliceKeys.identityDhKey);
  assert.deepEqual(first.slice(66, 130), aliceKeys.identityDhSignature);
  assert.deepEqual([...first.slice(SIGNED_ID, SIGNED_ID + 9)], [0, 0, 0, 1, 1, 0, 0, 0, 1]); // signed id 1, flag 1, one-time id 1
  const parsed = e2e.parseEnvelope(first);
  assert.equal(parsed.type, e2e.EnvelopeType.PrekeyMessage);
  assert.equal(parsed.header.messageNumber, 0);
  assert.equal(parsed.header.previousChainLength, 0);
  assert.equal(parsed.authenticatedPrefix.length, 2 + e2e.PREKEY_HEADER_BYTES + e2e.RATCHET_HEADER_BYTES);
  assert.equal(parsed.sealedBody.length, 5 + 16);

  const sender = e2e.readSenderIdentity(sodium, first);
  assert.deepEqual(sender.identitySigningKey, aliceKeys.identitySigningKey);
  assert.deepEqual(sender.identityDhKey, aliceKeys.identityDhKey);
  assertRefused(() => e2e.readSenderIdentity(sodium, flipBit(first, 70 * 8)), Code.BadSignature);

  const bob = new Device(Session.accept(sodium, bobKeys, first).session);
  const reply = bob.encrypt("abc");
  assert.equal(reply.length, 2 + e2e.RATCHET_HEADER_BYTES + 3 + 16);
  assert.deepEqual([reply[0], reply[1]], [1, 1]);
  assert.ok(!e2e.isPrekeyMessage(reply));
  assertRefused(() => e2e.readSenderIdentity(sodium, reply), Code.NotPrekeyMessage);
  assert.equal(e2e.parseEnvelope(alice.encrypt("")).header.messageNumber, 1);
});

test("envelope parsing refuses malformed input with typed errors, in order", () => {
  const { envelope: good } = firstMessage(); // empty body: just the tag
  assertRefused(() => e2e.parseEnvelope(new Uint8Array(0)), Code.Truncated);
  for (let n = 1; n < good.length; n++) {
    assertRefused(() => e2e.parseEnvelope(good.slice(0, n)), Code.Truncated);
    assert.ok(!e2e.isPrekeyMessage(good.slice(0, n)));
  }
  const changed = (at, value) => {
    const bytes = good.slice();
    bytes[at] = value;
    return bytes;
  };
  assertRefused(() => e2e.parseEnvelope(changed(0, 2)), Code.UnsupportedVersion);
  assertRefused(() => e2e.parseEnvelope(Uint8Array.of(2)), Code.UnsupportedVersion);
  assertRefused(() => e2e.parseEnvelope(Uint8Array.of(1)), Code.Truncated);
  assertRefused(() => e2e.parseEnvelope(changed(1, 3)), Code.UnknownMessageType);
  assertRefused(() => e2e.parseEnvelope(Uint8Array.of(1, 3)), Code.UnknownMessageType);
  assertRefused(() => e2e.parseEnvelope(changed(FLAG, 2)), Code.InvalidField);
  assertRefused(() => e2e.parseEnvelope(changed(FLAG, 0)), Code.InvalidField); // "none", yet an id
  for (let round = 0; round < 200; round++) {
    const garbage = sodium.randombytes_buf(300);
    garbage[0] = 1;
    survives(() => e2e.parseEnvelope(garbage));
    survives(() => e2e.readSenderIdentity(sodium, garbage));
  }
});

test("envelope parsing refuses prekey id 0, which names no key, and accept keeps the keys", () => {
  const { bobKeys, envelope: good } = firstMessage("x");
  const zeroed = (at) => {
    const bytes = good.slice();
    bytes.fill(0, at, at + 4);
    return bytes;
  };
  for (const at of [SIGNED_ID, ONE_TIME_ID]) {
    assertRefused(() => e2e.parseEnvelope(zeroed(at)), Code.InvalidField);
    assertRefused(() => Session.accept(sodium, bobKeys, zeroed(at)), Code.InvalidField);
  }
  assert.equal(bobKeys.oneTimePrekeys.length, 1);
});

/** The cases every saved format must refuse: truncation, trailing bytes, magic, version. */
function refusesDamage(bytes, parse) {
  for (let n = 0; n < bytes.length; n++) assertRefused(() => parse(bytes.slice(0, n)), Code.Truncated);
  assertRefused(() => parse(new Uint8Array([...bytes, 1])), Code.TrailingBytes);
  assertRefused(() => parse(bytes.map((b, i) => (i === 1 ? 0 : b))), Code.BadMagic);
  assertRefused(() => parse(bytes.map((b, i) => (i === 4 ? 9 : b))), Code.UnsupportedVersion);
  for (let i = 0; i < bytes.length; i++) survives(() => parse(bytes.map((b, j) => (j === i ? b ^ 0xa5 : b))));
  for (let round = 0; round < 50; round++) {
    const garbage = sodium.randombytes_buf(500);
    survives(() => parse(garbage));
    garbage.set(bytes.slice(0, 5));
    survives(() => parse(garbage));
  }
}

test("damaged session state gives typed errors and never anything else", () => {
  const { alice, bob } = startPair();
  alice.encrypt("");
  bob.decrypt(alice.encrypt("")); // one skipped key in Bob's state
  const bytes = bob.session.serialize();
  refusesDamage(bytes, (b) => Session.parse(sodium, b));
  assertRefused(() => Session.parse(sodium, bytes.map((b, i) => (i === 5 ? 7 : b))), Code.InvalidField); // the role
});

test("damaged device keys give typed errors; id 0 and a broken signature are refused", () => {
  const keys = newKeys(2);
  const bytes = keys.serialize();
  refusesDamage(bytes, (b) => DeviceKeys.parse(sodium, b));
  const changed = (at, value) => bytes.map((b, i) => (i === at ? value : b));
  // "HWEK", version, IKs seed, IKd private, sigIKd, the two next ids, then the signed prekey's id.
  const signatureAt = 5 + 32 + 32 + 3;
  const signedIdAt = 5 + 32 + 32 + 64 + 4 + 4;
  const firstOneTimeIdAt = signedIdAt + 4 + 32 + 64 + 1 + 4;
  assertRefused(() => DeviceKeys.parse(sodium, changed(signatureAt, bytes[signatureAt] ^ 1)), Code.BadSignature);
  assert.equal(bytes[signedIdAt + 3], 1);
  assertRefused(() => DeviceKeys.parse(sodium, changed(signedIdAt + 3, 0)), Code.InvalidField);
  assert.equal(bytes[firstOneTimeIdAt + 3], 1);
  assertRefused(() => DeviceKeys.parse(sodium, changed(firstOneTimeIdAt + 3, 0)), Code.InvalidField);
});
