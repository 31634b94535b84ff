// One polite live region for the whole page: a screen reader reads what is announced here when
// it is done with what it is saying. Views call announce(); LiveRegion.tsx renders it.
import { signal } from "@preact/signals";

export const announcement = signal("");

let clearTimer: ReturnType<typeof setTimeout> | null = null;

/** Says `text` once to screen readers; text is never logged. */
export function announce(text: string): void {
  // Emptying first makes the same sentence twice in a row be read twice.
  announcement.value = "";
  if (clearTimer) clearTimeout(clearTimer);
  queueMicrotask(() => {
    announcement.value = text;
  });
  // Leave nothing stale for a screen reader's virtual cursor to find later.
  clearTimer = setTimeout(() => {
    announcement.value = "";
  }, 10_000);
}
