import { AccountMenu } from "./AccountMenu";
import { ConnectionStatus } from "./ConnectionStatus";
import { useHearth } from "./context";

/** The header's part that needs the core: the connection's state and, logged in, the account. */
export function HeaderStatus() {
  const { session } = useHearth();
  const account = session.account.value;
  return (
    <>
      <ConnectionStatus />
      {account && <AccountMenu account={account} />}
    </>
  );
}
