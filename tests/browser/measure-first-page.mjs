// Measures how soon the first page is usable: from navigation start to the login form on screen
// and ready for typing, in headless Chromium against a real hearthd, each run in a fresh context
// (empty cache). Prints the median of 10 runs, and when the core chunk (connection + protobuf,
// which a submit waits for) had arrived. For the README; not a test (nothing here may depend on
// speed in ctest).
//
//   node tests/browser/measure-first-page.mjs [BUILD_DIR]     # BUILD_DIR defaults to build/release
//
// BUILD_DIR must hold server/hearthd and clients/web/dist (HEARTHD_BINARY and HEARTH_WEB_DIST
// override them).
import { resolve } from "node:path";

const buildDir = resolve(process.argv[2] ?? "build/release");
process.env.HEARTHD_BINARY ??= `${buildDir}/server/hearthd`;
process.env.HEARTH_WEB_DIST ??= `${buildDir}/clients/web/dist`;
const { launchBrowser, newContext } = await import("./harness/browser.mjs");
const { startHearthd } = await import("./harness/hearthd.mjs");

const RUNS = 10;

// Runs in the page before its own scripts: notes the moment the login form's first field is in
// the document and enabled (performance.now() counts from navigation start).
function watchForLoginForm() {
  const seen = () => {
    const field = document.getElementById("login-handle");
    if (!field || field.disabled) return false;
    window.__hearthFormUsableAt = performance.now();
    return true;
  };
  new MutationObserver((_, observer) => {
    if (seen()) observer.disconnect();
  }).observe(document, { childList: true, subtree: true });
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

const server = await startHearthd();
const browser = await launchBrowser();
const usable = [];
const coreLoaded = [];
try {
  for (let run = 0; run < RUNS; run += 1) {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.addInitScript(watchForLoginForm);
    await page.goto(server.url);
    await page.waitForFunction(() => typeof window.__hearthFormUsableAt === "number");
    // The core chunk is the page's last script to arrive (the modulepreload in index.html).
    await page.waitForFunction(() => document.querySelector(".topbar") && performance.getEntriesByType("resource").length >= 3);
    const timing = await page.evaluate(() => ({
      usable: window.__hearthFormUsableAt,
      scripts: Math.max(
        ...performance
          .getEntriesByType("resource")
          .filter((entry) => entry.name.endsWith(".js"))
          .map((entry) => entry.responseEnd),
      ),
    }));
    usable.push(timing.usable);
    coreLoaded.push(timing.scripts);
    await context.close();
  }
} finally {
  await browser.close();
  await server.stop();
}
const ms = (value) => `${value.toFixed(0)} ms`;
console.log(`first page usable (navigation start to the login form ready): median ${ms(median(usable))} of ${RUNS} (min ${ms(Math.min(...usable))}, max ${ms(Math.max(...usable))})`);
console.log(`every script of the first page and the core chunk arrived: median ${ms(median(coreLoaded))}`);
