// Debian's chromium, driven by playwright-core: no browser download. Headless; --no-sandbox
// only when running as root, where Chromium's sandbox refuses to start.
import { chromium, chromiumPath } from "./environment.mjs";

function launchOptions() {
  const args = ["--disable-dev-shm-usage"];
  if (process.getuid?.() === 0) args.push("--no-sandbox");
  return { executablePath: chromiumPath, headless: true, args };
}

export function launchBrowser() {
  return chromium.launch(launchOptions());
}

/** A browser with a profile on disk, to see what is left of a tab once it is closed. */
export async function launchWithProfile(userDataDir, contextOptions = {}) {
  return waitWithoutLimit(await chromium.launchPersistentContext(userDataDir, { ...launchOptions(), ...contextOptions }));
}

/** Tests wait for conditions, never for a time: no Playwright timeout. A test that hangs is ended
 * by ctest's TIMEOUT. To find where one hangs, set HEARTH_BROWSER_STEP_TIMEOUT_MS: each step then
 * fails after that long, naming what it waited for. */
function waitWithoutLimit(context) {
  context.setDefaultTimeout(Number(process.env.HEARTH_BROWSER_STEP_TIMEOUT_MS ?? 0));
  return context;
}

/** A fresh context (its own storage) for one test. */
export async function newContext(browser, options = {}) {
  return waitWithoutLimit(await browser.newContext(options));
}
