import { useEffect, useRef } from "preact/hooks";
import type { Account } from "../accounts/session";
import { Nav } from "./Nav";
import { placesFor } from "./places";
import { route, routeSegments } from "./router";

/** The logged-in page: the navigation and the current place. */
export function Shell({ account }: { account: Account }) {
  const segments = routeSegments(route.value);
  const { visible, current } = placesFor(account, segments[0]);
  const main = useRef<HTMLElement>(null);
  const shownPath = useRef(current.path);
  useEffect(() => {
    // Moving between places puts keyboard and screen reader focus at the new place's start.
    if (shownPath.current !== current.path) main.current?.focus();
    shownPath.current = current.path;
  }, [current.path]);
  const View = current.View;
  return (
    <div class="shell">
      <Nav places={visible} current={current} />
      <main id="main" class="place" tabIndex={-1} ref={main}>
        <View rest={segments.slice(1)} />
      </main>
    </div>
  );
}
