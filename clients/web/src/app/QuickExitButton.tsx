import { quickExit } from "./quick_exit";

export function QuickExitButton() {
  return (
    <button
      type="button"
      class="quick-exit"
      aria-keyshortcuts="Escape Escape"
      title="Leave Hearth at once (or press Escape twice)"
      onClick={quickExit}
    >
      Quick exit
    </button>
  );
}
