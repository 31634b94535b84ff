import { useState } from "preact/hooks";
import type { Account } from "../accounts/session";
import { roleLabel } from "../accounts/roles";
import { announce } from "./announce";
import { useHearth } from "./context";

/** The account in the header: the name (shortened when narrow) opens a small menu with the role
 * and Log out, so that the header stays one line at 360 px with Quick exit always in view.
 * <details> gives the keyboard and screen readers an expandable control with no script. */
export function AccountMenu({ account }: { account: Account }) {
  const { session } = useHearth();
  const [busy, setBusy] = useState(false);
  const role = roleLabel(account.user);
  const logOut = async () => {
    setBusy(true);
    await session.logout();
    announce("You are logged out.");
  };
  return (
    <details class="account">
      <summary>
        <span class="visually-hidden">Account menu, logged in as </span>
        <span class="account-name">{account.user.handle}</span>
      </summary>
      <div class="account-panel">
        <p>
          Logged in as <strong>{account.user.handle}</strong>
          {role && <span class="role-badge">{role}</span>}
        </p>
        <button type="button" class="secondary" disabled={busy} onClick={logOut}>
          {busy ? "Logging out…" : "Log out"}
        </button>
      </div>
    </details>
  );
}
