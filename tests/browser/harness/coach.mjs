// The coach side of the browser tests: the first admin (from the invite code hearthd prints on a
// fresh data directory), coaches and members made through the protocol, and what a coach does in
// the page.
import { ProtocolClient, roomIdOf } from "./protocol_client.mjs";
import { ReportReason, Role } from "./wire_codecs.mjs";
import { freshPage } from "./suite.mjs";
import { expectLoggedIn, loginViaUi, openHearth, uniqueHandle } from "./ui.mjs";

export const ROOM = "families-together";

let firstAdmin = null;

/** The server's first admin (made once per server: the invite code works once). */
export function adminOf(suite) {
  firstAdmin ??= (async () => {
    if (!suite.server.adminInvite) throw new Error("hearthd printed no first-admin invite code");
    const admin = await ProtocolClient.register(suite.server, uniqueHandle("ada"), { inviteCode: suite.server.adminInvite });
    const roomId = await roomIdOf(admin, ROOM);
    await admin.request({ case: "joinRoom", value: { roomId } });
    return { admin, roomId };
  })();
  return firstAdmin;
}

/** A member of the test room, connected through the protocol. */
export async function memberOf(suite, prefix) {
  const { roomId } = await adminOf(suite);
  const member = await ProtocolClient.register(suite.server, uniqueHandle(prefix));
  await member.request({ case: "joinRoom", value: { roomId } });
  return member;
}

/** A coach-role account assigned to the test room, made by the admin. */
export async function coachOf(suite) {
  const { admin, roomId } = await adminOf(suite);
  const { code } = await admin.request({ case: "createInvite", value: { role: Role.COACH } });
  const coach = await ProtocolClient.register(suite.server, uniqueHandle("cole"), { inviteCode: code });
  await admin.request({ case: "assignCoach", value: { roomId, handle: coach.user.handle } });
  return coach;
}

/** `author` posts, `reporter` reports it: a report item opens. Returns the message id. */
export async function reportedMessage(suite, { text, reason = ReportReason.REPORT_HARASSMENT, note = "" }) {
  const { roomId } = await adminOf(suite);
  const author = await memberOf(suite, "abe");
  const reporter = await memberOf(suite, "rae");
  const { messageId } = await author.request({ case: "sendMessage", value: { roomId, text } });
  await reporter.request({ case: "reportMessage", value: { messageId, reason, note } });
  return { author, reporter, messageId, roomId };
}

/** A browser context logged in as `handle` with the coach area's review queue open. */
export async function coachPage(suite, handle, contextOptions = {}) {
  const { context, page } = await freshPage(suite, contextOptions);
  await openHearth(page, suite.server);
  await loginViaUi(page, { handle });
  await expectLoggedIn(page, handle);
  await page.getByRole("link", { name: "Coach", exact: true }).click();
  await page.getByRole("heading", { name: "Review queue", exact: true }).waitFor();
  return { context, page };
}

/** The queue row whose text contains `text`. */
export function queueRow(page, text) {
  return page.locator(".queue-item", { hasText: text });
}

/** Opens the item of the row holding `text` and claims it. */
export async function openAndClaim(page, text) {
  await queueRow(page, text).getByRole("link").click();
  await page.getByRole("button", { name: "Claim this item", exact: true }).click();
  await page.getByText(/Your claim lasts another/).waitFor();
}

/** Chooses an action on a claimed item, gives the reason and confirms it. */
export async function resolve(page, action, reason) {
  await page.getByRole("radio", { name: action, exact: true }).check();
  await page.getByLabel(/^(Reason|The warning)/).fill(reason);
  await page.getByRole("button", { name: action, exact: true }).click();
  await page.getByText(`Resolved: ${action}`).waitFor();
}
