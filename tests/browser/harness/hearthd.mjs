// Starts the real hearthd for one test file: port 0 on 127.0.0.1, a fresh data directory, the
// built client as --web-root and the demo rooms. The port (and the first admin's invite code)
// come from what hearthd prints, as in tests/integration/hearthd_process.cpp.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { hearthdBinary, webDist } from "./environment.mjs";

const LISTENING = /hearthd listening on http:\/\/127\.0\.0\.1:(\d+)/;
const ADMIN_INVITE = /--invite ([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})/;

export async function startHearthd(extraArgs = []) {
  const dataDir = await mkdtemp(join(tmpdir(), "hearth-browser-"));
  const args = [
    "--data-dir", dataDir,
    "--listen", "127.0.0.1:0",
    "--threads", "2",
    "--web-root", webDist,
    "--demo-rooms",
    "--registrations-per-address-per-hour", "0",
    ...extraArgs,
  ];
  const child = spawn(hearthdBinary, args, { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  // No time limit of our own: ctest's TIMEOUT ends a test that hangs.
  const port = await new Promise((resolvePort, reject) => {
    const onOutput = (chunk) => {
      output += chunk;
      const listening = LISTENING.exec(output);
      if (listening) resolvePort(Number(listening[1]));
    };
    child.stdout.setEncoding("utf8").on("data", onOutput);
    child.stderr.setEncoding("utf8").on("data", onOutput);
    child.once("exit", (code, signal) =>
      reject(new Error(`hearthd exited (${code ?? signal}) before listening:\n${output}`)),
    );
  });
  return {
    url: `http://127.0.0.1:${port}/`,
    adminInvite: ADMIN_INVITE.exec(output)?.[1] ?? null,
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = once(child, "exit");
        child.kill("SIGTERM");
        await exited;
      }
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
