// C++ encrypts, TypeScript decrypts, and the reverse: 40 seeded conversations of 30 messages
// each between a device of clients/e2e (through hearth_web_e2e_driver) and a device of
// clients/web/src/e2e, with either side starting, with and without a one-time prekey, several
// prekey messages before the first reply, ratchet turns both ways, out-of-order delivery, and
// replayed and tampered copies that both sides must refuse. The TypeScript device keeps its
// session only as saved bytes (encryptAndSave / decryptAndSave), so saving is crossed too.
// Then the two implementations side by side as the same device (same seed, so the same keys and
// draws): every envelope, genuine or damaged, must get the same answer from both, the same
// plaintext or the same refusal, and their replies must be the same bytes.
// Nothing here depends on time: every choice comes from a seeded generator.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { CppParty, startDriver } from "./cpp_driver.mjs";
import { bundleOf, e2e, flipBit, sodium } from "./support.mjs";

const CONVERSATIONS = 40;
const MESSAGES = 30;

/** One device on the TypeScript side; between calls its session exists only as saved bytes. */
class TsParty {
  async makeKeys(seed, oneTimePrekeys) {
    this.random = new e2e.SeededRandom(sodium, seed);
    this.keys = e2e.DeviceKeys.generate(sodium, this.random, oneTimePrekeys);
    this.saved = undefined;
    return bundleOf(this.keys);
  }
  get hasSession() {
    return this.saved !== undefined;
  }
  save = async (state) => {
    this.saved = state;
  };
  async initiate(bundle) {
    await this.save(e2e.Session.initiate(sodium, this.keys, bundle, this.random).serialize());
  }
  async send(plaintext) {
    return (await e2e.encryptAndSave(e2e.Session.parse(sodium, this.saved), plaintext, this.save)).envelope;
  }
  async receive(envelope) {
    try {
      if (!this.hasSession) {
        const accepted = await e2e.acceptAndSave(sodium, this.keys, envelope, async (saved) => this.save(saved.session), this.random);
        this.keys = accepted.keys;
        return { plaintext: accepted.plaintext };
      }
      return { plaintext: (await e2e.decryptAndSave(e2e.Session.parse(sodium, this.saved), envelope, this.save, this.random)).plaintext };
    } catch (error) {
      if (!e2e.isE2eError(error)) throw error;
      return { error: error.code };
    }
  }
}

/** Deterministic choices for one conversation: draws of the seeded generator read as integers. */
function dice(conversation) {
  const random = new e2e.SeededRandom(sodium, new Uint8Array(32).fill(0xc0).fill(conversation, 0, 1));
  let pool = [];
  return {
    below(n) {
      if (pool.length < 4) pool = [...random.draw(32)];
      return pool.splice(0, 4).reduce((acc, byte) => acc * 256 + byte, 0) % n;
    },
  };
}

let driver;
before(() => {
  driver = startDriver();
});
after(async () => {
  await driver.stop();
});

test("random conversations between the two implementations, both ways", async (t) => {
  const seen = { cppToTs: 0, tsToCpp: 0, prekeyToCpp: 0, prekeyToTs: 0, outOfOrder: 0, replaysRefused: 0, tamperedRefused: 0, ratchetKeys: 0 };
  for (let c = 0; c < CONVERSATIONS; c++) {
    const roll = dice(c);
    const cpp = new CppParty(driver, `c${c}`);
    const ts = new TsParty();
    const [initiator, responder] = c % 2 === 0 ? [cpp, ts] : [ts, cpp];
    const seed = (byte) => new Uint8Array(32).fill(byte).fill(c, 0, 1);
    await initiator.makeKeys(seed(0xa1), 1);
    await initiator.initiate(await responder.makeKeys(seed(0xb2), roll.below(3) === 0 ? 0 : 3));

    const inbox = new Map([[initiator, []], [responder, []]]);
    const delivered = [];
    const ratchetKeys = new Set();
    const other = (party) => (party === initiator ? responder : initiator);
    const deliver = async (to, index) => {
      const [message] = inbox.get(to).splice(index, 1);
      if (index !== 0) seen.outOfOrder++;
      if (e2e.isPrekeyMessage(message.envelope)) seen[to === cpp ? "prekeyToCpp" : "prekeyToTs"]++;
      const opened = await to.receive(message.envelope);
      assert.deepEqual(opened, { plaintext: message.plaintext }, `conversation ${c}`);
      seen[to === cpp ? "tsToCpp" : "cppToTs"]++;
      delivered.push({ to, ...message });
    };

    for (let sent = 0; sent < MESSAGES; ) {
      const action = roll.below(10);
      if (action < 5) {
        const from = responder.hasSession && roll.below(2) === 0 ? responder : initiator;
        const plaintext = sodium.randombytes_buf_deterministic(roll.below(200), sodium.crypto_hash_sha256(Uint8Array.of(c, sent)));
        const envelope = await from.send(plaintext);
        ratchetKeys.add(e2e.parseEnvelope(envelope).header.ratchetKey.join());
        inbox.get(other(from)).push({ envelope, plaintext });
        sent++;
      } else if (action === 5 && delivered.length > 0) {
        const { to, envelope } = delivered[roll.below(delivered.length)];
        assert.ok((await to.receive(envelope)).error, `conversation ${c}: a replay opened`);
        seen.replaysRefused++;
      } else {
        const to = inbox.get(responder).length > 0 && (inbox.get(initiator).length === 0 || roll.below(2) === 0) ? responder : initiator;
        const waiting = inbox.get(to);
        if (waiting.length === 0) continue;
        const index = roll.below(waiting.length);
        if (action === 6) {
          const tampered = flipBit(waiting[index].envelope, roll.below(waiting[index].envelope.length * 8));
          assert.ok((await to.receive(tampered)).error, `conversation ${c}: a tampered copy opened`);
          seen.tamperedRefused++;
        }
        await deliver(to, index);
      }
    }
    for (const to of [responder, initiator]) {
      while (inbox.get(to).length > 0) await deliver(to, roll.below(inbox.get(to).length));
    }
    seen.ratchetKeys += ratchetKeys.size;
    await cpp.forget();
  }
  t.diagnostic(`seen: ${JSON.stringify(seen)}`);
  // Every kind of traffic happened, in both directions.
  for (const [what, count] of Object.entries(seen)) assert.ok(count > 0, `no ${what} in ${CONVERSATIONS} conversations`);
  assert.ok(seen.ratchetKeys > 4 * CONVERSATIONS, `only ${seen.ratchetKeys} ratchet keys: too few turns`);
  assert.equal(seen.cppToTs + seen.tsToCpp, CONVERSATIONS * MESSAGES);
});

