// The server's crisis resources, shown the moment the person sends words that match a crisis
// phrase: to them only (nobody else in the room gets this), at the top of the room, with focus
// moved to it so that a screen reader reads it at once.
import { useEffect, useRef } from "preact/hooks";

export function CrisisPanel({ text, onClose }: { text: string; onClose: () => void }) {
  const panel = useRef<HTMLElement>(null);
  useEffect(() => panel.current?.focus(), [text]);
  return (
    <section class="crisis-panel" aria-labelledby="crisis-title" tabIndex={-1} ref={panel} role="alert">
      <h2 id="crisis-title">You are not alone. Help is here now.</h2>
      <p class="crisis-text">{text}</p>
      <p class="hint">Only you can see this. Your message went to the room, and its coaches were told.</p>
      <button type="button" class="secondary" onClick={onClose}>
        Close
      </button>
    </section>
  );
}
