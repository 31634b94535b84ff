// The one WebSocket to hearthd: requests with a promise each, events to subscribers, and
// reconnecting with backoff while a session wants the connection (protocol/README.md).
import { signal } from "@preact/signals";
import { Backoff } from "./backoff";
import { endsSession } from "./close_codes";
import { ErrorCode, HearthError, NotAnsweredError, UnexpectedResultError } from "./errors";
import {
  decodeServerFrames,
  encodeClientFrame,
  type EventCase,
  type EventOf,
  type RequestBody,
  type ResultCase,
  type ResultOf,
} from "./wire";
import type { Event } from "../gen/hearth/v1/events_pb";
import type { Response } from "../gen/hearth/v1/frames_pb";

export type ConnectionState =
  | "idle" //           no socket, and nothing needs one
  | "connecting" //     the first socket is opening
  | "unauthenticated" // open, nobody logged in on it (the login page)
  | "authenticating" // open, the saved token is being checked
  | "authenticated" //  open and logged in: every request may go
  | "reconnecting"; //  the socket dropped; waiting out the backoff or opening again

/** What the server said when it closed the connection for a reason of its own. */
export interface Disconnect {
  code: number;
  reason: string;
}

/** How the saved session re-authenticates a new socket (set by accounts/session.ts). */
export type Authenticator = () => Promise<"authenticated" | "refused" | "retry">;

/** Requests that may go before the connection is authenticated. */
const AUTH_REQUESTS = new Set<string>(["authenticate", "login", "register"]);
const MAX_REQUEST_ID = 0xffff_ffff;

interface Pending {
  frame: (requestId: number) => Uint8Array;
  expect: ResultCase;
  needsAuth: boolean;
  sent: boolean;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

export function sameOriginSocketUrl(): string {
  const scheme = location.protocol === "https:" ? "wss:" : "ws:";
  return `${scheme}//${location.host}/ws`;
}

export class Connection {
  readonly state = signal<ConnectionState>("idle");
  /** The last close the server explained (Event.disconnecting), for the UI. */
  readonly lastDisconnect = signal<Disconnect | null>(null);

  private socket: WebSocket | null = null;
  private nextRequestId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly eventHandlers = new Map<EventCase, Set<(value: never) => void>>();
  private readonly authenticatedHandlers = new Set<() => void>();
  private readonly sessionEndedHandlers = new Set<(close: Disconnect) => void>();
  private readonly backoff = new Backoff();
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  private wantsSession = false;
  private wasAuthenticated = false;
  private authenticator: Authenticator | null = null;
  /** Sockets this client closed itself: their unanswered requests are in doubt. */
  private readonly closedByUs = new WeakSet<WebSocket>();

  constructor(private readonly url: string = sameOriginSocketUrl()) {
    globalThis.addEventListener?.("online", () => this.retryNow());
  }

  /** Sends one request; resolves with its result of kind `expect`, rejects with a HearthError,
   * NotAnsweredError or UnexpectedResultError. Requests made while the socket is down wait for
   * the next (authenticated) connection. */
  request<C extends ResultCase>(body: RequestBody, expect: C): Promise<ResultOf<C>> {
    const needsAuth = !AUTH_REQUESTS.has(body.case);
    if (needsAuth && !this.wantsSession) {
      return Promise.reject(new HearthError(ErrorCode.UNAUTHENTICATED, "log in first"));
    }
    const requestId = this.nextRequestId;
    this.nextRequestId = requestId === MAX_REQUEST_ID ? 1 : requestId + 1;
    return new Promise<ResultOf<C>>((resolve, reject) => {
      this.pending.set(requestId, {
        frame: (id) => encodeClientFrame(id, body),
        expect,
        needsAuth,
        sent: false,
        resolve: resolve as (value: unknown) => void,
        reject,
      });
      this.ensureSocket();
      this.flush();
    });
  }

  /** Subscribes to one kind of event; returns the unsubscribe function. */
  on<C extends EventCase>(kind: C, handler: (event: EventOf<C>) => void): () => void {
    const handlers = this.eventHandlers.get(kind) ?? new Set<(value: never) => void>();
    this.eventHandlers.set(kind, handlers);
    const stored = handler as (value: never) => void;
    handlers.add(stored);
    return () => {
      handlers.delete(stored);
    };
  }

  /** Runs after every successful authentication, the first and each one after a reconnect:
   * the place to resync (history after_seq, queue subscriptions). */
  onAuthenticated(handler: () => void): () => void {
    this.authenticatedHandlers.add(handler);
    return () => {
      this.authenticatedHandlers.delete(handler);
    };
  }

  /** Runs when the server ends the session itself (token revoked, account banned). */
  onSessionEnded(handler: (close: Disconnect) => void): () => void {
    this.sessionEndedHandlers.add(handler);
    return () => {
      this.sessionEndedHandlers.delete(handler);
    };
  }

  setAuthenticator(authenticator: Authenticator): void {
    this.authenticator = authenticator;
  }

  /** From now on keep a socket open and authenticated, reconnecting when it drops. */
  keepSession(): void {
    this.wantsSession = true;
    this.ensureSocket();
  }

  /** Called once a login or register on this socket succeeded. */
  markAuthenticated(): void {
    this.wantsSession = true;
    this.wasAuthenticated = true;
    this.backoff.reset();
    this.state.value = "authenticated";
    this.flush();
    for (const handler of [...this.authenticatedHandlers]) runSafely(handler);
  }

