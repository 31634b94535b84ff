// Two members in a room: history paged back, live messages both ways, and a reconnect with
// messages sent meanwhile by the other: afterwards each shows every message exactly once, in order.
import assert from "node:assert/strict";
import { test } from "node:test";
import { serverAndBrowser } from "./harness/suite.mjs";
import { scrollToBeginning, seedRoom, sendViaUi, shownMessages, twoMembersInRoom } from "./harness/rooms_ui.mjs";

const suite = serverAndBrowser(["--requests-per-second", "100000"]);
const ROOM = "families-together";
const HISTORY = 250; // two and a half pages of PAGE_SIZE (100)

/** The rows in the page have consecutive seqs (no gap, no duplicate) and unique texts. */
async function expectEachMessageOnce(page, tailTexts) {
  await page.locator(".local-send").waitFor({ state: "detached" });
  const rows = await shownMessages(page);
  for (let i = 1; i < rows.length; i++) assert.equal(rows[i].seq, rows[i - 1].seq + 1, `rows in seq order without gaps: ${JSON.stringify(rows.slice(i - 1, i + 1))}`);
  const texts = rows.map((row) => row.text);
  assert.equal(new Set(texts).size, texts.length, "no message twice");
  assert.deepEqual(texts.slice(-tailTexts.length), tailTexts);
}

test("two members chat with history paged back, and resync after a reconnect misses and repeats nothing", async () => {
  await seedRoom(suite.server, ROOM, HISTORY, "history");
  const { ann, bob } = await twoMembersInRoom(suite, ROOM);

  // Bob scrolls back to the first message, a page at a time.
  await bob.page.locator("[data-seq]", { hasText: `history ${HISTORY}` }).waitFor();
  assert.equal(await bob.page.locator(".room-start").count(), 0, "the newest page is not the whole history");
  await scrollToBeginning(bob.page); // 250 messages, 100 a page: at least two pages back
  await bob.page.locator("[data-seq='1']", { hasText: "history 1" }).waitFor();
  await bob.page.locator(".virtual-list").evaluate((box) => {
    box.scrollTop = box.scrollHeight;
  });

  await sendViaUi(ann.page, "hello from ann");
  await bob.page.locator(".message-text", { hasText: "hello from ann" }).waitFor();
  await sendViaUi(bob.page, "hi ann, bob here");
  await ann.page.locator(".message-text", { hasText: "hi ann, bob here" }).waitFor();

  // hearthd goes away; Ann's browser stays offline while it comes back and Bob writes.
  await suite.server.stopProcess();
  await ann.page.locator(".connection", { hasText: "Reconnecting…" }).waitFor();
  await bob.page.locator(".connection", { hasText: "Reconnecting…" }).waitFor();
  await ann.context.setOffline(true);
  suite.server = await suite.server.start();
  await bob.page.locator(".connection").waitFor({ state: "detached" });
  await sendViaUi(bob.page, "while ann was away 1");
  await sendViaUi(bob.page, "while ann was away 2");
  await ann.context.setOffline(false);
  await ann.page.locator(".connection").waitFor({ state: "detached" });
  await ann.page.locator(".message-text", { hasText: "while ann was away 2" }).waitFor();
  await sendViaUi(ann.page, "back again");
  await bob.page.locator(".message-text", { hasText: "back again" }).waitFor();

  const tail = ["hello from ann", "hi ann, bob here", "while ann was away 1", "while ann was away 2", "back again"];
  await expectEachMessageOnce(ann.page, tail);
  await expectEachMessageOnce(bob.page, tail);
  await ann.context.close();
  await bob.context.close();
});
