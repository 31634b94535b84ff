// axe-core on the login page and the app shell, in light and dark mode, and screenshots of both
// at 360 and 1280 px (artifacts; look at them).
import assert from "node:assert/strict";
import { test } from "node:test";
import { freshPage, serverAndBrowser } from "./harness/suite.mjs";
import { checkAtEveryWidth } from "./harness/page_checks.mjs";
import { expectLoggedIn, openHearth, submitRegistration, uniqueHandle } from "./harness/ui.mjs";

const suite = serverAndBrowser();

for (const colorScheme of ["light", "dark"]) {
  test(`login, registration and the shell have no serious accessibility violation (${colorScheme})`, async () => {
    const { context, page } = await freshPage(suite, { bypassCSP: true, colorScheme });
    await openHearth(page, suite.server);
    await checkAtEveryWidth(page, `login-${colorScheme}`);

    await page.getByRole("button", { name: "Create an account", exact: true }).click();
    await page.getByRole("button", { name: "Create account", exact: true }).click(); // shows problems
    await page.getByText("Enter a name.").waitFor();
    await checkAtEveryWidth(page, `register-problems-${colorScheme}`);

    const handle = uniqueHandle(`ivy-${colorScheme}`);
    await submitRegistration(page, { handle });
    await expectLoggedIn(page, handle);
    await checkAtEveryWidth(page, `shell-rooms-${colorScheme}`);
    await context.close();
  });
}

test("the keyboard alone reaches the skip link, the quick exit and the navigation", async () => {
  const { context, page } = await freshPage(suite);
  await openHearth(page, suite.server);
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), "Skip to content");
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), "Quick exit");
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.equal(outline, "solid", "keyboard focus is visible");
  await context.close();
});
