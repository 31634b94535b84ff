// "This is a shared computer": nothing of the account is left once the tab is closed. A browser
// profile on disk is closed and opened again to see what the next person would find.
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { launchWithProfile } from "./harness/browser.mjs";
import { startHearthd } from "./harness/hearthd.mjs";
import {
  EMPTY_STORAGE,
  expectLoggedIn,
  loginViaUi,
  logoutViaUi,
  openHearth,
  registerViaUi,
  storageContents,
  uniqueHandle,
} from "./harness/ui.mjs";

let server;

before(async () => {
  server = await startHearthd();
});

after(async () => {
  await server?.stop();
});

/** Runs `steps` in a browser with the profile in `profileDir`, then closes the browser. */
async function withProfile(profileDir, steps) {
  const context = await launchWithProfile(profileDir);
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    return await steps(page);
  } finally {
    await context.close();
  }
}

test("a shared-computer login keeps nothing in storage, and a reopened browser finds no session", async () => {
  const profile = await mkdtemp(join(tmpdir(), "hearth-profile-"));
  try {
    const handle = uniqueHandle("eva");
    await withProfile(profile, async (page) => {
      await openHearth(page, server);
      await registerViaUi(page, { handle });
      await expectLoggedIn(page, handle);
      await logoutViaUi(page);
      await loginViaUi(page, { handle, sharedComputer: true });
      await expectLoggedIn(page, handle);
      assert.deepEqual(await storageContents(page), EMPTY_STORAGE);
    });
    await withProfile(profile, async (page) => {
      await openHearth(page, server); // waits for the login page: no session came back
      assert.deepEqual(await storageContents(page), EMPTY_STORAGE);
    });
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
});

test("without the shared-computer choice the reopened browser is still logged in", async () => {
  // The same steps as above minus the checkbox: shows that the test above could fail.
  const profile = await mkdtemp(join(tmpdir(), "hearth-profile-"));
  try {
    const handle = uniqueHandle("finn");
    await withProfile(profile, async (page) => {
      await openHearth(page, server);
      await registerViaUi(page, { handle });
      await expectLoggedIn(page, handle);
    });
    await withProfile(profile, async (page) => {
      await page.goto(server.url);
      await expectLoggedIn(page, handle);
    });
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
});
