// The client's generated hearth.v1 messages (clients/web/src/gen, TypeScript) for node-side test
// code, bundled once per process by esbuild into a temporary module.
import { mkdtemp, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { webSourceDir } from "./environment.mjs";

// esbuild comes from clients/web/node_modules, like playwright-core (see environment.mjs).
const { build } = createRequire(join(webSourceDir, "package.json"))("esbuild");

async function loadCodecs() {
  const dir = await mkdtemp(join(tmpdir(), "hearth-codecs-"));
  const outfile = join(dir, "codecs.mjs");
  await build({
    stdin: {
      contents: `
        export { create, toBinary, fromBinary } from "@bufbuild/protobuf";
        export { BinaryReader } from "@bufbuild/protobuf/wire";
        export { ClientFrameSchema, ServerFrameSchema } from "./gen/hearth/v1/frames_pb";`,
      resolveDir: join(webSourceDir, "src"),
      loader: "ts",
    },
    bundle: true,
    platform: "node",
    format: "esm",
    outfile,
    logLevel: "error",
  });
  const codecs = await import(pathToFileURL(outfile).href);
  await rm(dir, { recursive: true, force: true });
  return codecs;
}

const codecs = await loadCodecs();
export const { create, toBinary, fromBinary, ClientFrameSchema, ServerFrameSchema } = codecs;

/** The ClientFrame in one WebSocket message from the page. */
export function decodeClientFrame(bytes) {
  return fromBinary(ClientFrameSchema, new Uint8Array(bytes));
}

/** The ServerFrames in one WebSocket message from hearthd (length-delimited). */
export function decodeServerFrames(bytes) {
  const reader = new codecs.BinaryReader(new Uint8Array(bytes));
  const frames = [];
  while (reader.pos < reader.len) frames.push(fromBinary(ServerFrameSchema, reader.bytes()));
  return frames;
}

export function encodeClientFrame(requestId, body) {
  return toBinary(ClientFrameSchema, create(ClientFrameSchema, { requestId, body }));
}
