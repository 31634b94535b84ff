// Builds the browser client into the directory given as the first argument (CMake passes the
// build tree's clients/web/dist, which hearthd serves by default):
//   node build.mjs OUT_DIR
// Every script and stylesheet goes under assets/ with a content hash in its name (hearthd caches
// those for a year), and index.html names the entry with plain tags: no inline script or style,
// as hearthd's Content-Security-Policy requires. Prints the gzipped size of the first page's JS,
// of the core chunk it preloads, and of each lazy view.
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


// The first page loads the entry and what it imports statically; the entry's dynamic imports
// (the core chunk: connection, protobuf, session; see src/app/load_core.ts) are preloaded in
// parallel; every other lazy chunk comes when its view is first opened.
const closure = (start) => {
  const files = new Set();
  const visit = (file) => {
    if (files.has(file)) return;
    files.add(file);
    for (const imported of outputs[file]?.imports ?? []) {
      if (imported.kind === "import-statement" && !imported.external) visit(imported.path);
    }
  };
  for (const file of start) visit(file);
  return files;
};
const gzippedKiB = async (files) => {
  let bytes = 0;
  for (const file of files) bytes += gzipSync(await readFile(resolve(here, file)), { level: 9 }).length;
  return (bytes / 1024).toFixed(1);
};
const firstPage = closure([entryJs]);
const dynamicImportsOf = (file) => (outputs[file]?.imports ?? []).filter((i) => i.kind === "dynamic-import").map((i) => i.path);
const preloaded = [...closure(dynamicImportsOf(entryJs))].filter((file) => !firstPage.has(file));

// The page's title is fixed and neutral: no message, room or name ever goes into it.
const preloadLinks = preloaded.map((file) => `\n    <link rel="modulepreload" href="${urlOf(file)}">`).join("");
const html = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <meta name="color-scheme" content="light dark">
    <title>Hearth</title>
    <link rel="icon" href="data:,">${styles}
    <script type="module" src="${urlOf(entryJs)}"></script>${preloadLinks}
  </head>
  <body>
    <div id="app"></div>
    <noscript>Hearth needs JavaScript to run.</noscript>
  </body>
</html>
`;
await writeFile(join(outDir, "index.html"), html);

console.log(`hearth-web: built ${outDir}`);
console.log(`hearth-web: first page JS ${await gzippedKiB(firstPage)} KiB gzipped (${firstPage.size} files); core chunk, preloaded: ${await gzippedKiB(preloaded)} KiB`);
// Each lazy view's own chunk (what opening it downloads beyond the first page and the core).
const loadedAlready = new Set([...firstPage, ...preloaded]);
for (const [file, output] of Object.entries(outputs)) {
  if (!file.endsWith(".js") || loadedAlready.has(file) || !output.entryPoint) continue;
  const own = [...closure([file])].filter((f) => !loadedAlready.has(f));
  console.log(`hearth-web: lazy ${output.entryPoint}: ${await gzippedKiB(own)} KiB gzipped`);
}
