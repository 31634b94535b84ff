// The frame of a browser test file: one hearthd and one Chromium for the file, a fresh context
// (its own storage, cookies, history) for each test.
import { after, before } from "node:test";
import { launchBrowser, newContext } from "./browser.mjs";
import { startHearthd } from "./hearthd.mjs";
import { expectLoggedIn, openHearth, registerViaUi, uniqueHandle } from "./ui.mjs";

/** Starts hearthd and Chromium before the file's tests and stops them after. Read `server` and
 * `browser` inside tests (they are set once `before` ran). */
export function serverAndBrowser(hearthdArgs = []) {
  const suite = { server: null, browser: null };
  before(async () => {
    suite.server = await startHearthd(hearthdArgs);
    suite.browser = await launchBrowser();
  });
  after(async () => {
    await suite.browser?.close();
    await suite.server?.stop();
  });
  return suite;
}

/** A new context and its first page; close the context at the end of the test. */
export async function freshPage(suite, contextOptions = {}) {
  const context = await newContext(suite.browser, contextOptions);
  const page = await context.newPage();
  return { context, page };
}

/** Registers a new account in a context of its own, closed afterwards; returns its handle. */
export async function registeredHandle(suite, prefix) {
  const { context, page } = await freshPage(suite);
  const handle = uniqueHandle(prefix);
  await openHearth(page, suite.server);
  await registerViaUi(page, { handle });
  await expectLoggedIn(page, handle);
  await context.close();
  return handle;
}
