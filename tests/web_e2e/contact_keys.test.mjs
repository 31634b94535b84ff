// The browser's key-trust rules (clients/web/src/direct/contact_keys.ts) behave as the CLI's
// (tests/unit/client/contact_keys_test.cpp): trust on first use for every device first listed,
// later keys wait as changes until accepted, a vanished device goes with its sessions.
import assert from "node:assert/strict";
import { test } from "node:test";
import { pathToFileURL } from "node:url";

const bundlePath = process.env.HEARTH_WEB_DIRECT_BUNDLE;
if (!bundlePath) throw new Error("HEARTH_WEB_DIRECT_BUNDLE is not set: run these tests through ctest");
const keys = await import(pathToFileURL(bundlePath).href);

const key = (fill) => new Uint8Array(32).fill(fill.charCodeAt(0));
const device = (id, fill) => ({ deviceId: BigInt(id), identitySigningKey: key(fill) });
const emptyState = () => ({ contacts: [], sessions: [] });

test("the devices first listed for a person are trusted, all of them", () => {
  const state = emptyState();
  assert.deepEqual(keys.noteDevices(state, "bob", [device(2, "a"), device(3, "b")]), []);
  assert.equal(keys.hasPendingChanges(state, "bob"), false);
  assert.equal(keys.isAccepted(state, "bob", device(2, "a")), true);
  assert.equal(keys.isAccepted(state, "bob", device(3, "b")), true);
  assert.equal(keys.isAccepted(state, "bob", device(3, "c")), false);
  assert.equal(keys.isAccepted(state, "ann", device(2, "a")), false);
});

function verifiedBob() {
  const state = emptyState();
  keys.noteDevices(state, "bob", [device(2, "a")]);
  keys.contactOf(state, "bob").verified = true;
  return state;
}

test("a new device is a change that waits to be accepted, reported once", () => {
  const state = verifiedBob();
  const changes = keys.noteDevices(state, "bob", [device(2, "a"), device(4, "d")]);
  assert.equal(changes.length, 1);
  assert.match(changes[0], /new device #4/);
  assert.equal(keys.hasPendingChanges(state, "bob"), true);
  assert.equal(keys.contactOf(state, "bob").verified, false);
  assert.equal(keys.isAccepted(state, "bob", device(4, "d")), false);
  assert.deepEqual(keys.noteDevices(state, "bob", [device(2, "a"), device(4, "d")]), []);
  keys.acceptChanges(state, "bob", false);
  assert.equal(keys.hasPendingChanges(state, "bob"), false);
  assert.equal(keys.isAccepted(state, "bob", device(4, "d")), true);
});

test("a different key for a known device keeps the old one until accepted", () => {
  const state = verifiedBob();
  const changes = keys.noteDevice(state, "bob", device(2, "z"));
  assert.equal(changes.length, 1);
  assert.match(changes[0], /new identity key/);
  assert.equal(keys.isAccepted(state, "bob", device(2, "a")), true);
  assert.equal(keys.isAccepted(state, "bob", device(2, "z")), false);
  keys.acceptChanges(state, "bob", true);
  assert.equal(keys.isAccepted(state, "bob", device(2, "z")), true);
  assert.equal(keys.isAccepted(state, "bob", device(2, "a")), false);
  assert.equal(keys.contactOf(state, "bob").verified, true);
});

test("a device that disappears is forgotten with its sessions, and is new again when it comes back", () => {
  const state = emptyState();
  keys.noteDevices(state, "bob", [device(2, "a"), device(3, "b")]);
  keys.sessionOf(state, "bob", 3n).current = new Uint8Array([1]);
  keys.sessionOf(state, "bob", 2n).current = new Uint8Array([2]);
  keys.sessionOf(state, "ann", 3n).current = new Uint8Array([3]);
  assert.deepEqual(keys.noteDevices(state, "bob", [device(2, "a")]), []);
  assert.equal(keys.isAccepted(state, "bob", device(3, "b")), false);
  assert.equal(keys.findSession(state, "bob", 3n), undefined);
  assert.notEqual(keys.findSession(state, "bob", 2n), undefined);
  assert.notEqual(keys.findSession(state, "ann", 3n), undefined, "another person's session with the same device id stays");
  assert.equal(keys.noteDevices(state, "bob", [device(2, "a"), device(3, "b")]).length, 1);
});

test("the state keeps its own copy of a noted key", () => {
  const state = emptyState();
  const seen = device(2, "a");
  keys.noteDevices(state, "bob", [seen]);
  seen.identitySigningKey.fill(0);
  assert.equal(keys.isAccepted(state, "bob", device(2, "a")), true);
});
