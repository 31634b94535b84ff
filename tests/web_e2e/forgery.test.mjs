// Envelopes anyone can build from public values (the relaying server can), as in
// tests/unit/e2e/forgery_test.cpp: the initiator before the first reply holds the responder's
// signed prekey (public) as the remote ratchet key but no receiving chain. A message on that
// key is refused with NoReceivingChain before anything is derived, and nothing changes.
import assert from "node:assert/strict";
import { test } from "node:test";
import { bundleOf, bytesOf, Device, e2e, newKeys, sodium } from "./support.mjs";

const { Session, E2eErrorCode: Code } = e2e;

/** A type-1 envelope on `ratchetKey`, sealed as if the receiving chain key were `chainKey`. */
function forgeMessage(initiator, responder, ratchetKey, messageNumber, chainKey) {
  const prefix = e2e.envelopePrefix(undefined, { ratchetKey, previousChainLength: 0, messageNumber });
  const ad = e2e.x3dhAssociatedData(initiator.identitySigningKey, initiator.identityDhKey, responder.identitySigningKey, responder.identityDhKey);
  const messageKey = e2e.hmacSha256(sodium, chainKey, e2e.LABELS.chainMessageKey);
  const aead = e2e.hkdf(sodium, new Uint8Array(0), messageKey, e2e.LABELS.messageKeys, 56);
  const body = e2e.aeadSeal(sodium, aead.slice(0, 32), aead.slice(32), new Uint8Array([...ad, ...prefix]), bytesOf("forged"));
  return new Uint8Array([...prefix, ...body]);
}

test("a message on the signed prekey before the first reply is refused and changes nothing", () => {
  const aliceKeys = newKeys(1);
  const bobKeys = newKeys(1);
  const alice = new Device(Session.initiate(sodium, aliceKeys, bundleOf(bobKeys)));
  const first = alice.encrypt("hello");
  // A zero chain key is what an unchecked read of the missing chain would see; any guess is refused the same way.
  for (const chainKey of [new Uint8Array(32), sodium.randombytes_buf(32)]) {
    for (const n of [0, 1, 5]) {
      alice.refuses(forgeMessage(aliceKeys, bobKeys, bobKeys.signedPrekey.publicKey, n, chainKey), Code.NoReceivingChain);
      assert.ok(alice.session.sendsPrekeyMessages);
    }
  }
  // The real conversation is untouched.
  const bob = new Device(Session.accept(sodium, bobKeys, first).session);
  assert.equal(alice.read(bob.encrypt("real reply")), "real reply");
  assert.ok(!alice.session.sendsPrekeyMessages);
});

test("a saved initiator session keeps refusing the forgery after parse", () => {
  const aliceKeys = newKeys(0);
  const bobKeys = newKeys(0);
  const started = Session.initiate(sodium, aliceKeys, bundleOf(bobKeys, false));
  const restored = new Device(Session.parse(sodium, started.serialize()));
  restored.refuses(forgeMessage(aliceKeys, bobKeys, bobKeys.signedPrekey.publicKey, 0, new Uint8Array(32)), Code.NoReceivingChain);
  assert.deepEqual(restored.session.serialize(), started.serialize());
});

test("saved state that claims a prekey header for a responder is refused", () => {
  const bytes = Session.initiate(sodium, newKeys(0), bundleOf(newKeys(0), false)).serialize();
  const roleOffset = 5; // "HWES", version, then the role byte
  assert.equal(bytes[roleOffset], 1);
  bytes[roleOffset] = 0;
  assert.throws(() => Session.parse(sodium, bytes), (error) => e2e.isE2eError(error, Code.InvalidField));
});
