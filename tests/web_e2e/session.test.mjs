// Sessions behave as the C++ tests say (tests/unit/e2e/session_test.cpp, forgery_test.cpp):
// prekey messages until the first reply, round trips and ratchet turns, out-of-order delivery,
// replays, tampering and truncation refused with the state unchanged, the skip bound, forgeries
// from public values, and saving before the envelope is returned.
import assert from "node:assert/strict";
import { test } from "node:test";
import { assertRefused, bundleOf, bytesOf, Device, e2e, flipBit, newKeys, sodium, startPair, text } from "./support.mjs";

const { Session, E2eErrorCode: Code } = e2e;

test("a conversation: prekey messages until the first reply, then plain ones", () => {
  const aliceKeys = newKeys(3);
  const bobKeys = newKeys(3);
  const alice = new Device(Session.initiate(sodium, aliceKeys, bundleOf(bobKeys)));
  assert.ok(alice.session.sendsPrekeyMessages);
  const a1 = alice.encrypt("one");
  const a2 = alice.encrypt("two");
  assert.ok(e2e.isPrekeyMessage(a1) && e2e.isPrekeyMessage(a2));

  const accepted = Session.accept(sodium, bobKeys, a1);
  assert.equal(text(accepted.plaintext), "one");
  const bob = new Device(accepted.session);
  // The one-time prekey is spent: gone from the returned keys, the given keys untouched.
  const usedId = bobKeys.oneTimePrekeys[0].id;
  assert.equal(accepted.keys.oneTimePrekeys.length, 2);
  assert.equal(accepted.keys.oneTimePrekeyPrivateKey(usedId), undefined);
  assert.equal(bobKeys.oneTimePrekeys.length, 3);
  assertRefused(() => Session.accept(sodium, accepted.keys, a2), Code.UnknownOneTimePrekey);
  // Alice's second prekey message belongs to the session Bob already has.
  assert.equal(bob.read(a2), "two");
  assert.deepEqual(bob.session.remoteIdentity.signingKey, aliceKeys.identitySigningKey);
  assert.deepEqual(alice.session.remoteIdentity.signingKey, bobKeys.identitySigningKey);

  const b1 = bob.encrypt("reply");
  assert.ok(!e2e.isPrekeyMessage(b1));
  assert.equal(alice.read(b1), "reply");
  assert.ok(!alice.session.sendsPrekeyMessages);
  const a3 = alice.encrypt("three");
  assert.ok(!e2e.isPrekeyMessage(a3));
  assert.equal(bob.read(a3), "three");
  // Several turns of the ratchet, both directions.
  for (let round = 0; round < 5; round++) {
    for (let i = 0; i < round; i++) assert.equal(bob.read(alice.encrypt(`a${i}`)), `a${i}`);
    assert.equal(alice.read(bob.encrypt(`b${round}`)), `b${round}`);
  }
  // Empty and large messages.
  assert.equal(bob.decrypt(alice.encrypt(new Uint8Array(0))).length, 0);
  const big = new Uint8Array(64 * 1024).fill(0x5a);
  assert.deepEqual(alice.decrypt(bob.encrypt(big)), big);
});

test("sessions without a one-time prekey work", () => {
  const { alice, bob } = startPair({ aliceOneTime: 0, bobOneTime: 0, withOneTimePrekey: false });
  assert.equal(alice.read(bob.encrypt("yo")), "yo");
});

test("out-of-order messages decrypt once each and replays are refused", () => {
  const { alice, bob } = startPair();
  const sent = [0, 1, 2, 3, 4, 5].map((i) => alice.encrypt(`m${i}`));
  for (const i of [4, 1, 0, 5, 3, 2]) assert.equal(bob.read(sent[i]), `m${i}`);
  assert.equal(bob.session.skippedMessageKeys, 0);
  for (const m of sent) bob.refuses(m, Code.DuplicateMessage);
  // Late messages from an earlier chain still open after the ratchet has turned.
  const late = alice.encrypt("late");
  const next = alice.encrypt("next");
  assert.equal(bob.read(next), "next");
  assert.equal(alice.read(bob.encrypt("turn")), "turn");
  const afterTurn = alice.encrypt("after");
  assert.equal(bob.read(afterTurn), "after");
  assert.equal(bob.session.skippedMessageKeys, 1);
  assert.equal(bob.read(late), "late");
  assert.equal(bob.session.skippedMessageKeys, 0);
  // Replays of the old chain, now that its keys are gone, are refused too (the attempted
  // ratchet step yields keys the AEAD refuses); replays of the current chain are duplicates.
  bob.refuses(late, Code.DecryptFailed);
  bob.refuses(next, Code.DecryptFailed);
  bob.refuses(afterTurn, Code.DuplicateMessage);
});

