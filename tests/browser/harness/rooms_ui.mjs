// What a person does in the rooms area, said once for the room tests.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { freshPage } from "./suite.mjs";
import { expectLoggedIn, openHearth, registerViaUi, uniqueHandle } from "./ui.mjs";

const here = dirname(fileURLToPath(import.meta.url));

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

/** Scrolls the message list to its top, again and again as older pages come, until the room's
 * beginning is in the page; `onEachPage` runs after each step. */
export async function scrollToBeginning(page, { onEachPage = async () => {} } = {}) {
  while (!(await page.locator(".room-start").count())) {
    const oldest = await page.evaluate(() => Number(document.querySelector("[data-seq]")?.getAttribute("data-seq")));
    // "Load older messages" sits at the top of the list: clicking it scrolls there and loads.
    await page.getByRole("button", { name: /older messages/ }).click();
    // Waits for the row before the oldest one to be rendered (or for the beginning). A locator,
    // not waitForFunction: the page's CSP allows no eval.
    await page.locator(".room-start").or(page.locator(`[data-seq='${oldest - 1}']`)).first().waitFor();
    await onEachPage();
  }
}

/** Seeds a room through the real server with a separate node client (harness/seed_room.mjs). */
export async function seedRoom(server, roomName, count, prefix) {
  const child = spawn(
    process.execPath,
    ["--experimental-websocket", "--no-warnings", join(here, "seed_room.mjs"), server.url, uniqueHandle("seed"), roomName, String(count), prefix],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  let output = "";
  child.stdout.setEncoding("utf8").on("data", (chunk) => (output += chunk));
  const [code] = await once(child, "exit");
  if (code !== 0) throw new Error(`seeding ${roomName} failed (${code})`);
  return output.trim();
}
