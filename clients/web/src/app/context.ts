// What every view reaches through useHearth(): the connection and the session, made once in
// main.tsx. Views take them from here rather than from module globals, so tests and later
// areas can give them their own.
import { createContext } from "preact";
import { useContext } from "preact/hooks";
import type { Session } from "../accounts/session";
import type { Connection } from "../net";

export interface Hearth {
  connection: Connection;
  session: Session;
}

export const HearthContext = createContext<Hearth | null>(null);

export function useHearth(): Hearth {
  const hearth = useContext(HearthContext);
  if (!hearth) throw new Error("useHearth outside HearthContext");
  return hearth;
}
