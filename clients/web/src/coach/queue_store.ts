// The live review queue of every room this coach or admin may see: listed with `subscribe`
// after every (re)authentication, then kept current by queue_item_changed and crisis_alert
// events. Items are kept most urgent first, as the server orders them: kind (crisis, report,
// held, flag), then age.
import { signal } from "@preact/signals";
import { QueueItemState, type QueueItem } from "../gen/hearth/v1/moderation_pb";
import type { Connection } from "../net";
import { coachErrorSentence } from "./coach_errors";

export class QueueStore {
  /** Open and claimed items, most urgent first. */
  readonly items = signal<QueueItem[]>([]);
  /** The sentence for a failed listing, or null. */
  readonly problem = signal<string | null>(null);
  readonly loaded = signal(false);
  /** The newest crisis alert not yet acknowledged by the coach. */
  readonly crisis = signal<QueueItem | null>(null);
  private readonly crisisListeners = new Set<(item: QueueItem) => void>();
  private readonly stops: Array<() => void> = [];

  constructor(private readonly connection: Connection) {}

  start(): void {
    this.stops.push(
      this.connection.on("queueItemChanged", (changed) => changed.item && this.upsert(changed.item)),
      this.connection.on("crisisAlert", (alert) => {
        if (!alert.item) return;
        this.upsert(alert.item);
        this.crisis.value = alert.item;
        for (const listener of this.crisisListeners) listener(alert.item);
      }),
      this.connection.onAuthenticated(() => void this.reload()),
    );
    void this.reload();
  }

  stop(): void {
    for (const stop of this.stops.splice(0)) stop();
  }

  onCrisis(listener: (item: QueueItem) => void): () => void {
    this.crisisListeners.add(listener);
    return () => this.crisisListeners.delete(listener);
  }

  find(itemId: bigint): QueueItem | undefined {
    return this.items.value.find((item) => item.itemId === itemId);
  }

  /** Lists the queue again (and subscribes this connection to its changes). */
  async reload(): Promise<void> {
    try {
      const result = await this.connection.request(
        { case: "listQueue", value: { roomId: 0n, subscribe: true, limit: 200 } },
        "queue",
      );
      this.items.value = sortByUrgency(result.items.filter(isOpen));
      this.problem.value = null;
    } catch (error) {
      this.problem.value = coachErrorSentence("load the review queue", error);
    } finally {
      this.loaded.value = true;
    }
  }

  /** Takes in an item the server sent back (a claim, a resolution) or pushed as an event. */
  upsert(item: QueueItem): void {
    const others = this.items.value.filter((existing) => existing.itemId !== item.itemId);
    this.items.value = sortByUrgency(isOpen(item) ? [...others, item] : others);
    if (!isOpen(item) && this.crisis.value?.itemId === item.itemId) this.crisis.value = null;
  }
}

function isOpen(item: QueueItem): boolean {
  return item.state === QueueItemState.ITEM_OPEN || item.state === QueueItemState.ITEM_CLAIMED;
}

/** Kind first (the enum is in priority order), then the oldest first. */
export function sortByUrgency(items: QueueItem[]): QueueItem[] {
  return [...items].sort((a, b) => a.kind - b.kind || Number(a.openedAtMs - b.openedAtMs));
}
