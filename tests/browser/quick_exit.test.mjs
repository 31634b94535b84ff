// Quick exit: the button and Escape twice leave for a neutral page at once, forget the session
// and leave no Hearth page in the tab's history.
import assert from "node:assert/strict";
import { test } from "node:test";
import { freshPage, serverAndBrowser } from "./harness/suite.mjs";
import { EMPTY_STORAGE, expectLoggedIn, openHearth, registerViaUi, storageContents, uniqueHandle } from "./harness/ui.mjs";

const NEUTRAL_PAGE = "about:blank";

const suite = serverAndBrowser();

async function loggedInPage(prefix) {
  const { context, page } = await freshPage(suite);
  await openHearth(page, suite.server);
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
  assert.ok(!page.url().startsWith(suite.server.url), `Back returned to ${page.url()}`);
  // Nothing left for the next person: opening Hearth again shows the login page, empty storage.
  const again = await context.newPage();
  await openHearth(again, suite.server);
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
  const { context, page } = await freshPage(suite);
  await openHearth(page, suite.server);
  assert.equal(await page.title(), "Hearth");
  await page.getByRole("button", { name: "Quick exit", exact: true }).click();
  await page.waitForURL(NEUTRAL_PAGE);
  await context.close();
});
