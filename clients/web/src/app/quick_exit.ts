// Quick exit: leave Hearth at once for a neutral page when someone comes near the screen.
//
// The neutral page is about:blank. It makes no request to anybody (a third-party site would
// learn that someone left Hearth, and may be unreachable on the network hearthd runs on), and
// the tab is left empty, titled "about:blank". location.replace() takes Hearth's own entry out
// of the tab's history, and the router never adds one (router.ts), so Back does not return.
//
// Before leaving, the view is emptied and everything local is forgotten: the login token too,
// so whoever picks up the device next finds no open session. The token is not revoked on the
// server (that would mean waiting for the network); nobody holds it any more.
//
// It works before the core chunk is here (load_core.ts): the storage is wiped all the same.
import { wipeLocalData } from "../accounts/local_data";
import { loadedCore, tokens } from "./load_core";

export const NEUTRAL_PAGE = "about:blank";

/** Escape twice within this time leaves, like the button. */
const DOUBLE_ESCAPE_MS = 1500;

export function quickExit(): void {
  document.body.replaceChildren(); // the view goes first: nothing may stay on screen
  try {
    loadedCore.value?.session.forgetLocally();
  } finally {
    try {
      tokens.forget();
      wipeLocalData();
    } finally {
      location.replace(NEUTRAL_PAGE);
    }
  }
}

/** Installs the key (Escape twice); returns the uninstall function. */
export function installQuickExitKey(onExit: () => void): () => void {
  let lastEscapeAt = Number.NEGATIVE_INFINITY;
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== "Escape" || event.repeat) return;
    const now = performance.now();
    if (now - lastEscapeAt <= DOUBLE_ESCAPE_MS) onExit();
    lastEscapeAt = now;
  };
  window.addEventListener("keydown", onKeyDown, { capture: true });
  return () => window.removeEventListener("keydown", onKeyDown, { capture: true });
}
