// Starts the real hearthd for a test file: 127.0.0.1 on port 0, a fresh data directory, the built
// client as --web-root and the demo rooms. The port (and the first admin's invite code) come from
// what hearthd prints, as in tests/integration/hearthd_process.cpp.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { hearthdBinary, webDist } from "./environment.mjs";

const LISTENING = /hearthd listening on http:\/\/127\.0\.0\.1:(\d+)/;
const ADMIN_INVITE = /--invite ([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})/;

const RATE_OPTION = "--registrations-per-address-per-hour";

/** Starts hearthd; `restart()` stops it and starts it again on the same port and data. */
export async function startHearthd(extraArgs = [], { dataDir = null, port = 0 } = {}) {
  const dir = dataDir ?? (await mkdtemp(join(tmpdir(), "hearth-browser-")));
  const args = [
    "--data-dir", dir,
    "--listen", `127.0.0.1:${port}`,
    "--threads", "2",
    "--web-root", webDist,
    "--demo-rooms",
    // Every test registers from 127.0.0.1: no limit, unless a test sets its own.
    ...(extraArgs.includes(RATE_OPTION) ? [] : [RATE_OPTION, "0"]),
    ...extraArgs,
  ];
  const child = spawn(hearthdBinary, args, { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  // No time limit of our own: ctest's TIMEOUT ends a test that hangs.
  const listeningPort = await new Promise((resolvePort, reject) => {
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
  const stopProcess = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, "exit");
    child.kill("SIGTERM");
    await exited;
  };
  return {
    url: `http://127.0.0.1:${listeningPort}/`,
    adminInvite: ADMIN_INVITE.exec(output)?.[1] ?? null,
    output: () => output,
    /** Stops the process and deletes its data. */
    async stop() {
      await stopProcess();
      await rm(dir, { recursive: true, force: true });
    },
    /** Stops the process only; `start()` brings it back on the same port with the same data. */
    stopProcess,
    start: () => startHearthd(extraArgs, { dataDir: dir, port: listeningPort }),
  };
}
