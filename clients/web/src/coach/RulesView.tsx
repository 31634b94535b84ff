// A room's rules (filters: the server's and the room's own) and its policy. Admins may also pick
// "every room" for the server's rules. Adding and removing take effect for the next message.
import { useEffect, useState } from "preact/hooks";
import { FilterAction, type FilterRule } from "../gen/hearth/v1/moderation_pb";
import type { RoomInfo } from "../gen/hearth/v1/types_pb";
import { useHearth } from "../app/context";
import { announce } from "../app/announce";
import { FormError } from "../accounts/FormError";
import { FILTER_ACTION_LABEL } from "./labels";
import { PolicyForm } from "./PolicyForm";
import { RoomPicker, usePickedRoom } from "./RoomPicker";
import { useRequest } from "./use_request";

interface Coached {
  rooms: RoomInfo[];
  reload: () => void;
}

export function RulesView({ coached }: { coached: Coached }) {
  const picked = usePickedRoom(coached.rooms);
  const { roomId } = picked;
  const room = coached.rooms.find((candidate) => candidate.roomId === roomId);
  return (
    <section aria-labelledby="rules-title">
      <h2 id="rules-title">Rules and policy</h2>
      <RoomPicker id="rules-room" rooms={coached.rooms} picked={picked} everyRoom="Every room (the server's rules)" />
      <RuleList key={String(roomId)} roomId={roomId} />
      {room && <PolicyForm key={`policy-${roomId}`} room={room} onSaved={coached.reload} />}
    </section>
  );
}

function RuleList({ roomId }: { roomId: bigint }) {
  const { connection } = useHearth();
  const [rules, setRules] = useState<FilterRule[] | null>(null);
  const listing = useRequest();
  const load = async () => {
    const result = await listing.run("list the rules", () =>
      connection.request({ case: "listRules", value: { roomId } }, "rules"),
    );
    setRules(result?.rules ?? []);
  };
  useEffect(() => void load(), [roomId]);

  return (
    <section aria-labelledby="rule-list-title">
      <h3 id="rule-list-title">Watched words and phrases</h3>
      <FormError id="rules-problem" text={listing.problem} />
      {rules === null ? (
        <p class="loading">Loading the rules…</p>
      ) : rules.length === 0 ? (
        <p>No rules apply here.</p>
      ) : (
        <table class="rules">
          <thead>
            <tr>
              <th scope="col">Words</th>
              <th scope="col">What happens</th>
              <th scope="col">Applies to</th>
              <th scope="col">
                <span class="visually-hidden">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rules.map((rule) => (
              <RuleRow key={String(rule.ruleId)} rule={rule} onRemoved={load} />
            ))}
          </tbody>
        </table>
      )}
      <AddRuleForm roomId={roomId} onAdded={load} />
    </section>
  );
}

function RuleRow({ rule, onRemoved }: { rule: FilterRule; onRemoved: () => void }) {
  const { connection } = useHearth();
  const { busy, problem, run } = useRequest();
  const remove = async () => {
    const done = await run(`remove the rule “${rule.pattern}”`, () =>
      connection.request({ case: "removeRule", value: { ruleId: rule.ruleId, reason: "removed in the coach area" } }, "ok"),
    );
    if (done) {
      announce(`Rule “${rule.pattern}” removed.`);
      onRemoved();
    }
  };
  return (
    <tr>
      <td>{rule.pattern}</td>
      <td>{FILTER_ACTION_LABEL[rule.action]}</td>
      <td>{rule.roomId === 0n ? "every room" : "this room"}</td>
      <td>
        <button type="button" class="secondary" disabled={busy} onClick={() => void remove()}>
          Remove<span class="visually-hidden"> “{rule.pattern}”</span>
        </button>
        <FormError id={`rule-${rule.ruleId}-problem`} text={problem} />
      </td>
    </tr>
  );
}

const RULE_ACTIONS = [FilterAction.FILTER_FLAG, FilterAction.FILTER_HOLD, FilterAction.FILTER_BLOCK, FilterAction.FILTER_CRISIS];

function AddRuleForm({ roomId, onAdded }: { roomId: bigint; onAdded: () => void }) {
  const { connection } = useHearth();
  const [pattern, setPattern] = useState("");
  const [action, setAction] = useState(FilterAction.FILTER_FLAG);
  const { busy, problem, run } = useRequest();
  const submit = async (event: Event) => {
    event.preventDefault();
    const result = await run("add the rule", () =>
      connection.request({ case: "addRule", value: { roomId, pattern: pattern.trim(), action } }, "rule"),
    );
    if (result) {
      setPattern("");
      announce("Rule added. It applies from the next message.");
      onAdded();
    }
  };
  return (
    <form class="inline-form" onSubmit={submit} aria-labelledby="add-rule-title">
      <h4 id="add-rule-title">Add a rule</h4>
      <div class="field">
        <label for="rule-pattern">Words or a phrase</label>
        <p id="rule-pattern-hint" class="hint">
          At most 8 words; a trailing * matches word beginnings.
        </p>
        <input id="rule-pattern" type="text" value={pattern} aria-describedby="rule-pattern-hint" onInput={(event) => setPattern(event.currentTarget.value)} />
      </div>
      <div class="field">
        <label for="rule-action">What happens</label>
        <select id="rule-action" value={action} onChange={(event) => setAction(Number(event.currentTarget.value) as FilterAction)}>
          {RULE_ACTIONS.map((choice) => (
            <option key={choice} value={choice}>
              {FILTER_ACTION_LABEL[choice]}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" disabled={busy}>
        Add the rule
      </button>
      <FormError id="add-rule-problem" text={problem} />
    </form>
  );
}
