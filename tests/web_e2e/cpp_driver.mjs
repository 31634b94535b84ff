// Talks to hearth_web_e2e_driver (driver.cpp): the C++ construction behind a line protocol.
// One request at a time; each answer is "ok ..." or "error <reason>".
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { fromHex, toHex } from "./support.mjs";

const hexOrDash = (bytes) => (bytes && bytes.length > 0 ? toHex(bytes) : "-");
const bytesOrEmpty = (word) => (word === "-" ? new Uint8Array(0) : fromHex(word));

export function startDriver() {
  const path = process.env.HEARTH_E2E_DRIVER;
  if (!path) throw new Error("HEARTH_E2E_DRIVER is not set: run these tests through ctest");
  const child = spawn(path, [], { stdio: ["pipe", "pipe", "inherit"] });
  const exited = new Promise((resolve) => child.on("exit", (code, signal) => resolve({ code, signal })));
  const waiting = [];
  createInterface({ input: child.stdout }).on("line", (line) => waiting.shift()?.resolve(line));
  exited.then(({ code, signal }) => {
    for (const w of waiting.splice(0)) w.reject(new Error(`the driver exited (${code ?? signal}) before answering`));
  });

  const request = (line) =>
    new Promise((resolve, reject) => {
      waiting.push({ resolve, reject });
      child.stdin.write(`${line}\n`);
    });
  return {
    request,
    /** Closes the driver's input and asserts a clean exit (no sanitizer report). */
    async stop() {
      child.stdin.end();
      assert.deepEqual(await exited, { code: 0, signal: null });
    },
  };
}

/** One device on the C++ side, with the same interface as the TypeScript party of the cross test. */
export class CppParty {
  constructor(driver, slot) {
    this.driver = driver;
    this.slot = slot;
    this.hasSession = false;
  }

  async makeKeys(seed, oneTimePrekeys) {
    const [ok, ...fields] = (await this.driver.request(`keys ${this.slot} ${toHex(seed)} ${oneTimePrekeys}`)).split(" ");
    assert.equal(ok, "ok");
    const [signing, dhKey, dhSignature, signedId, signed, signedSignature, oneTimeId, oneTime] = fields;
    return {
      identitySigningKey: fromHex(signing),
      identityDhKey: fromHex(dhKey),
      identityDhSignature: fromHex(dhSignature),
      signedPrekeyId: Number(signedId),
      signedPrekey: fromHex(signed),
      signedPrekeySignature: fromHex(signedSignature),
      oneTimePrekeyId: oneTimeId === "0" ? undefined : Number(oneTimeId),
      oneTimePrekey: oneTimeId === "0" ? undefined : fromHex(oneTime),
    };
  }

  async initiate(b) {
    const bundle = [b.identitySigningKey, b.identityDhKey, b.identityDhSignature].map(toHex);
    bundle.push(String(b.signedPrekeyId), toHex(b.signedPrekey), toHex(b.signedPrekeySignature));
    bundle.push(String(b.oneTimePrekeyId ?? 0), hexOrDash(b.oneTimePrekey));
    assert.equal(await this.driver.request(`initiate ${this.slot} ${bundle.join(" ")}`), "ok");
    this.hasSession = true;
  }

  async send(plaintext) {
    const answer = await this.driver.request(`encrypt ${this.slot} ${hexOrDash(plaintext)}`);
    assert.match(answer, /^ok [0-9a-f]+$/);
    return fromHex(answer.slice(3));
  }

  /** Accepts a prekey message when there is no session yet, else decrypts: { plaintext } or { error }. */
  async receive(envelope) {
    const answer = await this.driver.request(`${this.hasSession ? "decrypt" : "accept"} ${this.slot} ${hexOrDash(envelope)}`);
    if (answer.startsWith("error ")) return { error: answer.slice(6) };
    this.hasSession = true;
    return { plaintext: bytesOrEmpty(answer.slice(3)) };
  }

  async forget() {
    assert.equal(await this.driver.request(`forget ${this.slot}`), "ok");
  }
}
