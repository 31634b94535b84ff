// HKDF against RFC 5869's SHA-256 cases, and safety numbers as the C++ tests say
// (tests/unit/e2e/hkdf_test.cpp, safety_number_test.cpp).
import assert from "node:assert/strict";
import { test } from "node:test";
import { assertRefused, e2e, fromHex, newKeys, sodium, toHex } from "./support.mjs";

const counting = (first, n) => Uint8Array.from({ length: n }, (_, i) => first + i);

// RFC 5869 appendix A, cases 1-3: ikm, salt, info, length, PRK, OKM.
const RFC_5869 = [
  [new Uint8Array(22).fill(0x0b), counting(0x00, 13), counting(0xf0, 10), 42,
   "077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5",
   "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865"],
  [counting(0x00, 80), counting(0x60, 80), counting(0xb0, 80), 82,
   "06a6b88c5853361a06104c9ceb35b45cef760014904671014a193f40c15fc244",
   "b11e398dc80327a1c8e7f78c596a49344f012eda2d4efad8a050cc4c19afa97c59045a99cac7827271cb41c65e590e09da3275600c2f09b8367793a9aca3db71cc30c58179ec3e87c14c01d5c1f3434f1d87"],
  [new Uint8Array(22).fill(0x0b), new Uint8Array(0), new Uint8Array(0), 42,
   "19ef24a32c717b167f33a91d6f648bdf96596776afdb6377ac434c1c293ccb04",
   "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8"],
];

test("HKDF-SHA256 matches RFC 5869 test cases 1-3", () => {
  for (const [ikm, salt, info, length, prk, okm] of RFC_5869) {
    assert.equal(toHex(e2e.hkdfExtract(sodium, salt, ikm)), prk);
    assert.equal(toHex(e2e.hkdfExpand(sodium, fromHex(prk), info, length)), okm);
    assert.equal(toHex(e2e.hkdf(sodium, salt, ikm, info, length)), okm);
  }
});

test("HKDF-SHA256 refuses more than 255 blocks, and an empty salt is 32 zero bytes", () => {
  const ikm = new Uint8Array(16).fill(1);
  assert.equal(e2e.hkdf(sodium, new Uint8Array(0), ikm, new Uint8Array(0), e2e.HKDF_MAX_OUTPUT).length, 255 * 32);
  assertRefused(() => e2e.hkdf(sodium, new Uint8Array(0), ikm, new Uint8Array(0), e2e.HKDF_MAX_OUTPUT + 1), e2e.E2eErrorCode.OutputTooLong);
  assert.deepEqual(e2e.hkdfExtract(sodium, new Uint8Array(0), ikm), e2e.hkdfExtract(sodium, new Uint8Array(32), ikm));
});

const key = () => newKeys(0).identitySigningKey;
const number = (...args) => e2e.safetyNumber(sodium, ...args);

test("safety numbers are 12 groups of 5 digits, the same on both sides, whatever the device order", () => {
  const alice = [key(), key()];
  const bob = [key()];
  const mine = number("alice", alice, "bob", bob);
  assert.equal(mine, number("bob", bob, "alice", alice));
  assert.match(mine, /^[0-9]{5}( [0-9]{5}){11}$/);
  assert.equal(number("alice", [alice[1], alice[0], alice[1]], "bob", bob), mine);
});

test("safety numbers change when any key, device or id changes", () => {
  const alice = [key(), key()];
  const bob = [key(), key()];
  const base = number("alice", alice, "bob", bob);
  const flipped = (keys, device, at, mask) => keys.map((k, i) => (i === device ? k.map((b, j) => (j === at ? b ^ mask : b)) : k));
  for (const device of [0, 1]) {
    for (const at of [0, 17, 31]) {
      assert.notEqual(number("alice", flipped(alice, device, at, 1), "bob", bob), base);
      assert.notEqual(number("alice", alice, "bob", flipped(bob, device, at, 0x80)), base);
    }
  }
  assert.notEqual(number("alice", [...alice, key()], "bob", bob), base);
  assert.notEqual(number("alice", [alice[0]], "bob", bob), base);
  assert.notEqual(number("alicf", alice, "bob", bob), base);
  assert.notEqual(number("alice", bob, "bob", alice), base); // keys swapped between people
});

test("safety numbers refuse keys of the wrong size, and formatting groups by five", () => {
  assert.equal(number("a", [new Uint8Array(31)], "b", []), "");
  assert.equal(e2e.safetyNumberHalf(sodium, "a", []).length, 30);
  assert.equal(e2e.formatSafetyNumber("0123456789"), "01234 56789");
});

test("safety numbers hash the handle folded to lower case, and refuse what is not a handle", () => {
  const alice = [key()];
  const bob = [key()];
  assert.equal(e2e.safetyNumberId("Ann_B.k-9"), "ann_b.k-9");
  assert.equal(number("ALICE", alice, "Bob", bob), number("alice", alice, "bob", bob));
  assert.equal(e2e.safetyNumberHalf(sodium, "Alice", alice), e2e.safetyNumberHalf(sodium, "alice", alice));
  for (const bad of ["", "al ice", "alice\n", "ålice", "ALİCE", "a@b"]) {
    assert.equal(e2e.safetyNumberId(bad), undefined, bad);
    assert.equal(e2e.safetyNumberHalf(sodium, bad, alice), "", bad);
    assert.equal(number(bad, alice, "bob", bob), "", bad);
  }
});
