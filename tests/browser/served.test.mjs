// What hearthd sends with the real build output (the dist this build tree made), and that the
// page asks nobody but hearthd for anything.
import assert from "node:assert/strict";
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { test } from "node:test";
import { webDist } from "./harness/environment.mjs";
import { freshPage, serverAndBrowser } from "./harness/suite.mjs";
import { expectLoggedIn, openHearth, registerViaUi, uniqueHandle } from "./harness/ui.mjs";

const suite = serverAndBrowser();

function assertStrictHeaders(response, what) {
  const csp = response.headers.get("content-security-policy") ?? "";
  assert.match(csp, /default-src 'none'|script-src 'self'/, `${what}: CSP ${csp}`);
  assert.doesNotMatch(csp, /'unsafe-inline'|'unsafe-eval'/, `${what}: CSP ${csp}`);
  assert.match(csp, /connect-src 'self'/, `${what}: CSP ${csp}`);
  assert.match(csp, /frame-ancestors 'none'/, `${what}: CSP ${csp}`);
  assert.equal(response.headers.get("x-content-type-options"), "nosniff", what);
  assert.equal(response.headers.get("referrer-policy"), "no-referrer", what);
}

test("the page and every built asset come with the strict headers, ETags and the right caching", async () => {
  const page = await fetch(suite.server.url);
  assert.equal(page.status, 200);
  assert.match(page.headers.get("content-type"), /^text\/html/);
  assertStrictHeaders(page, "/");
  assert.doesNotMatch(page.headers.get("cache-control") ?? "", /immutable/, "index.html names the current hashes: never immutable");

  const assets = await readdir(join(webDist, "assets"));
  assert.ok(assets.some((name) => name.endsWith(".js")) && assets.some((name) => name.endsWith(".css")));
  for (const name of assets) {
    const url = new URL(`assets/${name}`, suite.server.url);
    const response = await fetch(url);
    assert.equal(response.status, 200, name);
    await response.arrayBuffer();
    assertStrictHeaders(response, name);
    const type = response.headers.get("content-type") ?? "";
    if (name.endsWith(".js")) assert.match(type, /^(text|application)\/javascript/, name);
    if (name.endsWith(".css")) assert.match(type, /^text\/css/, name);
    assert.match(response.headers.get("cache-control") ?? "", /max-age=31536000.*immutable|immutable.*max-age=31536000/, name);
    const etag = response.headers.get("etag");
    assert.ok(etag, `${name} has an ETag`);
    const again = await fetch(url, { headers: { "If-None-Match": etag } });
    assert.equal(again.status, 304, `${name} answers 304 to its own ETag`);
  }
});

test("from the login page to the shell, every request goes to hearthd itself", async () => {
  const { context, page } = await freshPage(suite);
  const requested = [];
  context.on("request", (request) => requested.push(request.url()));
  const sockets = [];
  page.on("websocket", (socket) => sockets.push(socket.url()));
  await openHearth(page, suite.server);
  const handle = uniqueHandle("ola");
  await registerViaUi(page, { handle });
  await expectLoggedIn(page, handle);
  await page.getByRole("link", { name: "Conversations", exact: true }).click();
  await page.getByRole("link", { name: "Rooms", exact: true }).click();
  await context.close();

  const origin = new URL(suite.server.url);
  assert.ok(requested.length >= 3, `the page, its script and its stylesheet at least: ${requested.join(", ")}`);
  for (const url of requested) assert.equal(new URL(url).origin, origin.origin, `a request to ${url}`);
  assert.ok(sockets.length >= 1, "the WebSocket was opened");
  for (const url of sockets) assert.equal(new URL(url).host, origin.host, `a WebSocket to ${url}`);
});
