// The `hearth` CLI as a second person beside the browser: each CliPerson has its own config
// directory (its token and, once it uses direct messages, its device keys) and runs one command
// at a time, as someone at a terminal would. Passwords go through $HEARTH_PASSWORD.
import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cliBinary } from "./environment.mjs";
import { PASSWORD } from "./ui.mjs";

export class CliPerson {
  /** Use CliPerson.create. */
  constructor(server, handle, configDir) {
    this.server = server;
    this.handle = handle;
    this.configDir = configDir;
  }

  static async create(server, handle) {
    if (!cliBinary) throw new Error("HEARTH_CLI_BINARY is not set: run the browser tests through ctest");
    return new CliPerson(server, handle, await mkdtemp(join(tmpdir(), "hearth-cli-")));
  }

  /** Runs `hearth ARGS...`; resolves to {code, out, err} whatever the exit code. */
  run(...args) {
    const wsUrl = this.server.url.replace(/^http/, "ws") + "ws";
    const env = { ...process.env, HEARTH_CONFIG_DIR: this.configDir, HEARTH_SERVER: wsUrl, HEARTH_PASSWORD: PASSWORD };
    return new Promise((resolveRun) => {
      execFile(cliBinary, args, { env, maxBuffer: 1 << 24 }, (error, out, err) => {
        resolveRun({ code: error ? (typeof error.code === "number" ? error.code : -1) : 0, out, err });
      });
    });
  }

  /** Runs a command that must succeed; throws with its output otherwise. */
  async ok(...args) {
    const result = await this.run(...args);
    if (result.code !== 0) {
      throw new Error(`hearth ${args.join(" ")} exited ${result.code}:\n${result.out}${result.err}`);
    }
    return result;
  }

  async remove() {
    await rm(this.configDir, { recursive: true, force: true });
  }
}
