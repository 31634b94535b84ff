// What a member meets of moderation in the room view: a held message explained and then
// approved into the room, slow mode's refusal with the time to wait, and a coach's mute and ban
// as notices with their times. The coach's side goes through the protocol (the coach area has
// its own tests).
import assert from "node:assert/strict";
import { test } from "node:test";
import { adminOf, memberOf, ROOM } from "./harness/coach.mjs";
import { composer, newMember, openRoom, sendViaUi } from "./harness/rooms_ui.mjs";
import { freshPage, serverAndBrowser } from "./harness/suite.mjs";
import { FilterAction, ModerationAction, ReportReason } from "./harness/wire_codecs.mjs";

const suite = serverAndBrowser();

/** A member in the browser, in the room. */
async function memberInRoom(prefix) {
  const { context, page } = await freshPage(suite);
  const handle = await newMember(page, suite.server, prefix);
  await openRoom(page, ROOM);
  return { context, page, handle };
}

/** Types and sends with Enter, without waiting for it to be stored. */
async function typeAndSend(page, text) {
  await composer(page).fill(text);
  await composer(page).press("Enter");
}

/** The open queue item about the message with `text`, claimed and resolved by the admin. */
async function resolveItemAbout(admin, text, action, extra = {}) {
  const { items } = await admin.request({ case: "listQueue", value: {} });
  const item = items.find((candidate) => candidate.message?.text === text);
  assert.ok(item, `an open item about “${text}”`);
  await admin.request({ case: "claimItem", value: { itemId: item.itemId } });
  await admin.request({ case: "resolveItem", value: { itemId: item.itemId, action, reason: "as the room's rules say", ...extra } });
}

test("a held message is explained, then a coach approves it and it takes its place in the room", async () => {
  const { admin, roomId } = await adminOf(suite);
  await admin.request({ case: "addRule", value: { roomId, pattern: "meet me offline", action: FilterAction.FILTER_HOLD } });
  const { context, page } = await memberInRoom("hal");

  const words = "could we meet me offline sometime";
  await typeAndSend(page, words);
  const held = page.locator(".local-send.held", { hasText: words });
  await held.waitFor();
  assert.match(await held.innerText(), /Waiting for a coach/);
  assert.match(await held.locator(".send-explanation").innerText(), /a coach will look at it before the room does/);

  await resolveItemAbout(admin, words, ModerationAction.ACTION_APPROVE);
  await page.locator("[data-seq] .message-text", { hasText: words }).waitFor();
  await held.waitFor({ state: "detached" });
  await page.locator(".notice", { hasText: "A coach approved your held message" }).waitFor();
  await context.close();
});

test("slow mode refuses a second message with the time it can be sent again, and it is sent again once allowed", async () => {
  const { admin, roomId } = await adminOf(suite);
  const { context, page } = await memberInRoom("sal");
  await admin.request({ case: "setRoomPolicy", value: { roomId, policy: { slowModeSeconds: 3600 } } });
  try {
    await sendViaUi(page, "first under slow mode");
    await typeAndSend(page, "second under slow mode");
    const refused = page.locator(".local-send.refused", { hasText: "second under slow mode" });
    await refused.waitFor();
    assert.match(await refused.locator(".send-explanation").innerText(), /You can send again from .+\d/);
  } finally {
    await admin.request({ case: "setRoomPolicy", value: { roomId, policy: { slowModeSeconds: 0 } } });
  }
  await page.locator(".local-send.refused").getByRole("button", { name: "Send again" }).click();
  await page.locator("[data-seq] .message-text", { hasText: "second under slow mode" }).waitFor();
  await page.locator(".local-send").waitFor({ state: "detached" });
  await context.close();
});

test("a coach's mute and ban reach the member's room view as notices with their times", async () => {
  const { admin, roomId } = await adminOf(suite);
  const { context, page, handle } = await memberInRoom("mo");
  const reporter = await memberOf(suite, "rue");

  await sendViaUi(page, "a first message to be reported");
  await sendViaUi(page, "a second message to be reported");
  for (const text of ["a first message to be reported", "a second message to be reported"]) {
    const { messages: recent } = await reporter.request({ case: "history", value: { roomId, limit: 10 } });
    const message = recent.find((candidate) => candidate.text === text && candidate.author?.handle === handle);
    await reporter.request({ case: "reportMessage", value: { messageId: message.messageId, reason: ReportReason.REPORT_SPAM } });
  }

  await resolveItemAbout(admin, "a first message to be reported", ModerationAction.ACTION_MUTE, { durationMinutes: 120 });
  const muted = page.locator(".notice", { hasText: "You are muted in this room until" });
  await muted.waitFor();
  assert.match(await muted.innerText(), /as the room's rules say/);
  await typeAndSend(page, "am I muted?");
  const refused = page.locator(".local-send.refused", { hasText: "am I muted?" });
  await refused.locator(".send-explanation", { hasText: /You can send again from/ }).waitFor();
  await refused.getByRole("button", { name: "Dismiss" }).click();
  await refused.waitFor({ state: "detached" });

  await resolveItemAbout(admin, "a second message to be reported", ModerationAction.ACTION_BAN_ROOM, { durationMinutes: 60 * 24 });
  await page.locator(".notice", { hasText: /You are banned from this room until .+\d/ }).waitFor();
  await page.getByText("You are no longer in this room, so you cannot write here.").waitFor();
  assert.equal(await composer(page).count(), 0, "no composer once banned");
  await context.close();
});
