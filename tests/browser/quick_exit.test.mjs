// Quick exit: the button and Escape twice leave for a neutral page at once, forget the session
// and leave no Hearth page in the tab's history.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { launchBrowser, newContext } from "./harness/browser.mjs";
import { startHearthd } from "./harness/hearthd.mjs";
import { EMPTY_STORAGE, expectLoggedIn, openHearth, registerViaUi, storageContents, uniqueHandle } from "./harness/ui.mjs";

const NEUTRAL_PAGE = "about:blank";

let server;
let browser;

before(async () => {
  server = await startHearthd();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function loggedInPage(prefix) {
  const context = await newContext(browser);
  const page = await context.newPage();
  await openHearth(page, server);
  const handle = uniqueHandle(prefix);
  await registerViaUi(page, { handle });
  await expectLoggedIn(page, handle);
  await page.getByRole("link", { name: "Conversations", exact: true }).click();
  return { context, page, handle };
}

async function expectLeftHearth(page, context) {
  await page.waitForURL(NEUTRAL_PAGE);
  assert.equal(await page.title(), "");
  // Back does not bring Hearth back: its page was replaced, and navigating inside Hearth
  // never added entries.
  await page.goBack().catch(() => null);
  assert.ok(!page.url().startsWith(server.url), `Back returned to ${page.url()}`);
  // Nothing left for the next person: opening Hearth again shows the login page, empty storage.
  const again = await context.newPage();
  await openHearth(again, server);
  assert.deepEqual(await storageContents(again), EMPTY_STORAGE);
}

test("the Quick exit button leaves for a neutral page and forgets the session", async () => {
  const { context, page } = await loggedInPage("gus");
  await page.getByRole("button", { name: "Quick exit", exact: true }).click();
  await expectLeftHearth(page, context);
  await context.close();
});

test("Escape pressed twice leaves the same way", async () => {
  const { context, page } = await loggedInPage("hal");
  await page.keyboard.press("Escape");
  await page.keyboard.press("Escape");
  await expectLeftHearth(page, context);
  await context.close();
});

test("quick exit is there before logging in too, and the tab title never changes", async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await openHearth(page, server);
  assert.equal(await page.title(), "Hearth");
  await page.getByRole("button", { name: "Quick exit", exact: true }).click();
  await page.waitForURL(NEUTRAL_PAGE);
  await context.close();
});
