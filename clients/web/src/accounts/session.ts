// The account this tab is logged in as: register, log in, log out, and logging the connection
// back in with the saved token after every reconnect.
import { signal } from "@preact/signals";
import { ErrorCode, HearthError, describeError, type Connection, type Disconnect } from "../net";
import { CLOSE_BANNED } from "../net/close_codes";
import type { UserInfo } from "../gen/hearth/v1/types_pb";
import type { AuthResult } from "../gen/hearth/v1/auth_pb";
import { wipeLocalData } from "./local_data";
import type { TokenStore } from "./token_store";

export interface Account {
  user: UserInfo;
  /** Rooms this account is a member of (who_am_i), refreshed after every authentication. */
  roomIds: bigint[];
}

export interface Credentials {
  handle: string;
  password: string;
  /** Keep the token in memory only: nothing is left once the tab closes. */
  sharedComputer: boolean;
}

/** The name of this browser's session in the account's list of sessions (login's device_name). */
const DEVICE_NAME = "web browser";

export class Session {
  readonly account = signal<Account | null>(null);
  /** A saved token is being tried: show neither the login page nor the app yet. */
  readonly resuming = signal(false);
  /** Why this tab was logged out without asking (revoked elsewhere, banned, token expired). */
  readonly endedBecause = signal<string | null>(null);

  constructor(
    private readonly connection: Connection,
    private readonly tokens: TokenStore,
  ) {
    connection.setAuthenticator(() => this.authenticateWithSavedToken());
    connection.onAuthenticated(() => void this.refresh());
    connection.onSessionEnded((close) => this.endedByServer(close));
  }

  /** At page load: resume a saved session, if there is one. */
  start(): void {
    if (!this.tokens.load()) return;
    this.resuming.value = true;
    this.connection.keepSession();
  }

  async login(credentials: Credentials): Promise<void> {
    const auth = await this.connection.request(
      { case: "login", value: { handle: credentials.handle, password: credentials.password, deviceName: DEVICE_NAME } },
      "auth",
    );
    this.admit(auth, credentials.sharedComputer);
  }

  async register(credentials: Credentials, inviteCode: string): Promise<void> {
    const auth = await this.connection.request(
      { case: "register", value: { handle: credentials.handle, password: credentials.password, inviteCode } },
      "auth",
    );
    this.admit(auth, credentials.sharedComputer);
  }

  /** Revokes the token on the server, then wipes everything this browser holds for Hearth. The
   * local wipe happens even when the server cannot be told (offline); the login page says so. */
  async logout(): Promise<void> {
    let problem: string | null = null;
    try {
      await this.connection.request({ case: "logout", value: {} }, "ok");
    } catch (error) {
      problem = `You are logged out on this device, but the server could not be told (${describeError(error)}) The session ends on its own when it expires.`;
    }
    this.forgetLocally();
    this.endedBecause.value = problem;
  }

  /** Drops the account from this tab and browser without a word to the server (quick exit). */
  forgetLocally(): void {
    this.connection.close();
    this.tokens.forget();
    wipeLocalData();
    this.account.value = null;
    this.resuming.value = false;
  }

  private admit(auth: AuthResult, sharedComputer: boolean): void {
    if (!auth.user) throw new HearthError(ErrorCode.INTERNAL, "the server sent no account");
    this.endedBecause.value = null;
    this.tokens.save({ token: auth.token, expiresAtMs: Number(auth.expiresAtMs) }, sharedComputer);
    this.account.value = { user: auth.user, roomIds: [] };
    this.connection.markAuthenticated();
  }

  private async authenticateWithSavedToken(): Promise<"authenticated" | "refused" | "retry"> {
    const saved = this.tokens.load();
    if (!saved) return this.refused(null);
    try {
      const auth = await this.connection.request({ case: "authenticate", value: { token: saved.token } }, "auth");
      if (auth.user) this.account.value = { user: auth.user, roomIds: this.account.value?.roomIds ?? [] };
      return "authenticated";
    } catch (error) {
      if (error instanceof HearthError && error.code === ErrorCode.UNAUTHENTICATED) {
        return this.refused("Your session has ended. Please log in again.");
      }
      if (error instanceof HearthError && error.code === ErrorCode.FORBIDDEN) {
        return this.refused(describeError(error));
      }
      return "retry"; // the socket failed; the connection tries again with backoff
    }
  }

  private refused(why: string | null): "refused" {
    this.tokens.forget();
    this.account.value = null;
    this.resuming.value = false;
    this.endedBecause.value = why;
    return "refused";
  }

  private async refresh(): Promise<void> {
    try {
      const me = await this.connection.request({ case: "whoAmI", value: {} }, "whoAmI");
      if (me.user) this.account.value = { user: me.user, roomIds: me.roomIds };
    } catch {
      // Dropped again before the answer: the next authentication refreshes.
    } finally {
      this.resuming.value = false;
    }
  }

  private endedByServer(close: Disconnect): void {
    const why =
      close.code === CLOSE_BANNED
        ? `This account was banned from the server${close.reason ? `: ${close.reason}` : "."}`
        : "You were logged out (perhaps from another device). Please log in again.";
    this.tokens.forget();
    wipeLocalData();
    this.account.value = null;
    this.resuming.value = false;
    this.endedBecause.value = why;
  }
}
