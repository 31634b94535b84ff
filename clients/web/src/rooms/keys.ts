// Enter sends, Shift+Enter starts a new line (and Enter while an input method composes a word
// does neither: it finishes the word).
export function submitsOnEnter(event: KeyboardEvent, submit: () => void | Promise<void>): void {
  if (event.key !== "Enter" || event.shiftKey || event.isComposing) return;
  event.preventDefault();
  void submit();
}
