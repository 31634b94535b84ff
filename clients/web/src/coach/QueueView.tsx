// The live review queue, most urgent first. Each item says its kind in words (crisis items also
// with a symbol and a heavier frame), where it is, what opened it and whether someone holds it.
import type { RoomInfo } from "../gen/hearth/v1/types_pb";
import { QueueItemKind, QueueItemState, type QueueItem } from "../gen/hearth/v1/moderation_pb";
import { Link } from "../app/Link";
import { roomName } from "./coach_rooms";
import { KIND_LABEL, REASON_LABEL, timeLabel } from "./labels";
import type { QueueStore } from "./queue_store";

export function QueueView({ store, rooms }: { store: QueueStore; rooms: RoomInfo[] }) {
  const items = store.items.value;
  return (
    <section aria-labelledby="queue-title">
      <h2 id="queue-title">Review queue</h2>
      <p class="hint">Most urgent first. The list updates by itself.</p>
      {store.problem.value && (
        <p class="problem" role="alert">
          {store.problem.value}
        </p>
      )}
      {!store.loaded.value ? (
        <p class="loading">Loading the queue…</p>
      ) : items.length === 0 ? (
        <p>Nothing waits for review.</p>
      ) : (
        <ol class="queue" aria-label="Items waiting for review">
          {items.map((item) => (
            <QueueRow key={String(item.itemId)} item={item} rooms={rooms} />
          ))}
        </ol>
      )}
    </section>
  );
}

function QueueRow({ item, rooms }: { item: QueueItem; rooms: RoomInfo[] }) {
  const crisis = item.kind === QueueItemKind.ITEM_CRISIS;
  const firstReport = item.reports[0];
  return (
    <li class={crisis ? "queue-item crisis" : "queue-item"}>
      <Link to={`coach/item/${item.itemId}`}>
        <span class="kind">
          {crisis && <span aria-hidden="true">⚠ </span>}
          {KIND_LABEL[item.kind]}
        </span>{" "}
        in {roomName(rooms, item.roomId)}
        {item.message?.author ? ` from ${item.message.author.handle}` : ""}
      </Link>
      <p class="queue-text">{item.message?.text || <em>No text</em>}</p>
      <p class="hint">
        {item.why || (firstReport ? `Reported: ${REASON_LABEL[firstReport.reason]}` : "")}
        {item.reports.length > 1 ? ` (${item.reports.length} reports)` : ""} · opened {timeLabel(item.openedAtMs)}
        {item.state === QueueItemState.ITEM_CLAIMED && item.claimedBy ? ` · claimed by ${item.claimedBy.handle}` : ""}
        {item.escalated ? " · escalated to the admins" : ""}
      </p>
    </li>
  );
}
