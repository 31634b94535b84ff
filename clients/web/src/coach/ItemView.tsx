// One queue item: its text under review and the messages just before it in the room, the reports
// with their reasons, the claim with its lease, and (while this coach holds the claim) the actions.
import { useEffect, useState } from "preact/hooks";
import type { RoomInfo, RoomMessage } from "../gen/hearth/v1/types_pb";
import { QueueItemKind, QueueItemState, type QueueItem } from "../gen/hearth/v1/moderation_pb";
import { useHearth } from "../app/context";
import { Link } from "../app/Link";
import { ActionForm } from "./ActionForm";
import { ClaimControls } from "./ClaimControls";
import { roomName } from "./coach_rooms";
import { ACTION_LABEL, KIND_LABEL, REASON_LABEL, timeLabel } from "./labels";
import type { QueueStore } from "./queue_store";

interface ItemViewProps {
  store: QueueStore;
  itemId: bigint;
  rooms: RoomInfo[];
}

export function ItemView({ store, itemId, rooms }: ItemViewProps) {
  const { session } = useHearth();
  // The store drops an item once it is resolved; the last answer about it is kept to show the outcome.
  const [last, setLast] = useState<QueueItem | null>(null);
  const item = store.find(itemId) ?? (last?.itemId === itemId ? last : null);
  const keep = (updated: QueueItem) => {
    setLast(updated);
    store.upsert(updated);
  };

  if (!item) {
    return (
      <section aria-labelledby="item-title">
        <h2 id="item-title">Item {String(itemId)}</h2>
        <p>This item is no longer in the queue: another coach may have resolved it.</p>
        <Link to="coach">Back to the review queue</Link>
      </section>
    );
  }

  const me = session.account.value?.user.userId;
  const mine = item.state === QueueItemState.ITEM_CLAIMED && item.claimedBy?.userId === me;
  const crisis = item.kind === QueueItemKind.ITEM_CRISIS;
  return (
    <section aria-labelledby="item-title" class={crisis ? "item crisis" : "item"}>
      <h2 id="item-title">
        {crisis && <span aria-hidden="true">⚠ </span>}
        {KIND_LABEL[item.kind]} in {roomName(rooms, item.roomId)}
      </h2>
      <Link to="coach">Back to the review queue</Link>
      <dl class="item-facts">
        <dt>Author</dt>
        <dd>{item.message?.author?.handle ?? "unknown"}</dd>
        <dt>Why it is here</dt>
        <dd>{item.why || "Reported by a member"}</dd>
        <dt>Opened</dt>
        <dd>{timeLabel(item.openedAtMs)}</dd>
        {item.editOfMessageId > 0n && (
          <>
            <dt>Edit</dt>
            <dd>This is a held edit of an earlier message; the room sees the old text until it is approved.</dd>
          </>
        )}
      </dl>
      <h3>The message</h3>
      <blockquote class="item-text">{item.message?.text || <em>The text is gone (removed or deleted).</em>}</blockquote>
      {item.message && <RoomContext message={item.message} />}
      {item.reports.length > 0 && (
        <>
          <h3>Reports</h3>
          <ul class="reports">
            {item.reports.map((report, index) => (
              <li key={index}>
                <strong>{REASON_LABEL[report.reason]}</strong> — from {report.reporter?.handle ?? "a member"},{" "}
                {timeLabel(report.reportedAtMs)}
                {report.note && <p class="report-note">“{report.note}”</p>}
              </li>
            ))}
          </ul>
        </>
      )}
      {item.state === QueueItemState.ITEM_RESOLVED ? (
        <p class="outcome" role="status">
          Resolved: {ACTION_LABEL[item.resolution]} by {item.resolvedBy?.handle ?? "a coach"}
          {item.resolutionReason ? ` — “${item.resolutionReason}”` : ""}.
        </p>
      ) : (
        <>
          <ClaimControls item={item} mine={mine} onChange={keep} />
          {mine && <ActionForm item={item} onResolved={keep} />}
        </>
      )}
    </section>
  );
}

/** The few messages before the one under review, as the room saw them (delivered ones only). */
function RoomContext({ message }: { message: RoomMessage }) {
  const { connection } = useHearth();
  const [before, setBefore] = useState<RoomMessage[] | null>(null);
  useEffect(() => {
    let live = true;
    const beforeSeq = message.seq > 0n ? message.seq : 0n;
    connection
      .request({ case: "history", value: { roomId: message.roomId, beforeSeq, limit: 5 } }, "history")
      .then(
        (result) => live && setBefore(result.messages),
        () => live && setBefore([]), // context is a help, not a must: the item stands on its own
      );
    return () => {
      live = false;
    };
  }, [message.roomId, message.seq]);
  if (!before || before.length === 0) return null;
  return (
    <details class="context">
      <summary>What came just before, in the room</summary>
      <ol>
        {before.map((earlier) => (
          <li key={String(earlier.messageId)}>
            <strong>{earlier.author?.handle}</strong>: {earlier.deleted ? <em>deleted</em> : earlier.text}
          </li>
        ))}
      </ol>
    </details>
  );
}
