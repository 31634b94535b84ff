// axe-core on the room list and a room (with messages, the crisis resources and the report
// dialog), light and dark, at 360 and 1280 px, with screenshots; and the composer by keyboard.
import assert from "node:assert/strict";
import { test } from "node:test";
import { checkAtEveryWidth } from "./harness/page_checks.mjs";
import { freshPage, serverAndBrowser } from "./harness/suite.mjs";
import { newMember, openRoom, seedRoom, sendViaUi } from "./harness/rooms_ui.mjs";

const suite = serverAndBrowser(["--requests-per-second", "100000"]);
const ROOM = "families-together";

test("seed the room", async () => {
  await seedRoom(suite.server, ROOM, 60, "An earlier share, number");
});

for (const colorScheme of ["light", "dark"]) {
  test(`the room list and a room have no serious accessibility violation (${colorScheme})`, async () => {
    const { context, page } = await freshPage(suite, { bypassCSP: true, colorScheme });
    await newMember(page, suite.server, `eve-${colorScheme}`);
    await page.getByRole("heading", { name: "Rooms you can join" }).waitFor();
    await checkAtEveryWidth(page, `rooms-list-${colorScheme}`);

    await openRoom(page, ROOM);
    await sendViaUi(page, "Today was a hard day, but I went to the meeting.");
    await checkAtEveryWidth(page, `room-${colorScheme}`);

    await sendViaUi(page, "I keep thinking I want to end my life");
    await page.locator(".crisis-panel").waitFor();
    await checkAtEveryWidth(page, `room-crisis-${colorScheme}`);

    await page.locator("[data-seq]").first().getByRole("button", { name: /^Report/ }).click();
    await page.getByRole("dialog").waitFor();
    await checkAtEveryWidth(page, `room-report-${colorScheme}`);
    await page.keyboard.press("Escape");
    await page.getByRole("dialog").waitFor({ state: "detached" });

    // The keyboard alone: the composer sends with Enter and keeps Shift+Enter as a new line.
    const composer = page.getByRole("textbox", { name: /^Message to / });
    await composer.focus();
    await page.keyboard.type("two");
    await page.keyboard.press("Shift+Enter");
    await page.keyboard.type(`lines ${colorScheme}`);
    assert.equal(await composer.inputValue(), `two\nlines ${colorScheme}`);
    await page.keyboard.press("Enter");
    // The text keeps its newline (pre-wrap); each run's text is its own (the room is shared).
    const sent = page.locator("[data-seq] .message-text", { hasText: new RegExp(`^two\\s+lines ${colorScheme}$`) });
    await sent.waitFor();
    assert.equal(await sent.evaluate((node) => node.textContent), `two\nlines ${colorScheme}`);
    await context.close();
  });
}
