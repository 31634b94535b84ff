// libsodium's WebAssembly comes only with direct messages: neither the first page nor the core
// chunk it preloads (what index.html names, and everything they import statically) holds it.
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { test } from "node:test";

const dist = process.env.HEARTH_WEB_DIST;
if (!dist) throw new Error("HEARTH_WEB_DIST is not set: run this test through ctest");

test("the first page and the core chunk load no libsodium", async () => {
  const html = await readFile(join(dist, "index.html"), "utf8");
  const named = [...html.matchAll(/(?:src|href)="(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
  assert.ok(named.length >= 2, "index.html names the entry and the core chunk");
  const seen = new Set();
  const visit = async (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    const code = await readFile(join(dist, file), "utf8");
    assert.doesNotMatch(code, /libsodium|crypto_aead_xchacha20poly1305/, `${file} carries the e2e construction or libsodium`);
    // Static imports only (`from"./chunk-X.js"` or a bare `import"./chunk-X.js"`): dynamic ones are lazy.
    for (const [, chunk] of code.matchAll(/(?:from|import)\s*"\.\/([^"]+\.js)"/g)) await visit(`assets/${chunk}`);
  };
  for (const file of named) await visit(file);
});
