// The coach area (loaded only when a coach or admin opens it: see app/places.ts): the live review
// queue, one item, the rooms' rules and policy, sanctions to lift early, and the audit log.
// Routes: #/coach, #/coach/item/ID, #/coach/rules, #/coach/sanctions, #/coach/audit.
import { Link } from "../app/Link";
import type { PlaceProps } from "../app/places";
import { useHearth } from "../app/context";
import { AuditView } from "./AuditView";
import { CrisisBanner } from "./CrisisBanner";
import { ItemView } from "./ItemView";
import { QueueView } from "./QueueView";
import { queueStoreFor } from "./queue_store_instance";
import { RulesView } from "./RulesView";
import { SanctionsView } from "./SanctionsView";
import { useCoachedRooms } from "./coach_rooms";

const SECTIONS = [
  { path: "", label: "Review queue" },
  { path: "rules", label: "Rules and policy" },
  { path: "sanctions", label: "Mutes and bans" },
  { path: "audit", label: "Audit log" },
] as const;

export function CoachPlace({ rest }: PlaceProps) {
  const { connection } = useHearth();
  const store = queueStoreFor(connection);
  const coached = useCoachedRooms();
  const [section = "", id] = rest;

  const current = section === "item" ? "" : section;
  let view;
  if (section === "item" && id && /^\d+$/.test(id)) view = <ItemView store={store} itemId={BigInt(id)} rooms={coached.rooms} />;
  else if (section === "rules") view = <RulesView coached={coached} />;
  else if (section === "sanctions") view = <SanctionsView coached={coached} />;
  else if (section === "audit") view = <AuditView coached={coached} />;
  else view = <QueueView store={store} rooms={coached.rooms} />;

  return (
    <section class="coach" aria-labelledby="coach-title">
      <h1 id="coach-title">Coach</h1>
      <CrisisBanner store={store} rooms={coached.rooms} />
      <nav class="coach-nav" aria-label="Coach">
        <ul>
          {SECTIONS.map((entry) => (
            <li key={entry.path}>
              <Link to={entry.path ? `coach/${entry.path}` : "coach"} current={entry.path === current}>
                {entry.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {coached.problem && (
        <p class="problem" role="alert">
          {coached.problem}
        </p>
      )}
      {view}
    </section>
  );
}
