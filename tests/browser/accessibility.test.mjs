// axe-core on the login page and the app shell, in light and dark mode, and screenshots of both
// at 360 and 1280 px (artifacts; look at them).
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { screenshotAtWidths, WIDTHS } from "./harness/artifacts.mjs";
import { seriousViolations } from "./harness/axe.mjs";
import { launchBrowser, newContext } from "./harness/browser.mjs";
import { startHearthd } from "./harness/hearthd.mjs";
import { expectLoggedIn, openHearth, registerViaUi, uniqueHandle } from "./harness/ui.mjs";

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

async function checkAtEveryWidth(page, name) {
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 800 });
    assert.deepEqual(await seriousViolations(page), [], `${name} at ${width} px`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${name} at ${width} px scrolls sideways by ${overflow} px`);
  }
  await screenshotAtWidths(page, name);
}

for (const colorScheme of ["light", "dark"]) {
  test(`login, registration and the shell have no serious accessibility violation (${colorScheme})`, async () => {
    const context = await newContext(browser, { bypassCSP: true, colorScheme });
    const page = await context.newPage();
    await openHearth(page, server);
    await checkAtEveryWidth(page, `login-${colorScheme}`);

    await page.getByRole("button", { name: "Create an account", exact: true }).click();
    await page.getByRole("button", { name: "Create account", exact: true }).click(); // shows problems
    await page.getByText("Enter a name.").waitFor();
    await checkAtEveryWidth(page, `register-problems-${colorScheme}`);

    const handle = uniqueHandle(`ivy-${colorScheme}`);
    await page.getByLabel("Name", { exact: true }).fill(handle);
    await page.getByLabel("Password", { exact: true }).fill("a long enough passphrase");
    await page.getByRole("button", { name: "Create account", exact: true }).click();
    await expectLoggedIn(page, handle);
    await checkAtEveryWidth(page, `shell-rooms-${colorScheme}`);
    await context.close();
  });
}

test("the keyboard alone reaches the skip link, the quick exit and the navigation", async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await openHearth(page, server);
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), "Skip to content");
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), "Quick exit");
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.equal(outline, "solid", "keyboard focus is visible");
  await context.close();
});
