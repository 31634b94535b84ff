// The coach area against a real hearthd: a crisis message and the coach handling it, a report
// from report to outcome, a mute the member meets and its early lift, a claim another coach
// cannot act on. The members' side goes through the protocol (harness/protocol_client.mjs): the
// member room views are not part of this file.
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  adminOf,
  coachOf,
  coachPage,
  memberOf,
  openAndClaim,
  queueRow,
  reportedMessage,
  resolve,
} from "./harness/coach.mjs";
import { Refused } from "./harness/protocol_client.mjs";
import { serverAndBrowser } from "./harness/suite.mjs";
import { ErrorCode, NoticeKind, ReportReason } from "./harness/wire_codecs.mjs";

const suite = serverAndBrowser();

test("a crisis message goes to the top of a coach's queue, marked and alerted, and the coach handles it", async () => {
  const { admin, roomId } = await adminOf(suite);
  const { context, page } = await coachPage(suite, admin.user.handle);
  await reportedMessage(suite, { text: "you should just leave him", reason: ReportReason.REPORT_CROSSTALK });
  await queueRow(page, "you should just leave him").waitFor();

  const author = await memberOf(suite, "mia");
  const sent = await author.request({ case: "sendMessage", value: { roomId, text: "honestly I want to kill myself tonight" } });
  assert.ok(sent.crisisResources.length > 0, "the author was given the crisis resources at once");

  await page.getByRole("alert").filter({ hasText: "Crisis alert" }).waitFor();
  await page.locator("[aria-live=polite]", { hasText: "Crisis alert: someone may be in danger." }).waitFor();
  const first = page.locator(".queue-item").first();
  await first.filter({ hasText: "kill myself" }).waitFor(); // at the top, above the older report
  assert.match(await first.innerText(), /⚠\s*crisis/i, "marked in words and a symbol, not by colour alone");
  assert.match(await page.locator(".queue-item").nth(1).innerText(), /report/i);

  await page.getByRole("link", { name: "Open the crisis item", exact: true }).click();
  await page.getByRole("button", { name: "Claim this item", exact: true }).click();
  await page.getByText(/Your claim lasts another/).waitFor();
  const words = "A coach is here with you. Please call one of the numbers you were sent, now.";
  await resolve(page, "Warn the author", words);

  const notice = await author.nextEvent("moderationNotice", (n) => n.kind === NoticeKind.NOTICE_WARNING);
  assert.ok(notice.text.endsWith(words), `the member gets the coach's words privately: ${notice.text}`);
  await page.getByRole("link", { name: "Back to the review queue", exact: true }).click();
  await queueRow(page, "you should just leave him").waitFor();
  assert.equal(await queueRow(page, "kill myself").count(), 0, "the handled item left the queue");
  await context.close();
});

test("a report from report to outcome: the coach removes the message and it goes for everyone", async () => {
  const { admin, roomId } = await adminOf(suite);
  const { context, page } = await coachPage(suite, admin.user.handle);
  const bystander = await memberOf(suite, "bea");
  const { author, reporter, messageId } = await reportedMessage(suite, {
    text: "everyone here knows your husband is a drunk",
    note: "this is about me",
  });

  const row = queueRow(page, "your husband is a drunk");
  await row.waitFor();
  assert.match(await row.innerText(), /report/i);
  await openAndClaim(page, "your husband is a drunk");
  await page.getByText("Harassment").waitFor(); // the reporter's reason
  await page.getByText("“this is about me”").waitFor(); // and note
  await resolve(page, "Remove the message", "harassment of another member");

  for (const member of [author, reporter, bystander]) {
    const deleted = await member.nextEvent("messageDeleted", (event) => event.messageId === messageId);
    assert.equal(deleted.removedByModerator, true);
  }
  const outcome = await reporter.nextEvent("moderationNotice", (n) => n.kind === NoticeKind.NOTICE_REPORT_OUTCOME);
  assert.equal(outcome.messageId, messageId);
  const { messages } = await bystander.request({ case: "history", value: { roomId, limit: 500 } });
  const stored = messages.find((message) => message.messageId === messageId);
  assert.equal(stored.deleted, true);
  assert.equal(stored.text, "", "the words are gone from history for everyone");
  await context.close();
});

