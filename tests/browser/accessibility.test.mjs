// axe-core on the login page and the app shell, in light and dark mode, and screenshots of both
// at 360 and 1280 px (artifacts; look at them).
import assert from "node:assert/strict";
import { test } from "node:test";
import { freshPage, registeredHandle, serverAndBrowser } from "./harness/suite.mjs";
import { screenshotAtWidths, WIDTHS } from "./harness/artifacts.mjs";
import { seriousViolations } from "./harness/axe.mjs";
import { expectLoggedIn, openHearth, PASSWORD, registerViaUi, submitRegistration, uniqueHandle } from "./harness/ui.mjs";
import { checkAtEveryWidth } from "./harness/page_checks.mjs";

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
    await page.locator("details.account summary").click();
    await page.getByRole("button", { name: "Log out", exact: true }).waitFor();
    await checkAtEveryWidth(page, `shell-account-menu-${colorScheme}`);
    await context.close();
  });
}

/** The element with keyboard focus: its text, and whether its focus ring is drawn. */
function focused(page) {
  return page.evaluate(() => {
    const element = document.activeElement;
    const style = element ? getComputedStyle(element) : null;
    return {
      text: (element?.textContent ?? "").trim(),
      label: element?.getAttribute("aria-label") ?? element?.id ?? "",
      ring: style ? style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2 : false,
    };
  });
}

/** Presses Tab (or Shift+Tab) until the focused element's text or id matches, checking each stop's focus ring. */
async function tabTo(page, pattern, { backwards = false } = {}) {
  for (let stops = 0; stops < 30; stops += 1) {
    await page.keyboard.press(backwards ? "Shift+Tab" : "Tab");
    const now = await focused(page);
    assert.ok(now.ring, `no visible focus on "${now.text || now.label}"`);
    if (pattern.test(now.text) || pattern.test(now.label)) return;
  }
  assert.fail(`Tab never reached ${pattern}`);
}

test("by keyboard alone: skip link, quick exit, log in, the rooms, the shell and log out, focus always visible", async () => {
  const handle = await registeredHandle(suite, "kit");
  const { context, page } = await freshPage(suite);
  await openHearth(page, suite.server);
  await tabTo(page, /^Skip to content$/);
  await tabTo(page, /^Quick exit$/);
  await tabTo(page, /^login-handle$/);
  await page.keyboard.type(handle);
  await tabTo(page, /^login-password$/);
  await page.keyboard.type(PASSWORD);
  await page.keyboard.press("Enter");
  await expectLoggedIn(page, handle);

  await tabTo(page, /^Rooms$/);
  await page.keyboard.press("Enter");
  assert.match(page.url(), /#\/rooms/);
  await tabTo(page, /^Conversations$/);
  await page.keyboard.press("Enter");
  assert.match(page.url(), /#\/conversations/);
  assert.equal(await page.evaluate(() => document.activeElement?.id), "main", "moving to a place puts focus at its start");

  await tabTo(page, /^Account menu/, { backwards: true }); // back up into the header

  await page.keyboard.press("Enter");
  await tabTo(page, /^Log out$/);
  await page.keyboard.press("Enter");
  await page.getByRole("heading", { name: "Log in", exact: true }).waitFor();
  await context.close();
});

test("dark mode and reduced motion, emulated: no animation or transition, dark colours; screenshots", async () => {
  const { context, page } = await freshPage(suite, { bypassCSP: true });
  await page.emulateMedia({ colorScheme: "dark", reducedMotion: "reduce" });
  await openHearth(page, suite.server);
  const login = await page.evaluate(() => ({
    background: getComputedStyle(document.body).backgroundColor,
    reducedMotion: matchMedia("(prefers-reduced-motion: reduce)").matches,
  }));
  assert.ok(login.reducedMotion);
  const [r, g, b] = login.background.match(/\d+/g).map(Number);
  assert.ok(r + g + b < 150, `a dark background, not ${login.background}`);
  await screenshotAtWidths(page, "login-dark-reduced-motion");

  const handle = uniqueHandle("lee");
  await registerViaUi(page, { handle });
  await expectLoggedIn(page, handle);
  const moving = await page.evaluate(() =>
    [...document.querySelectorAll("*")]
      .map((element) => getComputedStyle(element))
      .filter((style) => parseFloat(style.transitionDuration) > 0.001 || parseFloat(style.animationDuration) > 0.001).length,
  );
  assert.equal(moving, 0, "nothing moves under prefers-reduced-motion");
  assert.deepEqual(await seriousViolations(page), []);
  await screenshotAtWidths(page, "shell-dark-reduced-motion");

  await page.emulateMedia({ colorScheme: "light", reducedMotion: "no-preference" });
  await screenshotAtWidths(page, "shell-light-motion");
  await context.close();
});

test("at 360 px the logged-in header is one line and Quick exit is on screen", async () => {
  const { context, page } = await freshPage(suite, { viewport: { width: 360, height: 740 } });
  await openHearth(page, suite.server);
  const handle = uniqueHandle("a-rather-long-name-for-360px");
  await registerViaUi(page, { handle });
  await expectLoggedIn(page, handle);
  const layout = await page.evaluate(() => {
    const items = [...document.querySelectorAll(".topbar > *")].map((element) => element.getBoundingClientRect());
    const exit = document.querySelector(".topbar .quick-exit").getBoundingClientRect();
    return { tops: items.map((box) => Math.round(box.top + box.height / 2)), exitRight: exit.right, exitWidth: exit.width };
  });
  const spread = Math.max(...layout.tops) - Math.min(...layout.tops);
  assert.ok(spread <= 4, `the header's items share one line (centres ${layout.tops.join(", ")})`);
  assert.ok(layout.exitWidth > 0 && layout.exitRight <= 360, `Quick exit on screen (right edge ${layout.exitRight})`);
  await context.close();
});