test("any flipped bit or truncation is refused and changes nothing", () => {
  const { alice, bob } = startPair();
  const message = alice.encrypt("private words");
  const before = bob.session.serialize();
  for (let bit = 0; bit < message.length * 8; bit++) {
    assert.throws(() => bob.session.decrypt(flipBit(message, bit)), (error) => e2e.isE2eError(error), `bit ${bit}`);
  }
  assert.deepEqual(bob.session.serialize(), before);
  assert.equal(bob.read(message), "private words");
  const reply = bob.encrypt("ok");
  for (let n = 0; n < reply.length; n++) {
    assert.throws(() => alice.session.decrypt(reply.slice(0, n)), (error) => e2e.isE2eError(error), `length ${n}`);
  }
  assert.equal(alice.read(reply), "ok");
});

test("a tampered prekey message is refused and the one-time prekey kept", () => {
  const bobKeys = newKeys(1);
  const alice = new Device(Session.initiate(sodium, newKeys(0), bundleOf(bobKeys)));
  const first = alice.encrypt("hello");
  const keysBefore = bobKeys.serialize();
  for (let bit = 0; bit < first.length * 8; bit++) {
    assert.throws(() => Session.accept(sodium, bobKeys, flipBit(first, bit)), (error) => e2e.isE2eError(error), `bit ${bit}`);
  }
  assert.deepEqual(bobKeys.serialize(), keysBefore);
  assert.equal(Session.accept(sodium, bobKeys, first).keys.oneTimePrekeys.length, 0);
});

test("accept refuses ordinary messages, decrypt refuses other sessions' prekey messages", () => {
  const { aliceKeys, bobKeys, originalBobKeys, alice, bob } = startPair();
  // Until Bob replies Alice's messages are prekey messages naming the spent one-time prekey.
  assertRefused(() => Session.accept(sodium, bobKeys, alice.encrypt("w")), Code.UnknownOneTimePrekey);
  assert.equal(alice.read(bob.encrypt("r")), "r");
  assertRefused(() => Session.accept(sodium, bobKeys, alice.encrypt("x")), Code.NotPrekeyMessage);
  // A new session from Alice (say after she reinstalled) is not this session.
  const other = new Device(Session.initiate(sodium, aliceKeys, bundleOf(bobKeys)));
  const fresh = other.encrypt("new");
  bob.refuses(fresh, Code.SessionMismatch);
  assert.equal(text(Session.accept(sodium, bobKeys, fresh).plaintext), "new");
  // The initiator never takes prekey messages in its own session.
  const self = new Device(Session.initiate(sodium, aliceKeys, bundleOf(originalBobKeys)));
  self.refuses(self.encrypt("self"), Code.SessionMismatch);
});

test("skipping is bounded per message and in total, the oldest keys dropped first", () => {
  const { alice, bob } = startPair();
  assert.equal(alice.read(bob.encrypt("r")), "r");
  const empty = new Uint8Array(0);
  const sent = Array.from({ length: e2e.MAX_SKIP + 2 }, () => alice.encrypt(empty));
  // Message number MAX_SKIP + 1 would skip MAX_SKIP + 1 keys: refused, nothing changed.
  bob.refuses(sent[e2e.MAX_SKIP + 1], Code.TooManySkipped);
  assert.equal(bob.decrypt(sent[e2e.MAX_SKIP]).length, 0);
  assert.equal(bob.session.skippedMessageKeys, e2e.MAX_SKIPPED_KEYS);
  // A new chain with more skips: the total stays bounded, the oldest keys go first.
  assert.equal(alice.read(bob.encrypt("r2")), "r2");
  const more = Array.from({ length: 11 }, () => alice.encrypt(empty));
  assert.equal(bob.decrypt(more[10]).length, 0);
  assert.equal(bob.session.skippedMessageKeys, e2e.MAX_SKIPPED_KEYS);
  assert.throws(() => bob.decrypt(sent[0]), (error) => e2e.isE2eError(error)); // dropped
  assert.equal(bob.decrypt(sent[999]).length, 0); // still kept
  assert.equal(bob.decrypt(more[3]).length, 0);
});

test("the skip bound counts both chains of one message together", () => {
  const { alice, bob } = startPair(); // Bob has received message 0 of Alice's first chain
  const empty = new Uint8Array(0);
  for (let i = 0; i < 600; i++) alice.encrypt(empty); // 1..600, never delivered
  assert.equal(alice.read(bob.encrypt("turn")), "turn");
  // Alice's new chain says PN = 601: Bob would skip 600 keys on the old chain, plus N here.
  const next = Array.from({ length: 402 }, () => alice.encrypt(empty));
  bob.refuses(next[401], Code.TooManySkipped); // 600 + 401
  assert.equal(bob.decrypt(next[400]).length, 0); // 600 + 400: the bound itself
  assert.equal(bob.session.skippedMessageKeys, 1000);
});

