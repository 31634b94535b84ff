// One of the person's own sends that the room does not have as a message: pending (until the
// server's answer), held for a coach, or refused, each with its plain sentence beside the words.
// A refused one can be sent again (slow mode over, storage back) or dismissed.
import type { LocalSend } from "./room_timeline";

interface Props {
  send: LocalSend;
  author: string;
  onRetry: () => void;
  onDismiss: () => void;
}

export function LocalSendRow({ send, author, onRetry, onDismiss }: Props) {
  const status =
    send.state === "pending" ? "Sending…" : send.state === "held" ? "Waiting for a coach" : "Not sent";
  return (
    <article class={`message own local-send ${send.state}`} aria-busy={send.state === "pending"} aria-label={`${author}, ${status}`}>
      <header class="message-meta">
        <span class="message-author">{author}</span> <span class="send-status">{status}</span>
      </header>
      <p class="message-text">{send.text}</p>
      {send.explanation && <p class="send-explanation">{send.explanation}</p>}
      {send.state !== "pending" && (
        <div class="message-actions">
          {send.state === "refused" && (
            <button type="button" class="link-button" onClick={onRetry}>
              Send again
            </button>
          )}
          <button type="button" class="link-button" onClick={onDismiss}>
            Dismiss
          </button>
        </div>
      )}
    </article>
  );
}
