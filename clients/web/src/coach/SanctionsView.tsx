// Lifting a mute or a ban before it ends: the room, the member's name, which sanction, and an
// optional reason the member is told. A server ban (admins) is "every room" with a ban.
import { useState } from "preact/hooks";
import { SanctionKind } from "../gen/hearth/v1/moderation_pb";
import type { RoomInfo } from "../gen/hearth/v1/types_pb";
import { useHearth } from "../app/context";
import { FormError } from "../accounts/FormError";
import { RoomPicker, usePickedRoom } from "./RoomPicker";
import { useRequest } from "./use_request";

export function SanctionsView({ coached }: { coached: { rooms: RoomInfo[] } }) {
  const { connection } = useHearth();
  const picked = usePickedRoom(coached.rooms);
  const { roomId } = picked;
  const [handle, setHandle] = useState("");
  const [kind, setKind] = useState(SanctionKind.SANCTION_MUTE);
  const [reason, setReason] = useState("");
  const [done, setDone] = useState<string | null>(null);
  const { busy, problem, run } = useRequest();

  const submit = async (event: Event) => {
    event.preventDefault();
    setDone(null);
    const what = kind === SanctionKind.SANCTION_MUTE ? "mute" : "ban";
    const result = await run(`lift the ${what}`, () =>
      connection.request(
        { case: "liftSanction", value: { roomId, handle: handle.trim(), kind, reason: reason.trim() } },
        "ok",
      ),
    );
    if (result) {
      setDone(`The ${what} of ${handle.trim()} is lifted; they were told.`); // read out: role="status"
    }
  };

  return (
    <section aria-labelledby="sanctions-title">
      <h2 id="sanctions-title">Lift a mute or a ban</h2>
      <form class="inline-form" onSubmit={submit}>
        <RoomPicker id="sanction-room" rooms={coached.rooms} picked={picked} everyRoom="The whole server (a server ban)" />
        <div class="field">
          <label for="sanction-handle">Member's name</label>
          <input id="sanction-handle" type="text" autocomplete="off" value={handle} onInput={(event) => setHandle(event.currentTarget.value)} />
        </div>
        <fieldset>
          <legend>Which</legend>
          <label class="choice">
            <input type="radio" name="sanction-kind" checked={kind === SanctionKind.SANCTION_MUTE} onChange={() => setKind(SanctionKind.SANCTION_MUTE)} />
            Mute
          </label>
          <label class="choice">
            <input type="radio" name="sanction-kind" checked={kind === SanctionKind.SANCTION_BAN} onChange={() => setKind(SanctionKind.SANCTION_BAN)} />
            Ban
          </label>
        </fieldset>
        <div class="field">
          <label for="sanction-reason">Reason (optional; the member is told)</label>
          <textarea id="sanction-reason" rows={2} maxLength={500} value={reason} onInput={(event) => setReason(event.currentTarget.value)} />
        </div>
        <button type="submit" disabled={busy || !handle.trim()}>
          Lift it
        </button>
        <FormError id="sanction-problem" text={problem} />
        {done && (
          <p class="done" role="status">
            {done}
          </p>
        )}
      </form>
    </section>
  );
}
