// Builds the browser client into the directory given as the first argument (CMake passes the
// build tree's clients/web/dist, which hearthd serves by default):
//   node build.mjs OUT_DIR
// Every script and stylesheet goes under assets/ with a content hash in its name (hearthd caches
// those for a year), and index.html names the entry with plain tags: no inline script or style,
// as hearthd's Content-Security-Policy requires. Prints the gzipped size of the first page's JS.
import { build } from "esbuild";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const here = dirname(fileURLToPath(import.meta.url));
const outDir = resolve(process.argv[2] ?? join(here, "dist"));
const assetsDir = join(outDir, "assets");
const entry = "src/main.tsx";

await rm(outDir, { recursive: true, force: true }); // no stale hashed files for hearthd to serve
await mkdir(assetsDir, { recursive: true });

const result = await build({
  absWorkingDir: here,
  entryPoints: [entry],
  outdir: assetsDir,
  bundle: true,
  splitting: true,
  format: "esm",
  target: ["es2022"],
  minify: true,
  metafile: true,
  legalComments: "eof", // keep the licence notices the packages mark as legal
  entryNames: "[name]-[hash]",
  chunkNames: "chunk-[hash]",
  assetNames: "[name]-[hash]",
  jsx: "automatic",
  jsxImportSource: "preact",
  logLevel: "warning",
});

const outputs = result.metafile.outputs;
const [entryJs, entryOutput] = Object.entries(outputs).find(([, output]) => output.entryPoint === entry) ?? [];
if (!entryJs || !entryOutput) throw new Error(`esbuild produced no output for ${entry}`);

const urlOf = (output) => relative(outDir, resolve(here, output)).split("\\").join("/");
const styles = entryOutput.cssBundle ? `\n    <link rel="stylesheet" href="${urlOf(entryOutput.cssBundle)}">` : "";

// The page's title is fixed and neutral: no message, room or name ever goes into it.
const html = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <meta name="color-scheme" content="light dark">
    <title>Hearth</title>
    <link rel="icon" href="data:,">${styles}
    <script type="module" src="${urlOf(entryJs)}"></script>
  </head>
  <body>
    <div id="app"></div>
    <noscript>Hearth needs JavaScript to run.</noscript>
  </body>
</html>
`;
await writeFile(join(outDir, "index.html"), html);

// The first page loads the entry and what it imports statically; lazy chunks come later.
const firstPage = new Set();
const visit = (file) => {
  if (firstPage.has(file)) return;
  firstPage.add(file);
  for (const imported of outputs[file]?.imports ?? []) {
    if (imported.kind === "import-statement" && !imported.external) visit(imported.path);
  }
};
visit(entryJs);
let gzipped = 0;
for (const file of firstPage) gzipped += gzipSync(await readFile(resolve(here, file)), { level: 9 }).length;
console.log(`hearth-web: built ${outDir}; first page JS ${(gzipped / 1024).toFixed(1)} KiB gzipped (${firstPage.size} file${firstPage.size === 1 ? "" : "s"})`);
