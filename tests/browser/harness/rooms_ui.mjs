// What a person does in the rooms area, said once for the room tests.
import { ProtocolClient } from "./protocol_client.mjs";
import { freshPage } from "./suite.mjs";
import { expectLoggedIn, openHearth, registerViaUi, uniqueHandle } from "./ui.mjs";

/** A new account in a fresh page, logged in, in the rooms list. */
export async function newMember(page, server, prefix) {
  const handle = uniqueHandle(prefix);
  await openHearth(page, server);
  await registerViaUi(page, { handle });
  await expectLoggedIn(page, handle);
  return handle;
}

/** Joins the room from the list (or opens it when already joined) and waits for its view. */
export async function openRoom(page, roomName) {
  await page.getByRole("link", { name: "Rooms", exact: true }).click();
  const join = page.getByRole("button", { name: `Join ${roomName}`, exact: true });
  const open = page.getByRole("link", { name: roomName, exact: true });
  await join.or(open).first().waitFor();
  if (await join.count()) await join.click();
  else await open.click();
  await page.getByRole("heading", { name: roomName, exact: true, level: 1 }).waitFor();
  await page.locator(".room-start, .load-older").first().waitFor();
}

/** Ann and Bob, each in a fresh context, registered and in the room: `{ page, context, handle }`. */
export async function twoMembersInRoom(suite, roomName) {
  const members = {};
  for (const name of ["ann", "bob"]) {
    const { context, page } = await freshPage(suite);
    const handle = await newMember(page, suite.server, name);
    await openRoom(page, roomName);
    members[name] = { context, page, handle };
  }
  return members;
}

export function composer(page) {
  return page.getByRole("textbox", { name: /^Message to / });
}

/** Types and sends with Enter; waits until it is stored (no longer pending). */
export async function sendViaUi(page, text) {
  await composer(page).fill(text);
  await composer(page).press("Enter");
  await page.locator(".message:not(.local-send) .message-text", { hasText: text }).first().waitFor();
  await page.locator(".local-send.pending").waitFor({ state: "detached" });
}

/** The texts of the message rows in the page, in order, with their seq. */
export function shownMessages(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll("[data-seq]")].map((row) => ({
      seq: Number(row.getAttribute("data-seq")),
      text: row.querySelector(".message-text")?.textContent ?? "",
    })),
  );
}

/** The seq of the first message row the page has drawn (Infinity when none is drawn). */
function firstRenderedSeq(page) {
  return page.evaluate(() => Number(document.querySelector("[data-seq]")?.getAttribute("data-seq") ?? Infinity));
}

/** Scrolls the list to its top, again and again as older pages come in above, until the room's
 * beginning is known, then to the top once more, where the first message is drawn; `onEachPage`
 * runs after each page. Scrolling, as a person does, rather than clicking "Load older messages":
 * the scroll that brings that button into view may load the last page first, and the button then
 * gives way to the room's beginning before the click lands. */
export async function scrollToBeginning(page, { onEachPage = async () => {} } = {}) {
  const scrollToTop = () =>
    page.locator(".virtual-list").evaluate((box) => {
      box.scrollTop = 0;
    });
  while (!(await page.locator(".room-start").count())) {
    const oldest = await firstRenderedSeq(page);
    // Near the top the list loads a page, and keeps the row that was at the top in place, so the
    // first row drawn is older once the page has come. Polled with evaluate, not
    // waitForFunction: the page's CSP allows no eval. No time limit: ctest's TIMEOUT ends a hang.
    await scrollToTop();
    while (!(await page.locator(".room-start").count()) && (await firstRenderedSeq(page)) >= oldest) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await onEachPage();
  }
  await scrollToTop();
}

/**
 * Seeds a room's history through the real server, as any client would: a new account joins the
 * room and sends COUNT messages, a window at a time (the test hearthd runs with a high
 * --requests-per-second); any refusal fails the test. Returns the room id as a string.
 */
export async function seedRoom(server, roomName, count, prefix) {
  const WINDOW = 64;
  const seeder = await ProtocolClient.register(server, uniqueHandle("seed"));
  try {
    const { rooms } = await seeder.request({ case: "listRooms", value: {} });
    const room = rooms.find((candidate) => candidate.name === roomName);
    if (!room) throw new Error(`no room ${roomName}`);
    await seeder.request({ case: "joinRoom", value: { roomId: room.roomId } });
    for (let first = 1; first <= count; first += WINDOW) {
      const sends = [];
      for (let i = first; i < first + WINDOW && i <= count; i++) {
        sends.push(seeder.request({ case: "sendMessage", value: { roomId: room.roomId, text: `${prefix} ${i}` } }));
      }
      await Promise.all(sends);
    }
    return String(room.roomId);
  } finally {
    seeder.close();
  }
}
