// The page's entry, kept small (see app/load_core.ts): the quick-exit key, the first render, and
// the core chunk (connection, protobuf, session) loading at once alongside it.
import "./styles/app.css";
// The coach area's styles (a few hundred bytes gzipped): a lazily loaded chunk's CSS is not
// linked by the page, so they come with the one stylesheet; the coach code itself stays lazy.
import "./coach/coach.css";
import "./styles/rooms.css";
import { render } from "preact";
import { App } from "./app/App";
import { loadCore } from "./app/load_core";
import { installQuickExitKey, quickExit } from "./app/quick_exit";

installQuickExitKey(quickExit);
void loadCore().catch(() => {
  // Offline or a failed download: the login form stays, and its submit tries again.
});

const root = document.getElementById("app");
if (root) render(<App />, root);
