// The first page's script is only what the login page needs: Preact, the forms and quick exit.
// Everything else (the connection, the protobuf runtime and messages, the session, the logged-in
// shell) is the "core" chunk, which main.tsx starts loading at once, in parallel with the first
// render (build.mjs also names it in a modulepreload link). The forms are usable before it
// arrives; a submit waits for it (loadCore()).
import { signal } from "@preact/signals";
import type { Core } from "./core";
import { TokenStore } from "../accounts/token_store";

/** The core once loaded; components of the first page read it and re-render when it comes. */
export const loadedCore = signal<Core | null>(null);

/** One TokenStore for the page: the first page reads it to show "Opening Hearth…" instead of the
 * login form when a session is saved; the core's Session keeps it. */
export const tokens = new TokenStore();

let loading: Promise<Core> | null = null;

/** Loads (once) and starts the core: the connection, and the session resumed from a saved token. */
export function loadCore(): Promise<Core> {
  loading ??= import("./core").then(
    ({ startCore }) => {
      const core = startCore(tokens);
      loadedCore.value = core;
      return core;
    },
    (error: unknown) => {
      loading = null; // a later submit tries again
      throw error;
    },
  );
  return loading;
}
