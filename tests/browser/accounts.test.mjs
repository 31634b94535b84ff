// Registering, logging in and out through the page against a real hearthd, and the sentences
// for what goes wrong.
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { test } from "node:test";
import { webDist } from "./harness/environment.mjs";
import { startHearthd } from "./harness/hearthd.mjs";
import { freshPage, registeredHandle, serverAndBrowser } from "./harness/suite.mjs";
import {
  EMPTY_STORAGE,
  expectFormError,
  expectLoggedIn,
  loginViaUi,
  logoutViaUi,
  openAccountMenu,
  openHearth,
  registerViaUi,
  storageContents,
  uniqueHandle,
} from "./harness/ui.mjs";

const suite = serverAndBrowser();

test("register, log out, log in, reload, log out: the session survives a reload and logout leaves nothing", async () => {
  const { context, page } = await freshPage(suite);
  await openHearth(page, suite.server);
  const handle = uniqueHandle("ana");

  await registerViaUi(page, { handle });
  await expectLoggedIn(page, handle);
  const kept = await storageContents(page);
  assert.ok(kept.local["hearth.session"], "not a shared computer: the token is kept for the next visit");

  await logoutViaUi(page);
  assert.deepEqual(await storageContents(page), EMPTY_STORAGE);

  await loginViaUi(page, { handle });
  await expectLoggedIn(page, handle);
  await page.reload();
  await expectLoggedIn(page, handle); // resumed with the saved token

  await logoutViaUi(page);
  assert.deepEqual(await storageContents(page), EMPTY_STORAGE);
  await page.reload();
  await page.getByRole("heading", { name: "Log in", exact: true }).waitFor();
  await context.close();
});

test("a wrong password, a taken name and a short password each get a clear sentence", async () => {
  const { context, page } = await freshPage(suite);
  await openHearth(page, suite.server);
  const handle = uniqueHandle("ben");
  await registerViaUi(page, { handle });
  await expectLoggedIn(page, handle);
  await logoutViaUi(page);

  await loginViaUi(page, { handle, password: "not the right password" });
  await expectFormError(page, "That name and password do not match an account.");
  assert.deepEqual(await storageContents(page), EMPTY_STORAGE);

  await registerViaUi(page, { handle: handle.toUpperCase() });
  await expectFormError(page, "That name is taken. Choose another one.");

  await page.getByLabel("Password", { exact: true }).fill("short");
  await page.getByRole("button", { name: "Create account", exact: true }).click();
  await page.getByText("A password has at least 10 characters.").waitFor();
  await context.close();
});

test("an invite-only server asks for the invite code, and the admin's code makes an admin", async () => {
  const inviteOnly = await startHearthd(["--registration", "invite-only"]);
  try {
    assert.ok(inviteOnly.adminInvite, "hearthd printed the first admin's invite code");
    const { context, page } = await freshPage(suite);
    await openHearth(page, inviteOnly);
    const handle = uniqueHandle("cleo");
    await registerViaUi(page, { handle });
    await expectFormError(page, "This server takes new accounts by invitation only.");
    const invite = page.getByLabel("Invite code", { exact: true });
    await invite.waitFor();
    assert.equal(await invite.evaluate((input) => input === document.activeElement), true);

    await page.getByRole("button", { name: "Create account", exact: true }).click();
    await page.getByText("Enter your invite code.").waitFor(); // no request without the code now

    await invite.fill("AAAA-BBBB-CCCC-DDDD");
    await page.getByRole("button", { name: "Create account", exact: true }).click();
    await expectFormError(page, "That invite code is unknown, already used or expired.");

    await invite.fill(inviteOnly.adminInvite);
    await page.getByRole("button", { name: "Create account", exact: true }).click();
    await expectLoggedIn(page, handle);
    await openAccountMenu(page); // the role is in the header's account menu
    await page.locator(".role-badge", { hasText: "admin" }).waitFor();
    await page.getByRole("link", { name: "Coach", exact: true }).click();
    await page.getByRole("heading", { name: "Coach", exact: true }).waitFor();
    await context.close();
  } finally {
    await inviteOnly.stop();
  }
});

test("a member sees no coach area", async () => {
  const { context, page } = await freshPage(suite);
  await openHearth(page, suite.server);
  const handle = uniqueHandle("dev");
  await registerViaUi(page, { handle });
  await expectLoggedIn(page, handle);
  await page.getByRole("link", { name: "Conversations", exact: true }).click();
  await page.getByText("Private conversations with your sponsor or a coach are coming").waitFor();
  assert.equal(await page.getByRole("link", { name: "Coach", exact: true }).count(), 0);
  await context.close();
});

test("too many new accounts from one address: the sentence says how long to wait", async () => {
  const limited = await startHearthd(["--registrations-per-address-per-hour", "1"]);
  const { context, page } = await freshPage(suite);
  try {
    await openHearth(page, limited);
    const handle = uniqueHandle("cal");
    await registerViaUi(page, { handle });
    await expectLoggedIn(page, handle);
    await logoutViaUi(page);
    await registerViaUi(page, { handle: uniqueHandle("cal") });
    await expectFormError(page, "Too many new accounts from this network for now. Wait ");
    const sentence = await page.locator(".form-error").innerText();
    assert.match(sentence, /Wait (about )?\d+ (second|minute|hour)s?/, sentence);
    assert.deepEqual(await storageContents(page), EMPTY_STORAGE);
  } finally {
    await context.close();
    await limited.stop();
  }
});

test("the login form works before the core chunk has arrived: the submit waits for it", async () => {
  const handle = await registeredHandle(suite, "dot");
  const html = await readFile(join(webDist, "index.html"), "utf8");
  const core = /<link rel="modulepreload" href="([^"]+)">/.exec(html)?.[1];
  assert.ok(core, "index.html preloads the core chunk");
  const late = await freshPage(suite);
  let release;
  const held = new Promise((resolve) => (release = resolve));
  await late.context.route(`**/${core}`, async (route) => {
    await held;
    await route.continue();
  });
  await openHearth(late.page, suite.server); // drawn from the first page's script alone
  await loginViaUi(late.page, { handle });
  await late.page.getByRole("button", { name: "Logging in…", exact: true }).waitFor();
  release();
  await expectLoggedIn(late.page, handle);
  await late.context.close();
});
