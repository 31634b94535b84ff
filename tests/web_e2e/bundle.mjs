// Bundles a part of the browser client into one ES module that node runs: by default the
// end-to-end construction (clients/web/src/e2e, libsodium.js included):
//   node bundle.mjs WEB_DIR OUT_FILE [ENTRY]     (ENTRY relative to WEB_DIR)
// esbuild comes from WEB_DIR/node_modules, as for the client's own build (clients/web/build.mjs).
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const [webDirArg, outFileArg, entry = "src/e2e/index.ts"] = process.argv.slice(2);
if (!webDirArg || !outFileArg) throw new Error("usage: node bundle.mjs WEB_DIR OUT_FILE [ENTRY]");
const [webDir, outFile] = [resolve(webDirArg), resolve(outFileArg)];

const require = createRequire(join(webDir, "package.json"));
const { build } = await import(pathToFileURL(require.resolve("esbuild")).href);
await build({
  absWorkingDir: webDir,
  entryPoints: [entry],
  outfile: outFile,
  bundle: true,
  format: "esm",
  platform: "node",
  target: ["node18"],
  logLevel: "warning",
});
