// Claiming an item: who holds it, the time left on one's own lease (renewed by claiming again, as
// the protocol allows), and releasing it for another coach.
import { useEffect, useState } from "preact/hooks";
import { QueueItemState, type QueueItem } from "../gen/hearth/v1/moderation_pb";
import { useHearth } from "../app/context";
import { announce } from "../app/announce";
import { FormError } from "../accounts/FormError";
import { durationLabel } from "./labels";
import { useRequest } from "./use_request";

interface ClaimControlsProps {
  item: QueueItem;
  mine: boolean;
  onChange: (item: QueueItem) => void;
}

export function ClaimControls({ item, mine, onChange }: ClaimControlsProps) {
  const { connection } = useHearth();
  const { busy, problem, run } = useRequest();
  const claimedByOther = item.state === QueueItemState.ITEM_CLAIMED && !mine;

  const claim = async (doing: string) => {
    const result = await run(doing, () =>
      connection.request({ case: "claimItem", value: { itemId: item.itemId } }, "queueItem"),
    );
    if (result?.item) {
      onChange(result.item);
      announce("You hold this item now.");
    }
  };
  const release = async () => {
    const result = await run("release this item", () =>
      connection.request({ case: "releaseItem", value: { itemId: item.itemId } }, "queueItem"),
    );
    if (result?.item) {
      onChange(result.item);
      announce("Released: another coach can take it.");
    }
  };

  return (
    <div class="claim">
      {mine ? (
        <>
          <LeaseLeft expiresAtMs={Number(item.leaseExpiresAtMs)} />
          <div class="actions">
            <button type="button" class="secondary" disabled={busy} onClick={() => void claim("renew your claim")}>
              Renew the claim
            </button>
            <button type="button" class="secondary" disabled={busy} onClick={() => void release()}>
              Release
            </button>
          </div>
        </>
      ) : (
        <>
          {claimedByOther && <p>{item.claimedBy?.handle ?? "Another coach"} is handling this item.</p>}
          <button type="button" disabled={busy} onClick={() => void claim("claim this item")}>
            Claim this item
          </button>
        </>
      )}
      <FormError id={`claim-problem-${item.itemId}`} text={problem} />
    </div>
  );
}

/** The lease's time left, counting down; once it runs out the item is open to everyone again. */
function LeaseLeft({ expiresAtMs }: { expiresAtMs: number }) {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const left = expiresAtMs - now;
  return left > 0 ? (
    <p class="lease">
      You hold this item. Your claim lasts another <strong>{durationLabel(left)}</strong> (until{" "}
      {new Date(expiresAtMs).toLocaleTimeString()}).
    </p>
  ) : (
    <p class="lease problem">Your claim has run out: claim the item again before acting on it.</p>
  );
}
