import { AuthView } from "../accounts/AuthView";
import { useHearth } from "./context";
import { Header } from "./Header";
import { LiveRegion } from "./LiveRegion";
import { Shell } from "./Shell";
import { SkipLink } from "./SkipLink";

export function App() {
  const { session } = useHearth();
  const account = session.account.value;
  let body;
  if (account) {
    body = <Shell account={account} />;
  } else if (session.resuming.value) {
    body = (
      <main id="main" class="resuming" tabIndex={-1}>
        <p>Opening Hearth…</p>
      </main>
    );
  } else {
    body = (
      <main id="main" class="auth-page" tabIndex={-1}>
        <AuthView />
      </main>
    );
  }
  return (
    <>
      <SkipLink />
      <Header />
      {body}
      <LiveRegion />
    </>
  );
}
