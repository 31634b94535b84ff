// Editing one's own message in place: Enter saves, Shift+Enter is a new line, Escape cancels.
// An edit passes the same checks as a send (it may be held or refused: the sentence says so).
import { useEffect, useRef, useState } from "preact/hooks";
import type { RoomMessage } from "../gen/hearth/v1/types_pb";
import { useHearth } from "../app/context";
import { announce } from "../app/announce";
import { sendRefusal } from "./explanations";
import { submitsOnEnter } from "./keys";

export function EditForm({ message, onDone }: { message: RoomMessage; onDone: () => void }) {
  const { connection } = useHearth();
  const [text, setText] = useState(message.text);
  const [problem, setProblem] = useState("");
  const field = useRef<HTMLTextAreaElement>(null);
  useEffect(() => field.current?.focus(), []);
  const id = `edit-${message.messageId}`;

  const save = async () => {
    if (!text.trim()) return;
    try {
      await connection.request({ case: "editMessage", value: { messageId: message.messageId, text } }, "ok");
      announce("Message edited.");
      onDone();
    } catch (error) {
      setProblem(sendRefusal(error).explanation.replace("This was not sent", "This edit was not saved"));
    }
  };

  return (
    <form
      class="edit-form"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <label for={id}>Edit your message</label>
      <textarea
        id={id}
        ref={field}
        value={text}
        onInput={(event) => setText(event.currentTarget.value)}
        onKeyDown={(event) => {
          if (event.key === "Escape") {
            onDone();
          } else submitsOnEnter(event, save);
        }}
      />
      {problem && (
        <p class="form-error" role="alert">
          {problem}
        </p>
      )}
      <div class="dialog-actions">
        <button type="submit">Save</button>
        <button type="button" class="secondary" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