// The C++ library's to_string of each refusal the TypeScript one names.
const CPP_REASON = {
  Truncated: "truncated",
  UnsupportedVersion: "unsupported version",
  UnknownMessageType: "unknown message type",
  InvalidField: "invalid field",
  BadSignature: "bad signature",
  WeakKey: "weak key (all-zero shared secret)",
  DecryptFailed: "decryption failed",
  DuplicateMessage: "duplicate message",
  TooManySkipped: "too many skipped messages",
  NotPrekeyMessage: "not a prekey message",
  UnknownSignedPrekey: "unknown signed prekey",
  UnknownOneTimePrekey: "unknown or used one-time prekey",
  SessionMismatch: "prekey message for another session",
  NoReceivingChain: "no receiving chain for this ratchet key",
};

/** A damaged copy of `envelope`: a flipped bit, a cut, a changed byte, or a counter pushed far. */
function damaged(roll, envelope) {
  const copy = envelope.slice();
  switch (roll.below(4)) {
    case 0:
      return flipBit(copy, roll.below(copy.length * 8));
    case 1:
      return copy.slice(0, roll.below(copy.length));
    case 2:
      copy[roll.below(copy.length)] = roll.below(256);
      return copy;
    default: {
      // N (the last 4 bytes of the ratchet header) set far ahead, or to its maximum.
      const at = e2e.parseEnvelope(envelope).authenticatedPrefix.length - 4;
      new DataView(copy.buffer).setUint32(at, [1001, 0xffffffff, 999][roll.below(3)]);
      return copy;
    }
  }
}

test("the same device in C++ and in TypeScript answers every envelope alike", async (t) => {
  const answers = {};
  for (let round = 0; round < 20; round++) {
    const roll = dice(100 + round);
    const seed = (byte) => new Uint8Array(32).fill(byte).fill(round, 0, 1);
    const alice = new TsParty();
    await alice.makeKeys(seed(0xa5), 0);
    const bobs = [new CppParty(driver, `twin${round}`), new TsParty()];
    const bundles = await Promise.all(bobs.map((bob) => bob.makeKeys(seed(0xb6), 2)));
    assert.deepEqual(bundles[0], bundles[1], "the same seed makes the same keys");
    await alice.initiate(bundles[0]);
    const sent = [];
    for (let step = 0; step < 40; step++) {
      const action = roll.below(6);
      let envelope;
      if (action === 0 && bobs[0].hasSession) {
        const replies = await Promise.all(bobs.map((bob) => bob.send(Uint8Array.of(round, step))));
        assert.deepEqual(replies[0], replies[1], `round ${round}, step ${step}: the replies differ`);
        assert.deepEqual(await alice.receive(replies[0]), { plaintext: Uint8Array.of(round, step) });
        continue;
      }
      if (action <= 2 || sent.length === 0) {
        sent.push(await alice.send(sodium.randombytes_buf_deterministic(roll.below(40), Uint8Array.from({ length: 32 }, () => step))));
        if (action <= 1) continue;
        envelope = sent[roll.below(sent.length)]; // genuine, maybe late, maybe a replay
      } else {
        envelope = damaged(roll, sent[roll.below(sent.length)]);
      }
      const [cpp, ts] = await Promise.all(bobs.map((bob) => bob.receive(envelope)));
      const tsAsCpp = ts.error ? { error: CPP_REASON[ts.error] ?? ts.error } : ts;
      assert.deepEqual(tsAsCpp, cpp, `round ${round}, step ${step}: C++ and TypeScript answer differently`);
      const answer = ts.error ?? "opened";
      answers[answer] = (answers[answer] ?? 0) + 1;
    }
    await bobs[0].forget();
  }
  t.diagnostic(`answers: ${JSON.stringify(answers)}`);
  for (const kind of ["opened", "DecryptFailed", "DuplicateMessage", "Truncated", "InvalidField"]) assert.ok(answers[kind] > 0, `no ${kind}`);
});
