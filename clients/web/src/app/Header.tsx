import { AccountMenu } from "./AccountMenu";
import { ConnectionStatus } from "./ConnectionStatus";
import { useHearth } from "./context";
import { QuickExitButton } from "./QuickExitButton";

export function Header() {
  const { session } = useHearth();
  const account = session.account.value;
  return (
    <header class="topbar">
      <span class="brand">Hearth</span>
      <ConnectionStatus />
      {account && <AccountMenu account={account} />}
      <QuickExitButton />
    </header>
  );
}
