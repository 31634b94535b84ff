// The frozen known answers of the C++ construction (tests/unit/e2e/known_answers/), reproduced
// value for value by the TypeScript one from the same seeded randomness. The files are read at
// test time; every name in each file must be computed here, and nothing else.
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { bundleOf, e2e, fromHex, seeded, sodium, toHex } from "./support.mjs";

const folder = fileURLToPath(new URL("../unit/e2e/known_answers/", import.meta.url));

async function knownAnswers(file) {
  const values = new Map();
  for (const line of (await readFile(folder + file, "utf8")).split("\n")) {
    if (line.trim() === "" || line.startsWith("#")) continue;
    const match = /^(\S+) =(?: (.*))?$/.exec(line);
    assert.ok(match, `unreadable line in ${file}: ${line}`);
    assert.ok(!values.has(match[1]), `${match[1]} twice in ${file}`);
    values.set(match[1], match[2] ?? "");
  }
  return values;
}

/** A seeded source that also keeps every draw, for the `<who>.random.<i>` lines. */
function recorded(seedByte) {
  const source = seeded(seedByte);
  const draws = [];
  return {
    draws,
    draw(length) {
      const bytes = source.draw(length);
      draws.push(bytes.slice()); // the construction wipes some private keys after use
      return bytes;
    },
    clone: () => source.clone(),
  };
}

function assertSameValues(file, actual, expected) {
  assert.deepEqual([...actual.keys()].sort(), [...expected.keys()].sort(), `the names of ${file}`);
  for (const [name, value] of expected) assert.equal(actual.get(name), value, `${file}: ${name}`);
}

const deviceKeys = (random, oneTimePrekeys) => e2e.DeviceKeys.generate(sodium, random, oneTimePrekeys);

test("x3dh.txt: device keys, then Alice's X3DH with Bob's bundle", async () => {
  const expected = await knownAnswers("x3dh.txt");
  const aliceRandom = recorded(0x01);
  const alice = deviceKeys(aliceRandom, 1);
  const bob = deviceKeys(recorded(0x02), 2);
  const actual = new Map();
  const put = (name, bytes) => actual.set(name, toHex(bytes));
  for (const [who, keys] of [["alice", alice], ["bob", bob]]) {
    put(`${who}.identity_signing_seed`, keys.identitySigningSeed);
    put(`${who}.identity_signing_key`, keys.identitySigningKey);
    put(`${who}.identity_dh_private`, keys.identityDhPrivateKey);
    put(`${who}.identity_dh_key`, keys.identityDhKey);
    put(`${who}.identity_dh_signature`, keys.identityDhSignature);
  }
  const signed = bob.signedPrekey;
  const [oneTime] = bob.oneTimePrekeys;
  actual.set("bob.signed_prekey_id", String(signed.id));
  put("bob.signed_prekey_private", bob.signedPrekeyPrivateKey(signed.id));
  put("bob.signed_prekey", signed.publicKey);
  put("bob.signed_prekey_signature", signed.signature);
  actual.set("bob.one_time_prekey_id", String(oneTime.id));
  put("bob.one_time_prekey_private", bob.oneTimePrekeyPrivateKey(oneTime.id));
  put("bob.one_time_prekey", oneTime.publicKey);

  // On copies of Alice's generator: EK_A is her next draw.
  put("alice.ephemeral_private", aliceRandom.clone().draw(32));
  const initiated = e2e.x3dhInitiate(sodium, alice, bundleOf(bob), aliceRandom.clone());
  put("alice.ephemeral_key", initiated.header.ephemeralKey);
  put("x3dh.shared_key", initiated.sharedKey);
  put("x3dh.associated_data", initiated.associatedData);
  assertSameValues("x3dh.txt", actual, expected);

  // Bob, from the header, agrees.
  const responded = e2e.x3dhRespond(sodium, bob, initiated.header);
  assert.equal(toHex(responded.sharedKey), expected.get("x3dh.shared_key"));
  assert.equal(toHex(responded.associatedData), expected.get("x3dh.associated_data"));
});

test("double_ratchet.txt: the conversation, out of order included, and every draw", async () => {
  const expected = await knownAnswers("double_ratchet.txt");
  const plaintext = (name) => fromHex(expected.get(`${name}.plaintext`));
  const aliceRandom = recorded(0x01);
  const bobRandom = recorded(0x02);
  const aliceKeys = deviceKeys(aliceRandom, 1);
  const bobKeys = deviceKeys(bobRandom, 2);
  const actual = new Map();
  const sent = new Map();

  let alice = e2e.Session.initiate(sodium, aliceKeys, bundleOf(bobKeys), aliceRandom);
  let bob;
  const send = (from, name) => {
    const sealed = (from === "alice" ? alice : bob).encrypt(plaintext(name));
    if (from === "alice") alice = sealed.session;
    else bob = sealed.session;
    actual.set(`${name}.envelope`, toHex(sealed.envelope));
    sent.set(name, sealed.envelope);
  };
  const receive = (to, name) => {
    const opened = (to === "alice" ? alice : bob).decrypt(sent.get(name), to === "alice" ? aliceRandom : bobRandom);
    if (to === "alice") alice = opened.session;
    else bob = opened.session;
    actual.set(`${name}.plaintext`, toHex(opened.plaintext));
  };

  send("alice", "a1");
  send("alice", "a2");
  const accepted = e2e.Session.accept(sodium, bobKeys, sent.get("a1"), bobRandom);
  bob = accepted.session;
  actual.set("a1.plaintext", toHex(accepted.plaintext));
  receive("bob", "a2");
  send("bob", "b1");
  receive("alice", "b1");
  for (const name of ["a3", "a4", "a5"]) send("alice", name);
  for (const name of ["a3", "a5", "a4"]) receive("bob", name);
  send("bob", "b2");
  receive("alice", "b2");
  aliceRandom.draws.forEach((draw, i) => actual.set(`alice.random.${i}`, toHex(draw)));
  bobRandom.draws.forEach((draw, i) => actual.set(`bob.random.${i}`, toHex(draw)));
  assertSameValues("double_ratchet.txt", actual, expected);
});

test("safety_number.txt: Alice's one device, Bob's two", async () => {
  const expected = await knownAnswers("safety_number.txt");
  const alice = [deviceKeys(seeded(0x01), 1).identitySigningKey];
  const bob = [deviceKeys(seeded(0x02), 2).identitySigningKey, deviceKeys(seeded(0x03), 0).identitySigningKey];
  const actual = new Map([
    ["alice.device_1", toHex(alice[0])],
    ["bob.device_1", toHex(bob[0])],
    ["bob.device_2", toHex(bob[1])],
    ["alice.half", e2e.safetyNumberHalf(sodium, "alice", alice)],
    ["bob.half", e2e.safetyNumberHalf(sodium, "bob", bob)],
    ["safety_number", e2e.safetyNumber(sodium, "alice", alice, "bob", bob)],
  ]);
  assertSameValues("safety_number.txt", actual, expected);
  assert.equal(e2e.safetyNumber(sodium, "bob", bob, "alice", alice), expected.get("safety_number"));
});
