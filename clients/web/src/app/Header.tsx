import { loadedCore } from "./load_core";
import { QuickExitButton } from "./QuickExitButton";

/** One line at every width: the name, the connection and account (once the core is here), and
 * quick exit, always visible. */
export function Header() {
  const core = loadedCore.value;
  return (
    <header class="topbar">
      <span class="brand">Hearth</span>
      {core && <core.HeaderStatus />}
      <QuickExitButton />
    </header>
  );
}
