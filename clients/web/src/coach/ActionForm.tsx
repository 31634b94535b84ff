// Resolving a claimed item with one of the protocol's actions and what it asks for: a reason
// (kept in the audit log; for a warning it is the words the member reads), a duration for a mute
// or a ban (a ban may be for good), and whether to remove the message as well.
import { useState } from "preact/hooks";
import { ModerationAction, QueueItemKind, type QueueItem } from "../gen/hearth/v1/moderation_pb";
import { Role } from "../gen/hearth/v1/types_pb";
import { useHearth } from "../app/context";
import { announce } from "../app/announce";
import { FormError } from "../accounts/FormError";
import { ACTION_LABEL } from "./labels";
import { useRequest } from "./use_request";

const DURATIONS = [
  { minutes: 15, label: "15 minutes" },
  { minutes: 60, label: "1 hour" },
  { minutes: 24 * 60, label: "1 day" },
  { minutes: 7 * 24 * 60, label: "1 week" },
  { minutes: 30 * 24 * 60, label: "30 days" },
];
const FOR_GOOD = 0;
const SANCTIONS = new Set([
  ModerationAction.ACTION_WARN,
  ModerationAction.ACTION_MUTE,
  ModerationAction.ACTION_KICK,
  ModerationAction.ACTION_BAN_ROOM,
  ModerationAction.ACTION_BAN_SERVER,
]);
const BANS = new Set([ModerationAction.ACTION_BAN_ROOM, ModerationAction.ACTION_BAN_SERVER]);

/** The actions that make sense for this item and this person (the server checks again). */
function actionsFor(item: QueueItem, admin: boolean): ModerationAction[] {
  const held = item.kind === QueueItemKind.ITEM_HELD;
  return [
    ...(held ? [ModerationAction.ACTION_APPROVE] : []),
    ModerationAction.ACTION_REMOVE,
    ...(held ? [] : [ModerationAction.ACTION_DISMISS]),
    ModerationAction.ACTION_WARN,
    ModerationAction.ACTION_MUTE,
    ModerationAction.ACTION_KICK,
    ModerationAction.ACTION_BAN_ROOM,
    ...(admin ? [ModerationAction.ACTION_BAN_SERVER] : [ModerationAction.ACTION_ESCALATE]),
  ];
}

export function ActionForm({ item, onResolved }: { item: QueueItem; onResolved: (item: QueueItem) => void }) {
  const { connection, session } = useHearth();
  const admin = session.account.value?.user.role === Role.ADMIN;
  const actions = actionsFor(item, admin);
  const [action, setAction] = useState<ModerationAction>(actions[0]!);
  const [reason, setReason] = useState("");
  const [minutes, setMinutes] = useState(60);
  const [alsoRemove, setAlsoRemove] = useState(false); // the least a coach can do, unless they choose more
  const [reasonProblem, setReasonProblem] = useState<string | null>(null);
  const { busy, problem, run } = useRequest();
  const warn = action === ModerationAction.ACTION_WARN;
  const ban = BANS.has(action);
  const base = `item-${item.itemId}`;

  const submit = async (event: Event) => {
    event.preventDefault();
    if (warn && !reason.trim()) {
      setReasonProblem("Write the warning: the member reads these words.");
      return;
    }
    setReasonProblem(null);
    const result = await run(ACTION_LABEL[action].toLowerCase(), () =>
      connection.request(
        {
          case: "resolveItem",
          value: {
            itemId: item.itemId,
            action,
            reason: reason.trim(),
            durationMinutes: action === ModerationAction.ACTION_MUTE || ban ? minutes : 0,
            alsoRemove: SANCTIONS.has(action) && alsoRemove,
          },
        },
        "queueItem",
      ),
    );
    if (result?.item) {
      onResolved(result.item);
      announce(`Done: ${ACTION_LABEL[action]}.`);
    }
  };

  const durations = ban ? [...DURATIONS, { minutes: FOR_GOOD, label: "For good" }] : DURATIONS;
  return (
    <form class="action-form" onSubmit={submit} aria-labelledby={`${base}-actions`}>
      <h3 id={`${base}-actions`}>Decide</h3>
      <fieldset>
        <legend>Action</legend>
        {actions.map((choice) => (
          <label key={choice} class="choice">
            <input
              type="radio"
              name={`${base}-action`}
              checked={choice === action}
              onChange={() => {
                setAction(choice);
                if (BANS.has(choice) && !ban) setMinutes(FOR_GOOD);
                if (!BANS.has(choice) && minutes === FOR_GOOD) setMinutes(60);
              }}
            />
            {ACTION_LABEL[choice]}
          </label>
        ))}
      </fieldset>
      {(action === ModerationAction.ACTION_MUTE || ban) && (
        <div class="field">
          <label for={`${base}-duration`}>{ban ? "Ban for" : "Mute for"}</label>
          <select id={`${base}-duration`} value={minutes} onChange={(event) => setMinutes(Number(event.currentTarget.value))}>
            {durations.map((duration) => (
              <option key={duration.minutes} value={duration.minutes}>
                {duration.label}
              </option>
            ))}
          </select>
        </div>
      )}
      {SANCTIONS.has(action) && item.kind !== QueueItemKind.ITEM_HELD && (
        <label class="choice">
          <input type="checkbox" checked={alsoRemove} onChange={(event) => setAlsoRemove(event.currentTarget.checked)} />
          Also remove the message
        </label>
      )}
      <div class="field">
        <label for={`${base}-reason`}>{warn ? "The warning (the member reads it)" : "Reason (kept in the audit log)"}</label>
        <textarea
          id={`${base}-reason`}
          rows={3}
          maxLength={500}
          value={reason}
          aria-invalid={reasonProblem ? "true" : undefined}
          aria-describedby={reasonProblem ? `${base}-reason-problem` : undefined}
          onInput={(event) => setReason(event.currentTarget.value)}
        />
        {reasonProblem && (
          <p id={`${base}-reason-problem`} class="problem">
            {reasonProblem}
          </p>
        )}
      </div>
      <button type="submit" disabled={busy}>
        {ACTION_LABEL[action]}
      </button>
      <FormError id={`${base}-problem`} text={problem} />
    </form>
  );
}
