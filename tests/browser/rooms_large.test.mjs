// A room with 10,000 messages in history, seeded through the real server: it opens, scrolls
// back to its first message a page at a time, and the page never holds more than a few hundred
// message rows (the list renders only what is in and near view).
import assert from "node:assert/strict";
import { test } from "node:test";
import { freshPage, serverAndBrowser } from "./harness/suite.mjs";
import { newMember, openRoom, scrollToBeginning, seedRoom } from "./harness/rooms_ui.mjs";

const suite = serverAndBrowser(["--requests-per-second", "100000"]);
const ROOM = "newcomers";
const MESSAGES = 10_000;
const MOST_ROWS = 300;

test("a room with 10,000 messages scrolls back to its beginning with few rows in the page", async () => {
  await seedRoom(suite.server, ROOM, MESSAGES, "seeded");
  const { context, page } = await freshPage(suite);
  await newMember(page, suite.server, "dee");
  await openRoom(page, ROOM);
  await page.locator("[data-seq]", { hasText: `seeded ${MESSAGES}` }).waitFor();

  let mostRows = 0;
  const countRows = async () => {
    mostRows = Math.max(mostRows, await page.locator("[data-seq]").count());
  };
  await countRows();
  await scrollToBeginning(page, { onEachPage: countRows });
  await page.locator("[data-seq='1']", { hasText: "seeded 1" }).waitFor();
  await countRows();
  assert.ok(mostRows <= MOST_ROWS, `at most ${mostRows} rows in the page for ${MESSAGES} messages`);
  // Every message is still known: back at the bottom the newest shows again.
  await page.locator(".virtual-list").evaluate((box) => {
    box.scrollTop = box.scrollHeight;
  });
  await page.locator("[data-seq]", { hasText: `seeded ${MESSAGES}` }).waitFor();
  await context.close();
});