test("a skipped key whose message fails to open is kept for the genuine one", () => {
  const { alice, bob } = startPair();
  const late = alice.encrypt("late");
  assert.equal(bob.read(alice.encrypt("on time")), "on time");
  assert.equal(bob.session.skippedMessageKeys, 1);
  bob.refuses(flipBit(late, late.length * 8 - 1), Code.DecryptFailed);
  assert.equal(bob.read(late), "late");
  assert.equal(bob.session.skippedMessageKeys, 0);
});

test("counters no sender can reach are refused", () => {
  const { alice, bob } = startPair();
  const message = alice.encrypt("x");
  const { header, sealedBody } = e2e.parseEnvelope(message);
  for (const changed of [{ messageNumber: 0xffffffff }, { previousChainLength: 0xffffffff }]) {
    const prefix = e2e.envelopePrefix(undefined, { ...header, ...changed });
    bob.refuses(new Uint8Array([...prefix, ...sealedBody]), Code.InvalidField);
  }
});

test("sessions survive serialize and parse and keep working both ways", () => {
  const { aliceKeys, alice, bob } = startPair();
  const reload = (device) => {
    const bytes = device.session.serialize();
    device.session = Session.parse(sodium, bytes);
    assert.deepEqual(device.session.serialize(), bytes);
  };
  const pending = alice.encrypt("in flight");
  reload(alice);
  reload(bob);
  assert.ok(alice.session.sendsPrekeyMessages);
  assert.equal(bob.read(pending), "in flight");
  for (let i = 0; i < 3; i++) {
    assert.equal(alice.read(bob.encrypt("b")), "b");
    reload(alice);
    assert.equal(bob.read(alice.encrypt("a")), "a");
    reload(bob);
  }
  assert.ok(!alice.session.sendsPrekeyMessages);
  assert.deepEqual(bob.session.remoteIdentity.signingKey, aliceKeys.identitySigningKey);
  // With skipped keys in the saved state.
  const m0 = alice.encrypt("zero");
  assert.equal(bob.read(alice.encrypt("one")), "one");
  reload(bob);
  assert.equal(bob.session.skippedMessageKeys, 1);
  assert.equal(bob.read(m0), "zero");
});

test("the sender's counter stops at 2^32 - 1", () => {
  const { bob } = startPair();
  // The responder's saved form: 6 header bytes, 5 keys, the pending flag (0), DHs, DHr, RK,
  // CKs, the CKr flag (1) and CKr, then Ns (README of this format: session.ts, serialize()).
  const bytes = bob.session.serialize();
  const sendCountAt = 6 + 5 * 32 + 1 + 4 * 32 + 1 + 32;
  assert.equal(bytes[sendCountAt - 33], 1);
  bytes.set([0xff, 0xff, 0xff, 0xfe], sendCountAt);
  const nearTheEnd = new Device(Session.parse(sodium, bytes));
  assert.equal(e2e.parseEnvelope(nearTheEnd.encrypt("last")).header.messageNumber, 0xfffffffe);
  const exhausted = nearTheEnd.session;
  assertRefused(() => exhausted.encrypt(bytesOf("one too many")), Code.CounterExhausted);
});

test("saving comes before the envelope: a failed save sends nothing, the next message still opens", async () => {
  const { alice, bob } = startPair();
  let release;
  const saved = [];
  const slowSave = (state) =>
    new Promise((resolve) => {
      release = () => {
        saved.push(state);
        resolve();
      };
    });
  let returned;
  const sending = e2e.encryptAndSave(alice.session, bytesOf("after the save"), slowSave).then((r) => (returned = r));
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(returned, undefined, "the envelope came back before the state was saved");
  release();
  await sending;
  assert.deepEqual(saved, [returned.session.serialize()]);
  alice.session = returned.session;

  const failingSave = async () => {
    throw new Error("disk full");
  };
  await assert.rejects(e2e.encryptAndSave(alice.session, bytesOf("lost"), failingSave), /disk full/);
  // The receiver skips the key of the message never sent; both the others open.
  assert.equal(bob.read(alice.encrypt("next")), "next");
  assert.equal(bob.read(returned.envelope), "after the save");
  // The receiving side saves before handing the plaintext back.
  const order = [];
  const opened = await e2e.decryptAndSave(alice.session, bob.encrypt("reply"), async () => order.push("saved"));
  order.push("returned");
  assert.deepEqual(order, ["saved", "returned"]);
  assert.equal(text(opened.plaintext), "reply");
});
