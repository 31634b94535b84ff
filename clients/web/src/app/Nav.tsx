import { Link } from "./Link";
import type { Place } from "./places";

export function Nav({ places, current }: { places: Place[]; current: Place }) {
  return (
    <nav class="places-nav" aria-label="Hearth">
      <ul>
        {places.map((place) => (
          <li key={place.path}>
            <Link to={place.path} current={place === current}>
              {place.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
