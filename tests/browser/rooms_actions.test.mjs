// What members do with messages: edit and delete one's own (seen by the other member at once),
// report someone else's with a reason, and a crisis phrase that shows the crisis resources to
// its author only. And a send cut off by a dropped connection is stored once.
import assert from "node:assert/strict";
import { test } from "node:test";
import { installCutOffProxy } from "./harness/cut_off_proxy.mjs";
import { freshPage, serverAndBrowser } from "./harness/suite.mjs";
import { ProtocolClient } from "./harness/protocol_client.mjs";
import { composer, newMember, openRoom, sendViaUi, twoMembersInRoom } from "./harness/rooms_ui.mjs";
import { uniqueHandle } from "./harness/ui.mjs";

const suite = serverAndBrowser();
const ROOM = "parallel-recovery";

function row(page, text) {
  return page.locator("[data-seq]", { hasText: text });
}

test("edits and deletes reach the other member; a report goes out with its reason", async () => {
  const { ann, bob } = await twoMembersInRoom(suite, ROOM);
  const annHandle = ann.handle;

  await sendViaUi(ann.page, "first words");
  await row(bob.page, "first words").waitFor();
  await row(ann.page, "first words").getByRole("button", { name: /^Edit your message/ }).click();
  const editor = ann.page.getByRole("textbox", { name: "Edit your message" });
  await editor.fill("better words");
  await editor.press("Enter");
  await row(bob.page, "better words").waitFor();
  assert.match(await row(bob.page, "better words").innerText(), /\(edited\)/);

  await sendViaUi(ann.page, "words to take back");
  await row(bob.page, "words to take back").waitFor();
  await row(ann.page, "words to take back").getByRole("button", { name: /^Delete your message/ }).click();
  await ann.page.getByRole("dialog", { name: "Delete this message?" }).getByRole("button", { name: "Delete", exact: true }).click();
  await bob.page.locator(".message-gone", { hasText: "This message was deleted." }).waitFor();
  assert.equal(await row(bob.page, "words to take back").count(), 0, "the words are gone from the other page");

  // Bob reports Ann's message; Escape first closes the dialog without sending.
  const report = row(bob.page, "better words").getByRole("button", { name: `Report the message from ${annHandle}`, exact: false });
  await report.click();
  await bob.page.getByRole("dialog").waitFor();
  await bob.page.keyboard.press("Escape");
  await bob.page.getByRole("dialog").waitFor({ state: "detached" });
  await report.click();
  const dialog = bob.page.getByRole("dialog", { name: `Report a message from ${annHandle}` });
  await dialog.getByRole("button", { name: "Send report" }).click();
  await dialog.getByText("Choose a reason.").waitFor();
  await dialog.getByLabel("Crosstalk: advice or comments on someone else's share").check();
  await dialog.getByLabel(/^Anything the coaches should know/).fill("advice given twice");
  await dialog.getByRole("button", { name: "Send report" }).click();
  await bob.page.getByRole("dialog").waitFor({ state: "detached" });
  await bob.page.getByRole("status").filter({ hasText: "Report sent. A coach will look at it." }).waitFor();
  await ann.context.close();
  await bob.context.close();
});

test("a crisis phrase shows the crisis resources to its author only, with focus on them", async () => {
  const { ann, bob } = await twoMembersInRoom(suite, ROOM);

  await sendViaUi(ann.page, "some nights I want to end my life");
  const panel = ann.page.getByRole("alert").filter({ has: ann.page.getByRole("heading", { name: "You are not alone. Help is here now." }) });
  await panel.waitFor();
  assert.match(await panel.innerText(), /988/);
  assert.equal(await ann.page.evaluate(() => document.activeElement?.classList.contains("crisis-panel")), true, "focus moved to the resources");

  await row(bob.page, "some nights I want to end my life").waitFor();
  await sendViaUi(bob.page, "we are here with you");
  await row(ann.page, "we are here with you").waitFor();
  assert.equal(await bob.page.locator(".crisis-panel").count(), 0, "the other member sees no resources");
  assert.equal(await ann.page.title(), "Hearth");
  await ann.context.close();
  await bob.context.close();
});

test("a send whose answer was lost to a dropped connection is stored once", async () => {
  const cy = await freshPage(suite);
  const proxy = await installCutOffProxy(cy.page); // before the page opens its socket
  await newMember(cy.page, suite.server, "cy");
  await openRoom(cy.page, ROOM);

  proxy.armed = true;
  await composer(cy.page).fill("said once only");
  await composer(cy.page).press("Enter");
  await cy.page.locator(".local-send.pending", { hasText: "Sending…" }).waitFor();
  await cy.page.locator(".connection").waitFor(); // the held connection never authenticates
  assert.equal(proxy.answerDropped, true, "hearthd answered, and the answer never reached the page");
  await proxy.release();
  await row(cy.page, "said once only").waitFor(); // stored: the resend got the first answer
  await cy.page.locator(".local-send").waitFor({ state: "detached" });

  await cy.page.reload();
  await cy.page.getByRole("heading", { name: ROOM, level: 1 }).waitFor();
  await cy.page.locator(".room-start, .load-older").first().waitFor();
  await row(cy.page, "said once only").waitFor();
  assert.equal(await row(cy.page, "said once only").count(), 1, "history holds the message once");
  await cy.context.close();
});

test("someone given a room's link who is not in it sees what the room is and joins from there", async () => {
  const { context, page } = await freshPage(suite);
  await newMember(page, suite.server, "cai");
  const looker = await ProtocolClient.register(suite.server, uniqueHandle("looker"));
  const { rooms } = await looker.request({ case: "listRooms", value: {} });
  looker.close();
  const room = rooms.find((candidate) => candidate.name === ROOM);

  await page.goto(`${suite.server.url}#/rooms/${room.roomId}`);
  await page.getByRole("heading", { name: ROOM, level: 1 }).waitFor();
  await page.getByText("You are not in this room yet.").waitFor();
  assert.equal(await composer(page).count(), 0, "no composer before joining");
  await page.getByRole("button", { name: `Join ${ROOM}`, exact: true }).click();
  await composer(page).waitFor();
  await sendViaUi(page, "glad to be here");

  await page.goto(`${suite.server.url}#/rooms/987654321`);
  await page.getByRole("heading", { name: "Room not found", level: 1 }).waitFor();
  await context.close();
});
