// A room's policy: premoderation of a new member's first messages, links from new members held,
// slow mode. The limits are the protocol's (types.proto RoomPolicy); the server checks them too.
import { useState } from "preact/hooks";
import type { RoomInfo } from "../gen/hearth/v1/types_pb";
import { useHearth } from "../app/context";
import { announce } from "../app/announce";
import { FormError } from "../accounts/FormError";
import { useRequest } from "./use_request";

const FIELDS = [
  { key: "premoderateFirstMessages", label: "A new member's first messages wait for a coach", unit: "messages", max: 100 },
  { key: "linksAfterMemberHours", label: "Links from members who joined less long ago wait for a coach", unit: "hours", max: 2160 },
  { key: "slowModeSeconds", label: "Slow mode: one message per member every", unit: "seconds", max: 3600 },
] as const;
type Key = (typeof FIELDS)[number]["key"];

export function PolicyForm({ room, onSaved }: { room: RoomInfo; onSaved: () => void }) {
  const { connection } = useHearth();
  const [values, setValues] = useState<Record<Key, string>>({
    premoderateFirstMessages: String(room.policy?.premoderateFirstMessages ?? 0),
    linksAfterMemberHours: String(room.policy?.linksAfterMemberHours ?? 0),
    slowModeSeconds: String(room.policy?.slowModeSeconds ?? 0),
  });
  const [fieldProblem, setFieldProblem] = useState<Key | null>(null);
  const { busy, problem, run } = useRequest();

  const submit = async (event: Event) => {
    event.preventDefault();
    const bad = FIELDS.find((field) => !/^\d+$/.test(values[field.key]) || Number(values[field.key]) > field.max);
    setFieldProblem(bad?.key ?? null);
    if (bad) return;
    const policy = {
      premoderateFirstMessages: Number(values.premoderateFirstMessages),
      linksAfterMemberHours: Number(values.linksAfterMemberHours),
      slowModeSeconds: Number(values.slowModeSeconds),
    };
    const result = await run("save the room's policy", () =>
      connection.request({ case: "setRoomPolicy", value: { roomId: room.roomId, policy } }, "room"),
    );
    if (result) {
      announce("Policy saved.");
      onSaved();
    }
  };

  return (
    <form class="inline-form" onSubmit={submit} aria-labelledby="policy-title" noValidate>
      <h3 id="policy-title">Policy of #{room.name}</h3>
      <p class="hint">0 turns a setting off.</p>
      {FIELDS.map((field) => {
        const id = `policy-${field.key}`;
        const wrong = fieldProblem === field.key;
        return (
          <div class="field" key={field.key}>
            <label for={id}>
              {field.label} ({field.unit})
            </label>
            <input
              id={id}
              type="number"
              inputMode="numeric"
              min={0}
              max={field.max}
              value={values[field.key]}
              aria-invalid={wrong ? "true" : undefined}
              aria-describedby={wrong ? `${id}-problem` : undefined}
              onInput={(event) => setValues({ ...values, [field.key]: event.currentTarget.value })}
            />
            {wrong && (
              <p id={`${id}-problem`} class="problem">
                A whole number from 0 to {field.max}.
              </p>
            )}
          </div>
        );
      })}
      <button type="submit" disabled={busy}>
        Save the policy
      </button>
      <FormError id="policy-problem" text={problem} />
    </form>
  );
}
