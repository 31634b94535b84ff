import { useState } from "preact/hooks";
import type { Account } from "../accounts/session";
import { roleLabel } from "../accounts/roles";
import { announce } from "./announce";
import { useHearth } from "./context";

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
    <div class="account">
      <span class="account-name">
        <span class="visually-hidden">Logged in as </span>
        {account.user.handle}
        {role && <span class="role-badge">{role}</span>}
      </span>
      <button type="button" class="secondary" disabled={busy} onClick={logOut}>
        {busy ? "Logging out…" : "Log out"}
      </button>
    </div>
  );
}
