import { useEffect, useRef } from "preact/hooks";
import type { ConnectionState } from "../net";
import { announce } from "./announce";
import { useHearth } from "./context";

const LABELS: Record<ConnectionState, string | null> = {
  idle: null,
  connecting: "Connecting…",
  unauthenticated: null,
  authenticating: "Connecting…",
  authenticated: null,
  reconnecting: "Reconnecting…",
};

/** Shows the connection only when it is not simply working; says it aloud when it drops and
 * when it is back. */
export function ConnectionStatus() {
  const { connection } = useHearth();
  const state = connection.state.value;
  const lost = useRef(false);
  useEffect(() => {
    if (state === "reconnecting" && !lost.current) {
      lost.current = true;
      announce("Connection lost. Reconnecting…");
    } else if (state === "authenticated" && lost.current) {
      lost.current = false;
      announce("Connected again.");
    } else if (state === "idle") {
      lost.current = false;
    }
  }, [state]);
  const label = LABELS[state];
  if (!label) return null;
  return (
    <span class={`connection connection-${state}`} data-state={state}>
      {label}
    </span>
  );
}
