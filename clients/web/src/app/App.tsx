import { AuthView } from "../accounts/AuthView";
import { HearthContext } from "./context";
import { Header } from "./Header";
import { LiveRegion } from "./LiveRegion";
import { loadedCore, tokens } from "./load_core";
import { SkipLink } from "./SkipLink";

/** The page. Until the core chunk is here (load_core.ts) only the login page can show; the tree
 * keeps its shape when it comes, so nothing typed into the form is lost. */
export function App() {
  const core = loadedCore.value;
  const account = core?.session.account.value ?? null;
  const resuming = core ? core.session.resuming.value : tokens.load() !== null;
  let body;
  if (core && account) {
    body = <core.Shell account={account} />;
  } else if (resuming) {
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
    <HearthContext.Provider value={core}>
      <SkipLink />
      <Header />
      {body}
      <LiveRegion />
    </HearthContext.Provider>
  );
}
