// A hearth.v1 client for node, for the people in a browser test whose side is not under test (a
// member whose messages a coach handles, an admin who sets up roles): the real protocol over a
// real WebSocket (the `ws` package's, see environment.mjs), with the page's own codecs
// (wire_codecs.mjs).
import { WebSocket } from "./environment.mjs";
import { decodeServerFrames, encodeClientFrame } from "./wire_codecs.mjs";
import { PASSWORD } from "./ui.mjs";

/** A refusal from the server, with its code and sentence. */
export class Refused extends Error {
  constructor(error) {
    super(`refused (${error.code}): ${error.message}`);
    this.code = error.code;
    this.sentence = error.message;
    this.retryAfterMs = error.retryAfterMs;
  }
}

export class ProtocolClient {
  #socket;
  #nextId = 1;
  #pending = new Map();
  #events = [];
  #waiters = [];

  static async connect(server) {
    const client = new ProtocolClient();
    const url = server.url.replace(/^http/, "ws") + "ws";
    client.#socket = new WebSocket(url, "hearth.v1");
    client.#socket.binaryType = "arraybuffer";
    client.#socket.addEventListener("message", (message) => client.#receive(new Uint8Array(message.data)));
    await new Promise((resolve, reject) => {
      client.#socket.addEventListener("open", resolve, { once: true });
      client.#socket.addEventListener("error", () => reject(new Error(`could not connect to ${url}`)), { once: true });
    });
    return client;
  }

  /** Connects and registers a new account; `user` is its UserInfo. */
  static async register(server, handle, { inviteCode = "" } = {}) {
    const client = await ProtocolClient.connect(server);
    const auth = await client.request({ case: "register", value: { handle, password: PASSWORD, inviteCode } });
    client.user = auth.user;
    return client;
  }

  /** Sends one request; resolves with the result's value, rejects with Refused. */
  request(body) {
    const requestId = this.#nextId++;
    this.#socket.send(encodeClientFrame(requestId, body));
    return new Promise((resolve, reject) => this.#pending.set(requestId, { resolve, reject }));
  }

  /** Resolves with the first event of `kind` (already received or still to come) that `matches`. */
  nextEvent(kind, matches = () => true) {
    const index = this.#events.findIndex((event) => event.case === kind && matches(event.value));
    if (index >= 0) return Promise.resolve(this.#events.splice(index, 1)[0].value);
    return new Promise((resolve) => this.#waiters.push({ kind, matches, resolve }));
  }

  close() {
    this.#socket.close();
  }

  #receive(bytes) {
    for (const frame of decodeServerFrames(bytes)) {
      if (frame.kind.case === "response") this.#answer(frame.kind.value);
      else if (frame.kind.case === "event") this.#deliver(frame.kind.value.kind);
    }
  }

  #answer(response) {
    const pending = this.#pending.get(response.requestId);
    if (!pending) return;
    this.#pending.delete(response.requestId);
    if (response.result.case === "error") pending.reject(new Refused(response.result.value));
    else pending.resolve(response.result.value);
  }

  #deliver(event) {
    const waiter = this.#waiters.find((candidate) => candidate.kind === event.case && candidate.matches(event.value));
    if (waiter) {
      this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
      waiter.resolve(event.value);
    } else {
      this.#events.push(event);
    }
  }
}

/** The id of a demo room (hearthd --demo-rooms) by name. */
export async function roomIdOf(client, name) {
  const { rooms } = await client.request({ case: "listRooms", value: {} });
  const room = rooms.find((candidate) => candidate.name === name);
  if (!room) throw new Error(`no room called ${name}`);
  return room.roomId;
}
