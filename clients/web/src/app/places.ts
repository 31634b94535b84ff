// The areas of the app, in navigation order. A later area adds itself here: a route segment, a
// label, who may see it, and its view (lazy when it is big, so the first page stays small).
import type { ComponentType } from "preact";
import type { Account } from "../accounts/session";
import { moderates } from "../accounts/roles";
import { lazyView } from "./lazy_view";
import { ConversationsPlace } from "./places/ConversationsPlace";

export interface PlaceProps {
  /** The route's segments after the place's own: "rooms/12" gives the rooms place ["12"]. */
  rest: string[];
}

export interface Place {
  /** The first route segment, e.g. "rooms" for #/rooms. */
  path: string;
  label: string;
  visible: (account: Account) => boolean;
  View: ComponentType<PlaceProps>;
}

const everyone = () => true;
const coachesAndAdmins = (account: Account) => moderates(account.user);

export const places: Place[] = [
  {
    path: "rooms",
    label: "Rooms",
    visible: everyone,
    View: lazyView(() => import("../rooms/RoomsPlace").then((module) => module.RoomsPlace)),
  },
  { path: "conversations", label: "Conversations", visible: everyone, View: ConversationsPlace },
  {
    path: "coach",
    label: "Coach",
    visible: coachesAndAdmins,
    View: lazyView(() => import("../coach/CoachPlace").then((module) => module.CoachPlace)),
  },
];

/** The places this account may see, and the one the route names (the first one otherwise). */
export function placesFor(account: Account, firstSegment: string | undefined): { visible: Place[]; current: Place } {
  const visible = places.filter((place) => place.visible(account));
  const current = visible.find((place) => place.path === firstSegment) ?? visible[0]!;
  return { visible, current };
}
