// axe-core on every view of the coach area (the queue with a crisis item, a claimed item with
// its actions, rules and policy, mutes and bans, the audit log), light and dark, at 360 and
// 1280 px, with screenshots (artifacts; look at them); and the queue worked by keyboard alone.
import assert from "node:assert/strict";
import { test } from "node:test";
import { adminOf, coachPage, memberOf, openAndClaim, queueRow, reportedMessage } from "./harness/coach.mjs";
import { screenshotAtWidths, WIDTHS } from "./harness/artifacts.mjs";
import { seriousViolations } from "./harness/axe.mjs";
import { serverAndBrowser } from "./harness/suite.mjs";

const suite = serverAndBrowser();

/** No serious violation and no sideways scrolling in either scheme at either width; screenshots. */
async function expectAccessible(page, name) {
  for (const colorScheme of ["light", "dark"]) {
    await page.emulateMedia({ colorScheme });
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 800 });
      const where = `${name} (${colorScheme}, ${width} px)`;
      assert.deepEqual(await seriousViolations(page), [], where);
      const sideways = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(sideways <= 0, `${where} scrolls sideways by ${sideways} px`);
    }
    await screenshotAtWidths(page, `coach-${name}-${colorScheme}`);
  }
}

test("every coach view passes axe in light and dark at 360 and 1280 px", async () => {
  const { admin, roomId } = await adminOf(suite);
  await reportedMessage(suite, { text: "this is spam, visit my page", note: "posted three times" });
  const crisisAuthor = await memberOf(suite, "kai");
  await crisisAuthor.request({ case: "sendMessage", value: { roomId, text: "I want to end my life" } });
  const { context, page } = await coachPage(suite, admin.user.handle, { bypassCSP: true });

  await queueRow(page, "end my life").waitFor();
  await queueRow(page, "visit my page").waitFor();
  await expectAccessible(page, "queue");

  await openAndClaim(page, "visit my page");
  await page.getByRole("radio", { name: "Ban the author from the room", exact: true }).check();
  await expectAccessible(page, "item");

  await page.getByRole("link", { name: "Rules and policy", exact: true }).click();
  await page.getByRole("heading", { name: "Watched words and phrases" }).waitFor();
  await page.locator("table.rules tbody tr").first().waitFor(); // the server's crisis phrases
  await expectAccessible(page, "rules");

  await page.getByRole("link", { name: "Mutes and bans", exact: true }).click();
  await page.getByRole("heading", { name: "Lift a mute or a ban" }).waitFor();
  await expectAccessible(page, "sanctions");

  await page.getByRole("link", { name: "Audit log", exact: true }).click();
  await page.locator("table.audit tbody tr").first().waitFor();
  await expectAccessible(page, "audit");
  await context.close();
});

test("rules and policy: a rule added applies to the next message, a bad policy value is refused in words", async () => {
  const { admin, roomId } = await adminOf(suite);
  const { context, page } = await coachPage(suite, admin.user.handle);
  await page.getByRole("link", { name: "Rules and policy", exact: true }).click();
  await page.getByLabel("Room", { exact: true }).selectOption(String(roomId));
  await page.getByLabel("Words or a phrase").fill("casino bonus");
  await page.getByLabel("What happens").selectOption({ label: "Flag: deliver, open an item" });
  await page.getByRole("button", { name: "Add the rule", exact: true }).click();
  await page.getByRole("cell", { name: "casino bonus", exact: true }).waitFor();

  const member = await memberOf(suite, "gus");
  await member.request({ case: "sendMessage", value: { roomId, text: "free casino bonus here" } });
  await page.getByRole("link", { name: "Review queue", exact: true }).click();
  await queueRow(page, "free casino bonus").filter({ hasText: /flagged/i }).waitFor();

  await page.getByRole("link", { name: "Rules and policy", exact: true }).click();
  await page.getByLabel("Room", { exact: true }).selectOption(String(roomId));
  const slowMode = page.getByLabel(/^Slow mode/);
  await slowMode.fill("5000");
  await page.getByRole("button", { name: "Save the policy", exact: true }).click();
  await page.getByText("A whole number from 0 to 3600.").waitFor();
  await slowMode.fill("30");
  await page.getByRole("button", { name: "Save the policy", exact: true }).click();
  await page.getByRole("link", { name: "Audit log", exact: true }).click();
  await page.getByRole("cell", { name: "room policy changed" }).first().waitFor();
  await context.close();
});

test("the review queue works by keyboard alone", async () => {
  const { admin } = await adminOf(suite);
  const { context, page } = await coachPage(suite, admin.user.handle);
  await reportedMessage(suite, { text: "keyboard check message" });
  const link = queueRow(page, "keyboard check message").getByRole("link");
  await link.focus();
  await page.keyboard.press("Enter");
  const claim = page.getByRole("button", { name: "Claim this item", exact: true });
  await claim.focus();
  await page.keyboard.press("Enter");
  await page.getByText(/Your claim lasts another/).waitFor();
  await page.getByRole("radio").first().focus();
  await page.keyboard.press("Space"); // the first radio: the default action, Remove
  await page.getByLabel(/^Reason/).focus();
  await page.keyboard.type("checked by keyboard");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  await page.getByText("Resolved: Remove the message").waitFor();
  await context.close();
});
