// What a person does in the client, said once for every test.
import assert from "node:assert/strict";

export const PASSWORD = "a long enough passphrase";

let counter = 0;
/** A handle no other test of this run uses (3-32 of A-Za-z0-9_.-). */
export function uniqueHandle(prefix) {
  counter += 1;
  return `${prefix}-${process.pid}-${counter}`.slice(0, 32);
}

export async function openHearth(page, server) {
  await page.goto(server.url);
  await page.getByRole("heading", { name: "Log in", exact: true }).waitFor();
}

/** From the login page: switches to the registration form and fills it in. */
export async function registerViaUi(page, registration) {
  await page.getByRole("button", { name: "Create an account", exact: true }).click();
  await submitRegistration(page, registration);
}

/** Fills in the registration form already on screen and sends it. */
export async function submitRegistration(page, { handle, password = PASSWORD, inviteCode, sharedComputer = false }) {
  await page.getByLabel("Name", { exact: true }).fill(handle);
  await page.getByLabel("Password", { exact: true }).fill(password);
  if (inviteCode) await page.getByLabel(/^Invite code/).fill(inviteCode);
  if (sharedComputer) await page.getByLabel("This is a shared computer").check();
  await page.getByRole("button", { name: "Create account", exact: true }).click();
}

export async function loginViaUi(page, { handle, password = PASSWORD, sharedComputer = false }) {
  await page.getByLabel("Name", { exact: true }).fill(handle);
  await page.getByLabel("Password", { exact: true }).fill(password);
  if (sharedComputer) await page.getByLabel("This is a shared computer").check();
  await page.getByRole("button", { name: "Log in", exact: true }).click();
}

export async function expectLoggedIn(page, handle) {
  await page.locator(".account-name", { hasText: handle }).waitFor();
  await page.getByRole("navigation", { name: "Hearth" }).waitFor();
}

/** Opens the header's account menu (a <details>), if it is closed. */
export async function openAccountMenu(page) {
  const menu = page.locator("details.account");
  if (!(await menu.evaluate((details) => details.open))) await menu.locator("summary").click();
}

export async function logoutViaUi(page) {
  await openAccountMenu(page);
  await page.getByRole("button", { name: "Log out", exact: true }).click();
  await page.getByRole("heading", { name: "Log in", exact: true }).waitFor();
}

/** Waits for the form's error sentence and checks it. */
export async function expectFormError(page, sentence) {
  const alert = page.locator(".form-error", { hasText: sentence });
  await alert.waitFor();
  assert.match(await alert.innerText(), new RegExp(sentence.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")));
}

/** Everything the page's origin keeps in the browser: Web Storage, IndexedDB databases and
 * cookies (Hearth uses no cookie and no IndexedDB yet; a later module that does must wipe them). */
export async function storageContents(page) {
  const inPage = await page.evaluate(async () => ({
    local: { ...localStorage },
    session: { ...sessionStorage },
    indexedDB: (await indexedDB.databases()).map((database) => database.name),
  }));
  const cookies = (await page.context().cookies(page.url())).map((cookie) => cookie.name);
  return { ...inPage, cookies };
}

export const EMPTY_STORAGE = { local: {}, session: {}, indexedDB: [], cookies: [] };
