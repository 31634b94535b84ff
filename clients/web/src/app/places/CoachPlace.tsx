// Placeholder for the coach area (review queue, rules, room policy, audit log), loaded only when
// a coach or admin opens it (see places.ts).
import type { PlaceProps } from "../places";

export function CoachPlace(_props: PlaceProps) {
  return (
    <section aria-labelledby="coach-title">
      <h1 id="coach-title">Coach</h1>
      <p>The review queue of the rooms you coach appears here.</p>
    </section>
  );
}
