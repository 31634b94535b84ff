// The browser client's own wire code (clients/web/src/net/wire.ts) and generated messages, for
// node: the tests' protocol clients encode and decode exactly as the page does. They are
// TypeScript, so esbuild (from clients/web/node_modules) bundles them once per test process into
// a temporary module.
import { mkdtemp, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { webSourceDir } from "./environment.mjs";

const { build } = createRequire(join(webSourceDir, "package.json"))("esbuild");

const entry = `
export { encodeClientFrame, decodeServerFrames } from "./src/net/wire.ts";
export { ErrorCode } from "./src/gen/hearth/v1/errors_pb.ts";
export { Role } from "./src/gen/hearth/v1/types_pb.ts";
export { ReportReason, NoticeKind, FilterAction, ModerationAction } from "./src/gen/hearth/v1/moderation_pb.ts";
export { ClientFrameSchema } from "./src/gen/hearth/v1/frames_pb.ts";
export { fromBinary } from "@bufbuild/protobuf";
`;

const bundled = await build({
  stdin: { contents: entry, resolveDir: webSourceDir, loader: "ts" },
  absWorkingDir: webSourceDir,
  bundle: true,
  format: "esm",
  platform: "node",
  write: false,
  logLevel: "warning",
});
const file = join(await mkdtemp(join(tmpdir(), "hearth-wire-")), "wire.mjs");
await writeFile(file, bundled.outputFiles[0].text);

const wire = await import(pathToFileURL(file).href);
export const { encodeClientFrame, decodeServerFrames, ErrorCode, Role, ReportReason, NoticeKind, FilterAction, ModerationAction } = wire;

/** The ClientFrame in one WebSocket message from the page (for a proxy that reads the page's side). */
export function decodeClientFrame(bytes) {
  return wire.fromBinary(wire.ClientFrameSchema, new Uint8Array(bytes));
}
