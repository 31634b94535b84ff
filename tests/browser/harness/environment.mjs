// Where things are, from the environment CTest sets (tests/browser/CMakeLists.txt), and the
// packages of clients/web/node_modules (playwright-core, axe-core, ws), which the tests share with
// the client rather than installing a second copy.
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));

function required(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the browser tests through ctest (label browser)`);
  return value;
}

export const hearthdBinary = required("HEARTHD_BINARY");
export const webDist = required("HEARTH_WEB_DIST");
/** The `hearth` CLI of the same build tree: the other side of the direct-message tests. */
export const cliBinary = process.env.HEARTH_CLI_BINARY ?? null;
export const webSourceDir = process.env.HEARTH_WEB_DIR ?? resolve(here, "../../../clients/web");
export const artifactsDir = process.env.HEARTH_BROWSER_ARTIFACTS ?? resolve("browser-artifacts");
export const chromiumPath = process.env.HEARTH_CHROMIUM ?? "/usr/bin/chromium";

const requireFromWeb = createRequire(join(webSourceDir, "package.json"));
export const { chromium } = requireFromWeb("playwright-core");
export const axeScriptPath = requireFromWeb.resolve("axe-core/axe.min.js");
// The `ws` package's WebSocket for node-side clients: Debian 12's Node 18 has none of its own,
// and Node 20's is behind a flag.
export const { WebSocket } = requireFromWeb("ws");