test("a coach's mute: the member's send is refused with its end, until the coach lifts it", async () => {
  const { admin, roomId } = await adminOf(suite);
  const { context, page } = await coachPage(suite, admin.user.handle);
  const { author } = await reportedMessage(suite, { text: "buy cheap pills at my site" });
  await queueRow(page, "buy cheap pills").waitFor();
  await openAndClaim(page, "buy cheap pills");
  await page.getByRole("radio", { name: "Mute the author", exact: true }).check();
  assert.equal(await page.getByLabel("Mute for").inputValue(), "60");
  await page.getByLabel("Mute for").selectOption({ label: "1 day" });
  await resolve(page, "Mute the author", "selling");

  const muted = await author.nextEvent("moderationNotice", (n) => n.kind === NoticeKind.NOTICE_MUTED);
  const hoursLeft = (Number(muted.untilMs) - Date.now()) / 3_600_000;
  assert.ok(hoursLeft > 23 && hoursLeft <= 24, `muted for a day (${hoursLeft} hours left)`);
  const refused = await author
    .request({ case: "sendMessage", value: { roomId, text: "hello?" } })
    .then(() => null, (error) => error);
  assert.ok(refused instanceof Refused, "the send is refused");
  assert.equal(refused.code, ErrorCode.FORBIDDEN);
  assert.match(refused.sentence, /muted/);
  assert.ok(refused.retryAfterMs > 0, "the refusal says until when");

  await page.getByRole("link", { name: "Mutes and bans", exact: true }).click();
  await page.getByLabel("Room", { exact: true }).selectOption(String(roomId));
  await page.getByLabel("Member's name").fill(author.user.handle);
  await page.getByLabel(/^Reason/).fill("sorted out with them");
  await page.getByRole("button", { name: "Lift it", exact: true }).click();
  await page.locator(".done", { hasText: `The mute of ${author.user.handle} is lifted` }).waitFor();
  const lifted = await author.nextEvent("moderationNotice", (n) => n.kind === NoticeKind.NOTICE_MUTE_LIFTED);
  assert.match(lifted.text, /sorted out with them/);
  await author.request({ case: "sendMessage", value: { roomId, text: "sorry, it will not happen again" } });

  await page.getByRole("button", { name: "Lift it", exact: true }).click(); // nothing left to lift
  await page.locator(".form-error", { hasText: /^Could not lift the mute\. .*not muted/ }).waitFor();
  await context.close();
});

test("a claim holds: a second coach cannot act on an item the first one claimed, and is told why", async () => {
  const { admin } = await adminOf(suite);
  const second = await coachOf(suite);
  const first = await coachPage(suite, admin.user.handle);
  const other = await coachPage(suite, second.user.handle);
  await reportedMessage(suite, { text: "meet me after the meeting, alone" });

  await queueRow(first.page, "meet me after").waitFor();
  await openAndClaim(first.page, "meet me after");
  await queueRow(other.page, "meet me after").filter({ hasText: `claimed by ${admin.user.handle}` }).waitFor();
  await queueRow(other.page, "meet me after").getByRole("link").click();
  await other.page.getByText(`${admin.user.handle} is handling this item.`).waitFor();
  await other.page.getByRole("button", { name: "Claim this item", exact: true }).click();
  await other.page
    .locator(".form-error", { hasText: "Could not claim this item. Another coach has claimed this item." })
    .waitFor();
  assert.equal(await other.page.getByRole("radio", { name: "Dismiss" }).count(), 0, "no actions without the claim");

  await first.page.getByRole("button", { name: "Release", exact: true }).click();
  await other.page.getByRole("button", { name: "Claim this item", exact: true }).click();
  await other.page.getByText(/Your claim lasts another/).waitFor(); // released: now it is theirs
  await resolve(other.page, "Dismiss", "a friendly offer");
  await first.context.close();
  await other.context.close();
});
