// The crisis alert: a banner that says in words (and with a symbol, not by colour alone) that
// someone may be in danger, with the way to the item, and the switch for the optional sound.
import type { RoomInfo } from "../gen/hearth/v1/types_pb";
import { Link } from "../app/Link";
import { setSound, soundOn } from "./alert_sound";
import { roomName } from "./coach_rooms";
import type { QueueStore } from "./queue_store";

export function CrisisBanner({ store, rooms }: { store: QueueStore; rooms: RoomInfo[] }) {
  const item = store.crisis.value;
  return (
    <div class="crisis-area">
      {item && (
        <div class="crisis-banner" role="alert">
          <p>
            <strong>
              <span aria-hidden="true">⚠ </span>Crisis alert:
            </strong>{" "}
            someone may be in danger in {roomName(rooms, item.roomId)}.
          </p>
          <div class="actions">
            <Link to={`coach/item/${item.itemId}`} class="button-link">
              Open the crisis item
            </Link>
            <button type="button" class="secondary" onClick={() => (store.crisis.value = null)}>
              Hide this alert
            </button>
          </div>
        </div>
      )}
      <label class="sound-toggle">
        <input type="checkbox" checked={soundOn.value} onChange={(event) => setSound(event.currentTarget.checked)} />
        Play a sound for crisis alerts
      </label>
    </div>
  );
}
