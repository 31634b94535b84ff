// A hash router: `#/rooms/12` is the route "rooms/12". Hash routes need nothing from hearthd,
// which serves only the files it has. Navigation replaces the history entry instead of adding
// one, so Hearth stays a single entry in the tab's history: after a quick exit, Back does not
// bring a conversation back.
import { signal } from "@preact/signals";

export const route = signal(readRoute());

globalThis.addEventListener?.("hashchange", () => {
  route.value = readRoute();
});

function readRoute(): string {
  return (globalThis.location?.hash ?? "").replace(/^#\/?/, "");
}

export function navigate(path: string): void {
  history.replaceState(null, "", `#/${path}`);
  route.value = path;
}

/** The route's parts: "rooms/12" is ["rooms", "12"]. */
export function routeSegments(path = route.value): string[] {
  return path.split("/").filter((part) => part.length > 0).map(decodeURIComponent);
}
