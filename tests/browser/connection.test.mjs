// The connection layer against a server that goes away: the page says it is reconnecting, comes
// back by itself with backoff, and logs in again with the saved token, without asking.
import assert from "node:assert/strict";
import { test } from "node:test";
import { freshPage, serverAndBrowser } from "./harness/suite.mjs";
import { expectLoggedIn, openHearth, registerViaUi, uniqueHandle } from "./harness/ui.mjs";

const suite = serverAndBrowser();

test("after hearthd restarts the page reconnects and is logged in again", async () => {
  const { context, page } = await freshPage(suite);
  await openHearth(page, suite.server);
  const handle = uniqueHandle("jo");
  await registerViaUi(page, { handle });
  await expectLoggedIn(page, handle);
  assert.equal(await page.locator(".connection").count(), 0, "a working connection is not shown");

  await suite.server.stopProcess();
  await page.locator(".connection", { hasText: "Reconnecting…" }).waitFor();

  // Same port, same data; the suite stops this one at the end.
  suite.server = await suite.server.start();
  await page.locator(".connection").waitFor({ state: "detached" });
  await expectLoggedIn(page, handle); // re-authenticated with the saved token: no login page
  assert.equal(await page.getByRole("heading", { name: "Log in", exact: true }).count(), 0);
  assert.ok((await page.evaluate(() => localStorage.getItem("hearth.session"))) !== null, "the token is kept");
  await context.close();
});
