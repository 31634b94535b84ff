// Writing a message: Enter sends, Shift+Enter is a new line. The text goes to the room view,
// which shows it as pending until the server has stored it.
import { useState } from "preact/hooks";
import { submitsOnEnter } from "./keys";

export function Composer({ roomName, onSend }: { roomName: string; onSend: (text: string) => void }) {
  const [text, setText] = useState("");
  const send = () => {
    if (!text.trim()) return;
    onSend(text);
    setText("");
  };
  return (
    <form
      class="composer"
      onSubmit={(event) => {
        event.preventDefault();
        send();
      }}
    >
      <label for="composer-text" class="visually-hidden">
        Message to {roomName}
      </label>
      <textarea
        id="composer-text"
        rows={2}
        placeholder={`Message ${roomName}`}
        aria-describedby="composer-hint"
        value={text}
        onInput={(event) => setText(event.currentTarget.value)}
        onKeyDown={(event) => submitsOnEnter(event, send)}
      />
      <button type="submit">Send</button>
      <p id="composer-hint" class="hint">
        Enter sends; Shift+Enter starts a new line.
      </p>
    </form>
  );
}
