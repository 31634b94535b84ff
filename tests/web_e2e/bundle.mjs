// Bundles the browser client's end-to-end construction (clients/web/src/e2e, libsodium.js
// included) into one ES module that node runs:
//   node bundle.mjs WEB_DIR OUT_FILE
// esbuild comes from WEB_DIR/node_modules, as for the client's own build (clients/web/build.mjs).
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const [webDir, outFile] = process.argv.slice(2).map((arg) => resolve(arg));
if (!webDir || !outFile) throw new Error("usage: node bundle.mjs WEB_DIR OUT_FILE");

const require = createRequire(join(webDir, "package.json"));
const { build } = await import(pathToFileURL(require.resolve("esbuild")).href);
await build({
  absWorkingDir: webDir,
  entryPoints: ["src/e2e/index.ts"],
  outfile: outFile,
  bundle: true,
  format: "esm",
  platform: "node",
  target: ["node18"],
  logLevel: "warning",
});
