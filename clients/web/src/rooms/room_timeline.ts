// The messages of one open room as this page knows them: the stored messages by seq (each seq
// once, whatever brought it: a history page, a live event, the resync after a reconnect, or the
// answer to one's own send), and one's own sends that are not stored messages (yet, or at all:
// pending, held for review, refused). Views read `version` to re-render.
import { signal } from "@preact/signals";
import { clone } from "@bufbuild/protobuf";
import { RoomMessageSchema, type RoomMessage } from "../gen/hearth/v1/types_pb";
import type { Connection, EventOf } from "../net";

/** Messages per history page: enough to fill a tall screen a few times. */
export const PAGE_SIZE = 100;
/** The resync after a reconnect asks for the most a page may hold (protocol/README.md). */
const RESYNC_PAGE_SIZE = 500;

/** One of the person's own sends that is not (or not yet) a message of the room. */
export interface LocalSend {
  localId: string;
  text: string;
  /** Kept for every retry of this message, so hearthd stores it once. */
  idempotencyKey: string;
  state: "pending" | "held" | "refused";
  /** For "held" and "refused": the plain sentence shown beside the message. */
  explanation?: string;
}

export class RoomTimeline {
  /** Bumped on every change; components read it to re-render. */
  readonly version = signal(0);
  /** Whether older messages exist than the oldest loaded. */
  readonly hasOlder = signal(false);
  readonly loading = signal(false);

  private readonly bySeq = new Map<bigint, RoomMessage>();
  private ordered: RoomMessage[] = [];
  private readonly locals: LocalSend[] = [];
  /** Every seq up to here has been delivered by history (or by live events in order after it):
   * the resync after a reconnect asks for what comes after it. */
  private contiguousSeq = 0n;
  private loadedOnce = false;
  private resyncing = false;

  constructor(
    private readonly connection: Connection,
    readonly roomId: bigint,
  ) {}

  messages(): readonly RoomMessage[] {
    return this.ordered;
  }

  localSends(): readonly LocalSend[] {
    return this.locals;
  }

  /** The newest page; then `loadOlder` pages backwards. */
  async loadLatest(): Promise<void> {
    this.loading.value = true;
    try {
      const page = await this.connection.request(
        { case: "history", value: { roomId: this.roomId, limit: PAGE_SIZE } },
        "history",
      );
      this.store(page.messages);
      this.hasOlder.value = page.hasMore;
      if (page.lastSeq > this.contiguousSeq) this.contiguousSeq = page.lastSeq;
      this.loadedOnce = true;
      this.changed();
    } finally {
      this.loading.value = false;
    }
  }

  async loadOlder(): Promise<void> {
    const oldest = this.ordered[0];
    if (!oldest || !this.hasOlder.value || this.loading.value) return;
    this.loading.value = true;
    try {
      const page = await this.connection.request(
        { case: "history", value: { roomId: this.roomId, beforeSeq: oldest.seq, limit: PAGE_SIZE } },
        "history",
      );
      this.store(page.messages);
      this.hasOlder.value = page.hasMore;
      this.changed();
    } finally {
      this.loading.value = false;
    }
  }

  /** After a reconnect: everything after the last seq seen, page by page, so nothing is missed;
   * messages already here (live events that came meanwhile) are kept once. */
  async resync(): Promise<void> {
    if (!this.loadedOnce || this.resyncing) return;
    this.resyncing = true;
    try {
      for (;;) {
        const page = await this.connection.request(
          { case: "history", value: { roomId: this.roomId, afterSeq: this.contiguousSeq, limit: RESYNC_PAGE_SIZE } },
          "history",
        );
        this.store(page.messages);
        const last = page.messages.at(-1);
        if (last && last.seq > this.contiguousSeq) this.contiguousSeq = last.seq;
        if (!page.hasMore || !last) break;
      }
      // Edits and deletes made while away change messages already here: the newest page is read
      // again (the newer copy of each message wins in store()).
      const newest = await this.connection.request(
        { case: "history", value: { roomId: this.roomId, limit: PAGE_SIZE } },
        "history",
      );
      this.store(newest.messages);
      this.changed();
    } finally {
      this.resyncing = false;
    }
  }

  /** A live message_posted for this room. */
  posted(message: RoomMessage): boolean {
    const isNew = !this.bySeq.has(message.seq);
    this.store([message]);
    if (!this.resyncing && message.seq === this.contiguousSeq + 1n) this.contiguousSeq = message.seq;
    this.changed();
    return isNew;
  }

  edited(edit: EventOf<"messageEdited">): void {
    this.replace(edit.seq, (message) => {
      message.text = edit.text;
      message.editedAtMs = edit.editedAtMs;
    });
  }

  deleted(deletion: EventOf<"messageDeleted">): void {
    this.replace(deletion.seq, (message) => {
      message.text = "";
      message.deleted = true;
      message.removedByModerator = deletion.removedByModerator;
    });
  }

  /** Changes a copy, never the message in place: rows re-render only for a new props object. */
  private replace(seq: bigint, change: (message: RoomMessage) => void): void {
    const message = this.bySeq.get(seq);
    if (!message) return;
    const updated = clone(RoomMessageSchema, message);
    change(updated);
    this.bySeq.set(seq, updated);
    this.ordered[this.ordered.indexOf(message)] = updated;
    this.changed();
  }

  addLocal(send: LocalSend): void {
    this.locals.push(send);
    this.changed();
  }

  updateLocal(localId: string, change: Partial<LocalSend>): void {
    const index = this.locals.findIndex((candidate) => candidate.localId === localId);
    if (index < 0) return;
    this.locals[index] = { ...this.locals[index]!, ...change }; // a new object: see replace()
    this.changed();
  }

  /** One of the person's own messages reached the room (a live message_posted): a held send
   * with the same words was approved, so it leaves the local list (the held answer names no
   * message, so the words are what ties them; of two identical held sends one goes). */
  ownMessagePosted(message: RoomMessage): void {
    const held = this.locals.findIndex((local) => local.state === "held" && local.text === message.text);
    if (held >= 0) this.removeLocal(this.locals[held]!.localId);
  }

  /** A coach did not approve a held send: the oldest held one says so (the notice names no words). */
  heldNotApproved(explanation: string): void {
    const held = this.locals.find((local) => local.state === "held");
    if (held) this.updateLocal(held.localId, { state: "refused", explanation });
  }

  /** The send is a stored message now (or was refused and dismissed): it leaves the local list. */
  removeLocal(localId: string): void {
    const index = this.locals.findIndex((candidate) => candidate.localId === localId);
    if (index >= 0) this.locals.splice(index, 1);
    this.changed();
  }

  private store(messages: RoomMessage[]): void {
    let added = false;
    for (const message of messages) {
      if (message.roomId !== this.roomId) continue;
      const known = this.bySeq.get(message.seq);
      // The newer copy wins (an edit or delete may have happened between two reads).
      if (!known || message.editedAtMs >= known.editedAtMs || message.deleted) {
        this.bySeq.set(message.seq, message);
        added ||= !known;
        if (known) this.ordered[this.ordered.indexOf(known)] = message;
      }
    }
    if (added) this.ordered = [...this.bySeq.values()].sort((a, b) => (a.seq < b.seq ? -1 : a.seq > b.seq ? 1 : 0));
  }

  private changed(): void {
    this.version.value += 1;
  }
}