  /** Drops the socket and every request waiting on it; nothing reconnects (logout, quick exit). */
  close(): void {
    this.wantsSession = false;
    this.wasAuthenticated = false;
    this.clearReconnectTimer();
    const socket = this.socket;
    this.socket = null;
    socket?.close(1000);
    this.failPending(() => true, true);
    this.state.value = "idle";
  }

  private ensureSocket(): void {
    if (this.socket || this.reconnectTimer) return;
    this.open();
  }

  private open(): void {
    this.state.value = this.wasAuthenticated ? "reconnecting" : "connecting";
    const socket = new WebSocket(this.url, "hearth.v1");
    socket.binaryType = "arraybuffer";
    socket.onopen = () => void this.opened(socket);
    socket.onmessage = (message) => this.received(socket, message.data);
    socket.onclose = (close) => this.closed(socket, close);
    this.socket = socket;
  }

  private async opened(socket: WebSocket): Promise<void> {
    if (socket !== this.socket) return;
    this.state.value = "unauthenticated";
    this.flush();
    if (!this.wantsSession || !this.authenticator) return;
    this.state.value = "authenticating";
    const outcome = await this.authenticator();
    if (socket !== this.socket) return;
    if (outcome === "authenticated") {
      this.markAuthenticated();
    } else if (outcome === "refused") {
      this.wantsSession = false;
      this.wasAuthenticated = false;
      this.state.value = "unauthenticated";
      this.failPending((p) => p.needsAuth, false);
    }
    // "retry": the socket is failing; its close schedules the next attempt.
  }

  private flush(): void {
    const socket = this.socket;
    if (!socket || socket.readyState !== WebSocket.OPEN) return;
    const authenticated = this.state.value === "authenticated";
    for (const [requestId, pending] of this.pending) {
      if (pending.sent || (pending.needsAuth && !authenticated)) continue;
      pending.sent = true;
      socket.send(pending.frame(requestId));
    }
  }

  private received(socket: WebSocket, data: unknown): void {
    if (socket !== this.socket) return;
    let frames;
    try {
      // hearth.v1 is binary only: a text message is as unreadable as broken protobuf.
      if (!(data instanceof ArrayBuffer)) throw new TypeError("text message");
      frames = decodeServerFrames(new Uint8Array(data));
    } catch {
      console.error("hearth: a server message could not be read; reconnecting");
      this.closedByUs.add(socket);
      socket.close(1000); // browsers let a page close only with 1000 or 3000-4999
      return;
    }
    for (const frame of frames) {
      if (frame.kind.case === "response") this.answer(frame.kind.value);
      else if (frame.kind.case === "event") this.dispatch(frame.kind.value);
    }
  }

  private answer(response: Response): void {
    const pending = this.pending.get(response.requestId);
    if (!pending) return; // 0: a frame too broken to read its id; nothing of ours waits on it
    this.pending.delete(response.requestId);
    const result = response.result;
    if (result.case === "error") {
      pending.reject(new HearthError(result.value.code, result.value.message, result.value.retryAfterMs));
    } else if (result.case === pending.expect) {
      pending.resolve(result.value);
    } else {
      pending.reject(new UnexpectedResultError(pending.expect, result.case));
    }
  }

  private dispatch(event: Event): void {
    const kind = event.kind;
    if (kind.case === undefined) return; // an event kind newer than this client
    if (kind.case === "disconnecting") {
      this.lastDisconnect.value = { code: kind.value.closeCode, reason: kind.value.reason };
    }
    const handlers = this.eventHandlers.get(kind.case);
    if (!handlers) return;
    for (const handler of [...handlers]) runSafely(() => handler(kind.value as never));
  }

  private closed(socket: WebSocket, close: CloseEvent): void {
    if (socket !== this.socket) return;
    this.socket = null;
    // A clean close the server began means its close frame came, and with it every answer it
    // owed: what is still unanswered was not carried out. Otherwise it is in doubt.
    this.failPending((p) => p.sent, !close.wasClean || this.closedByUs.has(socket));
    if (endsSession(close.code)) {
      this.wantsSession = false;
      this.wasAuthenticated = false;
      this.failPending((p) => p.needsAuth, false);
      const explained = this.lastDisconnect.value;
      const reason = explained && explained.code === close.code ? explained.reason : close.reason;
      for (const handler of [...this.sessionEndedHandlers]) runSafely(() => handler({ code: close.code, reason }));
    }
    if (!this.wantsSession && this.pending.size === 0) {
      // Nobody is logged in and nothing waits: a socket would only run into the server's
      // authentication deadline (close 4002) again. The next login or register opens one.
      this.state.value = "idle";
      return;
    }
    this.state.value = this.wasAuthenticated ? "reconnecting" : "connecting";
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      this.open();
    }, this.backoff.nextDelayMs());
  }

  private retryNow(): void {
    if (!this.reconnectTimer) return;
    this.clearReconnectTimer();
    this.open();
  }

  private clearReconnectTimer(): void {
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
  }

  private failPending(which: (pending: Pending) => boolean, inDoubt: boolean): void {
    for (const [requestId, pending] of this.pending) {
      if (!which(pending)) continue;
      this.pending.delete(requestId);
      pending.reject(
        pending.sent
          ? new NotAnsweredError(inDoubt)
          : new HearthError(ErrorCode.UNAUTHENTICATED, "you are not logged in any more"),
      );
    }
  }
}

function runSafely(handler: () => void): void {
  try {
    handler();
  } catch (error) {
    // One broken subscriber must not keep the others from their events. No event content here.
    console.error("hearth: an event handler failed", error instanceof Error ? error.name : "");
  }
}
